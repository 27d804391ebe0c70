/**
 * Types that cross the worker boundary besides the engine's own view types.
 * The UI imports these (types only) together with `SimApi`.
 */
import type { ApplyResult, LoadProgress } from '../sim/simulation-api.ts';
import type { Command, ScenarioSpec } from '../sim/spec.ts';
import type { NodeView, PodView, SimDelta, SimEvent } from '../sim/view.ts';

/**
 * What changed since the previous delta, as the engine recorded it (see `SimDelta`); the
 * first delta after `load`, `restore` or `resync` is full.
 */
export type SnapshotDelta = SimDelta;

export interface TickResult {
  delta: SnapshotDelta;
  /** New events, oldest first; at most `maxEvents`, the newest ones. */
  events: SimEvent[];
  /** Events left out because a burst was larger than `maxEvents`. */
  skippedEvents: number;
  nextEventMs: number | undefined;
  /** Changed node and pod views that wait for the next answer (node-backlog.ts); absent when none. */
  heldNodes?: number;
}

export interface CommandResult extends TickResult {
  result: ApplyResult;
}

/**
 * A loaded scenario. When its full delta is too big for one message (thousands of nodes),
 * `delta` holds the first page and `pages` more follow through `loadPage(1…pages)`; the new
 * scenario replaces the old one in the worker once the last page is taken.
 */
export type LoadResult = ({ ok: true; pages?: number } & TickResult) | { ok: false; error: string; cancelled?: true };

/** One more page of a paged full delta: nodes and pods to append, in order. */
export type SnapshotPage = { ok: true; changedNodes: NodeView[]; changedPods: PodView[] } | { ok: false; error: string };

export type { LoadProgress };

/** How a load can be cancelled (plain data: it is structured-cloned to the worker). */
export interface LoadOptions {
  /** Names the load for `cancelLoad`; a newer load also cancels an older one still running. */
  loadId?: number;
}

/**
 * Called between slices of a load. From the page it travels as a `Comlink.proxy`, which comlink
 * handles only as an argument of its own, never inside an options object.
 */
export type ProgressCallback = (progress: LoadProgress) => void;

/** A user command as recorded, with the simulated time it was applied at. */
export interface RecordedCommand {
  atMs: number;
  command: Command;
}

/**
 * Names one request of a stream of requests (a panel's text view, the packet walk): a newer
 * `seq` on the same `channel` supersedes it, and the worker drops a superseded request
 * before doing its work.
 */
export interface RequestTicket {
  channel: string;
  seq: number;
}

/** The answer to a request a newer one on its channel superseded before it ran. */
export interface Superseded {
  superseded: true;
}

/** Text views the inspectors show, named after the real tool. */
export type TextViewKind =
  | 'describe-network-interfaces'
  | 'kubectl-get-pods'
  | 'kubectl-describe-pod'
  | 'kubectl-get-nodes'
  | 'kubectl-describe-node'
  | 'kubectl-nodes-allocatable'
  | 'metrics'
  | 'ip addr'
  | 'ip -d link show'
  | 'ip rule'
  | 'ip route show table all'
  | 'iptables -t nat -S'
  | 'iptables -t mangle -S'
  /** kube-proxy's IPVS mode (the node inspector offers them when the cluster runs it). */
  | 'ipvsadm -Ln'
  | 'ipset list'
  /** Any command line in `target.command`: kubectl/aws elbv2 (cluster-wide) or a node command. */
  | 'command';

/** What a text view is about: a node, one ENI, or one pod (namespace/name); `command` for kind 'command'. */
export interface TextViewTarget { node?: string; eni?: string; pod?: string; command?: string }

/**
 * A typed command's answer: its text and, when the command changes state (`iptables -Z`), the
 * engine command that does it, for the page to apply and record like any user change.
 */
export interface CommandAnswer { text: string; effect?: Command }

/** A Service or load balancer a packet walk can go to (`id` is what `to` takes). */
export interface TraceTarget {
  kind: 'service' | 'loadbalancer';
  /** `<name>.<namespace>.svc.cluster.local`, or the load balancer's DNS name. */
  id: string;
  /** `namespace/name` of the Service (or Ingress) it belongs to. */
  object: string;
  /** The ClusterIP, or the load balancer's first address (none while it provisions). */
  ip?: string;
  ports: { port: number; proto: 'tcp' | 'udp' }[];
}

/** "Send n requests": where they landed. */
export type PacketSpread =
  | { ok: true; spread: import('../sim/trace/spread.ts').Spread; timeMs: number }
  | { ok: false; error: string };

export interface InstanceTypeSummary {
  name: string;
  enis: number;
  ipv4PerEni: number;
  maxPods: number;
  trunking: boolean;
  hypervisor: string;
  vcpus?: number;
}

/** The scenario as it stands now: the original spec with the user's commands folded into its timeline. */
export interface ShareState {
  spec: ScenarioSpec;
  nowMs: number;
}

export type { Command };

/** Something a packet walk can start from or go to (the pickers' entries). */
export interface TracePoint {
  kind: 'pod' | 'node' | 'external';
  /** What `trace` takes as `from`/`to`: `namespace/name`, a node name, or `external`. */
  id: string;
  ip: string;
  node?: string;
}

export interface PacketWalkRequest {
  from: string;
  /** A TracePoint id, or an IPv4 address. */
  to: string;
  proto: 'icmp' | 'tcp' | 'udp';
  dport?: number;
}

/** One namespace the walk touched, with the real tools' output the datapath view highlights. */
export interface WalkNamespace {
  /** As in `Hop.where.ns`: `<node>` or `<node>/<namespace>/<pod>`. */
  id: string;
  node: string;
  pod?: { namespace: string; name: string; ip: string; hostVeth: string };
  /** Devices: the pod's eth0, or the node's ENIs (eth0, eth1…) with address and MAC. */
  devices: { name: string; ip?: string; mac: string; publicIp?: string }[];
  /** Output lines keyed by the command a user would type (`ip rule`, `iptables -t nat -S`…). */
  views: Record<string, string[]>;
}

export type PacketWalk =
  | { ok: true; result: import('../sim/trace/hop.ts').TraceResult; transcript: string; timeMs: number; namespaces: WalkNamespace[] }
  | { ok: false; error: string };
