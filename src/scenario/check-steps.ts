/**
 * Meaning checks of lesson steps (format v2). A step's view is read by the page as
 * tolerantly as a link's view (a value it cannot use is dropped), so a key the app does not
 * know is a warning, not an error: a lesson written for a newer build still opens.
 */
import { issue, joinPath, said, type ScenarioIssue } from './issues.ts';
import { quoteForMessage as q } from './quote.ts';

/** The view keys a step (and a share link) may set; docs/scenario-format.md#lesson-steps says what each means. */
export const STEP_VIEW_KEYS: readonly string[] = [
  'sel', 'node', 'cam', 'pw', 'term', 'tab', 'filter', 'speed', 'ev', 'text', 'theme',
];

/** Warnings for the steps of `doc` (already within the caps; shape problems are reported elsewhere). */
export function checkSteps(doc: Record<string, unknown>): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  if (!Array.isArray(doc.steps)) return out;
  doc.steps.forEach((step: unknown, i) => {
    if (step === null || typeof step !== 'object') return;
    const view = (step as { view?: unknown }).view;
    if (view === null || typeof view !== 'object' || Array.isArray(view)) return;
    for (const key of Object.keys(view)) {
      if (!STEP_VIEW_KEYS.includes(key)) {
        out.push(issue(joinPath(joinPath(joinPath('steps', i), 'view'), key), said`${q(key)} is not a view setting this build knows (${STEP_VIEW_KEYS.join(', ')}); it is ignored`));
      }
    }
  });
  return out;
}
