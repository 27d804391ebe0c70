import { describe, expect, it } from 'vitest';
import { catalogDeps } from './catalog-deps.ts';
import type { LoadProgress, Simulation } from '../sim/simulation-api.ts';
import type { ScenarioSpec } from '../sim/spec.ts';
import { createSimApi, MAX_EVENTS_PER_TICK, type EngineDeps } from './api.ts';
import { createFakeSimulation, fakeSpec } from './fake-engine.test-support.ts';
import type { Scheduler } from './slices.ts';

const deps = { ...catalogDeps, renderText: (_s: unknown, kind: string, target: { node?: string }) => `${kind}:${target.node}` };
const api = () => createSimApi({ createSimulation: createFakeSimulation, ...deps });

/** A clock where every step uses up a slice; each pause is a macrotask, counted. */
function steppedScheduler() {
  let t = 0;
  let pauses = 0;
  const scheduler: Scheduler = {
    now: () => (t += 100),
    pause: () => {
      pauses++;
      return new Promise<void>((r) => setTimeout(r, 0));
    },
  };
  return { scheduler, paused: () => pauses };
}

/** A build in `steps` slices of the fake engine. */
function slicedDeps(steps: number, scheduler: Scheduler): EngineDeps {
  return {
    createSimulation: createFakeSimulation, ...deps, scheduler,
    *createSimulationInSteps(spec: ScenarioSpec): Generator<LoadProgress, Simulation> {
      for (let i = 1; i <= steps; i++) yield { phase: 'nodes', done: i, total: steps };
      return createFakeSimulation(spec);
    },
  };
}

describe('worker facade', () => {
  it('builds a scenario only after its on-demand engine parts are loaded, and keeps the old one when they fail', async () => {
    const order: string[] = [];
    let release!: () => void;
    let fail = false;
    const a = createSimApi({
      ...deps,
      prepare: (spec) => new Promise<void>((resolve, reject) => {
        order.push(`prepare ${spec.name}`);
        release = () => (fail ? reject(new Error('chunk fetch failed')) : resolve());
      }),
      createSimulation: (spec) => {
        order.push(`build ${spec.name}`);
        return createFakeSimulation(spec);
      },
    });
    const first = a.load({ ...fakeSpec(), name: 'one' }, 0);
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['prepare one']);
    release();
    expect((await first).ok).toBe(true);
    expect(order).toEqual(['prepare one', 'build one']);
    fail = true;
    const second = a.load({ ...fakeSpec(), name: 'two' }, 0);
    await new Promise((r) => setTimeout(r, 5));
    release();
    expect(await second).toEqual({ ok: false, error: 'chunk fetch failed' });
    expect(order).toEqual(['prepare one', 'build one', 'prepare two']);
    expect(a.snapshot().scenarioName).toBe('one');
  });

  it('refuses calls before a scenario is loaded', () => {
    expect(() => api().tick(100)).toThrow('No scenario loaded');
  });

  it('load returns a complete delta and runs to the requested moment', async () => {
    const a = api();
    const r = await a.load(fakeSpec(), 5000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.delta.full).toBe(true);
    expect(r.delta.head.timeMs).toBe(5000);
    expect(r.delta.scenario?.scenarioName).toBe('fake');
    expect(a.tick(0).delta.full).toBe(false);
  });

  it('load reports an engine failure as an error, not a throw', async () => {
    const a = createSimApi({ createSimulation: () => { throw new Error('bad subnet'); }, ...catalogDeps, renderText: () => '' });
    expect(await a.load(fakeSpec())).toEqual({ ok: false, error: 'bad subnet' });
  });

  it('refuses a moment that is not a time', async () => {
    expect(await api().load(fakeSpec(), Number.NaN)).toMatchObject({ ok: false, error: expect.stringContaining('must be a time ≥ 0 ms') });
    expect(await api().load(fakeSpec(), -5)).toMatchObject({ ok: false });
  });

  it('apply returns the result and the events it caused, once', async () => {
    const a = api();
    await a.load(fakeSpec());
    const r = a.apply({ type: 'scale', deployment: 'web', replicas: 5 });
    expect(r.result).toEqual({ ok: true });
    expect(r.events.map((e) => e.kind === 'k8s' && e.reason)).toEqual(['ScalingReplicaSet']);
    expect(r.delta.changedPods).toHaveLength(2);
    expect(a.tick(0).events).toHaveLength(0);
  });

  it('caps a burst of events and says how many were left out', async () => {
    let sim: Simulation | undefined;
    const a = createSimApi({ createSimulation: (spec) => (sim = createFakeSimulation(spec)), ...catalogDeps, renderText: () => '' });
    await a.load(fakeSpec());
    for (let i = 0; i < MAX_EVENTS_PER_TICK + 7; i++) sim?.apply({ type: 'scale', deployment: 'web', replicas: 2 });
    const r = a.tick(0);
    expect(r.events).toHaveLength(MAX_EVENTS_PER_TICK);
    expect(r.skippedEvents).toBe(7);
    expect(r.events[r.events.length - 1].seq).toBe(MAX_EVENTS_PER_TICK + 7);
    expect(a.tick(0).events).toHaveLength(0);
  });

  it('step runs to the next event time', async () => {
    const a = api();
    await a.load(fakeSpec());
    expect(a.step().delta.head.timeMs).toBe(1000);
  });

  it('resync makes the next delta full again', async () => {
    const a = api();
    await a.load(fakeSpec());
    expect(a.resync().delta).toMatchObject({ full: true, changedNodes: [{ name: 'ng-0' }, { name: 'ng-1' }] });
    expect(a.tick(0).delta.full).toBe(false);
  });

  it('searches the whole catalogue and reports ENIs, IPv4/ENI, max pods and trunking', () => {
    const t3 = api().getInstanceType('t3.medium');
    expect(t3).toMatchObject({ enis: 3, ipv4PerEni: 6, maxPods: 17 });
    expect(api().getInstanceType('m5.large')).toMatchObject({ trunking: true });
    expect(api().searchInstanceTypes('m5.lar')[0]).toMatchObject({ name: 'm5.large', maxPods: 29 });
    expect(api().searchInstanceTypes('', 1000).length).toBeGreaterThan(500);
  });

  it('folds user commands into the shared timeline in seconds', async () => {
    const a = api();
    await a.load(fakeSpec());
    a.tick(3000);
    a.apply({ type: 'scale', deployment: 'web', replicas: 9 });
    const s = a.shareState();
    expect(s.nowMs).toBe(3000);
    expect(s.spec.timeline).toEqual([{ at: 3, command: { type: 'scale', deployment: 'web', replicas: 9 } }]);
    expect(a.recordedCommands()).toEqual([{ atMs: 3000, command: { type: 'scale', deployment: 'web', replicas: 9 } }]);
  });

  it('renders text views and turns renderer errors into text', async () => {
    const a = api();
    await a.load(fakeSpec());
    expect(await a.textView('metrics', { node: 'ng-0' })).toBe('metrics:ng-0');
    const broken = createSimApi({ createSimulation: createFakeSimulation, ...catalogDeps, renderText: () => { throw new Error('no such view'); } });
    await broken.load(fakeSpec());
    expect(await broken.textView('ip rule', { node: 'ng-0' })).toBe('error: no such view');
  });
});

describe('loading in slices', () => {
  it('reports progress between slices and swaps the scenario in only when complete', async () => {
    const { scheduler } = steppedScheduler();
    const a = createSimApi(slicedDeps(3, scheduler));
    const seen: LoadProgress[] = [];
    const loading = a.load(fakeSpec({ name: 'big' }), 0, {}, (p) => seen.push(p));
    await Promise.resolve();
    expect(() => a.tick(0)).toThrow('No scenario loaded');
    const r = await loading;
    expect(r.ok).toBe(true);
    expect(seen.slice(0, 3)).toEqual([1, 2, 3].map((done) => ({ phase: 'nodes', done, total: 3 })));
    expect(seen.at(-1)).toEqual({ phase: 'views', done: 1, total: 1 });
  });

  it('can be cancelled between slices, keeping the previous scenario running', async () => {
    const { scheduler, paused } = steppedScheduler();
    const a = createSimApi(slicedDeps(50, scheduler));
    expect((await a.load(fakeSpec({ name: 'small' }))).ok).toBe(true);
    a.tick(1000);
    const before = paused();
    const second = a.load(fakeSpec({ name: 'huge' }), 0, { loadId: 7 });
    await new Promise((r) => setTimeout(r, 0));
    expect(paused()).toBeGreaterThan(before);
    // The page keeps playing the old scenario while the new one builds.
    expect(a.tick(500).delta.head.timeMs).toBe(1500);
    expect(a.cancelLoad(8)).toBe(false);
    expect(a.cancelLoad(7)).toBe(true);
    expect(await second).toEqual({ ok: false, error: 'cancelled', cancelled: true });
    expect(a.shareState().spec.name).toBe('small');
    expect(a.tick(0).delta).toMatchObject({ full: false, head: { timeMs: 1500 } });
  });

  it('a newer load cancels an older one still building', async () => {
    const { scheduler } = steppedScheduler();
    const a = createSimApi(slicedDeps(5, scheduler));
    const older = a.load(fakeSpec({ name: 'older' }));
    await Promise.resolve();
    const newer = a.load(fakeSpec({ name: 'newer' }));
    expect(await older).toMatchObject({ ok: false, cancelled: true });
    expect((await newer).ok).toBe(true);
    expect(a.shareState().spec.name).toBe('newer');
  });
});

/** 250 nodes: more than one message's worth (PAGE_NODES). */
const big = () => fakeSpec({ name: 'big', nodeGroups: [{ ...fakeSpec().nodeGroups[0], count: 250 }] });

describe('a full delta too big for one message', () => {
  it('comes in pages; the old scenario runs until the page has taken the last one', async () => {
    const a = api();
    await a.load(fakeSpec({ name: 'small' }));
    const r = await a.load(big());
    if (!r.ok) throw new Error(r.error);
    expect(r.pages).toBe(2);
    expect(r.delta.changedNodes.length).toBe(84);
    expect(a.shareState().spec.name).toBe('small');
    expect(a.loadPage(2)).toEqual({ ok: false, error: 'page 2 asked for, page 1 of 2 expected' });
    const p1 = a.loadPage(1);
    expect(a.shareState().spec.name).toBe('small');
    const p2 = a.loadPage(2);
    expect(a.shareState().spec.name).toBe('big');
    if (!p1.ok || !p2.ok) throw new Error('page refused');
    const names = [...r.delta.changedNodes, ...p1.changedNodes, ...p2.changedNodes].map((n) => n.name);
    expect(names).toEqual(a.snapshot().nodes.map((n) => n.name));
    expect(a.tick(0).delta.full).toBe(false);
  });

  it('a cancel between pages keeps the old scenario', async () => {
    const a = api();
    await a.load(fakeSpec({ name: 'small' }));
    const r = await a.load(big());
    expect(r.ok && r.pages).toBe(2);
    expect(a.cancelLoad()).toBe(true);
    expect(a.loadPage(1)).toMatchObject({ ok: false, error: expect.stringContaining('cancelled') });
    expect(a.shareState().spec.name).toBe('small');
  });
});

describe('restore', () => {
  it('replays the recorded commands at their times and reaches the same moment', async () => {
    const a = api();
    await a.load(fakeSpec());
    a.tick(2500);
    a.apply({ type: 'scale', deployment: 'web', replicas: 6 });
    a.tick(4000);
    const b = api();
    const r = await b.restore(fakeSpec(), a.recordedCommands(), 6500);
    expect(r.ok).toBe(true);
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(b.recordedCommands()).toEqual(a.recordedCommands());
  });

  it('refuses commands out of time order or past the moment', async () => {
    const scale = { type: 'scale' as const, deployment: 'web', replicas: 1 };
    expect(await api().restore(fakeSpec(), [{ atMs: 500, command: scale }, { atMs: 100, command: scale }], 1000))
      .toMatchObject({ ok: false, error: expect.stringContaining('recorded command 2 is at 100 ms') });
    expect(await api().restore(fakeSpec(), [{ atMs: 5000, command: scale }], 1000)).toMatchObject({ ok: false });
  });

  it('says so when the replay diverges instead of showing a different world', async () => {
    expect(await api().restore(fakeSpec(), [{ atMs: 0, command: { type: 'scale', deployment: 'gone', replicas: 1 } }], 0))
      .toMatchObject({ ok: false, error: expect.stringContaining('diverged at 0 ms') });
  });
});
