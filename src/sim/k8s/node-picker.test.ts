import { describe, expect, it } from 'vitest';
import { Random } from '../clock/random.ts';
import { NodePicker } from './node-picker.ts';
import type { KNode } from './objects.ts';

function node(name: string, pods: number, maxPods: number, ready = true): KNode {
  return { name, maxPods, ready, pods: new Set(Array.from({ length: pods }, (_, i) => `${name}/p${i}`)) } as unknown as KNode;
}

describe('NodePicker (LeastAllocated with default requests)', () => {
  it('prefers the node with the largest share of free pod slots, and skips full or NotReady nodes', () => {
    const picker = new NodePicker([node('full', 29, 29), node('busy', 20, 29), node('big', 20, 110), node('down', 0, 29, false)], new Random(1));
    expect(picker.take()?.name).toBe('big');
    expect(picker.take()?.name).toBe('busy');
    expect(picker.take()).toBeUndefined();
  });

  it('spreads a batch evenly over identical nodes and breaks ties uniformly at random', () => {
    const firstPicks = new Map<string, number>();
    for (let seed = 1; seed <= 3000; seed++) {
      const nodes = ['a', 'b', 'c'].map((n) => node(n, 2, 17));
      const first = new NodePicker(nodes, new Random(seed)).take()!.name;
      firstPicks.set(first, (firstPicks.get(first) ?? 0) + 1);
    }
    for (const n of ['a', 'b', 'c']) expect(firstPicks.get(n)).toBeGreaterThan(900);

    const nodes = ['a', 'b', 'c'].map((n) => node(n, 2, 17));
    const picker = new NodePicker(nodes, new Random(9));
    for (let i = 0; i < 12; i++) {
      const n = picker.take()!;
      n.pods.add(`x${i}`);
      picker.offer(n);
    }
    expect(nodes.map((n) => n.pods.size)).toEqual([6, 6, 6]);
  });
});
