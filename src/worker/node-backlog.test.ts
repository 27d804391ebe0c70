import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeView, PodView, SimDelta } from '../sim/view.ts';
import { NodeBacklog } from './node-backlog.ts';

/** A node view reduced to what the backlog reads (its name) and a version to follow it by. */
const node = (name: string, version = 0) => ({ name, podCount: version }) as unknown as NodeView;
const delta = (changed: NodeView[], removed: string[] = [], full = false): SimDelta => ({
  full, head: { timeMs: 0, ec2: { calls: 0, throttled: 0, errors: 0 }, lastEventSeq: 0 },
  changedNodes: changed, removedNodes: removed, changedPods: [], removedPods: [], changedDeployments: [], removedDeployments: [], changedSubnets: [],
});
const names = (d: SimDelta) => d.changedNodes.map((n) => n.name);
const pod = (uid: string, version = 0) => ({ uid, restarts: version }) as unknown as PodView;
const podDelta = (changed: PodView[], removed: string[] = []): SimDelta => ({ ...delta([]), changedPods: changed, removedPods: removed });
const uids = (d: SimDelta) => d.changedPods.map((p) => p.uid);
const range = (n: number, prefix = 'n') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('NodeBacklog: at most a few known nodes per tick answer', () => {
  it('passes a full delta whole, however large', () => {
    const b = new NodeBacklog(2);
    expect(names(b.pass(delta(range(5).map((n) => node(n)), [], true)))).toEqual(range(5));
    expect(b.size).toBe(0);
  });

  it('sends new nodes at once, and holds known nodes past the limit for the next answers, oldest first', () => {
    const b = new NodeBacklog(2);
    b.pass(delta(range(5).map((n) => node(n)), [], true));
    const first = b.pass(delta([node('n0', 1), node('n1', 1), node('n2', 1), node('new', 1), node('n3', 1)]));
    expect(names(first)).toEqual(['new', 'n0', 'n1']);
    expect(b.size).toBe(2);
    expect(names(b.pass(delta([])))).toEqual(['n2', 'n3']);
    expect(b.size).toBe(0);
  });

  it('sends the newest view of a node that changed again while held, and drops a removed one', () => {
    const b = new NodeBacklog(1);
    b.pass(delta(range(3).map((n) => node(n)), [], true));
    b.pass(delta([node('n0', 1), node('n1', 1), node('n2', 1)]));
    const next = b.pass(delta([node('n2', 2)], ['n1']));
    expect(next.changedNodes).toEqual([node('n2', 2)]);
    expect(next.removedNodes).toEqual(['n1']);
    expect(b.size).toBe(0);
  });

  it('holds new pods past the limit in creation order, so the page appends them in the engine\'s order', () => {
    const b = new NodeBacklog(100, 2);
    b.pass(delta([], [], true));
    expect(uids(b.pass(podDelta([pod('a'), pod('b'), pod('c'), pod('d'), pod('e')])))).toEqual(['a', 'b']);
    // c changes while held: its newest view, in its place; d is deleted before it was ever sent.
    expect(uids(b.pass(podDelta([pod('f'), pod('c', 1)], ['d'])))).toEqual(['c', 'e']);
    const last = b.pass(podDelta([]));
    expect(uids(last)).toEqual(['f']);
    expect(b.size).toBe(0);
  });

  it('a full delta (a resync) forgets what was held', () => {
    const b = new NodeBacklog(1);
    b.pass(delta(range(3).map((n) => node(n)), [], true));
    b.pass(delta([node('n0', 1), node('n1', 1), node('n2', 1)]));
    b.pass(delta([node('n0', 2), node('n1', 2), node('n2', 2)], [], true));
    expect(b.size).toBe(0);
    expect(names(b.pass(delta([])))).toEqual([]);
  });

  it('property: the page ends with every node\'s newest view, and no answer carries more than the limit of known nodes', () => {
    const change = fc.record({ node: fc.integer({ min: 0, max: 11 }), remove: fc.boolean() });
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(change, { maxLength: 12 }), { maxLength: 12 }), (limit, ticks) => {
      const b = new NodeBacklog(limit);
      const engine = new Map(range(6).map((n) => [n, node(n)]));
      const page = new Map(engine);
      b.pass(delta([...engine.values()], [], true));
      let version = 0;
      const apply = (d: SimDelta) => {
        let known = 0;
        for (const r of d.removedNodes) page.delete(r);
        for (const n of d.changedNodes) { if (page.has(n.name)) known++; page.set(n.name, n); }
        expect(known).toBeLessThanOrEqual(limit);
      };
      for (const tick of ticks) {
        const changed = new Map<string, NodeView>();
        const removed: string[] = [];
        for (const c of tick) {
          const name = `n${c.node}`;
          if (c.remove && engine.has(name)) { engine.delete(name); changed.delete(name); removed.push(name); }
          else if (!c.remove) { const v = node(name, ++version); engine.set(name, v); changed.set(name, v); }
        }
        apply(b.pass(delta([...changed.values()], removed)));
      }
      for (let i = 0; i < 20 && b.size > 0; i++) apply(b.pass(delta([])));
      expect(b.size).toBe(0);
      expect(page).toEqual(engine);
    }));
  });
});
