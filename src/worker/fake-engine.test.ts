import { describe, expect, it } from 'vitest';
import { createFakeSimulation, fakeSpec } from './fake-engine.test-support.ts';

describe('fake engine (test support)', () => {
  it('makes one pod per replica and runs them after 2 s', () => {
    const sim = createFakeSimulation(fakeSpec());
    expect(sim.snapshot().pods.map((p) => p.phase)).toEqual(['Pending', 'Pending', 'Pending']);
    sim.advance(2000);
    expect(sim.snapshot().pods.every((p) => p.phase === 'Running')).toBe(true);
  });
});
