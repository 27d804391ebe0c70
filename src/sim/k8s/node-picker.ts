/**
 * Picks nodes for a batch of pods as the default scheduler scores them with default
 * requests (NodeResourcesFit, LeastAllocated): the node with the largest share of free pod
 * slots wins, and ties go to a uniformly random one. A max-heap keyed by (score, random
 * key) gives each pick in O(log n): a node's key is drawn afresh whenever it is pushed,
 * so among tied nodes the one on top is a uniform choice.
 *
 * A picker serves pods that pass the same filters (`fits`: cordon, taints, nodeSelector).
 * Intolerable PreferNoSchedule taints lower a node's score as TaintToleration's does: its
 * normalised score (weight 3) outweighs LeastAllocated's (weight 1) unless many nodes carry
 * such taints in different numbers.
 */
import type { Random } from '../clock/random.ts';
import { BinaryHeap } from '../clock/binary-heap.ts';
import type { KNode } from './objects.ts';

interface Item {
  node: KNode;
  score: number;
  key: number;
}

export interface PickerOptions {
  /** Whether a node passes the pod's filters (besides Ready and max pods). */
  fits?: (node: KNode) => boolean;
  /** Intolerable PreferNoSchedule taints on a node. */
  preferNoSchedule?: (node: KNode) => number;
}

export class NodePicker {
  // Best first: larger score, then the larger random key among ties.
  private readonly heap = new BinaryHeap<Item>(
    (a, b) => a.score > b.score + 1e-12 || (Math.abs(a.score - b.score) <= 1e-12 && a.key > b.key),
  );
  private readonly fits: (node: KNode) => boolean;
  private readonly prefer?: (node: KNode) => number;
  /** The most intolerable PreferNoSchedule taints on a candidate (TaintToleration normalises by it). */
  private readonly maxPrefer: number;

  constructor(nodes: Iterable<KNode>, private readonly random: Random, opts: PickerOptions = {}) {
    this.fits = opts.fits ?? (() => true);
    this.prefer = opts.preferNoSchedule;
    const candidates = [...nodes];
    this.maxPrefer = this.prefer ? Math.max(0, ...candidates.map((n) => this.prefer!(n))) : 0;
    for (const n of candidates) this.offer(n);
  }

  private score(node: KNode): number {
    const leastAllocated = 1 - node.pods.size / node.maxPods;
    if (this.maxPrefer === 0) return leastAllocated;
    return leastAllocated + 3 * (1 - this.prefer!(node) / this.maxPrefer);
  }

  /** Adds a node if it can take another pod (Ready, below max pods, passes the filters). */
  offer(node: KNode): void {
    if (!node.ready || node.pods.size >= node.maxPods || !this.fits(node)) return;
    this.heap.push({ node, score: this.score(node), key: this.random.float() });
  }

  /**
   * The best node now, removed from the heap (offer it again after binding). A node that
   * another picker filled since it was offered here is re-scored or dropped.
   */
  take(): KNode | undefined {
    for (;;) {
      const top = this.heap.pop();
      if (!top) return undefined;
      if (top.node.pods.size >= top.node.maxPods) continue;
      if (Math.abs(this.score(top.node) - top.score) > 1e-12) {
        this.offer(top.node);
        continue;
      }
      return top.node;
    }
  }
}
