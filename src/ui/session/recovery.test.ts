import { describe, expect, it, vi } from 'vitest';
import { engineApi, sampleSpec } from '../components/render.test-support.tsx';
import { createAppStore } from '../store/app-store.ts';
import { createRecovery, REPEAT_WINDOW_MS } from './recovery.ts';
import { createSimSession, type SessionApi } from './sim-session.ts';
import type { WorkerFailure } from './worker-host.ts';
import { en } from '../i18n/english.test-support.ts';

/**
 * The worker host's contract (worker-host.test.ts checks the real one) over the real engine in
 * process: `arm(method)` makes the next call of that method reject, as a throwing engine would;
 * `restart()` starts a fresh engine with nothing loaded.
 */
function engineHost() {
  let generation = 1;
  let engine = engineApi();
  let armed: string | undefined;
  const listeners = new Set<(f: WorkerFailure) => void>();
  const api = new Proxy({} as SessionApi, {
    get: (_t, method: string) => async (...args: unknown[]) => {
      const g = generation;
      if (armed === method) {
        armed = undefined;
        const error = new Error('planted fault');
        for (const l of listeners) l({ error, method, crashed: false, generation: g });
        throw error;
      }
      return (engine as unknown as Record<string, (...a: unknown[]) => unknown>)[method](...args);
    },
  });
  return {
    api,
    generation: () => generation,
    restart: () => { generation += 1; engine = engineApi(); },
    onFailure: (l: (f: WorkerFailure) => void) => { listeners.add(l); return () => listeners.delete(l); },
    arm: (method: string) => { armed = method; },
    crash: (g = generation) => { for (const l of listeners) l({ error: new Error('worker died'), method: '(worker)', crashed: true, generation: g }); },
  };
}

function setup(clock = { t: 0 }) {
  const store = createAppStore();
  const host = engineHost();
  const recovery = createRecovery(store, createSimSession(store, host.api), host, () => clock.t);
  const pause = vi.fn();
  recovery.setPause(pause);
  return { store, host, recovery, session: recovery.session, pause, clock };
}

const spec = () => {
  const s = sampleSpec('t3-medium-max-pods');
  if (!s) throw new Error('sample');
  return s;
};

/** What the picture shows, for comparing two runs. */
const picture = (snap: ReturnType<ReturnType<typeof createAppStore>['getState']>['snapshot']) =>
  JSON.stringify({ t: snap?.timeMs, nodes: snap?.nodes, pods: snap?.pods, subnets: snap?.subnets, env: snap?.env });

describe('recovery from a failed worker call', () => {
  it('restarts the worker and replays the scenario and the user’s commands to the same moment', async () => {
    const { store, host, session } = setup();
    await session.load(spec(), 't3-medium-max-pods');
    await session.advance(12_000);
    await session.command({ type: 'scale', deployment: 'api', replicas: 30 });
    await session.advance(9_000);
    await session.command({ type: 'setEnv', name: 'WARM_IP_TARGET', value: '2' });
    await session.advance(4_000);
    const before = picture(store.getState().snapshot);

    host.arm('tick');
    await session.advance(1_000); // rejects inside; the session call itself does not
    await vi.waitFor(() => expect(en(store.getState().banner?.title)).toBe('The simulator stopped and was restarted'));
    expect(host.generation()).toBe(2);
    expect(en(store.getState().banner?.detail)).toBe(
      'A call to the simulator (tick) failed: planted fault. Your scenario and your 2 changes were replayed to 0:25.0.');
    expect(picture(store.getState().snapshot)).toBe(before);
    // The store keeps the scenario as written (Restart starts it clean); the commands stay journaled.
    expect(store.getState().spec).toEqual(spec());
    expect(store.getState().source).toBe('t3-medium-max-pods');
  });

  it('the replay is the run a never-failing worker would have made', async () => {
    const failed = setup();
    const straight = setup();
    for (const s of [failed, straight]) {
      await s.session.load(spec(), 'x');
      await s.session.advance(10_000);
      await s.session.command({ type: 'scale', deployment: 'api', replicas: 40 });
    }
    failed.host.crash();
    await vi.waitFor(() => expect(failed.store.getState().banner).toBeDefined());
    for (const s of [failed, straight]) await s.session.advance(30_000);
    expect(picture(failed.store.getState().snapshot)).toBe(picture(straight.store.getState().snapshot));
    expect(en(failed.store.getState().banner?.detail)).toContain('The simulation worker crashed: worker died');
  });

  it('keeps journaling after a recovery, so a second one replays every command', async () => {
    const { store, host, session, recovery, clock } = setup();
    await session.load(spec(), 'x');
    await session.command({ type: 'scale', deployment: 'api', replicas: 20 });
    host.crash();
    await vi.waitFor(() => expect(store.getState().banner).toBeDefined());
    await session.advance(5_000);
    await session.command({ type: 'scale', deployment: 'api', replicas: 25 });
    expect(recovery.journal()?.commands).toEqual([
      { at: 0, command: { type: 'scale', deployment: 'api', replicas: 20 } },
      { at: 5, command: { type: 'scale', deployment: 'api', replicas: 25 } },
    ]);
    clock.t += REPEAT_WINDOW_MS + 1;
    host.arm('step');
    expect(await session.step()).toBe(5_000);
    await vi.waitFor(() => expect(host.generation()).toBe(3));
    await vi.waitFor(() => expect(en(store.getState().banner?.detail)).toContain('your 2 changes were replayed to 0:05.0'));
    expect(store.getState().snapshot?.deployments.find((d) => d.name === 'api')?.replicas).toBe(25);
  });

  it('pauses playback when it fails again right after a restart (no restart loop)', async () => {
    const { store, host, session, pause, clock } = setup();
    await session.load(spec(), 'x');
    host.crash();
    await vi.waitFor(() => expect(store.getState().banner).toBeDefined());
    expect(pause).not.toHaveBeenCalled();
    store.getState().showBanner(undefined);
    clock.t += 2_000;
    host.crash();
    await vi.waitFor(() => expect(store.getState().banner).toBeDefined());
    expect(host.generation()).toBe(3);
    expect(pause).toHaveBeenCalledTimes(1);
    expect(en(store.getState().banner?.detail)).toContain('It failed again soon after the last restart, so playback is paused.');
  });

  it('ignores failures of a worker it already replaced, and calls made while it restarts', async () => {
    const { host, session } = setup();
    await session.load(spec(), 'x');
    host.crash();
    host.crash(1);
    await vi.waitFor(() => expect(host.generation()).toBe(2));
    host.crash(1);
    await new Promise((r) => setTimeout(r, 10));
    expect(host.generation()).toBe(2);
  });

  it('says so when there is nothing to replay', async () => {
    const { store, host } = setup();
    host.crash();
    await vi.waitFor(() => expect(en(store.getState().banner?.title)).toBe('The simulator stopped'));
    expect(en(store.getState().banner?.detail)).toContain('pick a scenario to go on');
  });

  it('a refused command is not journaled; a rejected one resolves as refused', async () => {
    const { host, session, recovery } = setup();
    await session.load(spec(), 'x');
    expect((await session.command({ type: 'scale', deployment: 'nope', replicas: 2 })).ok).toBe(false);
    host.arm('apply');
    expect(await session.command({ type: 'scale', deployment: 'api', replicas: 2 })).toEqual({ ok: false, error: 'planted fault' });
    expect(recovery.journal()?.commands).toEqual([]);
  });
});

describe('reopen the last good scenario', () => {
  it('replays to the current moment with the selection cleared, a new generation and no banner', async () => {
    const { store, session, recovery } = setup();
    await session.load(spec(), 'x');
    await session.advance(20_000);
    await session.command({ type: 'scale', deployment: 'api', replicas: 33 });
    const generation = store.getState().generation;
    store.getState().select({ kind: 'node', id: 'n' });
    store.getState().showBanner({ tone: 'error', title: 'Something broke in the inspector', action: 'reopen' });
    expect(await recovery.reopen()).toBe(true);
    expect(store.getState().selection).toBeUndefined();
    expect(store.getState().banner).toBeUndefined();
    expect(store.getState().generation).toBe(generation + 1);
    expect(store.getState().snapshot?.timeMs).toBe(20_000);
    expect(store.getState().snapshot?.deployments.find((d) => d.name === 'api')?.replicas).toBe(33);
  });
});
