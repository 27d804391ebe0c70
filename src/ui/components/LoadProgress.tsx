/**
 * A scenario being built in the worker, drawn: what is being built, n of m, a progress bar and
 * a Cancel button (Escape cancels too). It floats over the picture, so the scenario on screen
 * keeps its place and keeps running while the new one builds; Cancel keeps it. Shown only once
 * the first slice has reported: a sample that loads within one slice never flashes it.
 */
import { useEffect } from 'react';
import type { LoadProgress as Progress } from '../../worker/protocol.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';
import { formatSimTime } from './format.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** What the worker is doing, in the words of a person watching it: "Creating pods: 1,500 of 30,000". */
export function progressText(p: Progress): string {
  switch (p.phase) {
    case 'nodes': return `Starting nodes: ${count(p.done)} of ${count(p.total)}`;
    case 'pods': return `Creating pods: ${count(p.done)} of ${count(p.total)}`;
    // The worker counts simulated milliseconds run towards the link's moment.
    case 'events': return `Running to the link's moment: ${formatSimTime(p.done)} of ${formatSimTime(p.total)}`;
    case 'views': return `Building the picture: ${count(p.done)} of ${count(p.total)} nodes`;
    case 'transfer': return `Sending the picture to the page: part ${count(p.done)} of ${count(p.total)}`;
  }
}

export function LoadProgress() {
  const loading = useApp((s) => s.loading);
  const { session } = useSession();
  const shown = loading?.progress !== undefined;
  // Escape cancels wherever the focus is (the Cancel button included). Captured on window
  // before the app's shortcuts, which would otherwise also clear the selection the user keeps.
  useEffect(() => {
    if (!shown) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      session.cancelLoad();
    };
    addEventListener('keydown', onKey, { capture: true });
    return () => removeEventListener('keydown', onKey, { capture: true });
  }, [shown, session]);
  if (!loading?.progress) return null;
  const p = loading.progress;
  const total = Math.max(1, p.total);
  const done = Math.min(total, Math.max(0, p.done));
  const text = progressText(p);
  return (
    <section className="load-progress" aria-label={`Loading “${loading.label}”`} data-testid="load-progress">
      <div className="load-progress-head">
        <strong>Loading “{loading.label}”</strong>
        <button type="button" onClick={() => session.cancelLoad()} aria-keyshortcuts="Escape" title="Cancel (Esc): keep the scenario on screen">Cancel</button>
      </div>
      <div className="load-progress-bar" role="progressbar" aria-label={`Loading “${loading.label}”`}
        aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={text}>
        <div style={{ width: `${(100 * done) / total}%` }} />
      </div>
      <p aria-live="polite" data-testid="load-progress-text">{text}</p>
      <p className="muted">The scenario on screen keeps running until this one is ready. Esc cancels.</p>
    </section>
  );
}
