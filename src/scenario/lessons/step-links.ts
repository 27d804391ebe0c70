/**
 * The share link that opens one step of a lesson: the lesson's scenario, the step's moment
 * and `v.step=<n>` (1-based, as on screen). The step's own view (selection, camera, packet
 * walk, terminal) is not repeated in the link: the page takes it from the step.
 */
import { encodeFragment } from '../url-codec.ts';
import type { ScenarioJson } from '../scenario-json.ts';

/** The view key that names the lesson step a link opens. */
export const STEP_VIEW_KEY = 'step';

/** `#v1.…&t=<ms>&v.step=<n>` for step `index` (0-based) of `scenario`. */
export function stepFragment(scenario: ScenarioJson, index: number): string {
  const step = scenario.steps?.[index];
  if (!step) throw new Error(`no step ${index + 1} in ${scenario.name ?? 'this lesson'}`);
  return encodeFragment({ scenario, moment: { timeMs: Math.round(step.at * 1000) }, view: { [STEP_VIEW_KEY]: String(index + 1) } });
}
