/**
 * The URL fragment after the first load: a link pasted into the address bar of an open page
 * is opened (open-link.ts) while the running scenario keeps running; and the one place the
 * app writes the fragment, which refuses while a link is being opened. A pasted link that is
 * refused or cancelled gives the address bar back to what is on screen, so a reload reopens
 * the learner's scenario, not the link that failed.
 */
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import { hasLink } from './initial-state.ts';
import { openLink, type LinkViewHook } from './open-link.ts';

/** The fragment the app itself last wrote, so writing it does not trigger a reload. */
let written = '';
/** The fragment of what is on screen: the last link opened, or what the app last wrote. */
let shown = '';

/**
 * Writes `hash` into the address bar (or clears the fragment for ''), without a history
 * entry. Refused (false) while a link is being opened: its outcome decides what the URL says.
 */
export function writeLocationHash(store: AppStore, hash: string): boolean {
  if (store.getState().openingLink) return false;
  written = hash;
  shown = hash;
  history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
  return true;
}

export function watchHash(store: AppStore, session: SimSession, onView?: LinkViewHook): () => void {
  shown = location.hash;
  const onChange = async () => {
    const hash = location.hash;
    if (hash === written || !hasLink(hash)) return;
    const outcome = await openLink(hash, store, session, 'current', onView);
    if (outcome === 'loaded') shown = hash;
    // Refused or cancelled: the scenario on screen stays, and so does its address (unless another link came since).
    else if (outcome === 'failed' && location.hash === hash) writeLocationHash(store, shown);
  };
  const listener = () => { void onChange(); };
  addEventListener('hashchange', listener);
  return () => removeEventListener('hashchange', listener);
}
