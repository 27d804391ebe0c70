import { describe, expect, it } from 'vitest';
import { createDeltaTracker } from './delta.ts';
import { createFakeSimulation, fakeSpec } from './fake-engine.test-support.ts';

describe('delta tracker', () => {
  it('sends everything first, then only what changed', () => {
    const sim = createFakeSimulation(fakeSpec());
    const t = createDeltaTracker();
    const first = t.next(sim.snapshot());
    expect(first.full).toBe(true);
    expect(first.changedNodes).toHaveLength(2);
    expect(first.changedPods).toHaveLength(3);
    const idle = t.next(sim.snapshot());
    expect(idle.full).toBe(false);
    expect(idle.changedNodes).toHaveLength(0);
    expect(idle.changedPods).toHaveLength(0);
    sim.apply({ type: 'scale', deployment: 'web', replicas: 4 });
    const grown = t.next(sim.snapshot());
    expect(grown.changedPods.map((p) => p.uid)).toEqual(['web-3']);
    expect(grown.podOrder).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
  });

  it('reset makes the next delta complete again', () => {
    const sim = createFakeSimulation(fakeSpec());
    const t = createDeltaTracker();
    t.next(sim.snapshot());
    t.reset();
    expect(t.next(sim.snapshot()).changedNodes).toHaveLength(2);
  });
});
