/**
 * A scenario being built in the worker, drawn: what is being built, n of m, a progress bar and
 * a Cancel button (Escape cancels too). It floats over the picture, so the scenario on screen
 * keeps its place and keeps running while the new one builds; Cancel keeps it. Shown only once
 * the first slice has reported: a sample that loads within one slice never flashes it.
 */
import { useLingui } from '@lingui/react';
import { useEffect } from 'react';
import { msg, useText, type Msg } from '../i18n/text.ts';
import type { LoadProgress as Progress } from '../../worker/protocol.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';
import { formatSimTime } from './format.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** What the worker is doing, in the words of a person watching it: "Creating pods: 1,500 of 30,000". */
export function progressText(p: Progress): Msg {
  switch (p.phase) {
    case 'nodes': return msg('load.nodes', { done: count(p.done), total: count(p.total) });
    case 'pods': return msg('load.pods', { done: count(p.done), total: count(p.total) });
    // The worker counts simulated milliseconds run towards the link's moment.
    case 'events': return msg('load.events', { done: formatSimTime(p.done), total: formatSimTime(p.total) });
    case 'views': return msg('load.views', { done: count(p.done), total: count(p.total) });
    case 'transfer': return msg('load.transfer', { done: count(p.done), total: count(p.total) });
  }
}

export function LoadProgress() {
  const loading = useApp((s) => s.loading);
  const { session } = useSession();
  const { _ } = useLingui();
  const say = useText();
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
  const text = say(progressText(p));
  const title = _('load.title', { name: loading.label });
  return (
    <section className="load-progress" aria-label={title} data-testid="load-progress">
      <div className="load-progress-head">
        <strong>{title}</strong>
        <button type="button" onClick={() => session.cancelLoad()} aria-keyshortcuts="Escape" title={_('load.cancelTitle')}>{_('action.cancel')}</button>
      </div>
      <div className="load-progress-bar" role="progressbar" aria-label={title}
        aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={text}>
        <div style={{ width: `${(100 * done) / total}%` }} />
      </div>
      <p aria-live="polite" data-testid="load-progress-text">{text}</p>
      <p className="muted">{_('load.keepsRunning')}</p>
    </section>
  );
}
