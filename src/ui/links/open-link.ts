/**
 * Opening a link, on the first load or when one is pasted into a running page: the worker
 * decodes and validates it (bounded, off the main thread), then the scenario loads at the
 * link's moment with the link's view. While the worker works, the store says
 * `openingLink`, so nothing writes the URL, and the scenario already running keeps running.
 * A newer link supersedes an older one still being decoded.
 */
import { cutForMessage } from '../../scenario/quote.ts';
import type { DecodedLink } from '../../worker/link-api.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import { brokenLinkBanner, linkWarningsBanner } from './link-banner.ts';
import { decodeViewState, type ViewState } from './view-state.ts';

/**
 * What the page itself does with a link's view once its scenario is loaded: the playback
 * speed (the playback actor's) and a lesson step (`v.step`: the presenter stage opens it,
 * with the link's other view keys over the step's own). Kept out of this module so it
 * needs neither actor.
 */
export type LinkViewHook = (view: ViewState, steps: number) => void;

/**
 * `keepLanguage`: the link's `v.lang` is not applied. The autosave is the reader's own page, saved
 * up to two seconds before a language switch: their stored choice is newer than its `v.lang`.
 */
export interface OpenOptions { keepLanguage?: boolean }

/** The outcome of openLink: loaded, refused (with a banner), or overtaken by a newer link. */
export type LinkOutcome = 'loaded' | 'failed' | 'superseded';

/** Per store: the number of the latest link being opened, so an older one gives way. */
const latest = new WeakMap<AppStore, number>();

async function decode(session: SimSession, hash: string): Promise<DecodedLink> {
  try {
    return await session.api.decodeLink(hash);
  } catch (e) {
    // The worker itself failed (crashed, or could not clone the answer): still a banner, never a silent stop.
    return { ok: false, error: `the link could not be read: ${cutForMessage(e instanceof Error ? e.message : String(e))}`, where: 'fragment', issues: [] };
  }
}

/**
 * Decodes `hash` in the worker and loads its scenario. `instead` is what the page shows if
 * the link is broken: the first sample (first load) or the scenario already running.
 */
export async function openLink(hash: string, store: AppStore, session: SimSession, instead: 'sample' | 'current', onView?: LinkViewHook, opts: OpenOptions = {}): Promise<LinkOutcome> {
  const seq = (latest.get(store) ?? 0) + 1;
  latest.set(store, seq);
  const current = () => latest.get(store) === seq;
  store.getState().setOpeningLink(true);
  try {
    const d = await decode(session, hash);
    if (!current()) return 'superseded';
    if (!d.ok) {
      store.getState().showBanner(brokenLinkBanner(d, instead));
      return 'failed';
    }
    const v = decodeViewState(d.view);
    store.getState().showBanner(undefined);
    // Lessons restart with a new link (kept as main had it: before the load).
    store.getState().setStepIndex(undefined);
    // The camera is read when the new scenario is first drawn; theme and text size change only
    // once it has loaded, so a cancelled (or failed) load leaves the view on screen as it was.
    store.getState().setInitialCamera(v.camera);
    const ok = await session.load(d.spec, 'link', d.moment?.timeMs ?? 0);
    if (!current()) return 'superseded';
    if (!ok) {
      store.getState().setInitialCamera(undefined);
      return 'failed';
    }
    if (v.theme) store.getState().setTheme(v.theme);
    if (v.lang && !opts.keepLanguage) store.getState().setLocale(v.lang);
    store.getState().setPresenter(v.presenter ?? false);
    if (v.selection) store.getState().select(v.selection);
    const warnings = linkWarningsBanner(d.warnings);
    if (warnings) store.getState().showBanner(warnings);
    if (v.terminal) store.getState().setTerminal(v.terminal);
    if (v.tab) store.getState().setControlTab(v.tab);
    if (v.timelineFilter) store.getState().setTimelineFilter(v.timelineFilter);
    if (v.event !== undefined) {
      const event = store.getState().events.find((e) => e.seq === v.event);
      if (event) store.getState().highlightEvent(event);
    }
    if (v.walk) packetWalkStore.getState().openLink(v.walk);
    onView?.(v, d.spec.steps?.length ?? 0);
    return 'loaded';
  } finally {
    if (current()) store.getState().setOpeningLink(false);
  }
}
