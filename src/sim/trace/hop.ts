/**
 * What a trace returns: the hops of the request and of its reply, the routing decisions
 * (in `ip route get` terms), the iptables rules whose counters moved, conntrack entries.
 */
import type { EngineText } from '../engine-text.ts';
import type { PacketView, Proto } from './packet.ts';

export type Direction = 'request' | 'reply';

export type HopStep =
  | 'send'
  | 'netfilter'
  | 'conntrack'
  | 'ip-rule'
  | 'route'
  | 'rp_filter'
  | 'forward'
  /** kube-proxy's IPVS mode: the virtual server and the real server it picked (`where.table` = `ipvs`). */
  | 'ipvs'
  | 'neighbour'
  | 'transmit'
  | 'fabric'
  | 'deliver'
  | 'drop';

/** One step of a walk. */
export interface Hop {
  direction: Direction;
  step: HopStep;
  /**
   * `vpc` and `internet` for the fabric (a load balancer node is device `elb:<name>/<eni-id>` on
   * `vpc`, the API server its label); otherwise a node name or `<node>/<ns>/<pod>`.
   */
  where: { ns: string; device?: string; table?: string; chain?: string };
  /** The deciding entry, as the real tool prints it (`ip rule`, `ip route`, `iptables -S`, `ip neigh`). */
  entry?: string;
  /** netfilter: every rule whose counter moved on this chain walk, in order. */
  matched?: string[];
  before: PacketView;
  after: PacketView;
  note: string;
  /** `note` as a message id and values, for the UI to translate (engine-text.ts). */
  text?: EngineText;
}

/** A routing decision, as `ip route get` would be asked and would answer. */
export interface RouteDecision {
  direction: Direction;
  ns: string;
  /** `lo` for locally generated packets. */
  iif: string;
  src: string;
  dst: string;
  mark: number;
  result?: { type: 'unicast' | 'local' | 'blackhole' | 'unreachable' | 'broadcast'; dev: string; table: string; via?: string };
  /** Why the kernel refuses, as `ip route get` says it (`Network is unreachable`; `Invalid argument` for rp_filter). */
  error?: string;
}

/** An iptables rule whose packet counter moved. */
export interface CounterHit {
  direction: Direction;
  ns: string;
  table: string;
  chain: string;
  /** 0-based position among the chain's rules. */
  index: number;
  text: string;
  /** Bytes the packet added to the counter. */
  bytes: number;
}

/** A built-in chain whose policy decided (its policy counter moved). */
export interface PolicyHit {
  direction: Direction;
  ns: string;
  table: string;
  chain: string;
  bytes: number;
}

/** An address a `-m recent --set` rule recorded (kube-proxy's ClientIP affinity). */
export interface RecentSet {
  ns: string;
  list: string;
  ip: string;
}

/** Where a service or load balancer sent the packet. */
export interface ReachedEndpoint {
  ip: string;
  port?: number;
  /** `namespace/name` of the pod, or the node, or the host, that took it. */
  pod?: string;
  node?: string;
  host?: string;
}

export interface TraceRequest {
  /** Pod (`ns/name` or unique name), node name, or `external` (the internet host). */
  from: string;
  /** IP address or pod. */
  to: string;
  proto: Proto;
  dport?: number;
  sport?: number;
  /** UDP only: the sender called connect(2), so early demux can find its socket. */
  connected?: boolean;
  /**
   * Forced random choices, for replaying what a kernel chose: chain → the target chain its
   * `-m statistic` ladder must take (e.g. a KUBE-SVC- chain → one KUBE-SEP- chain).
   */
  picks?: Record<string, string>;
  /** A load balancer's choice forced: the target `ip:port` it must forward to. */
  lbTarget?: string;
}

export interface TraceResult {
  request: TraceRequest;
  /** Did the request reach the destination, and the reply the sender? */
  delivered: boolean;
  replied: boolean;
  drop?: { direction: Direction; ns: string; reason: string; text?: EngineText };
  hops: Hop[];
  routes: RouteDecision[];
  counters: CounterHit[];
  /** Built-in chains whose policy counters moved. */
  policies: PolicyHit[];
  /** `-m recent --set` records the walk left (ClientIP affinity). */
  recentSets: RecentSet[];
  /** The first service the packet met (`namespace/name[:port]`, from kube-proxy's comment). */
  service?: string;
  /** The load balancer that forwarded it, its node and the target it chose. */
  loadBalancer?: { name: string; zone: string; nodeIp: string; target: string; targetLabel: string };
  /** Where the request was delivered (after every DNAT), named when it is a pod, node or host. */
  endpoint?: ReachedEndpoint;
  /** Source address of the request as the VPC fabric saw it (after any SNAT on the node). */
  fabricSource?: string;
  /** Conntrack entries left behind, per namespace, as `conntrack -L` prints them. */
  conntrack: { ns: string; line: string }[];
}
