/**
 * The scenario as it stands, for a link, an export or a replay: the worker's spec with the
 * user's commands folded into its timeline (`shareState()`), and the page's lesson steps
 * (authoring edits them in the store, not in the worker). Once the steps were edited, a
 * step's commands are written back as plain timeline entries at the same moment: same
 * simulation, and no step index left pointing at a step that moved.
 */
import type { ShareState } from '../../worker/protocol.ts';
import type { SessionApi } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';

export async function currentShareState(store: AppStore, api: Pick<SessionApi, 'shareState'>): Promise<ShareState> {
  const shared = await api.shareState();
  const { spec: page, stepsEdited } = store.getState();
  const steps = page?.steps;
  const timeline = stepsEdited ? shared.spec.timeline.map(({ step: _step, ...entry }) => entry) : shared.spec.timeline;
  const spec = { ...shared.spec, timeline };
  if (steps && steps.length > 0) spec.steps = steps;
  else delete spec.steps;
  return { ...shared, spec };
}
