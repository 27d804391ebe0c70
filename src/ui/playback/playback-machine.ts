/**
 * Time control: paused / playing / stepping. While playing, every FRAME_MS of wall time
 * the machine asks for FRAME_MS × speed of simulated time. The real side effects
 * (`advanceSimulation`, `stepToNextEvent`) are provided by name by the session.
 */
import { assign, fromPromise, setup } from 'xstate';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;
/** Wall-clock ms between simulation advances while playing. */
export const FRAME_MS = 100;

export interface PlaybackContext {
  speed: number;
  /** Simulated ms, as last reported by the engine. */
  timeMs: number;
}

export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'STEP' }
  | { type: 'SET_SPEED'; speed: number }
  | { type: 'SYNC'; timeMs: number };

export const playbackMachine = setup({
  types: { context: {} as PlaybackContext, events: {} as PlaybackEvent },
  actions: {
    advanceSimulation: (_args, _params: { ms: number }) => {},
  },
  actors: {
    /** Resolves with the simulated time reached. */
    stepToNextEvent: fromPromise<number | undefined>(async () => undefined),
  },
  guards: {
    isSpeedOffered: ({ event }) => event.type === 'SET_SPEED' && (SPEEDS as readonly number[]).includes(event.speed),
  },
  delays: { frame: FRAME_MS },
}).createMachine({
  id: 'playback',
  initial: 'paused',
  context: { speed: 1, timeMs: 0 },
  on: {
    SET_SPEED: { guard: 'isSpeedOffered', actions: assign({ speed: ({ event }) => (event.type === 'SET_SPEED' ? event.speed : 1) }) },
    SYNC: { actions: assign({ timeMs: ({ event, context }) => (event.type === 'SYNC' ? event.timeMs : context.timeMs) }) },
  },
  states: {
    paused: {
      on: { PLAY: 'playing', TOGGLE: 'playing', STEP: 'stepping' },
    },
    playing: {
      after: {
        frame: {
          target: 'playing',
          reenter: true,
          actions: { type: 'advanceSimulation', params: ({ context }) => ({ ms: FRAME_MS * context.speed }) },
        },
      },
      on: { PAUSE: 'paused', TOGGLE: 'paused', STEP: 'stepping' },
    },
    stepping: {
      invoke: {
        src: 'stepToNextEvent',
        onDone: {
          target: 'paused',
          actions: assign({ timeMs: ({ event, context }) => event.output ?? context.timeMs }),
        },
        onError: 'paused',
      },
    },
  },
});

/** Next faster / slower offered speed (clamped at the ends). */
export function neighbourSpeed(speed: number, direction: 1 | -1): number {
  const i = SPEEDS.indexOf(speed as (typeof SPEEDS)[number]);
  const j = Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? 2 : i) + direction));
  return SPEEDS[j];
}
