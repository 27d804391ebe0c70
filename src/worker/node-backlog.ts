/**
 * Caps the node views one tick answer carries. A node's view is a few KB (its ENIs and every
 * address on them), and while a large cluster boots or scales, hundreds of nodes change in one
 * tick: at 1,000 nodes and 16× one answer carried 571 nodes, 2.7 MB, which the page spends over
 * 100 ms decoding in one task. Views of nodes the page already has are sent at most
 * `TICK_NODES` per answer, oldest change first; the rest wait for the next answer, the newest
 * view of a node replacing an older one still waiting, so the page catches up within a few
 * frames and never decodes a long task's worth at once. A node the page has never seen is
 * never held (its pods would point at nothing), nor is anything in a full delta.
 */
import type { NodeView, SimDelta } from '../sim/view.ts';

/** Known nodes' views per answer: about half a megabyte of structured clone at m5.large. */
export const TICK_NODES = 100;

export class NodeBacklog {
  private readonly held = new Map<string, NodeView>();
  private readonly known = new Set<string>();

  constructor(private readonly limit = TICK_NODES) {}

  /** Nodes whose newest view the page has not been sent yet. */
  get size(): number {
    return this.held.size;
  }

  /** `delta` as it may travel now: every new node, at most `limit` known ones; the rest held. */
  pass(delta: SimDelta): SimDelta {
    if (delta.full) {
      this.held.clear();
      this.known.clear();
      for (const n of delta.changedNodes) this.known.add(n.name);
      return delta;
    }
    for (const name of delta.removedNodes) {
      this.held.delete(name);
      this.known.delete(name);
    }
    if (delta.changedNodes.length === 0 && this.held.size === 0) return delta;
    const out: NodeView[] = [];
    for (const n of delta.changedNodes) {
      if (this.known.has(n.name)) {
        // A node changed again while waiting keeps its place in the queue with its newest view.
        this.held.set(n.name, n);
      } else {
        this.known.add(n.name);
        out.push(n);
      }
    }
    let budget = this.limit;
    for (const [name, view] of this.held) {
      if (budget-- <= 0) break;
      out.push(view);
      this.held.delete(name);
    }
    return { ...delta, changedNodes: out };
  }
}
