/**
 * Lesson steps (format v2): each names a moment, what is shown then (the share link's view
 * state, so a step and a link are the same thing), a title and narration, and optionally
 * commands applied at that moment. Shape only; check-steps.ts checks the meaning.
 */
import * as v from 'valibot';
import { said, schemaMessage } from './issues.ts';
import { MAX_TIMELINE_AT_S } from './moment.ts';

/** Characters in a step's title: a slide title, one line on a projector. */
export const MAX_STEP_TITLE_CHARS = 120;
/** Steps in one lesson: a long workshop has a few dozen. */
export const MAX_STEPS = 100;
/** Commands one step applies. */
export const MAX_STEP_COMMANDS = 50;
/** View keys a step may set (the link's `v.<key>` parameters). */
export const MAX_STEP_VIEW_KEYS = 20;
/** Characters in one view value (a camera is ~20, a packet walk ~80). */
export const MAX_STEP_VIEW_VALUE_CHARS = 600;

/** Builds the step schema from the command schema (passed in, so this file does not import scenario-json.ts back). */
export function stepJsonSchema<C extends v.GenericSchema>(command: C) {
  return v.object({
    at: v.pipe(v.number(), v.minValue(0, schemaMessage(said`must not be negative (seconds from the start)`)), v.maxValue(MAX_TIMELINE_AT_S, schemaMessage(said`must be at most ${MAX_TIMELINE_AT_S} (one week)`))),
    title: v.pipe(v.string(), v.minLength(1, schemaMessage(said`must not be empty`)), v.maxLength(MAX_STEP_TITLE_CHARS, schemaMessage(said`must be at most ${MAX_STEP_TITLE_CHARS} characters`))),
    narration: v.optional(v.string()),
    view: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(MAX_STEP_VIEW_VALUE_CHARS, schemaMessage(said`must be at most ${MAX_STEP_VIEW_VALUE_CHARS} characters`))))),
    commands: v.optional(v.array(command)),
  });
}
