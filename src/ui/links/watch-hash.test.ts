// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { encodeFragment } from '../../scenario/url-codec.ts';
import { createSimApi } from '../../worker/api.ts';
import { catalogDeps } from '../../worker/catalog-deps.ts';
import { createFakeSimulation } from '../../worker/fake-engine.test-support.ts';
import { createSimSession } from '../session/sim-session.ts';
import { createAppStore } from '../store/app-store.ts';
import { initialStateFromLocation } from './initial-state.ts';
import { openLink } from './open-link.ts';
import { watchHash } from './watch-hash.ts';

const t3 = SAMPLE_SCENARIOS['t3-medium-max-pods'];
const good = encodeFragment({ scenario: { ...t3, name: 'on screen' }, moment: { timeMs: 5_000 }, view: {} });
const other = encodeFragment({ scenario: { ...t3, name: 'pasted' }, view: {} });

/** A page showing `good`, watching its address bar. */
async function page() {
  history.replaceState(null, '', good);
  const api = createSimApi({ createSimulation: createFakeSimulation, ...catalogDeps, renderText: () => '' });
  const store = createAppStore(initialStateFromLocation(good));
  const session = createSimSession(store, api);
  expect(await openLink(good, store, session, 'sample')).toBe('loaded');
  const stop = watchHash(store, session);
  return { store, stop };
}

/** Pastes `hash` into the address bar and waits until the page has dealt with it. */
async function paste(store: ReturnType<typeof createAppStore>, hash: string) {
  location.hash = hash;
  dispatchEvent(new HashChangeEvent('hashchange'));
  await expect.poll(() => store.getState().openingLink).toBe(true).catch(() => undefined);
  await expect.poll(() => store.getState().openingLink).toBe(false);
  await new Promise((r) => setTimeout(r, 0));
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('a link pasted into the address bar of a running page', () => {
  it('refused: the banner says why, the scenario stays, and the address bar goes back to its link', async () => {
    const p = await page();
    stop = p.stop;
    await paste(p.store, '#v2.AAAA!!not-base64');
    expect(p.store.getState().banner?.tone).toBe('error');
    expect(p.store.getState().spec?.name).toBe('on screen');
    expect(location.hash).toBe(good);
  });

  it('opened: the address bar keeps it', async () => {
    const p = await page();
    stop = p.stop;
    await paste(p.store, other);
    await expect.poll(() => p.store.getState().spec?.name).toBe('pasted');
    expect(location.hash).toBe(other);
  });
});
