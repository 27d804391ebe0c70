/**
 * Event message texts the engine puts on pods, spelled as current Kubernetes, containerd and
 * the aws-cni plugin print them. Pure and small so the engine can call them directly.
 *
 * Sources: FitError.Error() in kubernetes pkg/scheduler/framework/types.go (reasons as
 * "<count> <reason>", sorted as strings, joined by ", "; the default-preemption PostFilter
 * message appended after "preemption: "); pasted events in kubernetes/kubernetes#131071 and
 * aws/karpenter-provider-aws#3989 for the sandbox message; cmd/routed-eni-cni-plugin/cni.go at
 * v1.23.1 for "add cmd: failed to assign an IP address to container".
 */

/** A filter failure other than max pods, e.g. an untolerated not-ready taint. */
export interface OtherFitReason {
  reason: string;
  count: number;
  /** Would evicting lower-priority pods help? false → "Preemption is not helpful for scheduling". */
  preemptionHelps?: boolean;
  /** Of `count`, the nodes where preemption helps and that no earlier reason counted (overrides preemptionHelps). */
  helpsCount?: number;
}

/** Go's sort.Strings over "count reason" strings (byte order, so "10 x" sorts before "2 y"). */
function histogram(entries: { reason: string; count: number }[]): string {
  return entries
    .filter((e) => e.count > 0)
    .map((e) => `${e.count} ${e.reason}`)
    .toSorted((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(', ');
}

/**
 * The FailedScheduling message for a pod that no node can take, e.g.
 * "0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No
 * preemption victims found for incoming pod." (all pods at the default priority 0, so
 * preemption finds no victims on nodes that are merely full).
 */
export function failedSchedulingMessage(nodes: number, tooManyPods: number, other: OtherFitReason[] = []): string {
  if (nodes === 0) return 'no nodes available to schedule pods';
  const filter = histogram([{ reason: 'Too many pods', count: tooManyPods }, ...other]);
  const helps = tooManyPods + other.reduce((s, o) => s + (o.helpsCount ?? (o.preemptionHelps ? o.count : 0)), 0);
  const post = histogram([
    { reason: 'No preemption victims found for incoming pod', count: helps },
    { reason: 'Preemption is not helpful for scheduling', count: nodes - helps },
  ]);
  return `0/${nodes} nodes are available: ${filter}. preemption: 0/${nodes} nodes are available: ${post}.`;
}

/** Why the aws-cni ADD failed: no address, ipamd down, or the plugin's own error text. */
export type SandboxFailure = 'no-ip' | 'ipamd-unreachable' | { cniError: string };

/**
 * The FailedCreatePodSandBox message kubelet records when containerd's CNI ADD fails, e.g.
 * `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for
 * sandbox "<64 hex>": plugin type="aws-cni" name="aws-cni" failed (add): add cmd: failed to
 * assign an IP address to container`.
 */
export function failedCreatePodSandBoxMessage(sandboxId: string, cause: SandboxFailure = 'no-ip'): string {
  const cni =
    typeof cause === 'object'
      ? cause.cniError
      : cause === 'no-ip'
      ? 'add cmd: failed to assign an IP address to container'
      : 'add cmd: Error received from AddNetwork gRPC call: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:50051: connect: connection refused"';
  return `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sandboxId}": plugin type="aws-cni" name="aws-cni" failed (add): ${cni}`;
}

/** The Normal/Scheduled message from default-scheduler. */
export function scheduledMessage(namespace: string, pod: string, node: string): string {
  return `Successfully assigned ${namespace}/${pod} to ${node}`;
}
