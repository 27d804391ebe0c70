/**
 * The scheduler's filters that do not count resources, in the order the default profile
 * runs them (NodeUnschedulable, TaintToleration, NodeAffinity; NodeResourcesFit — max pods
 * and extended resources — comes after, in the cluster). A node is reported with the first
 * filter that rejects it, which is how FailedScheduling's histogram counts nodes. Reason
 * texts are the plugins' own (kubernetes pkg/scheduler/framework/plugins: nodeunschedulable
 * ErrReasonUnschedulable, tainttoleration "node(s) had untolerated taint {%s: %s}",
 * nodeaffinity ErrReasonPod); all three are UnschedulableAndUnresolvable, so preemption
 * cannot help on those nodes.
 */
import type { TaintEffect } from '../spec.ts';
import type { KNode, Pod } from './objects.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
}

/** What `kubectl cordon` leads to: the node lifecycle controller adds this taint. */
export const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
/** A node whose kubelet is not Ready carries this (TaintNodesByCondition). */
export const NOT_READY_TAINT: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };

/**
 * Tolerations a pod of ours carries: DaemonSet pods (aws-node, kube-proxy) tolerate every
 * taint (`operator: Exists` in their manifests); deployment pods only the two NoExecute
 * tolerations the DefaultTolerationSeconds admission plugin adds (not-ready, unreachable).
 */
export function tolerates(pod: Pod, taint: Taint): boolean {
  if (pod.hostNetwork) return true;
  return taint.effect === 'NoExecute' && (taint.key === 'node.kubernetes.io/not-ready' || taint.key === 'node.kubernetes.io/unreachable');
}

/** Whether the node's labels carry every label of the selector. */
export function matchesSelector(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>> | undefined): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

const untolerated = (t: Taint): string => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

/** The first non-resource filter that rejects `pod` on `node`, as its FailedScheduling reason. */
export function filterFailure(pod: Pod, node: KNode): string | undefined {
  // NodeUnschedulable lets through pods that tolerate the unschedulable taint (DaemonSet pods).
  if (node.unschedulable && !tolerates(pod, UNSCHEDULABLE_TAINT)) return 'node(s) were unschedulable';
  if (!node.ready && !tolerates(pod, NOT_READY_TAINT)) return untolerated(NOT_READY_TAINT);
  for (const t of node.taints) {
    if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod, t)) return untolerated(t);
  }
  if (!matchesSelector(node.labels, pod.nodeSelector)) return "node(s) didn't match Pod's node affinity/selector";
  return undefined;
}

/** Intolerable PreferNoSchedule taints: TaintToleration's score counts them. */
export function preferNoScheduleCount(pod: Pod, node: KNode): number {
  let n = 0;
  for (const t of node.taints) if (t.effect === 'PreferNoSchedule' && !tolerates(pod, t)) n++;
  return n;
}

/** Whether the node has `node.kubernetes.io/unschedulable:NoSchedule` (what ipamd checks, isNodeNonSchedulable). */
export function hasUnschedulableTaint(node: KNode): boolean {
  return node.taints.some((t) => t.key === UNSCHEDULABLE_TAINT.key && t.effect === 'NoSchedule');
}
