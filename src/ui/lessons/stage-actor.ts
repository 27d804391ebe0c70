/**
 * The page's presenter-stage actor: the stage machine wired to the session. Its state is
 * mirrored into the store (`stage`, `stepIndex`) and each step it shows is written into
 * the address bar as that step's link (`…&v.step=<n>`), so every step is addressable.
 */
import { createActor, fromPromise, type ActorRefFrom } from 'xstate';
import { writeLocationHash } from '../links/watch-hash.ts';
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import { openStep } from './open-step.ts';
import { currentShareState } from './share-state.ts';
import { stageMachine } from './stage-machine.ts';
import type { ViewState } from '../links/view-state.ts';

export type StageActor = ActorRefFrom<typeof stageMachine>;

export interface StageHandle {
  actor: StageActor;
  /** Opens the stage at step `index` (with a link's own view keys, which win over the step's). */
  open(index: number, linkView?: ViewState): void;
}

/** The share link of the step on screen. */
export async function stepLink(store: AppStore, session: SimSession, index: number): Promise<string> {
  return session.api.encodeLink(await currentShareState(store, session.api), { step: String(index + 1) });
}

export function createStageActor(session: SimSession, store: AppStore): StageHandle {
  let linkView: ViewState = {};
  const actor = createActor(stageMachine.provide({
    actors: {
      openStep: fromPromise<boolean, { index: number }>(async ({ input }) => {
        const view = linkView;
        linkView = {};
        const ok = await openStep(store, session, input.index, view);
        if (ok) {
          const hash = await stepLink(store, session, input.index);
          if (actor.getSnapshot().context.index === input.index) writeLocationHash(store, hash);
        }
        return ok;
      }),
    },
  }));
  actor.subscribe((snap) => {
    const s = store.getState();
    const open = snap.value !== 'closed';
    if (open !== s.stage) s.setStage(open);
    if (!open && s.stepIndex !== undefined) s.setStepIndex(undefined);
  });
  actor.start();
  return {
    actor,
    open(index, view = {}) {
      linkView = view;
      actor.send({ type: 'OPEN', index, count: store.getState().spec?.steps?.length ?? 0 });
    },
  };
}
