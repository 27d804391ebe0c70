import { describe, expect, it } from 'vitest';
import type { TickResult } from '../../worker/protocol.ts';
import { createFakeSimulation, fakeSpec } from '../../worker/fake-engine.test-support.ts';
import { createAppStore } from './app-store.ts';
import { EVENT_HISTORY } from './slices.ts';

const ev = (seq: number) => ({ seq, timeMs: 0, kind: 'ipamd' as const, node: 'n', message: 'm', touches: [] });

function ticker() {
  const sim = createFakeSimulation(fakeSpec());
  let full = true;
  const tick = (events: TickResult['events'] = []): TickResult => {
    const delta = sim.delta(full);
    full = false;
    return { delta, events, skippedEvents: 0, nextEventMs: undefined };
  };
  return { sim, tick };
}

describe('app store', () => {
  it('takes its initial scenario from the caller, synchronously', () => {
    const store = createAppStore({ spec: fakeSpec({ name: 'from-link' }), source: 'link', startAtMs: 9000 });
    expect(store.getState().spec?.name).toBe('from-link');
    expect(store.getState().startAtMs).toBe(9000);
    expect(store.getState().playState).toBe('paused');
  });

  it('keeps unchanged nodes by identity across deltas', () => {
    const store = createAppStore();
    const t = ticker();
    store.getState().receiveTick(t.tick());
    const before = store.getState().snapshot?.nodes[0];
    t.sim.apply({ type: 'scale', deployment: 'web', replicas: 5 });
    store.getState().receiveTick(t.tick());
    const after = store.getState().snapshot;
    expect(after?.nodes[0]).toBe(before);
    expect(after?.pods).toHaveLength(5);
    expect(store.getState().generation).toBe(1);
  });

  it('refuses an incremental delta it has no snapshot for (the session then resyncs)', () => {
    const store = createAppStore();
    const t = ticker();
    t.tick();
    expect(store.getState().receiveTick(t.tick())).toBe(false);
    expect(store.getState().snapshot).toBeUndefined();
  });

  it('caps the event history', () => {
    const store = createAppStore();
    const t = ticker();
    store.getState().receiveTick(t.tick());
    for (let i = 1; i <= EVENT_HISTORY + 10; i += 10) store.getState().receiveTick(t.tick(Array.from({ length: 10 }, (_, k) => ev(i + k))));
    const events = store.getState().events;
    expect(events).toHaveLength(EVENT_HISTORY);
    expect(events[0].seq).toBe(11);
  });

  it('highlights what an event touches and clears it', () => {
    const store = createAppStore();
    store.getState().highlightEvent({ seq: 3, timeMs: 0, kind: 'ipamd', node: 'n', message: 'm', touches: ['eni-1', 'n'] });
    expect(store.getState().highlight).toEqual(['eni-1', 'n']);
    store.getState().highlightEvent(undefined);
    expect(store.getState().highlight).toEqual([]);
  });
});
