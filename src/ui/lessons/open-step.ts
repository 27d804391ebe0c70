/**
 * Opening one lesson step: the scenario as it stands (the user's commands included) is
 * replayed in the worker to the step's moment, then the step's view is shown — selection,
 * camera, packet walk at its hop, terminal view, left tab, timeline filter — exactly as a
 * share link's view would be. A link that names a step may add view keys of its own, which win.
 */
import { decodeViewState, type ViewState } from '../links/view-state.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import { currentShareState } from './share-state.ts';

/** Shows a view (from a step or a link) once its scenario is loaded at the right moment. */
export function showView(store: AppStore, v: ViewState): void {
  const s = store.getState();
  s.select(v.selection);
  s.setTerminal(v.terminal);
  s.setTimelineFilter(v.timelineFilter ?? 'all');
  if (v.tab) s.setControlTab(v.tab);
  if (v.walk) packetWalkStore.getState().openLink(v.walk);
  else packetWalkStore.getState().close();
}

/** Replays to step `index` and shows it; false when there is no such step or the load failed. */
export async function openStep(store: AppStore, session: SimSession, index: number, linkView: ViewState = {}): Promise<boolean> {
  const step = store.getState().spec?.steps?.[index];
  if (!step) return false;
  const { spec } = await currentShareState(store, session.api);
  const view: ViewState = { ...decodeViewState(step.view), ...linkView };
  const s = store.getState();
  // No camera in the step: the picture fits itself to the VPC, as a fresh load does.
  s.setInitialCamera(view.camera);
  if (view.theme) s.setTheme(view.theme);
  if (view.lang) s.setLocale(view.lang);
  const ok = await session.load(spec, s.source, Math.round(step.at * 1000), true);
  if (!ok) return false;
  showView(store, view);
  store.getState().setStepIndex(index);
  return true;
}
