import { describe, expect, it } from 'vitest';
import { createSimApi } from '../../worker/api.ts';
import { catalogDeps } from '../../worker/catalog-deps.ts';
import { createFakeSimulation, fakeSpec } from '../../worker/fake-engine.test-support.ts';
import type { LoadProgress, Simulation } from '../../sim/simulation-api.ts';
import type { ScenarioSpec } from '../../sim/spec.ts';
import { createAppStore } from '../store/app-store.ts';
import { createSimSession } from './sim-session.ts';
import { en } from '../i18n/english.test-support.ts';

function setup(fail = false) {
  const api = createSimApi({
    createSimulation: (spec) => { if (fail && spec.name === 'broken') throw new Error('subnet-x does not exist'); return createFakeSimulation(spec); },
    ...catalogDeps, renderText: (_s, kind, target) => `${kind} on ${target.node}`,
  });
  const store = createAppStore();
  return { store, api, session: createSimSession(store, api) };
}

describe('sim session', () => {
  it('loads a scenario into the store', async () => {
    const { store, session } = setup();
    expect(await session.load(fakeSpec(), 'fixture')).toBe(true);
    expect(store.getState().snapshot?.nodes).toHaveLength(2);
    expect(store.getState().source).toBe('fixture');
    expect(store.getState().loading).toBeUndefined();
  });

  it('keeps the last good scenario when a new one fails, and says why', async () => {
    const { store, session } = setup(true);
    await session.load(fakeSpec({ name: 'good' }), 'fixture');
    expect(await session.load(fakeSpec({ name: 'broken' }), 'link')).toBe(false);
    expect(store.getState().spec?.name).toBe('good');
    expect(en(store.getState().banner?.detail)).toContain('subnet-x does not exist');
    await session.advance(500);
    expect(store.getState().snapshot?.timeMs).toBe(500);
  });

  it('sends commands and folds their effect into the snapshot', async () => {
    const { store, session } = setup();
    await session.load(fakeSpec(), 'fixture');
    await session.command({ type: 'scale', deployment: 'web', replicas: 6 });
    expect(store.getState().snapshot?.pods).toHaveLength(6);
    expect(store.getState().events.at(-1)).toMatchObject({ kind: 'k8s', reason: 'ScalingReplicaSet' });
  });

  it('fetches node views the worker held back with an empty tick of their own, also when paused', async () => {
    const { store, api } = setup();
    const ticks: number[] = [];
    let held = 2;
    // The worker holds node views back for as long as `held` says (node-backlog.ts).
    const wrapped = { ...api, tick: (ms: number) => { ticks.push(ms); const r = api.tick(ms); return held > 0 ? { ...r, heldNodes: held-- } : r; } };
    const session = createSimSession(store, wrapped);
    await session.load(fakeSpec(), 'fixture');
    await session.advance(100);
    await expect.poll(() => ticks).toEqual([100, 0, 0]);
    expect(store.getState().snapshot?.timeMs).toBe(100);
  });

  it('drops an advance while another is in flight', async () => {
    const { store, session } = setup();
    await session.load(fakeSpec(), 'fixture');
    await Promise.all([session.advance(100), session.advance(100)]);
    expect(store.getState().snapshot?.timeMs).toBe(100);
  });

  it('records the commands that took, with their times, and starts over on a new load', async () => {
    const { session } = setup();
    await session.load(fakeSpec(), 'fixture');
    await session.advance(2000);
    await session.command({ type: 'scale', deployment: 'web', replicas: 4 });
    await session.command({ type: 'scale', deployment: 'nope', replicas: 4 });
    expect(session.recorded()).toEqual([{ atMs: 2000, command: { type: 'scale', deployment: 'web', replicas: 4 } }]);
    await session.load(fakeSpec(), 'fixture');
    expect(session.recorded()).toEqual([]);
  });

  it('rewinds by replaying to an earlier moment: commands made by then are kept, later ones forgotten and counted', async () => {
    const { store, session } = setup();
    await session.load(fakeSpec(), 'fixture');
    await session.advance(2000);
    await session.command({ type: 'scale', deployment: 'web', replicas: 4 });
    await session.advance(3000);
    await session.command({ type: 'scale', deployment: 'web', replicas: 6 });
    expect(store.getState().snapshot?.pods).toHaveLength(6);
    expect(await session.rewind(3000)).toEqual({ ok: true, dropped: 1 });
    expect(store.getState().snapshot?.timeMs).toBe(3000);
    expect(store.getState().snapshot?.pods).toHaveLength(4);
    expect(session.recorded()).toEqual([{ atMs: 2000, command: { type: 'scale', deployment: 'web', replicas: 4 } }]);
    // Before the first command too: the scenario as written.
    expect(await session.rewind(1000)).toEqual({ ok: true, dropped: 1 });
    expect(store.getState().snapshot?.pods).toHaveLength(fakeSpec().deployments[0].replicas);
    expect(store.getState().events.every((e) => e.timeMs <= 1000)).toBe(true);
  });

  it('applies the change a typed command asks for as a recorded command, and records nothing for a plain one', async () => {
    // A worker whose command line asks for a change on one line (as `iptables -Z` asks for zeroCounters).
    const api = createSimApi({
      createSimulation: createFakeSimulation, ...catalogDeps, renderText: () => '',
      runCommand: (_s, target) => (target.command === 'scale it'
        ? { text: 'scaled\n', effect: { type: 'scale', deployment: 'web', replicas: 4 } }
        : { text: `ran ${target.command}\n` }),
    });
    const session = createSimSession(createAppStore(), api);
    await session.load(fakeSpec(), 'fixture');
    await session.advance(1000);
    expect(await session.typeCommand('t', { command: 'look' })).toBe('ran look\n');
    expect(session.recorded()).toEqual([]);
    expect(await session.typeCommand('t', { command: 'scale it' })).toBe('scaled\n');
    expect(session.recorded()).toEqual([{ atMs: 1000, command: { type: 'scale', deployment: 'web', replicas: 4 } }]);
    expect(api.recordedCommands()).toEqual(session.recorded());
  });

  it('reattaches to a fresh worker and rebuilds the same moment from the recorded commands', async () => {
    const { store, api: original, session } = setup();
    await session.load(fakeSpec(), 'fixture', 1000);
    await session.advance(1500);
    await session.command({ type: 'scale', deployment: 'web', replicas: 5 });
    await session.advance(3000);
    const before = store.getState().snapshot;
    const fresh = setup().api;
    expect(await session.reattach(fresh)).toBe(true);
    expect(session.api).toBe(fresh);
    expect(store.getState().snapshot).toEqual(before);
    expect(fresh.snapshot()).toEqual(original.snapshot());
    expect(fresh.recordedCommands()).toEqual(session.recorded());
    await session.advance(100);
    expect(store.getState().snapshot?.timeMs).toBe(5600);
  });

  it('shows a load in progress in the store, and a cancel as a note, keeping the scenario', async () => {
    let resume: (() => void) | undefined;
    const api = createSimApi({
      createSimulation: createFakeSimulation, ...catalogDeps, renderText: () => '',
      scheduler: { now: (() => { let t = 0; return () => (t += 50); })(), pause: () => new Promise<void>((r) => { resume = r; }) },
      *createSimulationInSteps(spec: ScenarioSpec): Generator<LoadProgress, Simulation> {
        for (let i = 1; i <= 4; i++) yield { phase: 'nodes', done: i, total: 4 };
        return createFakeSimulation(spec);
      },
    });
    const store = createAppStore();
    const session = createSimSession(store, api);
    const first = session.load(fakeSpec({ name: 'first' }), 'fixture');
    while (!(await Promise.race([first.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 0))]))) resume?.();
    const second = session.load(fakeSpec({ name: 'second' }), 'fixture');
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().loading).toMatchObject({ label: 'second', progress: { phase: 'nodes', done: 1, total: 4 } });
    session.cancelLoad();
    resume?.();
    expect(await second).toBe(false);
    expect(store.getState().loading).toBeUndefined();
    expect(store.getState().spec?.name).toBe('first');
    expect(store.getState().banner?.tone).toBe('info');
    expect(en(store.getState().banner?.title)).toBe('Loading “second” was cancelled');
  });

  it('takes a paged full delta page by page into one snapshot', async () => {
    const { store, api, session } = setup();
    await session.load(fakeSpec({ name: 'small' }), 'fixture');
    const big = fakeSpec({ name: 'big', nodeGroups: [{ ...fakeSpec().nodeGroups[0], count: 250 }] });
    expect(await session.load(big, 'custom')).toBe(true);
    expect(store.getState().snapshot).toEqual(api.snapshot());
    expect(store.getState().snapshot?.nodes).toHaveLength(250);
    expect(store.getState().spec?.name).toBe('big');
  });

  it('asks text views and walks through latest-wins channels', async () => {
    const { session } = setup();
    await session.load(fakeSpec(), 'fixture');
    expect(await session.textView('panel-1', 'metrics', { node: 'ng-0' })).toBe('metrics on ng-0');
    expect(await session.trace({ from: 'a', to: 'b', proto: 'icmp' })).toEqual({ ok: false, error: 'this worker has no packet tracer' });
  });
});
