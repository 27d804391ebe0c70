/** React access to the page's session and playback actor (both made once in main.tsx). */
import { createContext, useContext, type ReactNode } from 'react';
import type { StageHandle } from '../lessons/stage-actor.ts';
import type { PlaybackActor } from './playback-actor.ts';
import type { SimSession } from './sim-session.ts';

export interface SessionHandles {
  session: SimSession;
  playback: PlaybackActor;
  stage: StageHandle;
  /** Replays the last good scenario to the current moment (recovery.ts): the banner's "Reopen". */
  reopen(): Promise<boolean>;
}

const Ctx = createContext<SessionHandles | null>(null);

export function SessionProvider({ value, children }: { value: SessionHandles; children: ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionHandles {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside <SessionProvider>');
  return v;
}
