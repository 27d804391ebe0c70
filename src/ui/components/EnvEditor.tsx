/**
 * The aws-node DaemonSet environment. Each change is one `setEnv` command; the engine
 * restarts aws-node on every node, as a real `kubectl set env` would.
 */
import { useLingui } from '@lingui/react';
import { useMemo } from 'react';
import { useText } from '../i18n/text.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';
import { ENV_GROUP_LABEL, ENV_VARS, envNotes } from './env-vars.ts';
import { EnvRow } from './EnvRow.tsx';

export function EnvEditor() {
  const env = useApp((s) => s.snapshot?.env);
  const { session } = useSession();
  const { _ } = useLingui();
  const show = useText();
  const groups = useMemo(() => [...new Set(ENV_VARS.map((v) => v.group))], []);
  const others = Object.keys(env ?? {}).filter((k) => !ENV_VARS.some((v) => v.name === k));
  const notes = useMemo(() => envNotes(env ?? {}), [env]);
  return (
    <div className="env-editor">
      <p className="hint">{_('env.hint')}</p>
      {notes.map((n) => <p key={n.id} className="env-note" role="note">{show(n)}</p>)}
      {groups.map((g) => (
        <fieldset key={g} className="env-group">
          <legend>{_(ENV_GROUP_LABEL[g])}</legend>
          {ENV_VARS.filter((v) => v.group === g).map((v) => (
            <EnvRow key={`${v.name}=${env?.[v.name] ?? ''}`} info={v} current={env?.[v.name]} onApply={(value) => void session.command({ type: 'setEnv', name: v.name, value })} />
          ))}
        </fieldset>
      ))}
      {others.length > 0 && (
        <fieldset className="env-group">
          <legend>{_('env.alsoSet')}</legend>
          <dl className="env-others">{others.map((k) => <div key={k}><dt>{k}</dt><dd>{env?.[k]}</dd></div>)}</dl>
        </fieldset>
      )}
    </div>
  );
}
