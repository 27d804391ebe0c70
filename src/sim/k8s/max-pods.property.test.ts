/**
 * Max pods holds for every pod, DaemonSet pods included, whatever happens: small max pods
 * (1–6), scaling, cordon/uncordon, taints of every effect, nodeSelectors, nodes added and
 * removed, pods deleted. Checked every 5 simulated seconds of each random run.
 */
import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import type { TaintEffect } from '../spec.ts';
import { scenario, type Driver } from '../testing/driver.ts';
import { matchesSelector } from './node-filters.ts';

type Step =
  | { at: number; kind: 'scale'; replicas: number }
  | { at: number; kind: 'cordon' | 'uncordon'; node: number }
  | { at: number; kind: 'taint'; node: number; key: 'a' | 'b'; effect: TaintEffect; remove: boolean }
  | { at: number; kind: 'addNodes' | 'removeNodes' }
  | { at: number; kind: 'deletePod'; pick: number };

const at = fc.integer({ min: 0, max: 300 });
const node = fc.integer({ min: 0, max: 3 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ at, kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ at, kind: fc.constantFrom('cordon' as const, 'uncordon' as const), node }) },
  {
    weight: 2,
    arbitrary: fc.record({
      at, kind: fc.constant('taint' as const), node, key: fc.constantFrom('a' as const, 'b' as const),
      effect: fc.constantFrom<TaintEffect>('NoSchedule', 'PreferNoSchedule', 'NoExecute'), remove: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ at, kind: fc.constantFrom('addNodes' as const, 'removeNodes' as const) }) },
  { weight: 2, arbitrary: fc.record({ at, kind: fc.constant('deletePod' as const), pick: fc.nat() }) },
);
const caseArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  nodes: fc.integer({ min: 1, max: 3 }),
  maxPods: fc.integer({ min: 1, max: 6 }),
  otherMaxPods: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  selector: fc.constantFrom<Record<string, string> | undefined>(undefined, { pool: 'a' }, { pool: 'b' }, { 'kubernetes.io/os': 'linux' }),
  replicas: fc.integer({ min: 0, max: 20 }),
  steps: fc.array(stepArb, { maxLength: 10 }),
});

function apply(d: Driver, s: Step): void {
  const refs = [...d.engine.cluster.nodes.values()].map((n) => `${n.nodeGroup}/${n.groupIndex}`);
  const ref = (i: number) => refs[i % Math.max(1, refs.length)] ?? 'ng-a/0';
  switch (s.kind) {
    case 'scale': d.scale('web', s.replicas); break;
    case 'cordon': d.cordon(ref(s.node)); break;
    case 'uncordon': d.uncordon(ref(s.node)); break;
    case 'taint': d.taint(ref(s.node), s.key, s.effect, { remove: s.remove }); break;
    case 'addNodes': if (d.engine.cluster.nodes.size < 5) d.addNodes('ng-a', 1); break;
    case 'removeNodes': if (d.engine.cluster.nodes.size > 1) d.removeNodes('ng-a', 1); break;
    case 'deletePod': {
      const pods = d.pods('web').filter((p) => p.phase !== 'Terminating');
      if (pods.length) d.deletePod(pods[s.pick % pods.length].name);
      break;
    }
  }
}

function violations(d: Driver): string[] {
  const out: string[] = [];
  const { nodes, pods } = d.engine.cluster;
  for (const n of nodes.values()) {
    if (n.pods.size > n.maxPods) out.push(`${n.name}: ${n.pods.size} pods > max pods ${n.maxPods}`);
    const daemons = [...n.pods].map((k) => pods.get(k)!).filter((p) => p.hostNetwork);
    if (daemons.length > 2) out.push(`${n.name}: ${daemons.length} DaemonSet pods`);
    if (n.ready && !daemons.some((p) => p.name.startsWith('aws-node-'))) out.push(`${n.name} is Ready without aws-node`);
  }
  for (const p of pods.values()) {
    if (p.pinnedNode !== undefined) {
      if (p.node !== undefined && p.node !== p.pinnedNode) out.push(`${p.key} pinned to ${p.pinnedNode} runs on ${p.node}`);
      const home = nodes.get(p.pinnedNode);
      if (p.node === undefined && home && home.pods.size < home.maxPods && p.phase === 'Pending' && !p.message) out.push(`${p.key} Pending with room and no reason`);
    }
    if (p.node !== undefined && !p.hostNetwork) {
      const n = nodes.get(p.node);
      if (n && !matchesSelector(n.labels, p.nodeSelector)) out.push(`${p.key} on ${p.node} does not match its nodeSelector`);
    }
  }
  return out;
}

describe('max pods (fast-check)', () => {
  it('no node ever holds more pods than its max pods; DaemonSet pods stay on their node; selectors hold', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const b = scenario().seed(c.seed)
        .nodes('t3.medium', c.nodes, { group: 'ng-a', maxPods: c.maxPods, labels: { pool: 'a' } })
        .nodes('t3.medium', 1, { group: 'ng-b', labels: { pool: 'b' }, ...(c.otherMaxPods ? { maxPods: c.otherMaxPods } : {}) })
        .deployment('web', c.replicas, c.selector ? { nodeSelector: c.selector } : {});
      const d = b.start();
      const steps = c.steps.toSorted((x, y) => x.at - y.at);
      let i = 0;
      for (let t = 0; t <= 300; t += 5) {
        while (i < steps.length && steps[i].at <= t) apply(d, steps[i++]);
        d.runUntil(t + 5);
        const v = violations(d);
        if (v.length) throw new Error(`t=${d.seconds}s: ${v.slice(0, 4).join('; ')}`);
      }
    }), { numRuns: 80 });
  });
});
