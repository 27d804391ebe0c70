/**
 * The shipped English of every sample and lesson, keyed by its text, so a scenario on screen
 * is translated only where its text is still exactly what shipped (an edited or user-written
 * step, name or description shows its own words). Loaded with a non-English catalogue, never
 * for an English reader: the lessons' JSON is a chunk of its own.
 */
import { LESSON_CATALOGUE } from '../../scenario/lessons/catalogue.ts';
import { LESSONS } from '../../scenario/lessons/index.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { contentIds } from './content-ids.ts';

/** English text → the content catalogue id that translates it. */
export interface ShippedIndex {
  /** A scenario's name or description. */
  readonly texts: ReadonlyMap<string, string>;
  /** A step's title and narration together (stepKey) → the step's id stem. */
  readonly steps: ReadonlyMap<string, string>;
}

/** A step's title and narration as one key: a step is translated only when both are as shipped. */
export function stepKey(title: string, narration: string): string {
  return `${title}\u0000${narration}`;
}

export function shippedIndex(): ShippedIndex {
  const texts = new Map<string, string>();
  const steps = new Map<string, string>();
  for (const id of SAMPLE_NAMES) {
    const s = SAMPLE_SCENARIOS[id];
    const ids = contentIds.sample(id);
    if (s.name) texts.set(s.name, ids.name);
    if (s.description) texts.set(s.description, ids.description);
  }
  for (const lesson of LESSONS) {
    if (!LESSON_CATALOGUE.some((l) => l.id === lesson.id)) continue;
    const ids = contentIds.lesson(lesson.id);
    if (lesson.scenario.name) texts.set(lesson.scenario.name, ids.name);
    if (lesson.scenario.description) texts.set(lesson.scenario.description, ids.description);
    (lesson.scenario.steps ?? []).forEach((s, i) => steps.set(stepKey(s.title, s.narration ?? ''), ids.step(i)));
  }
  return { texts, steps };
}
