import { describe, expect, it } from 'vitest';
import { parseScenario, SAMPLE_SCENARIOS } from '../../scenario/index.ts';
import { createSimulation } from '../index.ts';
import { tracePacket } from './tracer.ts';
import { worldFromSimulation } from './world-at.ts';

describe('worldFromSimulation', () => {
  it('builds every node and running pod of a sample, and pods reach each other and the internet', () => {
    const parsed = parseScenario(SAMPLE_SCENARIOS['three-az']);
    if (!parsed.ok) throw new Error('sample does not parse');
    const sim = createSimulation(parsed.spec);
    sim.runUntil(240_000);
    const snap = sim.snapshot();
    const w = worldFromSimulation(sim);
    const running = snap.pods.filter((p) => p.phase === 'Running' && !p.hostNetwork && p.ip);
    expect(w.nodes.length).toBe(snap.nodes.length);
    expect(w.nodes.reduce((n, x) => n + x.pods.length, 0)).toBe(running.length);
    const [a, b] = [w.nodes[0].pods[0], w.nodes[1].pods[0]];
    expect(tracePacket(w, { from: `${a.namespace}/${a.pod}`, to: `${b.namespace}/${b.pod}`, proto: 'tcp', dport: 80 }).replied).toBe(true);
    expect(tracePacket(w, { from: `${a.namespace}/${a.pod}`, to: '203.0.113.10', proto: 'icmp' }).replied).toBe(true);
  });
});
