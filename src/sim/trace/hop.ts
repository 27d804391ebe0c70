/**
 * What a trace returns: the hops of the request and of its reply, the routing decisions
 * (in `ip route get` terms), the iptables rules whose counters moved, conntrack entries.
 */
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
  | 'neighbour'
  | 'transmit'
  | 'fabric'
  | 'deliver'
  | 'drop';

/** One step of a walk. */
export interface Hop {
  direction: Direction;
  step: HopStep;
  /** `vpc` and `internet` for the fabric; otherwise a node name or `<node>/<ns>/<pod>`. */
  where: { ns: string; device?: string; table?: string; chain?: string };
  /** The deciding entry, as the real tool prints it (`ip rule`, `ip route`, `iptables -S`, `ip neigh`). */
  entry?: string;
  /** netfilter: every rule whose counter moved on this chain walk, in order. */
  matched?: string[];
  before: PacketView;
  after: PacketView;
  note: string;
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
}

export interface TraceResult {
  request: TraceRequest;
  /** Did the request reach the destination, and the reply the sender? */
  delivered: boolean;
  replied: boolean;
  drop?: { direction: Direction; ns: string; reason: string };
  hops: Hop[];
  routes: RouteDecision[];
  counters: CounterHit[];
  /** Source address of the request as the VPC fabric saw it (after any SNAT on the node). */
  fabricSource?: string;
  /** Conntrack entries left behind, per namespace, as `conntrack -L` prints them. */
  conntrack: { ns: string; line: string }[];
}
