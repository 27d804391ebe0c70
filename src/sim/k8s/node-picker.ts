/**
 * Picks nodes for a batch of pods as the default scheduler scores them with default
 * requests (NodeResourcesFit, LeastAllocated): the node with the largest share of free pod
 * slots wins, and ties go to a uniformly random one. A max-heap keyed by (score, random
 * key) gives each pick in O(log n): a node's key is drawn afresh whenever it is pushed,
 * so among tied nodes the one on top is a uniform choice.
 */
import type { Random } from '../clock/random.ts';
import type { KNode } from './objects.ts';

interface Item {
  node: KNode;
  score: number;
  key: number;
}

export class NodePicker {
  private readonly heap: Item[] = [];

  constructor(nodes: Iterable<KNode>, private readonly random: Random) {
    for (const n of nodes) this.offer(n);
  }

  /** Adds a node if it can take another pod (Ready, below max pods). */
  offer(node: KNode): void {
    if (!node.ready || node.pods.size >= node.maxPods) return;
    this.push({ node, score: 1 - node.pods.size / node.maxPods, key: this.random.float() });
  }

  /** The best node now, removed from the heap (offer it again after binding). */
  take(): KNode | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      this.down(0);
    }
    return top.node;
  }

  private better(a: Item, b: Item): boolean {
    return a.score > b.score + 1e-12 || (Math.abs(a.score - b.score) <= 1e-12 && a.key > b.key);
  }

  private push(item: Item): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.better(h[l], h[m])) m = l;
      if (r < h.length && this.better(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
