import { describe, expect, it } from 'vitest';
import { catalogDeps } from './catalog-deps.ts';
import type { Simulation } from '../sim/simulation-api.ts';
import { createSimApi, MAX_EVENTS_PER_TICK } from './api.ts';
import { createFakeSimulation, fakeSpec } from './fake-engine.test-support.ts';

const deps = { ...catalogDeps, renderText: (_s: unknown, kind: string, target: { node?: string }) => `${kind}:${target.node}` };
const api = () => createSimApi({ createSimulation: createFakeSimulation, ...deps });

describe('worker facade', () => {
  it('refuses calls before a scenario is loaded', () => {
    expect(() => api().tick(100)).toThrow('No scenario loaded');
  });

  it('load returns a complete delta and runs to the requested moment', () => {
    const a = api();
    const r = a.load(fakeSpec(), 5000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.delta.full).toBe(true);
    expect(r.delta.head.timeMs).toBe(5000);
  });

  it('load reports an engine failure as an error, not a throw', () => {
    const a = createSimApi({ createSimulation: () => { throw new Error('bad subnet'); }, ...catalogDeps, renderText: () => '' });
    expect(a.load(fakeSpec())).toEqual({ ok: false, error: 'bad subnet' });
  });

  it('apply returns the result and the events it caused, once', () => {
    const a = api();
    a.load(fakeSpec());
    const r = a.apply({ type: 'scale', deployment: 'web', replicas: 5 });
    expect(r.result).toEqual({ ok: true });
    expect(r.events.map((e) => e.kind === 'k8s' && e.reason)).toEqual(['ScalingReplicaSet']);
    expect(r.delta.changedPods).toHaveLength(2);
    expect(a.tick(0).events).toHaveLength(0);
  });

  it('caps a burst of events and says how many were left out', () => {
    let sim: Simulation | undefined;
    const a = createSimApi({ createSimulation: (spec) => (sim = createFakeSimulation(spec)), ...catalogDeps, renderText: () => '' });
    a.load(fakeSpec());
    for (let i = 0; i < MAX_EVENTS_PER_TICK + 7; i++) sim?.apply({ type: 'scale', deployment: 'web', replicas: 2 });
    const r = a.tick(0);
    expect(r.events).toHaveLength(MAX_EVENTS_PER_TICK);
    expect(r.skippedEvents).toBe(7);
    expect(r.events[r.events.length - 1].seq).toBe(MAX_EVENTS_PER_TICK + 7);
    expect(a.tick(0).events).toHaveLength(0);
  });

  it('step runs to the next event time', () => {
    const a = api();
    a.load(fakeSpec());
    expect(a.step().delta.head.timeMs).toBe(1000);
  });

  it('searches the whole catalogue and reports ENIs, IPv4/ENI, max pods and trunking', () => {
    const t3 = api().getInstanceType('t3.medium');
    expect(t3).toMatchObject({ enis: 3, ipv4PerEni: 6, maxPods: 17 });
    expect(api().getInstanceType('m5.large')).toMatchObject({ trunking: true });
    expect(api().searchInstanceTypes('m5.lar')[0]).toMatchObject({ name: 'm5.large', maxPods: 29 });
    expect(api().searchInstanceTypes('', 1000).length).toBeGreaterThan(500);
  });

  it('folds user commands into the shared timeline in seconds', () => {
    const a = api();
    a.load(fakeSpec());
    a.tick(3000);
    a.apply({ type: 'scale', deployment: 'web', replicas: 9 });
    const s = a.shareState();
    expect(s.nowMs).toBe(3000);
    expect(s.spec.timeline).toEqual([{ at: 3, command: { type: 'scale', deployment: 'web', replicas: 9 } }]);
  });

  it('renders text views and turns renderer errors into text', () => {
    const a = api();
    a.load(fakeSpec());
    expect(a.textView('metrics', { node: 'ng-0' })).toBe('metrics:ng-0');
  });
});
