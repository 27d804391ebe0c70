/**
 * Applies a worker delta to the UI's copy of the snapshot. The engine's collections only
 * append and delete, so a delta says which ids are gone and which views changed; a changed
 * view the copy knows replaces it in place, an unknown one is appended. Unchanged nodes and
 * pods keep their object identity, and a list with no change keeps its array identity, so
 * renderers and selectors can skip them with a reference check. The work is proportional to
 * the delta, plus one array copy per list that changed.
 */
import type { NodeView, PodView, SimSnapshot } from '../../sim/view.ts';
import type { SnapshotDelta } from '../../worker/protocol.ts';

/** Position of each item by id. Shared by successive arrays of one list and checked on read. */
const positions = new WeakMap<readonly unknown[], Map<string, number>>();

function indexOf<T>(list: readonly T[], idOf: (t: T) => string): Map<string, number> {
  let index = positions.get(list);
  if (!index) {
    index = new Map();
    for (let i = 0; i < list.length; i++) index.set(idOf(list[i]), i);
    positions.set(list, index);
  }
  return index;
}

/** `list` with `removed` ids dropped, then each of `changed` replaced in place or appended. */
export function mergeList<T>(list: readonly T[], changed: readonly T[], removed: readonly string[], idOf: (t: T) => string): T[] {
  if (changed.length === 0 && removed.length === 0) return list as T[];
  let out = list as T[];
  let index = indexOf(list, idOf);
  if (removed.length > 0) {
    const gone = new Set(removed);
    out = list.filter((t) => !gone.has(idOf(t)));
    index = new Map();
    for (let i = 0; i < out.length; i++) index.set(idOf(out[i]), i);
  } else {
    out = list.slice();
    // Same positions as `list`, so the index is shared; positions are checked on every read.
  }
  for (const item of changed) {
    const id = idOf(item);
    let at = index.get(id);
    // A recorded position that does not hold the id was written by another branch of history
    // (two deltas applied to one snapshot): look the id up instead of trusting it.
    if (at !== undefined && (at >= out.length || idOf(out[at]) !== id)) at = out.findIndex((t) => idOf(t) === id);
    if (at !== undefined && at >= 0) {
      out[at] = item;
    } else {
      at = out.length;
      out.push(item);
    }
    index.set(id, at);
  }
  positions.set(out, index);
  return out;
}

const nodeId = (n: NodeView) => n.name;
const podId = (p: PodView) => p.uid;

/**
 * The snapshot after `delta`. A full delta replaces everything; an incremental one needs the
 * previous snapshot (without one it cannot be applied, and `undefined` says a resync is due).
 */
export function applyDelta(prev: SimSnapshot | undefined, delta: SnapshotDelta): SimSnapshot | undefined {
  if (delta.full) {
    if (!delta.scenario) return undefined;
    return {
      ...delta.head,
      ...delta.scenario,
      env: delta.env ?? {},
      subnets: delta.changedSubnets,
      nodes: delta.changedNodes,
      pods: delta.changedPods,
      deployments: delta.changedDeployments,
    };
  }
  if (!prev) return undefined;
  return {
    ...prev,
    ...delta.head,
    env: delta.env ?? prev.env,
    subnets: mergeList(prev.subnets, delta.changedSubnets, [], (s) => s.id),
    nodes: mergeList(prev.nodes, delta.changedNodes, delta.removedNodes, nodeId),
    pods: mergeList(prev.pods, delta.changedPods, delta.removedPods, podId),
    deployments: mergeList(prev.deployments, delta.changedDeployments, delta.removedDeployments, (d) => `${d.namespace}/${d.name}`),
  };
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
