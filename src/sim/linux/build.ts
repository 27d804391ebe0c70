/**
 * `buildNodeNetwork`: the Linux state an EKS node (IPv4, routed-eni plugin, VPC CNI v1.23.1)
 * holds for a given set of ENIs and pods — what the AMI's boot-time networking,
 * `SetupHostNetwork`, `setupENINetwork`, the plugin's ADD and kube-proxy would have left behind
 * (vpc-cni-behaviour.md b, c.4, e). The AMI family (ami.ts) decides the primary interface's
 * DHCP routes, the sysctl defaults, the iptables backend and what iproute2 prints.
 *
 * Choices where a real node depends on its history:
 * - ifindex: lo 1, ENIs 2.. by (card, device index), then host veths / vlan devices in pod
 *   order (a real node's numbers also count deleted veths and ENIs attached after pods).
 * - rp_filter: the primary interface = 2 (the CNI's init container). AL2: all/default = 1
 *   (systemd 219's 50-default.conf), lo = 0 (registered before the sysctl files apply), later
 *   interfaces inherit 1. AL2023: all = 0, default and every interface 2 (systemd 252:
 *   `default.rp_filter = 2`, `*.rp_filter = 2`, `-all.rp_filter`; udev applies it to each new
 *   device). Pod namespaces copy IPv4 all/default from the host (devconf_inherit_init_net=0),
 *   and their lo and eth0 start from that default.
 * - ip_forward = 1 (AMI), tcp_early_demux from DISABLE_TCP_EARLY_DEMUX (init container),
 *   udp_early_demux = 1 (kernel default), neighbour table: the pods' PERMANENT 169.254.1.1 entries, and the
 *   host's entry for the VPC router (REACHABLE, MAC seeded: a node talks to it constantly).
 */
import { cidr, cidrContains, formatCidr, mustCidr, mustIpv4, type Cidr, type Ipv4 } from '../net/ipv4.ts';
import { pluginHostVeth } from '../cni/plugin-veth.ts';
import { addCniIptables, connmarkExemptCidrs } from './cni-iptables.ts';
import { parseCniEnv } from './cni-env.ts';
import type { EniInput, NodeNetworkInput, PodInput } from './input.ts';
import { addKubeIptables, DEFAULT_KUBE_IPTABLES } from './kube-iptables.ts';
import { addKubeIpvs } from './kube-ipvs.ts';
import { AL2023_PRIMARY_METRIC, iptablesBackendOf, type AmiFamily } from './ami.ts';
import { RT_TABLE, type Link, type Netns, type NodeNetwork, type PodNetns } from './model.ts';
import { ifName, type IfName } from './ifname.ts';
import { hostVethName, seededMac, seededNetnsName } from './names.ts';
import { addIpv4, addLinkLocal, newNetns } from './netns.ts';
import { ruleSpec } from './render/iptables.ts';
import type { CounterLookup } from './input.ts';

const ETHER_BRD = 'ff:ff:ff:ff:ff:ff';
const UP_FLAGS: Link['flags'] = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];

/** `CalculateRouteTableId`: card 0 device 0 → main; card 0 device N → N+1; card C → 10000+100C+N. */
export function routeTableFor(networkCard: number, deviceIndex: number): number {
  if (networkCard === 0) return deviceIndex === 0 ? RT_TABLE.main : deviceIndex + 1;
  return 10000 + 100 * networkCard + deviceIndex;
}

/** The subnet's router: base + 1. */
export function gatewayOf(subnetCidr: string): Ipv4 {
  return ((mustCidr(subnetCidr).base + 1) >>> 0) as Ipv4;
}

/** Builds the node's namespaces, rules, routes and netfilter tables from what the engine knows. */
export function buildNodeNetwork(input: NodeNetworkInput): NodeNetwork {
  const ami: AmiFamily = input.amiFamily ?? 'AL2';
  const backend = input.iptablesBackend ?? iptablesBackendOf(ami);
  const config = parseCniEnv(input.env, input.vpcCidrs.map(mustCidr), backend);
  // AL2023: systemd configures the host's lo, adding ::1 itself with noprefixroute.
  const host = newNetns('', ami === 'AL2023' ? { noPrefixRoute: true } : {});
  const enis = input.enis.toSorted((a, b) => a.networkCard - b.networkCard || a.deviceIndex - b.deviceIndex);
  const primary = enis.find((e) => e.kind === 'primary') ?? enis[0];
  if (!primary) throw new Error(`node ${input.nodeName} has no ENI`);
  const primaryIp = mustIpv4(primary.primaryIp);

  host.sysctls['net.ipv4.ip_forward'] = '1';
  Object.assign(host.sysctls, RP_FILTER_DEFAULTS[ami]);
  // The init container writes tcp_early_demux either way; udp_early_demux keeps the
  // kernel's default 1 (nothing in aws-node touches it), so connected UDP between a node
  // and its strict-mode branch pods stays broken even with DISABLE_TCP_EARLY_DEMUX=true.
  host.sysctls['net.ipv4.tcp_early_demux'] = String(config.tcpEarlyDemux);
  host.sysctls['net.ipv4.udp_early_demux'] = '1';

  for (const eni of enis) addEni(host, eni, { ami, mtu: config.eniMtu, leaseSeconds: input.dhcpLeaseSecondsLeft ?? 3600, vpcCidr: input.vpcCidrs[0] });
  host.sysctls[`net.ipv4.conf.${primary.ifName}.rp_filter`] = '2';
  host.neighbours.push({ ip: gatewayOf(primary.subnetCidr), dev: primary.ifName, lladdr: seededMac(input.seed, 'vpc-router'), state: 'REACHABLE' });

  // SetupHostNetwork: connmark rule, external-service rules, local rule move for strict SGP.
  if (config.nodePortSupport || !config.externalSnat) {
    host.rules.push({ priority: 1024, fwmark: { value: config.connmark, mask: config.connmark }, table: RT_TABLE.main });
  }
  for (const c of config.externalServiceCidrs) host.rules.push({ priority: 1535, to: c, table: RT_TABLE.main });
  if (config.podEni && config.podSgEnforcingMode === 'strict') {
    host.rules = host.rules.map((r) => (r.priority === 0 ? { ...r, priority: 20 } : r));
  }
  addCniIptables(host.netfilter, config, primary.ifName, primaryIp);
  const kubeProxy = input.kubeProxy ?? true;
  if (kubeProxy) addKubeIptables(host.netfilter, kubeProxy === true ? DEFAULT_KUBE_IPTABLES : kubeProxy);
  if (kubeProxy !== true && kubeProxy && kubeProxy.ipvs) {
    addKubeIpvs(host, kubeProxy.ipvs, seededMac(input.seed, 'kube-ipvs0'));
    // NewProxier's sysctls (reference 2.1); conn_reuse_mode is left alone on kernels ≥ 5.9.
    Object.assign(host.sysctls, { 'net.ipv4.vs.conntrack': '1', 'net.ipv4.vs.expire_nodest_conn': '1', 'net.ipv4.vs.expire_quiescent_template': '1' });
  }

  const net: NodeNetwork = { nodeName: input.nodeName, amiFamily: ami, instanceId: input.instanceId, config, host, pods: [] };
  if (input.vcpus) net.vcpus = input.vcpus;
  if (!config.externalSnat && backend === 'nft') {
    net.awsCniNft = { ifnamePrefix: config.vethPrefix, returnCidrs: connmarkExemptCidrs(config), mark: config.connmark };
  }
  let nsid = 0;
  for (const pod of input.pods) {
    if (pod.hostNetwork || !pod.ip) continue;
    net.pods.push(addPod(net, input, pod, enis, nsid++));
  }
  sortRules(host);
  if (input.counters) applyCounters(host, input.counters);
  if (input.conntrack) host.conntrack = [...input.conntrack];
  if (kubeProxy) {
    // kube-proxy's conntrack settings (config defaults tcpEstablishedTimeout 24h, tcpCloseWaitTimeout 1h).
    host.sysctls['net.netfilter.nf_conntrack_tcp_timeout_established'] = '86400';
    host.sysctls['net.netfilter.nf_conntrack_tcp_timeout_close_wait'] = '3600';
  }
  return net;
}

/** rp_filter at boot, before the CNI sets the primary interface to 2 (see the header). */
const RP_FILTER_DEFAULTS: Record<AmiFamily, Record<string, string>> = {
  AL2: { 'net.ipv4.conf.all.rp_filter': '1', 'net.ipv4.conf.default.rp_filter': '1', 'net.ipv4.conf.lo.rp_filter': '0' },
  AL2023: { 'net.ipv4.conf.all.rp_filter': '0', 'net.ipv4.conf.default.rp_filter': '2', 'net.ipv4.conf.lo.rp_filter': '2' },
};

/** The value a device registered after boot starts with: the namespace's default. */
function newDeviceRpFilter(ns: Netns): string {
  return ns.sysctls['net.ipv4.conf.default.rp_filter'] ?? '0';
}

interface EniSetup { ami: AmiFamily; mtu: number; leaseSeconds: number; vpcCidr: string | undefined }

/**
 * Puts traffic's counters on the rules and built-in chains that have some. Rules and chains
 * may be shared with other nodes (kube-proxy's), so changed ones are copies.
 */
function applyCounters(ns: Netns, lookup: CounterLookup): void {
  for (const table of Object.values(ns.netfilter)) {
    table.chains.forEach((chain, ci) => {
      const counters = lookup(table.name, chain.name);
      if (!counters) return;
      const copy = (table.chains[ci] = { ...chain, rules: chain.rules.slice() });
      const policy = chain.policy ? counters.get('') : undefined;
      if (policy) Object.assign(copy, { packets: policy.packets, bytes: policy.bytes });
      chain.rules.forEach((r, i) => {
        const c = counters.get(ruleSpec(r));
        if (c) copy.rules[i] = { ...r, packets: c.packets, bytes: c.bytes };
      });
    });
  }
}

function addEni(host: Netns, eni: EniInput, o: EniSetup): void {
  const ifindex = host.links.length + 1;
  const altNames = o.ami === 'AL2023' ? [`enp0s${/^ens(\d+)$/.exec(eni.ifName)?.[1] ?? 5 + eni.deviceIndex}`] : [];
  host.links.push({
    ifindex,
    name: ifName(eni.ifName),
    kind: 'ena',
    mac: eni.mac.toLowerCase(),
    broadcastMac: ETHER_BRD,
    mtu: o.mtu,
    flags: [...UP_FLAGS],
    qdisc: 'mq',
    operState: 'UP',
    txQueueLen: 1000,
    ...(altNames.length ? { altNames } : {}),
    deviceIndex: eni.deviceIndex,
  });
  host.sysctls[`net.ipv4.conf.${eni.ifName}.rp_filter`] = newDeviceRpFilter(host);
  const subnet = mustCidr(eni.subnetCidr);
  const ip = mustIpv4(eni.primaryIp);
  const gw = gatewayOf(eni.subnetCidr);
  if (eni.kind === 'primary') {
    const lease = { dynamic: true, validLft: o.leaseSeconds, preferredLft: o.leaseSeconds };
    if (o.ami === 'AL2023') addNetworkdLease(host, eni, ip, subnet, lease, o.vpcCidr);
    else {
      // dhclient + ec2-net-utils v1: the default route and a route to the instance metadata service.
      addIpv4(host, eni.ifName, ip, subnet.prefixLength, lease);
      host.routes.push({ table: RT_TABLE.main, type: 'unicast', dst: cidr(0, 0), via: gw, dev: eni.ifName });
      host.routes.push({ table: RT_TABLE.main, type: 'unicast', dst: cidr(0xa9fea9fe, 32), dev: eni.ifName });
    }
  } else {
    // setupENINetwork: address, then table N, then the connected route leaves main.
    addIpv4(host, eni.ifName, ip, subnet.prefixLength);
    const table = routeTableFor(eni.networkCard, eni.deviceIndex);
    host.routes.push({ table, type: 'unicast', dst: cidr(gw, 32), dev: eni.ifName, scope: 'link' });
    host.routes.push({ table, type: 'unicast', dst: cidr(0, 0), via: gw, dev: eni.ifName });
    host.routes = host.routes.filter(
      (r) => !(r.table === RT_TABLE.main && r.dev === eni.ifName && r.proto === 'kernel' && formatCidr(r.dst) === formatCidr(subnet)),
    );
    if (eni.kind !== 'trunk') host.rules.push({ priority: 32765, from: cidr(ip, 32), table });
  }
  addLinkLocal(host, eni.ifName, o.ami === 'AL2023' ? 'kernel_ll' : undefined);
}

/**
 * systemd-networkd's DHCPv4 lease on AL2023's primary interface (nodeadm's 70-eks-<if>.network:
 * RouteMetric=512, UseRoutes, UseGateway): the address with that metric, the default route, a
 * route to the gateway and one to the DNS server, all `proto dhcp src <ip> metric 512`. The VPC's
 * DNS server is its primary CIDR's base + 2: on-link when the subnet holds it, else via the gateway.
 */
function addNetworkdLease(host: Netns, eni: EniInput, ip: Ipv4, subnet: Cidr, lease: { dynamic: boolean; validLft: number; preferredLft: number }, vpcCidr: string | undefined): void {
  const metric = AL2023_PRIMARY_METRIC;
  const gw = gatewayOf(eni.subnetCidr);
  addIpv4(host, eni.ifName, ip, subnet.prefixLength, { ...lease, metric });
  const dhcp = { table: RT_TABLE.main, type: 'unicast' as const, dev: eni.ifName, proto: 'dhcp' as const, src: ip, metric };
  host.routes.push({ ...dhcp, dst: cidr(0, 0), via: gw });
  host.routes.push({ ...dhcp, dst: cidr(gw, 32), scope: 'link' });
  if (vpcCidr === undefined) return;
  const dns = ((mustCidr(vpcCidr).base + 2) >>> 0) as Ipv4;
  if (dns === gw) return;
  if (cidrContains(subnet, dns)) host.routes.push({ ...dhcp, dst: cidr(dns, 32), scope: 'link' });
  else host.routes.push({ ...dhcp, dst: cidr(dns, 32), via: gw });
}

function addPod(net: NodeNetwork, input: NodeNetworkInput, pod: PodInput, enis: EniInput[], nsid: number): PodNetns {
  const { host, config } = net;
  const key = `${pod.namespace}/${pod.name}`;
  const ip = mustIpv4(pod.ip as string);
  const strict = !!pod.branch && config.podSgEnforcingMode === 'strict';
  const vethName = podHostVeth(input, pod);
  const netnsName = pod.netnsName ?? seededNetnsName(input.seed, `netns:${key}`);
  const hostMac = (pod.hostVethMac ?? seededMac(input.seed, `veth-mac:${key}`)).toLowerCase();
  const podMac = (pod.podEthMac ?? seededMac(input.seed, `pod-mac:${key}`)).toLowerCase();

  // Inside the pod: the plugin creates the pair there (host end registered first, so the
  // pod's eth0 is ifindex 3), then moves the host end out, where it gets the next free index.
  // The loopback plugin brings lo up, so the kernel adds ::1 (IFA_PROTO kernel_lo on AL2023's 6.x).
  const al2023 = net.amiFamily === 'AL2023';
  const ns = newNetns(netnsName, al2023 ? { proto: 'kernel_lo' } : {});
  // A new namespace copies the host's IPv4 all/default; its lo and eth0 start from that default
  // (checked on the kernel: host default 2 → a new namespace's default, lo and eth0 are 2).
  const podDefault = host.sysctls['net.ipv4.conf.default.rp_filter'] ?? '0';
  ns.sysctls['net.ipv4.conf.all.rp_filter'] = host.sysctls['net.ipv4.conf.all.rp_filter'] ?? '0';
  ns.sysctls['net.ipv4.conf.default.rp_filter'] = podDefault;
  ns.sysctls['net.ipv4.conf.lo.rp_filter'] = podDefault;
  ns.sysctls['net.ipv4.conf.eth0.rp_filter'] = podDefault;
  // v1.23.1 creates the pair from inside the pod with the host end placed straight in the host
  // namespace (driver.go, createVethPairContext.run: netlink.Veth{PeerNamespace: hostNS}): the
  // host end takes the host's next ifindex, the pod's eth0 the pod's first free one, 2. The
  // plugin's LinkAttrs leave TxQLen 0, so neither end has a qlen (checked on the kernel).
  const hostIfindex = host.links.length + 1;
  const veth = { kind: 'veth' as const, broadcastMac: ETHER_BRD, mtu: config.podMtu, flags: [...UP_FLAGS], qdisc: 'noqueue', operState: 'UP' };
  ns.links.push({ ...veth, ifindex: 2, name: ifName('eth0'), mac: podMac, peerIfindex: hostIfindex, linkNetns: { id: 0 } });
  host.links.push({ ...veth, ifindex: hostIfindex, name: vethName, mac: hostMac, peerIfindex: 2, linkNetns: { name: netnsName } });
  host.sysctls[`net.ipv4.conf.${vethName}.rp_filter`] = newDeviceRpFilter(host);
  ns.routes.push({ table: RT_TABLE.main, type: 'unicast', dst: cidr(0xa9fe0101, 32), dev: 'eth0', scope: 'link' });
  ns.routes.push({ table: RT_TABLE.main, type: 'unicast', dst: cidr(0, 0), via: 0xa9fe0101 as Ipv4, dev: 'eth0' });
  addIpv4(ns, 'eth0', ip, 32);
  ns.neighbours.push({ ip: 0xa9fe0101 as Ipv4, dev: 'eth0', lladdr: hostMac, state: 'PERMANENT' });
  const ll = al2023 ? 'kernel_ll' as const : undefined;
  addLinkLocal(ns, 'eth0', ll);
  addLinkLocal(host, vethName, ll);

  let hostTable: number;
  if (pod.branch) {
    hostTable = 100 + pod.branch.vlanId;
    addVlan(host, pod, enis, config.eniMtu, hostTable, ll);
    if (strict) {
      host.routes.push({ table: hostTable, type: 'unicast', dst: cidr(ip, 32), dev: vethName, scope: 'link' });
      host.rules.push({ priority: 10, iif: `vlan.eth.${pod.branch.vlanId}`, table: hostTable });
      host.rules.push({ priority: 10, iif: vethName, table: hostTable });
    } else {
      addIpRoutesAndRules(host, ip, vethName, hostTable);
    }
  } else {
    hostTable = routeTableFor(pod.networkCard ?? 0, pod.deviceIndex ?? 0);
    addIpRoutesAndRules(host, ip, vethName, hostTable);
  }
  return { ...ns, namespace: pod.namespace, pod: pod.name, ip, hostVeth: vethName, hostTable, vlanId: pod.branch?.vlanId, nsid };
}

/**
 * The pod's host veth: a name given as such, else the prefix its sandbox was made with (the
 * engine keeps it; a later AWS_VPC_K8S_CNI_VETHPREFIX does not rename existing devices), else
 * what the plugin would name it now. A pod whose sandbox the plugin could not create cannot be built.
 */
function podHostVeth(input: NodeNetworkInput, pod: PodInput): IfName {
  if (pod.hostVethName !== undefined) return ifName(pod.hostVethName);
  if (pod.hostVethPrefix !== undefined) return ifName(hostVethName(pod.hostVethPrefix, pod.namespace, pod.name));
  const veth = pluginHostVeth(input.env, pod.namespace, pod.name, !!pod.branch);
  if (!veth.ok) throw new Error(`pod ${pod.namespace}/${pod.name} on ${input.nodeName} has no sandbox: ${veth.error}`);
  return ifName(hostVethName(veth.prefix, pod.namespace, pod.name));
}

/** `setupIPBasedContainerRouteRules`: host route in main, 512 to the pod, 1536 from it if not main. */
function addIpRoutesAndRules(host: Netns, ip: Ipv4, vethName: string, table: number): void {
  host.routes.push({ table: RT_TABLE.main, type: 'unicast', dst: cidr(ip, 32), dev: vethName, scope: 'link' });
  host.rules.push({ priority: 512, to: cidr(ip, 32), table: RT_TABLE.main });
  if (table !== RT_TABLE.main) host.rules.push({ priority: 1536, from: cidr(ip, 32), table });
}

/** `setupVlan`: vlan.eth.<id> on the trunk with the branch ENI's MAC, table 100+id. */
function addVlan(host: Netns, pod: PodInput, enis: EniInput[], mtu: number, table: number, ll: 'kernel_ll' | undefined): void {
  const branch = pod.branch!;
  const trunk = enis.find((e) => e.kind === 'trunk');
  const parent = host.links.find((l) => l.name === trunk?.ifName);
  const name = ifName(`vlan.eth.${branch.vlanId}`);
  host.links.push({
    ifindex: host.links.length + 1,
    name,
    kind: 'vlan',
    mac: branch.mac.toLowerCase(),
    broadcastMac: ETHER_BRD,
    mtu,
    flags: [...UP_FLAGS],
    qdisc: 'noqueue',
    operState: 'UP',
    // setupVlan builds the link from netlink.NewLinkAttrs() (TxQLen -1: no IFLA_TXQLEN sent), so
    // it keeps ether_setup's 1000 (vlan_setup marks it IFF_NO_QUEUE, it no longer zeroes the length).
    txQueueLen: 1000,
    parentName: parent?.name,
    peerIfindex: parent?.ifindex,
    vlanId: branch.vlanId,
  });
  host.sysctls[`net.ipv4.conf.${name}.rp_filter`] = newDeviceRpFilter(host);
  addLinkLocal(host, name, ll);
  const gw = gatewayOf(branch.subnetCidr);
  host.routes.push({ table, type: 'unicast', dst: cidr(gw, 32), dev: name, scope: 'link' });
  host.routes.push({ table, type: 'unicast', dst: cidr(0, 0), via: gw, dev: name });
}

/** The kernel keeps rules ordered by priority; equal priorities stay in insertion order. */
function sortRules(ns: Netns): void {
  ns.rules = ns.rules.map((r, i) => ({ r, i })).toSorted((a, b) => a.r.priority - b.r.priority || a.i - b.i).map((x) => x.r);
}
