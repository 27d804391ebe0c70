/** The blank sandbox sample: valid, and nothing in it changes the cluster but the learner. */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/index.ts';
import { parseScenario } from './parse-scenario.ts';
import { SAMPLE_SCENARIOS } from './sample-index.ts';

describe('sandbox sample', () => {
  it('is a valid scenario without warnings, with nothing scripted and no lesson steps', () => {
    const r = parseScenario(SAMPLE_SCENARIOS.sandbox);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.warnings).toEqual([]);
    expect(r.spec.timeline).toEqual([]);
    expect(r.spec.steps ?? []).toEqual([]);
  });

  it('runs no workload pods until the learner scales: after 10 minutes only what EKS gives (aws-node, kube-proxy, 2 CoreDNS) runs', () => {
    const r = parseScenario(SAMPLE_SCENARIOS.sandbox);
    if (!r.ok) throw new Error('invalid');
    const sim = createSimulation(r.spec);
    sim.runUntil(600_000);
    const pods = sim.snapshot().pods;
    // The CoreDNS add-on's 2 replicas are the only pods with VPC addresses, as on a new EKS cluster.
    expect(pods.filter((p) => !p.hostNetwork).map((p) => `${p.namespace}/${p.deployment}`)).toEqual(['kube-system/coredns', 'kube-system/coredns']);
    expect(pods.filter((p) => p.hostNetwork).map((p) => p.name.replace(/-[a-z0-9]+$/, '')).toSorted()).toEqual(['aws-node', 'kube-proxy']);
    expect(sim.apply({ type: 'scale', deployment: 'web', replicas: 3 }).ok).toBe(true);
    sim.runUntil(660_000);
    expect(sim.snapshot().pods.filter((p) => p.deployment === 'web' && p.phase === 'Running')).toHaveLength(3);
  });
});
