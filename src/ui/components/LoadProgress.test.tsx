// @vitest-environment happy-dom
/**
 * The load progress drawn: a load the worker reports slice by slice shows what is being built,
 * n of m, as an accessible progress bar; Escape or Cancel cancels it and the scenario on screen
 * stays. The worker's load is held open here (a stand-in answers only when cancelled), so the
 * test sees the page mid-load however fast the machine is.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadResult, ProgressCallback } from '../../worker/protocol.ts';
import { en } from '../i18n/english.test-support.ts';
import { engineApi, harness, sampleSpec, settle, type Harness } from './render.test-support.tsx';
import { LoadProgress, progressText } from './LoadProgress.tsx';

let mounted: Harness | undefined;
afterEach(() => { mounted?.unmount(); mounted = undefined; });

/** The real facade, except that a load named "big" reports `progress` and waits for a cancel. */
function heldApi() {
  const real = engineApi();
  const held: { report?: ProgressCallback; cancels: number; finish?: (r: LoadResult) => void } = { cancels: 0 };
  const api = {
    ...real,
    load: (...args: Parameters<typeof real.load>) => {
      const [spec, , , onProgress] = args;
      if (spec.name !== 'big') return real.load(...args);
      held.report = onProgress;
      return new Promise<LoadResult>((resolve) => { held.finish = resolve; });
    },
    cancelLoad: () => { held.cancels++; held.finish?.({ ok: false, error: 'cancelled', cancelled: true }); return true; },
  };
  return { api, held };
}

async function midLoad() {
  const { api, held } = heldApi();
  const h = harness({}, api);
  mounted = h;
  const spec = sampleSpec('default-m5-large');
  if (!spec) throw new Error('no sample');
  await settle(h.session.load(spec, 'fixture'));
  h.store.getState().select({ kind: 'node', id: 'kept', node: 'kept' });
  h.render(<LoadProgress />);
  const loading = h.session.load({ ...spec, name: 'big' }, 'link');
  // Nothing is drawn until the first slice reports (a sample loads within one, and never flashes it).
  expect(h.host.querySelector('[role=progressbar]')).toBeNull();
  act(() => held.report?.({ phase: 'nodes', done: 1200, total: 5000 }));
  return { h, held, loading, before: h.store.getState().snapshot };
}

describe('load progress', () => {
  it('says what is being built, n of m, in a progress bar a screen reader reads', async () => {
    const { h, loading } = await midLoad();
    const bar = h.host.querySelector('[role=progressbar]');
    expect(bar?.getAttribute('aria-label')).toBe('Loading “big”');
    expect(bar?.getAttribute('aria-valuemin')).toBe('0');
    expect(bar?.getAttribute('aria-valuemax')).toBe('5000');
    expect(bar?.getAttribute('aria-valuenow')).toBe('1200');
    expect(bar?.getAttribute('aria-valuetext')).toBe('Starting nodes: 1,200 of 5,000');
    expect(h.host.querySelector('[data-testid=load-progress-text]')?.textContent).toBe('Starting nodes: 1,200 of 5,000');
    expect((bar?.firstElementChild as HTMLElement | null)?.style.width).toBe('24%');
    act(() => { h.session.cancelLoad(); });
    await settle(loading);
  });

  it('Escape cancels, anywhere on the page; the scenario on screen and its selection stay', async () => {
    const { h, held, loading, before } = await midLoad();
    act(() => { dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); });
    expect(held.cancels).toBe(1);
    expect(await settle(loading)).toBe(false);
    expect(h.host.querySelector('[role=progressbar]')).toBeNull();
    expect(h.store.getState().snapshot).toBe(before);
    expect(h.store.getState().spec?.name).not.toBe('big');
    expect(h.store.getState().selection).toEqual({ kind: 'node', id: 'kept', node: 'kept' });
    expect(en(h.store.getState().banner?.title)).toBe('Loading “big” was cancelled');
  });

  it('the Cancel button cancels', async () => {
    const { h, held, loading } = await midLoad();
    const cancel = [...h.host.querySelectorAll('button')].find((b) => b.textContent === 'Cancel');
    expect(cancel).toBeDefined();
    act(() => cancel?.click());
    expect(held.cancels).toBe(1);
    expect(await settle(loading)).toBe(false);
    expect(h.host.querySelector('[role=progressbar]')).toBeNull();
  });

  it('names every phase the worker reports in words, with thousands separators and simulated time', () => {
    expect(en(progressText({ phase: 'pods', done: 1500, total: 30000 }))).toBe('Creating pods: 1,500 of 30,000');
    expect(en(progressText({ phase: 'events', done: 12_000, total: 3 * 3600_000 }))).toBe("Running to the link's moment: 0:12.0 of 3:00:00");
    expect(en(progressText({ phase: 'views', done: 40, total: 5000 }))).toBe('Building the picture: 40 of 5,000 nodes');
    expect(en(progressText({ phase: 'transfer', done: 2, total: 50 }))).toBe('Sending the picture to the page: part 2 of 50');
  });
});
