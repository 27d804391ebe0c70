/**
 * The URL fragment after the first load: a link pasted into the address bar of an open page
 * is opened (open-link.ts) while the running scenario keeps running; and the one place the
 * app writes the fragment, which refuses while a link is being opened.
 */
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import { hasLink } from './initial-state.ts';
import { openLink, type LinkViewHook } from './open-link.ts';

/** The fragment the app itself last wrote, so writing it does not trigger a reload. */
let written = '';

/**
 * Writes `hash` into the address bar (or clears the fragment for ''), without a history
 * entry. Refused (false) while a link is being opened: its outcome decides what the URL says.
 */
export function writeLocationHash(store: AppStore, hash: string): boolean {
  if (store.getState().openingLink) return false;
  written = hash;
  history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
  return true;
}

export function watchHash(store: AppStore, session: SimSession, onView?: LinkViewHook): () => void {
  const onChange = () => {
    const hash = location.hash;
    if (hash === written || !hasLink(hash)) return;
    void openLink(hash, store, session, 'current', onView);
  };
  addEventListener('hashchange', onChange);
  return () => removeEventListener('hashchange', onChange);
}
