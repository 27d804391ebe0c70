// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { encodeFragment } from '../../scenario/url-codec.ts';
import { createSimApi } from '../../worker/api.ts';
import { catalogDeps } from '../../worker/catalog-deps.ts';
import { createFakeSimulation } from '../../worker/fake-engine.test-support.ts';
import type { DecodedLink } from '../../worker/link-api.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import { createSimSession } from '../session/sim-session.ts';
import { createAppStore } from '../store/app-store.ts';
import { initialStateFromLocation } from './initial-state.ts';
import { openLink } from './open-link.ts';
import { loadSample } from './samples.ts';
import { writeLocationHash } from './watch-hash.ts';
import { en } from '../i18n/english.test-support.ts';

/** A page: the real worker facade (links, validation) over the fake engine; decodeLink can be held back. */
function page(hash = '') {
  const api = createSimApi({ createSimulation: createFakeSimulation, ...catalogDeps, renderText: () => '' });
  const held: (() => void)[] = [];
  let holdNext = false;
  const slowApi = {
    ...api,
    decodeLink: (h: string) => {
      const answer = api.decodeLink(h);
      if (!holdNext) return answer;
      holdNext = false;
      return new Promise<DecodedLink>((resolve) => held.push(() => resolve(answer)));
    },
  };
  const store = createAppStore(initialStateFromLocation(hash));
  const session = createSimSession(store, slowApi);
  return {
    store, session,
    /** The next decodeLink answers only on release(), as a busy worker would. */
    hold: () => { holdNext = true; },
    release: () => { held.splice(0).forEach((go) => go()); },
  };
}

const t3 = SAMPLE_SCENARIOS['t3-medium-max-pods'];
const link = (scenario: object, timeMs?: number, view: Record<string, string> = {}) =>
  encodeFragment({ scenario: scenario as typeof t3, ...(timeMs === undefined ? {} : { moment: { timeMs } }), view });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('opening a link (decoded in the worker)', () => {
  it('loads the scenario at its moment with its view, and lists its warnings with their paths', async () => {
    const hash = link({ ...t3, name: 'shared', awsNode: { env: { ...t3.awsNode?.env, WARM_IPS_TARGET: '3' } } }, 42_000, { theme: 'dark', text: 'large', sel: 'node:ng-0' });
    const { store, session } = page(hash);
    expect(await openLink(hash, store, session, 'sample')).toBe('loaded');
    const s = store.getState();
    expect([s.spec?.name, s.source, s.startAtMs, s.snapshot?.timeMs, s.theme, s.presenter, s.selection?.id, s.openingLink]).toEqual(['shared', 'link', 42_000, 42_000, 'dark', true, 'ng-0', false]);
    expect(s.banner?.tone).toBe('warning');
    expect(en(s.banner?.title)).toBe('This scenario link opened with 1 warning');
    expect(s.banner?.items?.map((i) => ({ ...i, message: en(i.message) }))).toEqual([{ path: 'awsNode.env.WARM_IPS_TARGET', message: expect.stringContaining('did you mean "WARM_IP_TARGET"') }]);
  });

  it('takes a link\'s language, except when reopening the autosave (the reader\'s stored choice is newer)', async () => {
    const hash = link(t3, 1_000, { lang: 'ko' });
    const shared = page(hash);
    expect(await openLink(hash, shared.store, shared.session, 'sample')).toBe('loaded');
    expect(shared.store.getState().locale).toBe('ko');
    const own = page(hash);
    own.store.getState().setLocale('zh-TW');
    expect(await openLink(hash, own.store, own.session, 'sample', undefined, { keepLanguage: true })).toBe('loaded');
    expect(own.store.getState().locale).toBe('zh-TW');
  });

  it('hands a link\'s packet walk to the walk panel once the scenario is loaded', async () => {
    const hash = link(t3, 1_000, { pw: 'default/web-1|external|tcp|443|3' });
    const { store, session } = page(hash);
    await openLink(hash, store, session, 'sample');
    expect(packetWalkStore.getState()).toMatchObject({ open: true, from: 'default/web-1', to: 'external', pendingHop: 3 });
    packetWalkStore.getState().close();
  });

  it('keeps the running scenario when a pasted link is broken, and says what and where', async () => {
    const { store, session } = page();
    await loadSample(store, session, 'three-az');
    const before = store.getState().snapshot;
    const bad = link({ ...t3, nodeGroups: [{ name: 'ng', instanceType: 'm5.lareg', count: 1 }] });
    expect(await openLink(bad, store, session, 'current')).toBe('failed');
    const s = store.getState();
    expect([s.source, s.snapshot, s.openingLink]).toEqual(['three-az', before, false]);
    expect(s.banner?.tone).toBe('error');
    expect(en(s.banner?.title)).toBe('This scenario link is broken');
    expect(en(s.banner?.detail)).toBe('The scenario in the link is not valid (1 problem). The current scenario keeps running.');
    expect(s.banner?.items?.map((i) => ({ ...i, message: en(i.message) }))).toEqual([{ path: 'nodeGroups[0].instanceType', message: expect.stringContaining('"m5.lareg" is not an EC2 instance type') }]);
  });

  it('refuses a moment of twelve digits and cuts one past the scenario\'s end to that end, with a warning', async () => {
    const { store, session } = page();
    expect(await openLink(`${link(t3)}&t=999999999999`, store, session, 'sample')).toBe('failed');
    expect(en(store.getState().banner?.detail)).toMatch(/t=999999999999 ms is 31\.7 years; no scenario runs past 7 days \+ 1 h /);
    // t3-medium-max-pods: last entry at 90 s; plus an hour to settle.
    expect(await openLink(link(t3, 86_400_000), store, session, 'sample')).toBe('loaded');
    expect(store.getState().startAtMs).toBe((90 + 3600) * 1000);
    expect(en(store.getState().banner?.items?.[0]?.message)).toContain('past the end of this scenario');
    expect(store.getState().banner?.items?.[0]?.path).toBe('t');
  });

  it('writes no URL while a link is being opened, and the running scenario keeps running meanwhile', async () => {
    const { store, session, hold, release } = page();
    await loadSample(store, session, 'three-az');
    history.replaceState(null, '', '#shared');
    hold();
    const opening = openLink(link(t3), store, session, 'current');
    await flush();
    expect(store.getState().openingLink).toBe(true);
    expect(writeLocationHash(store, '')).toBe(false);
    expect(location.hash).toBe('#shared');
    await session.advance(1_000);
    expect(store.getState().snapshot?.timeMs).toBe(1_000);
    release();
    expect(await opening).toBe('loaded');
    expect(store.getState().openingLink).toBe(false);
    expect(writeLocationHash(store, '#v1.next')).toBe(true);
    expect(location.hash).toBe('#v1.next');
  });

  it('lets a newer link win over an older one still being decoded', async () => {
    const { store, session, hold, release } = page();
    hold();
    const first = openLink(link({ ...t3, name: 'first' }), store, session, 'sample');
    expect(await openLink(link({ ...t3, name: 'second' }), store, session, 'current')).toBe('loaded');
    release();
    expect(await first).toBe('superseded');
    expect(store.getState().spec?.name).toBe('second');
    expect(store.getState().openingLink).toBe(false);
  });

  it('lists the first five problems of a broken link with their paths, and counts the rest', async () => {
    const { store, session } = page();
    const groups = Array.from({ length: 7 }, (_v, i) => ({ name: `g${i}`, instanceType: `nope${i}`, count: 1 }));
    expect(await openLink(link({ v: 1, nodeGroups: groups }), store, session, 'sample')).toBe('failed');
    const banner = store.getState().banner;
    expect(en(banner?.detail)).toBe('The scenario in the link is not valid (7 problems). Showing the first sample scenario instead.');
    expect(banner?.items?.map((i) => i.path)).toEqual(['nodeGroups[0].instanceType', 'nodeGroups[1].instanceType', 'nodeGroups[2].instanceType', 'nodeGroups[3].instanceType', 'nodeGroups[4].instanceType']);
    expect(banner?.more).toBe(2);
  });

  it('turns a failing worker into a banner, never a silent stop', async () => {
    const { store, session } = page();
    session.api.decodeLink = () => Promise.reject(new Error('DataCloneError: could not be cloned'));
    expect(await openLink(link(t3), store, session, 'sample')).toBe('failed');
    expect(en(store.getState().banner?.detail)).toMatch(/^the link could not be read: DataCloneError.*Showing the first sample scenario instead\.$/);
    expect(store.getState().openingLink).toBe(false);
  });
});
