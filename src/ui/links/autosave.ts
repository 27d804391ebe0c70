/**
 * Reloading never silently drops work: every few seconds, when anything changed, the page
 * keeps its current state as a share link (scenario with the learner's commands, lesson
 * steps as edited, moment and view) in localStorage, bounded like a link. On a load
 * without a link in the URL the saved one is opened — decoded and validated in the worker
 * like any link, so a tampered entry is refused with a banner — and a banner offers
 * "Reset". A link in the URL wins over the autosave.
 */
import { MAX_FRAGMENT_LENGTH } from '../../scenario/fragment-length.ts';
import type { AppStore } from '../store/app-store.ts';

export const AUTOSAVE_KEY = 'vcx.autosave';
/** Wall-clock ms between saves (only when something changed). */
export const AUTOSAVE_MS = 2_000;

/** The saved link, if it looks like one and is within a link's length. */
export function readAutosave(storage: Pick<Storage, 'getItem'> | undefined): string | undefined {
  try {
    const v = storage?.getItem(AUTOSAVE_KEY);
    return typeof v === 'string' && v.startsWith('#v') && v.length <= MAX_FRAGMENT_LENGTH ? v : undefined;
  } catch {
    return undefined; // storage refused (private mode, quota): nothing was saved
  }
}

export function clearAutosave(storage: Pick<Storage, 'removeItem'> | undefined): void {
  try { storage?.removeItem(AUTOSAVE_KEY); } catch { /* nothing to clear */ }
}

/** Starts saving; `link()` builds the current link (the Share button's). Returns a stop function. */
export function startAutosave(store: AppStore, storage: Pick<Storage, 'setItem'>, link: () => Promise<string>, everyMs = AUTOSAVE_MS): () => void {
  let dirty = false;
  const unsub = store.subscribe((s, prev) => {
    if (s.snapshot !== prev.snapshot || s.spec !== prev.spec || s.selection !== prev.selection || s.stepIndex !== prev.stepIndex || s.camera !== prev.camera) dirty = true;
  });
  let busy = false;
  const timer = setInterval(() => {
    const s = store.getState();
    if (!dirty || busy || s.openingLink || !s.snapshot) return;
    dirty = false;
    busy = true;
    link().then((hash) => {
      if (hash.length <= MAX_FRAGMENT_LENGTH) storage.setItem(AUTOSAVE_KEY, hash);
    }).catch(() => { /* the next change tries again */ }).finally(() => { busy = false; });
  }, everyMs);
  return () => { clearInterval(timer); unsub(); };
}

