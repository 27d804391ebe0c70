/**
 * The presenter stage: closed, opening a step (replaying the scenario to its moment), or
 * showing it. Next / previous / go-to while a step is still opening supersede it (the
 * newest wins, so a clicker pressed three times lands three steps on). "Opening step…" is
 * shown only when opening takes longer than SLOW_MS, so quick steps do not flicker. The
 * real work (`openStep`) is provided by name by the page (stage-actor.ts).
 */
import { assign, fromPromise, setup } from 'xstate';
import { msg, type Text } from '../i18n/text.ts';

/** Opening a step shows a notice only after this long (ms). */
export const SLOW_MS = 250;

export interface StageContext {
  /** The step being opened or shown, 0-based. */
  index: number;
  /** Steps in the lesson. */
  count: number;
  /** Why the last step could not be opened (translated when shown). */
  error?: Text;
}

export type StageEvent =
  | { type: 'OPEN'; index: number; count: number }
  | { type: 'NEXT' }
  | { type: 'PREVIOUS' }
  | { type: 'GO_TO'; index: number }
  | { type: 'STEPS_CHANGED'; count: number; index?: number }
  | { type: 'CLOSE' };

const target = (context: StageContext, event: StageEvent): number => {
  if (event.type === 'NEXT') return context.index + 1;
  if (event.type === 'PREVIOUS') return context.index - 1;
  if (event.type === 'GO_TO' || event.type === 'OPEN') return event.index;
  return context.index;
};

export const stageMachine = setup({
  types: { context: {} as StageContext, events: {} as StageEvent },
  actors: {
    /** Replays the scenario to step `index` and shows its view; false (or a throw) when it could not. */
    openStep: fromPromise<boolean, { index: number }>(async () => true),
  },
  guards: {
    hasNextStep: ({ context }) => context.index + 1 < context.count,
    hasPreviousStep: ({ context }) => context.index > 0,
    isKnownStep: ({ context, event }) => {
      const i = event.type === 'GO_TO' || event.type === 'OPEN' ? event.index : -1;
      const count = event.type === 'OPEN' ? event.count : context.count;
      return Number.isInteger(i) && i >= 0 && i < count;
    },
  },
  delays: { slow: SLOW_MS },
}).createMachine({
  id: 'stage',
  initial: 'closed',
  context: { index: 0, count: 0 },
  on: {
    CLOSE: '.closed',
    OPEN: [
      { guard: 'isKnownStep', target: '.opening', reenter: true, actions: assign(({ event }) => (event.type === 'OPEN' ? { index: event.index, count: event.count, error: undefined } : {})) },
      // A lesson with no steps yet opens the stage empty (authoring starts there).
      { target: '.showing', actions: assign(({ event }) => ({ index: 0, count: event.type === 'OPEN' ? event.count : 0, error: undefined })) },
    ],
    STEPS_CHANGED: {
      actions: assign(({ event, context }) => (event.type === 'STEPS_CHANGED'
        ? { count: event.count, index: Math.max(0, Math.min(event.index ?? context.index, event.count - 1)) }
        : {})),
    },
  },
  states: {
    closed: {},
    opening: {
      initial: 'quiet',
      states: { quiet: { after: { slow: 'slow' } }, slow: {} },
      invoke: {
        src: 'openStep',
        input: ({ context }) => ({ index: context.index }),
        onDone: { target: 'showing', actions: assign({ error: ({ event }) => (event.output ? undefined : msg('lesson.stepFailed')) }) },
        onError: { target: 'showing', actions: assign({ error: ({ event }) => msg('lesson.stepFailedBecause', { error: event.error instanceof Error ? event.error.message : String(event.error) }) }) },
      },
      on: {
        NEXT: { guard: 'hasNextStep', target: 'opening', reenter: true, actions: assign({ index: ({ context, event }) => target(context, event) }) },
        PREVIOUS: { guard: 'hasPreviousStep', target: 'opening', reenter: true, actions: assign({ index: ({ context, event }) => target(context, event) }) },
        GO_TO: { guard: 'isKnownStep', target: 'opening', reenter: true, actions: assign({ index: ({ context, event }) => target(context, event) }) },
      },
    },
    showing: {
      on: {
        NEXT: { guard: 'hasNextStep', target: 'opening', actions: assign({ index: ({ context, event }) => target(context, event), error: undefined }) },
        PREVIOUS: { guard: 'hasPreviousStep', target: 'opening', actions: assign({ index: ({ context, event }) => target(context, event), error: undefined }) },
        GO_TO: { guard: 'isKnownStep', target: 'opening', actions: assign({ index: ({ context, event }) => target(context, event), error: undefined }) },
      },
    },
  },
});
