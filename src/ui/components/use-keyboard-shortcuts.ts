/** Space play/pause, "." step, "[" / "]" slower / faster, P presenter text size, Escape clears the selection. */
import { useEffect } from 'react';
import { neighbourSpeed } from '../playback/playback-machine.ts';
import { useSession } from '../session/session-context.tsx';
import { useAppStore } from '../store/context.tsx';

export function useKeyboardShortcuts(): void {
  const { playback } = useSession();
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (t.closest('input, select, textarea, [contenteditable], button, [role="button"], summary')) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const speed = playback.getSnapshot().context.speed;
      // On the presenter stage, space is a clicker's "next" (use-stage-keys.ts).
      if (e.key === ' ') { if (store.getState().stage) return; e.preventDefault(); playback.send({ type: 'TOGGLE' }); }
      else if (e.key === '.') playback.send({ type: 'STEP' });
      else if (e.key === ']') playback.send({ type: 'SET_SPEED', speed: neighbourSpeed(speed, 1) });
      else if (e.key === '[') playback.send({ type: 'SET_SPEED', speed: neighbourSpeed(speed, -1) });
      else if (e.key === 'p' || e.key === 'P') { const s = store.getState(); s.setPresenter(!s.presenter); }
      else if (e.key === 'Escape') { store.getState().select(undefined); store.getState().highlightEvent(undefined); }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [playback, store]);
}
