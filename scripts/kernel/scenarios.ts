/**
 * The scenarios the kernel differential test builds, and the flows it sends through each.
 * Nodes and pods are the worked example of vpc-cni-behaviour.md b.5 plus a second node in
 * the same subnet (src/sim/trace/example-world.ts).
 */
import type { NodeNetworkInput } from '../../src/sim/linux/input.ts';
import type { NodeNetwork } from '../../src/sim/linux/model.ts';
import { addKubeServices, exampleInputs, exampleSgpInputs } from '../../src/sim/trace/example-world.ts';
import type { SampleName } from '../../src/scenario/index.ts';
import type { TraceWorld, WorldOptions } from '../../src/sim/trace/world.ts';

export interface Flow {
  from: string;
  to: string;
  proto: 'icmp' | 'tcp' | 'udp';
  dport?: number;
  /** UDP: the client connects its socket first (early demux finds only connected sockets). */
  connected?: boolean;
  /** Where the TCP listener runs when `to` is not a pod (a ClusterIP): pod and port. */
  server?: { pod: string; port: number };
  /** What the flow is about, for the report. */
  why: string;
}

export interface KernelScenario {
  name: string;
  inputs: () => NodeNetworkInput[];
  /** A change to the built model (what an AMI or an operator might do differently). */
  mutate?: (nodes: NodeNetwork[]) => void;
  world: WorldOptions;
  flows: Flow[];
}

/** A bundled sample scenario run by the engine to `atSeconds`; flows chosen from its pods. */
export interface SampleScenario {
  name: string;
  sample: SampleName;
  atSeconds: number;
  flows: (w: TraceWorld) => Flow[];
}

/** Pod to pod across nodes and ENIs, and to the internet, from the first pods of each node. */
export function sampleFlows(w: TraceWorld): Flow[] {
  const byNode = w.nodes.map((n) => n.pods.slice(0, 3).map((p) => `${p.namespace}/${p.pod}`));
  const flat = byNode.flat();
  const flows: Flow[] = [];
  for (const from of byNode.map((ps) => ps[0]).filter(Boolean)) {
    for (const to of flat.filter((p) => p !== from).slice(0, 4)) flows.push({ from, to, proto: 'icmp', why: 'engine scenario: pod to pod' });
    flows.push({ from, to: INTERNET, proto: 'icmp', why: 'engine scenario: pod to the internet' });
  }
  return flows.slice(0, 12);
}

/** Internet egress only: each node's first pod over TCP and ICMP, and each node itself over UDP. */
export function egressFlows(w: TraceWorld): Flow[] {
  return w.nodes.flatMap((n) => {
    const pod = n.pods[0] ? `${n.pods[0].namespace}/${n.pods[0].pod}` : undefined;
    const flows: Flow[] = [{ from: n.nodeName, to: INTERNET, proto: 'udp', dport: 5353, why: 'engine scenario: the node to the internet' }];
    if (pod) flows.push({ from: pod, to: INTERNET, proto: 'tcp', dport: 8080, why: 'engine scenario: pod to the internet (TCP)' }, { from: pod, to: INTERNET, proto: 'icmp', why: 'engine scenario: pod to the internet (ICMP)' });
    return flows;
  });
}

export const samples: SampleScenario[] = [
  { name: 'sample three-az', sample: 'three-az', atSeconds: 240, flows: sampleFlows },
  { name: 'sample prefix-delegation', sample: 'prefix-delegation', atSeconds: 240, flows: sampleFlows },
  { name: 'sample private-subnets-nat-gateway (node SNAT, NAT gateway)', sample: 'private-subnets-nat-gateway', atSeconds: 100, flows: egressFlows },
  { name: 'sample private-subnets-nat-gateway (EXTERNALSNAT)', sample: 'private-subnets-nat-gateway', atSeconds: 200, flows: egressFlows },
];

const INTERNET = '203.0.113.10';

/** The EKS pattern: the nodes' subnet routes to a NAT gateway that lives in a public subnet. */
const PRIVATE_WITH_NAT = [
  { cidr: '192.168.0.0/19', defaultRoute: 'nat-0a1b2c3d4e5f60718' },
  { cidr: '192.168.96.0/19', defaultRoute: 'igw', natGateway: { id: 'nat-0a1b2c3d4e5f60718' } },
];

/**
 * e.9: the node to its own strict-mode branch pod, every protocol (the reply must be forwarded back
 * out of vlan.eth.1). TCP goes last: where it fails, the pod's server retransmits its SYN-ACK for
 * seconds, and a retransmission arriving during a later flow (with conntrack flushed between
 * flows) is INVALID and moves KUBE-FORWARD's drop counter in that flow's window.
 */
function earlyDemuxFlows(why: string): Flow[] {
  return [
    { from: 'node-a', to: 'default/sgp-pod', proto: 'icmp', why: `e.9 ping node → own branch pod ${why}: ICMP has no early demux` },
    { from: 'node-a', to: 'default/sgp-pod', proto: 'udp', dport: 5353, why: `e.9 unconnected UDP node → own branch pod ${why}` },
    { from: 'node-a', to: 'default/sgp-pod', proto: 'udp', dport: 5354, connected: true, why: `e.9 connected UDP node → own branch pod ${why} (udp_early_demux)` },
    { from: 'node-a', to: 'default/sgp-pod', proto: 'tcp', dport: 8080, why: `e.9 TCP node → own branch pod ${why}` },
  ];
}


export const scenarios: KernelScenario[] = [
  {
    name: 'defaults',
    inputs: () => exampleInputs(),
    world: {},
    flows: [
      { from: 'default/web-2', to: 'default/web-1', proto: 'icmp', why: 'same node, secondary-ENI pod to primary-ENI pod' },
      { from: 'default/web-1', to: 'default/api-2', proto: 'icmp', why: 'across nodes from a primary-ENI pod (on-link, VPC answers ARP)' },
      { from: 'default/web-2', to: 'default/api-1', proto: 'icmp', why: 'across nodes from a secondary-ENI pod (rule 1536, table 2)' },
      { from: 'default/web-2', to: 'default/api-1', proto: 'tcp', dport: 8080, why: 'TCP across nodes from a secondary-ENI pod' },
      { from: 'default/web-1', to: INTERNET, proto: 'icmp', why: 'internet from a primary-ENI pod, SNAT to the node IP' },
      { from: 'default/web-2', to: INTERNET, proto: 'icmp', why: 'internet from a secondary-ENI pod: connmark, rule 1024, eth0, SNAT' },
      { from: 'default/api-2', to: INTERNET, proto: 'tcp', dport: 8080, why: 'TCP to the internet from a secondary-ENI pod' },
      { from: 'node-a', to: 'default/api-2', proto: 'icmp', why: 'node to a pod on another node' },
      { from: 'default/web-1', to: '192.168.16.7', proto: 'icmp', why: 'a warm secondary IP: the VPC delivers it to node B\'s eth1, which has no pod for it' },
      { from: 'default/web-2', to: INTERNET, proto: 'udp', dport: 5353, why: 'UDP to the internet from a secondary-ENI pod: SNAT, reply un-NATed' },
      { from: 'default/api-1', to: 'default/web-2', proto: 'udp', dport: 5353, why: 'UDP across nodes into a secondary-ENI pod' },
    ],
  },
  {
    name: 'external-snat',
    inputs: () => exampleInputs({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' }),
    world: { internet: 'nat-gateway' },
    flows: [
      { from: 'default/web-2', to: INTERNET, proto: 'icmp', why: 'no SNAT on the node: leaves eth1 with the pod IP, NAT gateway' },
      { from: 'default/web-1', to: INTERNET, proto: 'tcp', dport: 8080, why: 'primary-ENI pod through the NAT gateway with its own IP' },
      { from: 'default/web-2', to: 'default/api-1', proto: 'icmp', why: 'pod to pod is unchanged by external SNAT' },
    ],
  },
  {
    name: 'exclude-snat-cidrs',
    inputs: () => exampleInputs({ AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: '203.0.113.0/24' }),
    world: {},
    flows: [
      { from: 'default/web-2', to: INTERNET, proto: 'icmp', why: 'excluded CIDR: no connmark, leaves eth1 unSNATed, the internet gateway drops it' },
      { from: 'default/web-1', to: INTERNET, proto: 'icmp', why: 'excluded CIDR from the primary ENI: leaves eth0 with the pod IP, dropped' },
      { from: 'default/web-1', to: 'default/api-2', proto: 'icmp', why: 'VPC traffic unaffected' },
    ],
  },
  {
    name: 'kube-services-and-inbound',
    inputs: () => exampleInputs(),
    mutate: addKubeServices,
    world: {},
    flows: [
      { from: 'default/web-2', to: '10.100.0.10', proto: 'tcp', dport: 80, server: { pod: 'default/api-1', port: 8080 }, why: 'kube-proxy DNAT in nat PREROUTING ends the chain before the CNI connmark; reply un-DNATed' },
      { from: 'node-b', to: '10.100.0.10', proto: 'tcp', dport: 80, server: { pod: 'default/api-1', port: 8080 }, why: 'hairpin-free node-local ClusterIP: DNAT in nat OUTPUT' },
      { from: 'external', to: '198.51.100.10', proto: 'icmp', why: 'the internet reaches the node through its public IP' },
      { from: 'external', to: '198.51.100.10', proto: 'tcp', dport: 30080, server: { pod: 'default/web-2', port: 8080 }, why: 'b.6 NodePort (Local) to a secondary-ENI pod: mangle connmark on eth0, restored on the reply, rule 1024, back out of eth0' },
      { from: 'external', to: '192.168.12.34', proto: 'icmp', why: 'the internet cannot reach a private pod IP' },
    ],
  },
  {
    name: 'counterfactual: no mangle connmark (b.4)',
    inputs: () => exampleInputs(),
    mutate: (nodes) => {
      addKubeServices(nodes);
      nodes[0].host.netfilter.mangle.chains.find((c) => c.name === 'PREROUTING')!.rules = [];
    },
    world: {},
    flows: [
      { from: 'external', to: '198.51.100.10', proto: 'tcp', dport: 30080, server: { pod: 'default/web-2', port: 8080 }, why: 'the NodePort reply follows rule 1536 out of eth1 with eth0\'s address: dropped by the source/destination check' },
    ],
  },
  {
    name: 'counterfactual: no nat connmark (e.1)',
    inputs: () => exampleInputs(),
    mutate: (nodes) => {
      const pre = nodes[0].host.netfilter.nat.chains.find((c) => c.name === 'PREROUTING')!;
      pre.rules = pre.rules.filter((r) => !(r.target?.kind === 'jump' && r.target.chain === 'AWS-CONNMARK-CHAIN-0'));
    },
    world: {},
    flows: [
      { from: 'default/web-2', to: INTERNET, proto: 'icmp', why: 'e.1: routed out of eth1 but SNATed to eth0\'s IP: dropped by the source/destination check' },
    ],
  },
  {
    name: 'nft-backend',
    inputs: () => exampleInputs().map((i) => ({ ...i, iptablesBackend: 'nft' as const })),
    world: {},
    flows: [
      { from: 'default/web-2', to: INTERNET, proto: 'icmp', why: 'nftables connmark (table ip aws-cni) instead of AWS-CONNMARK-CHAIN-0: still rule 1024, eth0, SNAT' },
      { from: 'default/web-2', to: 'default/api-1', proto: 'tcp', dport: 8080, why: 'VPC destination: snat-mark returns, table 2, pod IP' },
      { from: 'default/web-1', to: INTERNET, proto: 'tcp', dport: 8080, why: 'primary-ENI pod to the internet on an nft node' },
    ],
  },
  {
    name: 'rp-filter-strict-eth0',
    inputs: () => exampleInputs(),
    mutate: (nodes) => {
      nodes[0].host.sysctls['net.ipv4.conf.eth0.rp_filter'] = '1';
    },
    world: {},
    flows: [
      { from: 'default/web-2', to: INTERNET, proto: 'icmp', why: 'e.2: strict rp_filter on eth0 drops the replies of secondary-ENI pods' },
      { from: 'default/web-1', to: INTERNET, proto: 'icmp', why: 'primary-ENI pods are unaffected' },
    ],
  },
  {
    name: 'sgp-strict',
    inputs: () => exampleSgpInputs('strict'),
    world: {},
    flows: [
      { from: 'default/sgp-pod', to: 'default/web-1', proto: 'icmp', why: 'c.4: same-node traffic leaves by vlan.eth.1 and comes back through the VPC' },
      { from: 'default/web-2', to: 'default/sgp-pod', proto: 'tcp', dport: 8080, why: 'into a strict branch pod (rules at priority 10, rp_filter via the forward oif)' },
      { from: 'default/sgp-pod', to: INTERNET, proto: 'icmp', why: 'no SNAT out of vlan+: the internet gateway drops the pod IP' },
    ],
  },
  ...(['none', 'hashrandom'] as const).map((mode): KernelScenario => ({
    name: `AWS_VPC_K8S_CNI_RANDOMIZESNAT=${mode}`,
    inputs: () => exampleInputs({ AWS_VPC_K8S_CNI_RANDOMIZESNAT: mode }),
    world: {},
    flows: (['tcp', 'udp', 'icmp'] as const).map((proto) => ({
      from: 'default/web-2', to: INTERNET, proto, ...(proto === 'icmp' ? {} : { dport: 8080 }),
      why: `b.4 SNAT ${mode === 'none' ? 'without a flag keeps' : 'with --random changes'} the source ${proto === 'icmp' ? 'echo id' : 'port'}`,
    })),
  })),
  {
    name: 'private subnet, NAT gateway in a public subnet',
    inputs: () => exampleInputs(),
    world: { subnets: PRIVATE_WITH_NAT },
    flows: [
      { from: 'default/web-2', to: INTERNET, proto: 'icmp', why: 'SNAT to the node IP, then the NAT gateway\'s SNAT, then its Elastic IP' },
      { from: 'default/web-1', to: INTERNET, proto: 'tcp', dport: 8080, why: 'TCP through the node\'s SNAT and the NAT gateway' },
      { from: 'default/web-2', to: INTERNET, proto: 'udp', dport: 5353, why: 'UDP through the node\'s SNAT and the NAT gateway' },
      { from: 'node-a', to: INTERNET, proto: 'tcp', dport: 8080, why: 'the node itself reaches the internet only through the NAT gateway' },
      { from: 'external', to: '198.51.100.10', proto: 'icmp', why: 'a node in a private subnet has no public IP' },
    ],
  },
  {
    name: 'private subnet, NAT gateway, AWS_VPC_K8S_CNI_EXTERNALSNAT=true',
    inputs: () => exampleInputs({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' }),
    world: { subnets: PRIVATE_WITH_NAT },
    flows: [
      { from: 'default/web-2', to: INTERNET, proto: 'icmp', why: 'no SNAT on the node: the pod IP leaves eth1 and the NAT gateway translates it' },
      { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 8080, why: 'TCP with the pod IP through the NAT gateway' },
      { from: 'default/web-1', to: INTERNET, proto: 'udp', dport: 5353, why: 'UDP from a primary-ENI pod with its own IP through the NAT gateway' },
    ],
  },
  {
    name: 'private subnet without a default route',
    inputs: () => exampleInputs(),
    world: { subnets: [{ cidr: '192.168.0.0/19', defaultRoute: 'none' }] },
    flows: [
      { from: 'default/web-1', to: INTERNET, proto: 'icmp', why: 'no 0.0.0.0/0 route in the subnet\'s route table: dropped in the VPC' },
      { from: 'node-a', to: INTERNET, proto: 'tcp', dport: 8080, why: 'the node has no way out either' },
      { from: 'default/web-1', to: 'default/api-2', proto: 'tcp', dport: 8080, why: 'VPC traffic is unaffected' },
    ],
  },
  {
    name: 'public subnet, AWS_VPC_K8S_CNI_EXTERNALSNAT=true',
    inputs: () => exampleInputs({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' }),
    world: { subnets: [{ cidr: '192.168.0.0/19', defaultRoute: 'igw' }] },
    flows: [
      { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 8080, why: 'no SNAT and no NAT gateway: the internet gateway has no public IP for the pod IP' },
      { from: 'node-a', to: INTERNET, proto: 'udp', dport: 5353, why: 'the node\'s own traffic still leaves with its public IP' },
    ],
  },
  {
    name: 'sgp-strict: tcp_early_demux=1 (default)',
    inputs: () => exampleSgpInputs('strict'),
    world: {},
    flows: earlyDemuxFlows('with early demux on'),
  },
  {
    name: 'sgp-strict: DISABLE_TCP_EARLY_DEMUX=true',
    inputs: () => exampleSgpInputs('strict', { DISABLE_TCP_EARLY_DEMUX: 'true' }),
    world: {},
    flows: earlyDemuxFlows('with tcp_early_demux=0'),
  },
  {
    name: 'sgp-standard',
    inputs: () => exampleSgpInputs('standard'),
    world: {},
    flows: [
      { from: 'default/sgp-pod', to: 'default/web-1', proto: 'icmp', why: 'e.5: same-node traffic short-circuits through main' },
      { from: 'default/sgp-pod', to: INTERNET, proto: 'icmp', why: 'connmark (veth matches eni+), rule 1024, eth0, SNAT' },
      { from: 'default/api-1', to: 'default/sgp-pod', proto: 'icmp', why: 'across nodes into a standard branch pod' },
    ],
  },
];
