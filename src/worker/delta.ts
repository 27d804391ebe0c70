/**
 * Turns successive engine snapshots into small deltas: only nodes and pods whose
 * serialised form changed since the last delta are sent over the worker boundary.
 * With 100 nodes and 3,000 pods most ticks touch a handful of them.
 */
import type { SimSnapshot } from '../sim/view.ts';
import type { SnapshotDelta } from './protocol.ts';

export interface DeltaTracker {
  /** Forget what was sent; the next delta is complete. */
  reset(): void;
  next(snapshot: SimSnapshot): SnapshotDelta;
}

export function createDeltaTracker(): DeltaTracker {
  let sentNodes = new Map<string, string>();
  let sentPods = new Map<string, string>();
  let full = true;

  return {
    reset() {
      sentNodes = new Map();
      sentPods = new Map();
      full = true;
    },
    next(snapshot) {
      const { nodes, pods, ...head } = snapshot;
      const nextNodes = new Map<string, string>();
      const nextPods = new Map<string, string>();
      const changedNodes = nodes.filter((n) => {
        const json = JSON.stringify(n);
        nextNodes.set(n.name, json);
        return full || sentNodes.get(n.name) !== json;
      });
      const changedPods = pods.filter((p) => {
        const json = JSON.stringify(p);
        nextPods.set(p.uid, json);
        return full || sentPods.get(p.uid) !== json;
      });
      const delta: SnapshotDelta = {
        full,
        head,
        nodeOrder: nodes.map((n) => n.name),
        changedNodes,
        podOrder: pods.map((p) => p.uid),
        changedPods,
      };
      sentNodes = nextNodes;
      sentPods = nextPods;
      full = false;
      return delta;
    },
  };
}
