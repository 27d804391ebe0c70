/**
 * The aws-node DaemonSet environment. Each change is one `setEnv` command; the engine
 * restarts aws-node on every node, as a real `kubectl set env` would.
 */
import { useMemo } from 'react';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';
import { ENV_VARS, envNotes } from './env-vars.ts';
import { EnvRow } from './EnvRow.tsx';

export function EnvEditor() {
  const env = useApp((s) => s.snapshot?.env);
  const { session } = useSession();
  const groups = useMemo(() => [...new Set(ENV_VARS.map((v) => v.group))], []);
  const others = Object.keys(env ?? {}).filter((k) => !ENV_VARS.some((v) => v.name === k));
  const notes = useMemo(() => envNotes(env ?? {}), [env]);
  return (
    <div className="env-editor">
      <p className="hint">Environment of the <code>aws-node</code> container. Applying a change restarts aws-node on every node.</p>
      {notes.map((n) => <p key={n} className="env-note" role="note">{n}</p>)}
      {groups.map((g) => (
        <fieldset key={g} className="env-group">
          <legend>{g}</legend>
          {ENV_VARS.filter((v) => v.group === g).map((v) => (
            <EnvRow key={`${v.name}=${env?.[v.name] ?? ''}`} info={v} current={env?.[v.name]} onApply={(value) => void session.command({ type: 'setEnv', name: v.name, value })} />
          ))}
        </fieldset>
      ))}
      {others.length > 0 && (
        <fieldset className="env-group">
          <legend>Also set</legend>
          <dl className="env-others">{others.map((k) => <div key={k}><dt>{k}</dt><dd>{env?.[k]}</dd></div>)}</dl>
        </fieldset>
      )}
    </div>
  );
}
