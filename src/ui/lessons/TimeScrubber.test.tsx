// @vitest-environment happy-dom
/** The time scrubber drives the real engine through the session: let go of the thumb and the page shows that moment. */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, sampleSpec, settle, type Harness } from '../components/render.test-support.tsx';
import { en } from '../i18n/english.test-support.ts';
import { TimeScrubber } from './TimeScrubber.tsx';

let h: Harness | undefined;
afterEach(() => { h?.unmount(); h = undefined; });

/** Waits until the store's clock shows `ms` (the replay runs in the session's promise chain). */
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await act(async () => { await new Promise((r) => setTimeout(r, 5)); });
}

describe('TimeScrubber', () => {
  it('goes back to a moment by replay: the clock, the pods and the learner\'s later change are those of that moment', async () => {
    h = harness();
    const spec = sampleSpec('sandbox');
    if (!spec) throw new Error('no sandbox');
    await settle(h.session.load(spec, 'sandbox'));
    h.render(<TimeScrubber />);
    await settle(h.session.advance(20_000));
    await settle(h.session.command({ type: 'scale', deployment: 'web', replicas: 3 }));
    await settle(h.session.advance(40_000));
    const web = () => (h?.store.getState().snapshot?.pods ?? []).filter((p) => p.deployment === 'web').length;
    expect(web()).toBe(3);
    const input = h.host.querySelector('input[type=range]') as HTMLInputElement;
    // The furthest moment reached: 20 s + 40 s (the sandbox scripts nothing further).
    expect(input.max).toBe('60000');
    // What a drag to 0:10 and a release send.
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    act(() => { setter?.call(input, '10000'); input.dispatchEvent(new Event('input', { bubbles: true })); });
    expect(h.host.querySelector('output')?.textContent).toBe('0:10.0');
    act(() => { input.dispatchEvent(new PointerEvent('pointerup', { bubbles: true })); });
    await until(() => h?.store.getState().snapshot?.timeMs === 10_000);
    expect(h.store.getState().snapshot?.timeMs).toBe(10_000);
    expect(web()).toBe(0);
    expect(h.session.recorded()).toEqual([]);
    expect(en(h.store.getState().banner?.detail)).toBe('Your change made after that moment is undone.');
    expect(h.errors).toEqual([]);
  });
});
