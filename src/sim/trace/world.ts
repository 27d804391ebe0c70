/**
 * What the tracer walks: the nodes' Linux network models (`src/sim/linux`) and the VPC
 * fabric that joins their ENIs to each other and to the internet.
 *
 * The fabric is derived from the models themselves: an ENI's addresses are the address on
 * its device plus the IPs of the pods whose host route table leaves by that device (the VPC
 * only ever delivers an address to the ENI it is assigned to). What Linux cannot show —
 * public IPs, how the subnets reach the internet — comes from `WorldOptions`.
 */
import { cidr, cidrContains, formatIpv4, mustCidr, mustIpv4, type Cidr, type Ipv4 } from '../net/ipv4.ts';
import type { NodeNetworkInput } from '../linux/input.ts';
import type { Netns, NodeNetwork, PodNetns } from '../linux/model.ts';

/** An ENI as the VPC sees it. */
export interface FabricEni {
  /** `<node>:<device>`; the model does not carry EC2 ids. */
  id: string;
  node: string;
  /** Linux device that carries the ENI on the node (eth1, vlan.eth.1 for a branch ENI). */
  device: string;
  mac: string;
  /** Subnet of the ENI (from the device address; a branch ENI's gateway /32 if unknown). */
  subnet: Cidr;
  gateway?: Ipv4;
  /** The device's own address first, then pod addresses, then warm secondary IPs. */
  ips: Ipv4[];
  /** Delegated /28 prefixes (prefix-delegation mode): every address inside is the ENI's. */
  prefixes: Cidr[];
  publicIp?: Ipv4;
  sourceDestCheck: boolean;
}

export type InternetAccess = { kind: 'igw' } | { kind: 'nat-gateway'; publicIp: Ipv4 };

/** A NAT gateway: its private IP in its (public) subnet, and its Elastic IP. */
export interface NatGateway {
  id: string;
  subnet: Cidr;
  privateIp: Ipv4;
  publicIp: Ipv4;
}

/** A subnet's route table, as far as traffic leaving the VPC goes (its 0.0.0.0/0 route). */
export interface SubnetRoute {
  cidr: Cidr;
  id?: string;
  defaultRoute: { kind: 'igw' } | { kind: 'none' } | { kind: 'nat'; gateway: NatGateway };
}

/** A target a load balancer forwards to: an address and port, in an AZ, with its health. */
export interface FabricTarget {
  ip: Ipv4;
  port: number;
  zone?: string;
  /** Receives new connections (ELB state `healthy`). */
  healthy: boolean;
  /** Registered and not draining (fail-open picks among these when none is healthy). */
  registered: boolean;
  /** What the target is, for the walk: a pod or `instance i-… (node …)`. */
  label: string;
}

/** A listener: port → target group (ALB: the rule for path `/`, else the default action). */
export interface FabricListener {
  port: number;
  protocol: 'tcp' | 'udp';
  /** The target group's name. */
  targetGroup?: string;
  /** The target group's targets and settings. */
  targets: FabricTarget[];
  preserveClientIp: boolean;
}

/** One load balancer node: its ENI in a subnet of one AZ. */
export interface FabricLbNode {
  zone: string;
  eniId: string;
  privateIp: Ipv4;
  publicIp?: Ipv4;
}

/** A load balancer in the VPC: a node per AZ (an ENI with a private and maybe a public address). */
export interface FabricLoadBalancer {
  name: string;
  dnsName: string;
  type: 'network' | 'application';
  scheme: 'internal' | 'internet-facing';
  nodes: FabricLbNode[];
  listeners: FabricListener[];
  crossZone: boolean;
  /** Provisioned (State active): before that its DNS name does not resolve. */
  active: boolean;
}

/**
 * A Service's ClusterIP, for `<name>.<namespace>.svc.cluster.local`, and the load balancer
 * hostname in its status (or an Ingress's), for `loadbalancer:<namespace>/<name>`.
 */
export interface FabricService {
  kind: 'service' | 'ingress';
  namespace: string;
  name: string;
  clusterIP?: string;
  loadBalancerHostname?: string;
}

/** An address in the VPC that answers by itself (EKS's API server ENIs). */
export interface FabricHost {
  ip: Ipv4;
  label: string;
}

/** What the VPC is, apart from its ENIs. */
export interface FabricFacts {
  vpcCidrs: Cidr[];
  internet: InternetAccess;
  /** The stand-in internet host (a documentation address). */
  internetHost: Ipv4;
  /** Route tables of the described subnets (scenario `subnets[].defaultRoute`). */
  subnets: SubnetRoute[];
  natGateways: NatGateway[];
  loadBalancers: FabricLoadBalancer[];
  hosts: FabricHost[];
  services: FabricService[];
}

export interface Fabric extends FabricFacts {
  enis: FabricEni[];
}

/** A namespace anywhere in the world. */
export interface NsRef {
  /** `<node>` for the host namespace, `<node>/<namespace>/<pod>` for a pod. */
  id: string;
  node: NodeNetwork;
  netns: Netns;
  pod?: PodNetns;
}

/**
 * What the tracer asks of a world. The eager `TraceWorld` answers from every node built up
 * front; a lazy world (lazy-world.ts) builds a node only when a walk reaches it.
 */
export interface Walkable {
  readonly fabric: FabricFacts;
  /** A namespace by id: `<node>` or `<node>/<namespace>/<pod>`. */
  namespace(id: string): NsRef | undefined;
  /** A pod by `namespace/name` or bare name (unique), or a node by name. */
  findEndpoint(name: string): NsRef | undefined;
  /** The ENIs of one node, as the VPC sees them. */
  enisOf(node: string): readonly FabricEni[];
  /** The ENI that owns an address (its own, a pod's, a warm one, or inside a prefix). */
  eniOwning(ip: number): FabricEni | undefined;
  /** The ENI an internet gateway maps a public IP to. */
  eniWithPublicIp(ip: number): FabricEni | undefined;
  /** The scenario's seed: the random choices (statistic, load balancer) draw from it and the flow. */
  seed: number;
  /** Simulated time of the walk (recent-list ages). */
  nowMs: number;
  /** The `xt_recent` lists of a node as traffic left them (absent: empty). */
  recentSeen?(node: string, list: string, ip: number, seconds: number): boolean;
}

export interface TraceWorld extends Walkable {
  nodes: NodeNetwork[];
  fabric: Fabric;
  namespaces: Map<string, NsRef>;
}

export interface WorldOptions {
  vpcCidrs?: string[];
  /** Default: an internet gateway, each node's primary IP mapped to a public IP. */
  internet?: 'igw' | 'nat-gateway';
  /** private IP → public IP; default: 198.51.100.<n+10> for the n-th node's primary IP. */
  publicIps?: Record<string, string>;
  /** Default 203.0.113.10. */
  internetHost?: string;
  /**
   * The subnets' route tables (a scenario's `subnets`): an ENI in a subnet whose default
   * route is not `igw` gets no public IP, and its internet traffic follows its subnet's route.
   */
  subnets?: readonly { id?: string; cidr: string; defaultRoute?: string; natGateway?: { id: string } }[];
  /**
   * The inputs the nodes were built from: their ENIs' secondary IPs and /28 prefixes belong
   * to the ENI in the VPC even while no pod holds them (warm addresses).
   */
  inputs?: NodeNetworkInput[];
  loadBalancers?: FabricLoadBalancer[];
  hosts?: FabricHost[];
  services?: FabricService[];
  /**
   * The scenario's seed and the moment (defaults 1 and 0): statistic and load balancer
   * choices draw from the seed, randomised SNAT ports from both (nat-port.ts).
   */
  seed?: number;
  nowMs?: number;
  recentSeen?: TraceWorld['recentSeen'];
}

/** The primary ENI's device: the one main's default route leaves by. */
export function primaryDevice(n: NodeNetwork): string {
  const def = n.host.routes.find((r) => r.table === 254 && r.type === 'unicast' && r.dst.prefixLength === 0);
  return def?.dev ?? n.host.links.find((l) => l.kind === 'ena')?.name ?? 'eth0';
}

/** The device that traffic using route table `table` leaves by. */
export function tableDevice(n: NodeNetwork, table: number): string | undefined {
  if (table === 254) return primaryDevice(n);
  return n.host.routes.find((r) => r.table === table && r.dst.prefixLength === 0)?.dev;
}

/** The public IP the internet gateway gives the n-th node's primary address. */
export function defaultPublicIp(nodeIndex: number): Ipv4 {
  // 198.51.100.10–199 (documentation range; .200 is the NAT gateway's), then, for larger
  // clusters, the benchmarking range 198.18.0.0/15, which is never routed on the internet either.
  if (nodeIndex < 190) return mustIpv4(`198.51.100.${10 + nodeIndex}`);
  const k = nodeIndex - 190 + 1;
  return (((198 << 24) | (18 << 16)) + k) >>> 0 as Ipv4;
}

/** The node index `defaultPublicIp` gave a public IP, or -1. */
export function nodeIndexOfPublicIp(ip: number): number {
  const docBase = mustIpv4('198.51.100.0');
  if (ip >= docBase + 10 && ip < docBase + 200) return ip - docBase - 10;
  if (ip > BENCH_BASE && ip < BENCH_BASE + NODE_BENCH_SPAN) return ip - BENCH_BASE - 1 + 190;
  return -1;
}

const ownsIp = (e: FabricEni, ip: number) => (e.ips as number[]).includes(ip) || e.prefixes.some((c) => cidrContains(c, ip));

/** The VPC's ENIs on one node (the i-th of the world), derived from its Linux model. */
export function nodeFabricEnis(n: NodeNetwork, i: number, o: WorldOptions, input?: NodeNetworkInput): FabricEni[] {
  const enis: FabricEni[] = [];
  const routes = subnetRoutes(o);
  {
    const primary = primaryDevice(n);
    for (const link of n.host.links) {
      if (link.kind !== 'ena' && link.kind !== 'vlan') continue;
      const addr = n.host.addresses.find((a) => a.ifindex === link.ifindex && a.family === 'inet');
      const gwRoute = n.host.routes.find((r) => r.dev === link.name && r.dst.prefixLength === 0 && r.via !== undefined);
      const gateway = gwRoute?.via;
      const ips: Ipv4[] = [];
      if (addr) ips.push(addr.local as Ipv4);
      for (const p of n.pods) if (tableDevice(n, p.hostTable) === link.name && !ips.includes(p.ip)) ips.push(p.ip);
      const declared = input?.enis.find((e) => e.ifName === link.name);
      for (const text of declared?.secondaryIps ?? []) {
        const ip = mustIpv4(text);
        if (!ips.includes(ip)) ips.push(ip);
      }
      const prefixes = (declared?.prefixes ?? []).map(mustCidr);
      const subnet = addr ? cidr(addr.local as number, addr.prefixLength) : cidr(gateway ?? 0, 32);
      const eni: FabricEni = { id: `${n.nodeName}:${link.name}`, node: n.nodeName, device: link.name, mac: link.mac, subnet, ips, prefixes, sourceDestCheck: true };
      if (gateway !== undefined) eni.gateway = gateway;
      const route = addr ? subnetRouteOf(routes, addr.local as number) : undefined;
      // EC2 maps a public IP only in a public subnet (route to the internet gateway).
      if (link.name === primary && addr && (o.internet ?? 'igw') === 'igw' && (route === undefined || route.defaultRoute.kind === 'igw')) {
        const mapped = o.publicIps?.[formatIpv4(addr.local as number)];
        eni.publicIp = mapped ? mustIpv4(mapped) : defaultPublicIp(i);
      }
      enis.push(eni);
    }
  }
  return enis;
}

/** The VPC apart from its ENIs: CIDRs (from the options or the first node), internet access. */
export function fabricFacts(o: WorldOptions, fallbackVpcCidrs: readonly Cidr[] = []): FabricFacts {
  const vpcCidrs = (o.vpcCidrs ?? []).map(mustCidr);
  return {
    vpcCidrs: vpcCidrs.length ? vpcCidrs : [...fallbackVpcCidrs],
    internet: o.internet === 'nat-gateway' ? { kind: 'nat-gateway', publicIp: mustIpv4('198.51.100.200') } : { kind: 'igw' },
    internetHost: mustIpv4(o.internetHost ?? '203.0.113.10'),
    ...subnetRoutes(o),
    loadBalancers: o.loadBalancers ?? [],
    hosts: o.hosts ?? [],
    services: o.services ?? [],
  };
}

/**
 * The n-th NAT gateway's Elastic IP: 198.51.100.200–254 (documentation range), then down from
 * the top of 198.18.0.0/15 (a scenario has at most 200 subnets, so at most 145 more), which the
 * nodes' public IPs (up from its bottom) and the load balancers' (192.0.2.10 up) never reach.
 */
export function elasticIp(n: number): Ipv4 {
  if (n < 55) return mustIpv4(`198.51.100.${200 + n}`);
  return (BENCH_BASE + 2 ** 17 - 2 - (n - 55)) >>> 0 as Ipv4;
}

/** 198.18.0.0, the start of the benchmarking range (RFC 2544), never routed on the internet. */
const BENCH_BASE = ((198 << 24) | (18 << 16)) >>> 0;
/** Node public IPs stop below the range's last 256 addresses, which are the NAT gateways'. */
const NODE_BENCH_SPAN = 2 ** 17 - 256;

/**
 * NAT gateways get the subnet's second-to-last address (EC2 picks one at random; the engine's
 * subnet pool holds this one for it) and Elastic IPs from elasticIp.
 */
function subnetRoutes(o: WorldOptions): { subnets: SubnetRoute[]; natGateways: NatGateway[] } {
  const natGateways: NatGateway[] = [];
  for (const s of o.subnets ?? []) {
    if (!s.natGateway) continue;
    const subnet = mustCidr(s.cidr);
    const privateIp = ((subnet.base + 2 ** (32 - subnet.prefixLength) - 2) >>> 0) as Ipv4;
    natGateways.push({ id: s.natGateway.id, subnet, privateIp, publicIp: elasticIp(natGateways.length) });
  }
  const subnets = (o.subnets ?? []).map((s): SubnetRoute => {
    const gateway = natGateways.find((g) => g.id === s.defaultRoute);
    const defaultRoute: SubnetRoute['defaultRoute'] = gateway ? { kind: 'nat', gateway } : s.defaultRoute === 'none' ? { kind: 'none' } : { kind: 'igw' };
    return { cidr: mustCidr(s.cidr), ...(s.id ? { id: s.id } : {}), defaultRoute };
  });
  return { subnets, natGateways };
}

/** The route table of the subnet holding `ip`, if the world describes it. */
export function subnetRouteOf(f: Pick<FabricFacts, 'subnets'>, ip: number): SubnetRoute | undefined {
  return f.subnets.find((s) => cidrContains(s.cidr, ip));
}

/** A node's namespaces by id: the host's, then each pod's. */
export function nodeNamespaces(n: NodeNetwork): Map<string, NsRef> {
  const out = new Map<string, NsRef>();
  out.set(n.nodeName, { id: n.nodeName, node: n, netns: n.host });
  for (const p of n.pods) out.set(`${n.nodeName}/${p.namespace}/${p.pod}`, { id: `${n.nodeName}/${p.namespace}/${p.pod}`, node: n, netns: p, pod: p });
  return out;
}

/** Indexes the nodes' namespaces and derives the VPC fabric, every node up front. */
export function buildWorld(nodes: NodeNetwork[], options: WorldOptions = {}): TraceWorld {
  const namespaces = new Map<string, NsRef>();
  for (const n of nodes) for (const [id, ref] of nodeNamespaces(n)) namespaces.set(id, ref);
  const enis = nodes.flatMap((n, i) => nodeFabricEnis(n, i, options, options.inputs?.find((x) => x.nodeName === n.nodeName)));
  const fabric: Fabric = { ...fabricFacts(options, nodes[0]?.config.vpcCidrs), enis };
  return {
    nodes,
    fabric,
    namespaces,
    seed: options.seed ?? 1,
    nowMs: options.nowMs ?? 0,
    ...(options.recentSeen ? { recentSeen: options.recentSeen } : {}),
    namespace: (id) => namespaces.get(id),
    findEndpoint(name) {
      const direct = namespaces.get(name);
      if (direct) return direct;
      const hits = [...namespaces.values()].filter((r) => r.pod && (`${r.pod.namespace}/${r.pod.pod}` === name || r.pod.pod === name));
      return hits.length === 1 ? hits[0] : undefined;
    },
    enisOf: (node) => enis.filter((e) => e.node === node),
    eniOwning: (ip) => enis.find((e) => ownsIp(e, ip)),
    eniWithPublicIp: (ip) => enis.find((e) => e.publicIp === ip),
  };
}

/** Whether an ENI owns an address. */
export function eniOwns(e: FabricEni, ip: number): boolean {
  return ownsIp(e, ip);
}

/** Finds a pod by `namespace/name` or bare name (unique), or a node by name. */
export function findEndpoint(w: Walkable, name: string): NsRef | undefined {
  return w.findEndpoint(name);
}
