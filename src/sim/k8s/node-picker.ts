/**
 * Picks nodes for a batch of pods as the default scheduler scores them with default
 * requests (NodeResourcesFit, LeastAllocated): the node with the largest share of free pod
 * slots wins, and ties go to a uniformly random one. A max-heap keyed by (score, random
 * key) gives each pick in O(log n): a node's key is drawn afresh whenever it is pushed,
 * so among tied nodes the one on top is a uniform choice.
 */
import type { Random } from '../clock/random.ts';
import { BinaryHeap } from '../clock/binary-heap.ts';
import type { KNode } from './objects.ts';

interface Item {
  node: KNode;
  score: number;
  key: number;
}

export class NodePicker {
  // Best first: larger free share, then the larger random key among ties.
  private readonly heap = new BinaryHeap<Item>(
    (a, b) => a.score > b.score + 1e-12 || (Math.abs(a.score - b.score) <= 1e-12 && a.key > b.key),
  );

  constructor(nodes: Iterable<KNode>, private readonly random: Random) {
    for (const n of nodes) this.offer(n);
  }

  /** Adds a node if it can take another pod (Ready, below max pods). */
  offer(node: KNode): void {
    if (!node.ready || node.pods.size >= node.maxPods) return;
    this.heap.push({ node, score: 1 - node.pods.size / node.maxPods, key: this.random.float() });
  }

  /** The best node now, removed from the heap (offer it again after binding). */
  take(): KNode | undefined {
    return this.heap.pop()?.node;
  }
}
