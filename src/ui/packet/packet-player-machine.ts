/**
 * The packet player: which hop of a walk is shown, and whether it moves on by itself.
 * idle (no walk) → paused ⇄ playing; STEP_FORWARD / STEP_BACK / SEEK move one hop or jump,
 * and pause. While playing, one hop every HOP_MS / speed of wall time; at the last hop it
 * pauses. Tested with xstate's SimulatedClock.
 */
import { assign, setup } from 'xstate';

export const PLAYER_SPEEDS = [0.5, 1, 2, 4] as const;
/** Wall-clock ms per hop at 1×. */
export const HOP_MS = 1200;

export interface PlayerContext {
  /** Shown hop, 0-based. */
  index: number;
  /** Hops in the loaded walk. */
  count: number;
  speed: number;
}

export type PlayerEvent =
  | { type: 'LOAD'; count: number }
  | { type: 'UNLOAD' }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'STEP_FORWARD' }
  | { type: 'STEP_BACK' }
  | { type: 'SEEK'; index: number }
  | { type: 'SET_SPEED'; speed: number };

const clamp = (i: number, count: number) => Math.max(0, Math.min(count - 1, i));

export const packetPlayerMachine = setup({
  types: { context: {} as PlayerContext, events: {} as PlayerEvent },
  guards: {
    hasHops: ({ event }) => event.type === 'LOAD' && event.count > 0,
    isAtLastHop: ({ context }) => context.index >= context.count - 1,
    isSpeedOffered: ({ event }) => event.type === 'SET_SPEED' && (PLAYER_SPEEDS as readonly number[]).includes(event.speed),
  },
  actions: {
    forward: assign({ index: ({ context }) => clamp(context.index + 1, context.count) }),
    back: assign({ index: ({ context }) => clamp(context.index - 1, context.count) }),
    seek: assign({ index: ({ context, event }) => (event.type === 'SEEK' ? clamp(event.index, context.count) : context.index) }),
    rewindIfAtEnd: assign({ index: ({ context }) => (context.index >= context.count - 1 ? 0 : context.index) }),
  },
  delays: { hop: ({ context }) => HOP_MS / context.speed },
}).createMachine({
  id: 'packetPlayer',
  initial: 'idle',
  context: { index: 0, count: 0, speed: 1 },
  on: {
    LOAD: [
      { guard: 'hasHops', target: '.paused', actions: assign({ index: 0, count: ({ event }) => (event.type === 'LOAD' ? event.count : 0) }) },
      { target: '.idle', actions: assign({ index: 0, count: 0 }) },
    ],
    UNLOAD: { target: '.idle', actions: assign({ index: 0, count: 0 }) },
    SET_SPEED: { guard: 'isSpeedOffered', actions: assign({ speed: ({ event, context }) => (event.type === 'SET_SPEED' ? event.speed : context.speed) }) },
  },
  states: {
    idle: {},
    paused: {
      on: {
        PLAY: { target: 'playing', actions: 'rewindIfAtEnd' },
        TOGGLE: { target: 'playing', actions: 'rewindIfAtEnd' },
        STEP_FORWARD: { actions: 'forward' },
        STEP_BACK: { actions: 'back' },
        SEEK: { actions: 'seek' },
      },
    },
    playing: {
      // Arriving at the last hop (by a tick, or a walk of one hop) stops the player there.
      always: { guard: 'isAtLastHop', target: 'paused' },
      after: { hop: { target: 'playing', reenter: true, actions: 'forward' } },
      on: {
        PAUSE: 'paused',
        TOGGLE: 'paused',
        STEP_FORWARD: { target: 'paused', actions: 'forward' },
        STEP_BACK: { target: 'paused', actions: 'back' },
        SEEK: { target: 'paused', actions: 'seek' },
      },
    },
  },
});
