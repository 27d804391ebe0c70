/**
 * The default scheduler, as far as pod networking needs it: a queue of pods waiting for a
 * node, DaemonSet pods first (system-node-critical priority), the filters (cordon, taints,
 * nodeSelector, then max pods and `vpc.amazonaws.com/pod-eni`), LeastAllocated scoring, a
 * 10 s back-off, and the FailedScheduling message a user reads in `kubectl describe pod`.
 */
import type { EventQueue } from '../clock/event-queue.ts';
import type { Random } from '../clock/random.ts';
import { failedSchedulingMessage, scheduledMessage, type OtherFitReason } from '../views/k8s-messages.ts';
import { filterFailure, preferNoScheduleCount } from './node-filters.ts';
import { NodePicker } from './node-picker.ts';
import type { KNode, Pod } from './objects.ts';

/** Scheduler's pod back-off ceiling, which also paces FailedScheduling events. */
const SCHEDULER_BACKOFF_MS = 10_000;
/** The same FailedScheduling message is recorded again at most this often. */
const REPEAT_EVENT_MS = 60_000;
/**
 * Pods one scheduling pass considers; a larger backlog (a link asking for tens of thousands of
 * replicas) continues in a pass of its own later in the same instant, so no single event of
 * the engine runs for seconds and a loader can pause between them.
 */
const SCHEDULER_BATCH = 1000;

/** The extended resource a branch-ENI pod requests (reference c.1, c.3.1). */
export const POD_ENI_RESOURCE = 'vpc.amazonaws.com/pod-eni';

export interface SchedulerHost {
  queue: EventQueue;
  random: Random;
  nodes: ReadonlyMap<string, KNode>;
  pods: ReadonlyMap<string, Pod>;
  /** Records an event through the cluster's spam filter. */
  emit(e: { type: 'Normal' | 'Warning'; reason: string; object: string; message: string; source: string; node?: string; touches: string[] }, pod?: Pod): void;
  /** Sets a pod's status reason and message (the cluster reports the change to its views). */
  setReason(pod: Pod, reason: string, message: string): void;
  /** Binds a deployment pod (the kubelet then creates its sandbox). */
  bind(pod: Pod, node: KNode): void;
  /** Binds a DaemonSet pod (host network: it runs at once). */
  bindDaemonPod(pod: Pod, node: KNode): void;
}

export class Scheduler {
  /** Pods waiting for a node, in creation order. */
  readonly waiting = new Set<string>();
  private queued = false;
  /** Where a pass that stopped at SCHEDULER_BATCH resumes (a live Set iterator). */
  private cursor?: Iterator<string>;

  constructor(private readonly host: SchedulerHost) {}

  /** Runs a scheduling pass in this instant (once, however often it is asked). */
  request(): void {
    if (this.queued) return;
    this.queued = true;
    this.host.queue.after(0, () => {
      this.queued = false;
      this.run();
    });
  }

  /** `vpc.amazonaws.com/pod-eni` requested by the pods bound to a node. */
  podEniUsed(node: KNode): number {
    let used = 0;
    for (const k of node.pods) if (this.host.pods.get(k)?.podEni) used++;
    return used;
  }

  private run(): void {
    const resumed = this.cursor;
    this.cursor = undefined;
    if (!this.waiting.size) return;
    const { pods, random } = this.host;
    const nodes = [...this.host.nodes.values()];
    let retryNeeded = false;
    // DaemonSet pods first: their priority (system-node-critical) puts them at the head of the queue.
    // A resumed pass has done them already in this instant.
    for (const key of resumed ? [] : this.waiting) {
      const pod = pods.get(key)!;
      if (pod.pinnedNode === undefined) continue;
      const node = this.host.nodes.get(pod.pinnedNode);
      if (node && node.pods.size < node.maxPods) {
        this.host.bindDaemonPod(pod, node);
        this.host.emit({ type: 'Normal', reason: 'Scheduled', object: `pod/${pod.key}`, message: scheduledMessage(pod.namespace, pod.name, node.name), source: 'default-scheduler', node: node.name, touches: [pod.key, node.name] }, pod);
      } else {
        this.record(pod, daemonFitError(nodes.length));
        retryNeeded = true;
      }
    }
    // One picker per set of filter results: pods without a nodeSelector share one (as before
    // cordon and taints existed, with the same random draws); each selector gets its own.
    const restricted = nodes.some((n) => n.unschedulable || n.taints.length > 0);
    const pickers = new Map<string, NodePicker>();
    const pickerFor = (pod: Pod): NodePicker => {
      const signature = pod.nodeSelector ? JSON.stringify(Object.entries(pod.nodeSelector).toSorted()) : '';
      let picker = pickers.get(signature);
      if (!picker) {
        const opts = restricted || pod.nodeSelector ? { fits: (n: KNode) => filterFailure(pod, n) === undefined, preferNoSchedule: (n: KNode) => preferNoScheduleCount(pod, n) } : {};
        pickers.set(signature, (picker = new NodePicker(nodes, random, opts)));
      }
      return picker;
    };
    // Pods alike (same selector, same pod-eni request) fail for the same reasons until a bind
    // changes a node: the message is built once per kind, not once per pod (it walks every
    // node, and a pass can hold thousands of pending pods).
    const fitErrors = new Map<string, string>();
    const waiting = resumed ?? this.waiting.values();
    for (let considered = 0; ; considered++) {
      if (considered === SCHEDULER_BATCH) {
        this.cursor = waiting;
        this.request();
        break;
      }
      const next = waiting.next();
      if (next.done) break;
      const key = next.value;
      const pod = pods.get(key)!;
      if (pod.pinnedNode !== undefined) continue;
      const picker = pickerFor(pod);
      const node = pod.podEni ? this.takeWithPodEni(picker) : picker.take();
      if (!node) {
        const kind = `${pod.podEni ? 'eni' : ''}|${pod.nodeSelector ? JSON.stringify(Object.entries(pod.nodeSelector).toSorted()) : ''}`;
        let message = fitErrors.get(kind);
        if (message === undefined) fitErrors.set(kind, (message = podFitError(pod, nodes, (n) => this.podEniUsed(n))));
        this.record(pod, message);
        retryNeeded = true;
        continue;
      }
      this.host.bind(pod, node);
      fitErrors.clear();
      picker.offer(node);
    }
    if (retryNeeded) this.host.queue.after(SCHEDULER_BACKOFF_MS, () => this.request());
  }

  /** The best node that also has a free pod-eni slot (NodeResourcesFit on the extended resource). */
  private takeWithPodEni(picker: NodePicker): KNode | undefined {
    const passed: KNode[] = [];
    let found: KNode | undefined;
    for (let n = picker.take(); n; n = picker.take()) {
      if (this.podEniUsed(n) < n.podEniCapacity) {
        found = n;
        break;
      }
      passed.push(n);
    }
    for (const n of passed) picker.offer(n);
    return found;
  }

  /** The pod's status and a FailedScheduling event, paced as the scheduler's back-off paces them. */
  private record(pod: Pod, message: string): void {
    this.host.setReason(pod, 'Unschedulable', message);
    const now = this.host.queue.nowMs;
    if (pod.lastFailedSchedulingMessage === message && now - (pod.lastFailedSchedulingMs ?? -Infinity) < REPEAT_EVENT_MS) return;
    pod.lastFailedSchedulingMs = now;
    pod.lastFailedSchedulingMessage = message;
    this.host.emit({ type: 'Warning', reason: 'FailedScheduling', object: `pod/${pod.key}`, message, source: 'default-scheduler', touches: [pod.key] }, pod);
  }
}

/**
 * Why no node took a deployment pod: each node counted under the first filter that
 * rejected it (node-filters.ts), then NodeResourcesFit's "Too many pods" and "Insufficient
 * vpc.amazonaws.com/pod-eni" (a node short of both counts under both).
 */
export function podFitError(pod: Pod, nodes: readonly KNode[], podEniUsed: (n: KNode) => number): string {
  const unresolvable = new Map<string, number>();
  let tooMany = 0;
  let podEniShort = 0;
  let podEniOnly = 0;
  for (const n of nodes) {
    const failure = filterFailure(pod, n);
    if (failure !== undefined) {
      unresolvable.set(failure, (unresolvable.get(failure) ?? 0) + 1);
      continue;
    }
    const full = n.pods.size >= n.maxPods;
    if (full) tooMany++;
    if (pod.podEni && podEniUsed(n) >= n.podEniCapacity) {
      podEniShort++;
      // Nodes already counted as full only add their count once to the preemption summary.
      if (!full) podEniOnly++;
    }
  }
  const other: OtherFitReason[] = [...unresolvable].map(([reason, count]) => ({ reason, count, preemptionHelps: false }));
  if (podEniShort) other.push({ reason: `Insufficient ${POD_ENI_RESOURCE}`, count: podEniShort, helpsCount: podEniOnly });
  return failedSchedulingMessage(nodes.length, tooMany, other);
}

/**
 * A DaemonSet pod whose node is full. Its node affinity narrows the scheduler to that one
 * node (NodeAffinity's PreFilter), so every other node is "didn't satisfy plugin(s)
 * [NodeAffinity]" (kubernetes schedule_one.go, SetAbsentNodesStatus), and preemption finds
 * no victim: the other pods there are DaemonSet pods of the same priority.
 */
export function daemonFitError(nodeCount: number): string {
  const others = nodeCount - 1;
  const other: OtherFitReason[] = others > 0 ? [{ reason: "node(s) didn't satisfy plugin(s) [NodeAffinity]", count: others, preemptionHelps: false }] : [];
  return failedSchedulingMessage(nodeCount, 1, other);
}
