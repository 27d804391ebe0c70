/**
 * Applies a worker delta to the UI's copy of the snapshot. Unchanged nodes and pods keep
 * their object identity, so renderers can skip them with a reference check.
 */
import type { NodeView, PodView, SimSnapshot } from '../../sim/view.ts';
import type { SnapshotDelta } from '../../worker/protocol.ts';

export function applyDelta(prev: SimSnapshot | undefined, delta: SnapshotDelta): SimSnapshot {
  const oldNodes = new Map<string, NodeView>();
  const oldPods = new Map<string, PodView>();
  if (prev && !delta.full) {
    for (const n of prev.nodes) oldNodes.set(n.name, n);
    for (const p of prev.pods) oldPods.set(p.uid, p);
  }
  for (const n of delta.changedNodes) oldNodes.set(n.name, n);
  for (const p of delta.changedPods) oldPods.set(p.uid, p);
  const nodes = delta.nodeOrder.flatMap((name) => oldNodes.get(name) ?? []);
  const pods = delta.podOrder.flatMap((uid) => oldPods.get(uid) ?? []);
  return { ...delta.head, nodes, pods };
}

/** Pods grouped by node name; unscheduled pods under the key ''. */
export function podsByNode(pods: readonly PodView[]): Map<string, PodView[]> {
  const out = new Map<string, PodView[]>();
  for (const p of pods) {
    const key = p.node ?? '';
    const list = out.get(key);
    if (list) list.push(p);
    else out.set(key, [p]);
  }
  return out;
}
