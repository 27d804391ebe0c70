/**
 * The share link of the page as it stands: the scenario with the user's commands folded in
 * and the lesson's steps as the page has them (encoded in the worker), the moment, and the
 * whole view (theme, language, selection, text size, camera, packet walk, terminal view, left tab,
 * timeline filter, speed, highlighted event, lesson step).
 */
import { currentShareState } from '../lessons/share-state.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import type { SessionApi } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import { encodeViewState } from './view-state.ts';

/** The view keys of the page as it is now. */
export function currentView(store: AppStore): Record<string, string> {
  const { theme, locale, selection, presenter, camera, terminal, controlTab, timelineFilter, speed, highlightSeq, stage, stepIndex } = store.getState();
  const pw = packetWalkStore.getState();
  return encodeViewState({
    theme, lang: locale, selection, presenter, camera, walk: pw.open ? pw.shown : undefined, terminal, tab: controlTab === 'nodes' ? undefined : controlTab,
    timelineFilter, speed, event: highlightSeq, step: stage ? stepIndex : undefined,
  });
}

export async function shareLink(store: AppStore, api: SessionApi): Promise<string> {
  return api.encodeLink(await currentShareState(store, api), currentView(store));
}
