/**
 * Editing a lesson's steps, as pure functions over the list (the store applies them):
 * add a step from the current view, edit its title and narration, move it, delete it.
 */
import type { LessonStep } from '../../sim/spec.ts';
import { encodeViewState, type ViewState } from '../links/view-state.ts';

/** Title and narration bounds of the format (src/scenario/step-json.ts, the string cap). */
export const MAX_TITLE = 120;
export const MAX_NARRATION = 4096;

/** A step at `timeMs` showing `view` (its theme, language and text size are the viewer's, not the step's). */
export function stepFromView(timeMs: number, view: ViewState, title: string): LessonStep {
  const { theme: _theme, lang: _lang, presenter: _presenter, step: _step, ...shown } = view;
  return { at: Math.round(timeMs) / 1000, title: title.slice(0, MAX_TITLE), narration: '', view: encodeViewState(shown) };
}

/** `step` inserted after `after` (at the end when undefined); returns the list and the new step's index. */
export function addStep(steps: readonly LessonStep[], step: LessonStep, after?: number): { steps: LessonStep[]; index: number } {
  const index = after === undefined ? steps.length : Math.min(after + 1, steps.length);
  return { steps: [...steps.slice(0, index), step, ...steps.slice(index)], index };
}

/** Title and narration edited (cut to the format's bounds; an empty title keeps the old one). */
export function editStep(steps: readonly LessonStep[], index: number, patch: { title?: string; narration?: string }): LessonStep[] {
  return steps.map((s, i) => {
    if (i !== index) return s;
    const title = patch.title === undefined || patch.title.trim() === '' ? s.title : patch.title.slice(0, MAX_TITLE);
    return { ...s, title, narration: patch.narration === undefined ? s.narration : patch.narration.slice(0, MAX_NARRATION) };
  });
}

/** Step `index` moved by `delta` places (clamped to the list). */
export function moveStep(steps: readonly LessonStep[], index: number, delta: number): { steps: LessonStep[]; index: number } {
  const to = Math.max(0, Math.min(steps.length - 1, index + delta));
  if (to === index || !steps[index]) return { steps: [...steps], index };
  const out = [...steps];
  const [moved] = out.splice(index, 1);
  out.splice(to, 0, moved);
  return { steps: out, index: to };
}

export function deleteStep(steps: readonly LessonStep[], index: number): LessonStep[] {
  return steps.filter((_s, i) => i !== index);
}
