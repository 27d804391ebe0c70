/**
 * A terminal-style panel showing one real tool's output for the selection, re-rendered by
 * the worker whenever the simulation moves (at most every 400 ms). Each panel is a channel
 * of its own: a newer request replaces an older one still waiting (latest wins).
 */
import { useLingui } from '@lingui/react';
import { useEffect, useId, useState } from 'react';
import type { TextViewKind, TextViewTarget } from '../../worker/protocol.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';

/** One tab: the view, the command it stands for, and a short tab label when its first words do not tell tabs apart. */
export interface TerminalView { kind: TextViewKind; command: string; label?: string }

/** A tab's name: the command's first words; a pod's `ip netns exec <pod>` prefix is left out, so its tabs differ. */
export function tabLabel(command: string): string {
  return command.replace(/^ip netns exec <[^>]*> /, '').split(' ').slice(0, 3).join(' ');
}

interface Props { views: TerminalView[]; target: TextViewTarget; label: string }

export function TerminalPanel({ views, target, label }: Props) {
  const { session } = useSession();
  const channel = useId();
  // The tab on screen is the store's (a lesson step or a link names it), else the first.
  const wanted = useApp((s) => s.terminal);
  const setTerminal = useApp((s) => s.setTerminal);
  const active = Math.max(0, views.findIndex((v) => v.kind === wanted));
  const [text, setText] = useState('');
  const { _ } = useLingui();
  const timeMs = useApp((s) => s.snapshot?.timeMs ?? 0);
  const lastSeq = useApp((s) => s.snapshot?.lastEventSeq ?? 0);
  const view = views[Math.min(active, views.length - 1)];
  const key = JSON.stringify(target);
  // Re-render the text when the simulation moves (every 400 simulated ms) or logs an event.
  const refresh = `${Math.floor(timeMs / 400)}:${lastSeq}`;

  useEffect(() => {
    let live = true;
    session.textView(channel, view.kind, JSON.parse(key) as TextViewTarget)
      .then((t) => { if (live && t !== undefined) setText(t); }, (e: unknown) => { if (live) setText(`error: ${String(e)}`); });
    return () => { live = false; };
    // `refresh` is a deliberate re-run trigger: the text depends on worker state, not on props.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [session, channel, view.kind, key, refresh]);

  return (
    <div className="terminal" aria-label={label}>
      <div className="terminal-tabs" role="tablist" aria-label={_('terminal.commands', { label })}>
        {views.map((v, i) => (
          <button key={v.kind} type="button" role="tab" aria-selected={v === view} className={v === view ? 'active' : ''} onClick={() => setTerminal(views[i].kind)}>
            {v.label ?? tabLabel(v.command)}
          </button>
        ))}
      </div>
      <pre className="terminal-body" tabIndex={0} aria-label={_('terminal.output', { command: view.command })} data-testid="terminal">
        <span className="prompt">$ {view.command}{'\n'}</span>
        {text}
      </pre>
    </div>
  );
}
