/**
 * Caps the views one tick answer carries. While a large cluster boots or scales, one tick
 * changes hundreds of nodes and thousands of pods: at 1,000 nodes and 16× one answer carried
 * 571 nodes (2.7 MB; a node's view is its ENIs and every address on them), and the scale to
 * 25,000 pods creates them all in one tick; the page decoded each in one task of over 100 ms.
 * Views are sent at most `TICK_NODES` nodes and `TICK_PODS` pods per answer, oldest change
 * first; the rest wait for the next answer, the newest view of an object replacing an older
 * one still waiting, so the page catches up within a few frames and never decodes a long
 * task's worth at once. Nothing in a full delta is held.
 *
 * - A node the page has never seen is never held (its pods would point at nothing).
 * - New pods are held in creation order, behind one another, so the page appends them in the
 *   engine's order; a held pod that is deleted is simply never sent.
 */
import type { NodeView, PodView, SimDelta } from '../sim/view.ts';

/** Known nodes' views per answer: about half a megabyte of structured clone at m5.large. */
export const TICK_NODES = 100;
/** Pod views per answer: about half a megabyte too. */
export const TICK_PODS = 1500;

/** One list's views waiting to be sent, in the order they first changed. */
class Queue<T> {
  private readonly held = new Map<string, T>();
  readonly known = new Set<string>();

  constructor(private readonly idOf: (t: T) => string, private readonly limit: number, private readonly holdNew: boolean) {}

  get size(): number {
    return this.held.size;
  }

  reset(all: readonly T[]): void {
    this.held.clear();
    this.known.clear();
    for (const t of all) this.known.add(this.idOf(t));
  }

  pass(changed: readonly T[], removed: readonly string[]): T[] {
    for (const id of removed) {
      this.held.delete(id);
      this.known.delete(id);
    }
    if (changed.length === 0 && this.held.size === 0) return changed as T[];
    const out: T[] = [];
    for (const t of changed) {
      const id = this.idOf(t);
      // A view changed again while waiting keeps its place in the queue with its newest value.
      if (this.known.has(id) || this.holdNew) this.held.set(id, t);
      else {
        this.known.add(id);
        out.push(t);
      }
    }
    let budget = this.limit;
    for (const [id, t] of this.held) {
      if (budget-- <= 0) break;
      out.push(t);
      this.held.delete(id);
      this.known.add(id);
    }
    return out;
  }
}

export class NodeBacklog {
  private readonly nodes: Queue<NodeView>;
  private readonly pods: Queue<PodView>;

  constructor(nodeLimit = TICK_NODES, podLimit = TICK_PODS) {
    this.nodes = new Queue((n) => n.name, nodeLimit, false);
    this.pods = new Queue((p) => p.uid, podLimit, true);
  }

  /** Views whose newest value the page has not been sent yet. */
  get size(): number {
    return this.nodes.size + this.pods.size;
  }

  /** `delta` as it may travel now; the rest held for the next answers. */
  pass(delta: SimDelta): SimDelta {
    if (delta.full) {
      this.nodes.reset(delta.changedNodes);
      this.pods.reset(delta.changedPods);
      return delta;
    }
    const changedNodes = this.nodes.pass(delta.changedNodes, delta.removedNodes);
    const changedPods = this.pods.pass(delta.changedPods, delta.removedPods);
    if (changedNodes === delta.changedNodes && changedPods === delta.changedPods) return delta;
    return { ...delta, changedNodes, changedPods };
  }
}
