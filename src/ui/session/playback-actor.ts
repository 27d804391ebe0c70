/**
 * The page's playback actor: the playback machine wired to the session. Its state is
 * mirrored into the store so any component (and the keyboard shortcuts) can read it.
 */
import { createActor, fromPromise, type ActorRefFrom } from 'xstate';
import { playbackMachine } from '../playback/playback-machine.ts';
import type { AppStore } from '../store/app-store.ts';
import type { PlayState } from '../store/slices.ts';
import type { SimSession } from './sim-session.ts';

export type PlaybackActor = ActorRefFrom<typeof playbackMachine>;

export function createPlaybackActor(session: SimSession, store: AppStore): PlaybackActor {
  const actor = createActor(playbackMachine.provide({
    actions: { advanceSimulation: (_args, { ms }) => { void session.advance(ms); } },
    actors: { stepToNextEvent: fromPromise<number | undefined>(() => session.step()) },
  }));
  actor.subscribe((s) => {
    const play = s.value as PlayState;
    const { playState, speed, setPlayback } = store.getState();
    if (play !== playState || s.context.speed !== speed) setPlayback(play, s.context.speed);
  });
  return actor.start();
}
