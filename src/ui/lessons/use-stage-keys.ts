/**
 * Presentation clickers send arrows, PageUp / PageDown or space: while the stage is open,
 * right / down / PageDown / space go to the next step, left / up / PageUp to the previous,
 * Home / End to the first / last. Keys typed into a field are left alone, and space or
 * Enter on a focused button keeps its own meaning (it presses the button).
 */
import { useEffect } from 'react';
import { useSession } from '../session/session-context.tsx';
import { useAppStore } from '../store/context.tsx';

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

export function useStageKeys(): void {
  const { stage } = useSession();
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!store.getState().stage || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement;
      if (t.closest('input, select, textarea, [contenteditable], [role="tablist"], [role="radiogroup"], #packet-walk')) return;
      if ((e.key === ' ' || e.key === 'Enter') && t.closest('button, [role="button"], a, summary')) return;
      const { count, index } = stage.actor.getSnapshot().context;
      if (NEXT.has(e.key)) stage.actor.send({ type: 'NEXT' });
      else if (PREVIOUS.has(e.key)) stage.actor.send({ type: 'PREVIOUS' });
      else if (e.key === 'Home' && count > 0 && index !== 0) stage.actor.send({ type: 'GO_TO', index: 0 });
      else if (e.key === 'End' && count > 0 && index !== count - 1) stage.actor.send({ type: 'GO_TO', index: count - 1 });
      else return;
      e.preventDefault();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [stage, store]);
}
