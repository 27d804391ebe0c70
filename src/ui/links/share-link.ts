/** Builds the share link for the scenario as it stands now (user commands folded in). */
import { specToScenarioJson } from '../../scenario/spec-to-json.ts';
import { encodeFragment } from '../../scenario/url-codec.ts';
import type { ShareState } from '../../worker/protocol.ts';

export function shareFragment(state: ShareState, view: Record<string, string> = {}): string {
  return encodeFragment({ scenario: specToScenarioJson(state.spec), moment: { timeMs: state.nowMs }, view });
}
