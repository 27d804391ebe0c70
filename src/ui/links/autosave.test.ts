import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSpec } from '../../worker/fake-engine.test-support.ts';
import { createAppStore } from '../store/app-store.ts';
import { AUTOSAVE_KEY, readAutosave, startAutosave } from './autosave.ts';

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
}

afterEach(() => { vi.useRealTimers(); });

describe('autosave', () => {
  it('reads back only what looks like a link, within a link\'s length', () => {
    expect(readAutosave(memory({ [AUTOSAVE_KEY]: '#v1.abc&t=5' }))).toBe('#v1.abc&t=5');
    expect(readAutosave(memory({ [AUTOSAVE_KEY]: 'javascript:alert(1)' }))).toBeUndefined();
    expect(readAutosave(memory({ [AUTOSAVE_KEY]: `#v1.${'a'.repeat(100_001)}` }))).toBeUndefined();
    expect(readAutosave({ getItem: () => { throw new Error('SecurityError'); } })).toBeUndefined();
    expect(readAutosave(undefined)).toBeUndefined();
  });

  it('saves the current link when something changed, and not while a link is being opened', async () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const storage = memory();
    let n = 0;
    const stop = startAutosave(store, storage, async () => `#v1.state${++n}`, 1_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(storage.data.size).toBe(0); // nothing loaded, nothing changed
    store.getState().setScenario(fakeSpec(), 'custom');
    store.setState({ snapshot: { timeMs: 1 } as never });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(storage.data.get(AUTOSAVE_KEY)).toBe('#v1.state1');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(n).toBe(1); // unchanged since: no more work
    store.getState().setOpeningLink(true);
    store.setState({ snapshot: { timeMs: 2 } as never });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(n).toBe(1);
    store.getState().setOpeningLink(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(storage.data.get(AUTOSAVE_KEY)).toBe('#v1.state2');
    stop();
  });
});
