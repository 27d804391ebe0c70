/**
 * One aws-node variable: its name, current value, shipped default, an input and Apply.
 * The parent keys it by the current value, so an applied change resets the draft.
 */
import { useLingui } from '@lingui/react';
import { useId, useState } from 'react';
import { useText } from '../i18n/text.ts';
import { boolReading, checkEnvValue, draftNote, type EnvVarInfo } from './env-vars.ts';

interface Props { info: EnvVarInfo; current: string | undefined; onApply(value: string | null): void }

export function EnvRow({ info, current, onApply }: Props) {
  const id = useId();
  const { _ } = useLingui();
  const show = useText();
  const [draft, setDraft] = useState(current ?? '');
  const error = checkEnvValue(info, draft);
  const note = error ? undefined : draftNote(info, draft);
  const k = info.kind;
  const offered = k.type === 'bool' ? ['true', 'false'] : k.type === 'enum' ? k.values : [];
  // A value from a scenario or link that the select does not offer is still shown, with its meaning.
  const extra = (k.type === 'bool' || k.type === 'enum') && current !== undefined && current !== '' && !offered.includes(current) ? current : undefined;
  const dirty = draft !== (current ?? '');
  const apply = () => { if (!error && dirty) onApply(draft === '' ? null : draft); };
  return (
    <div className={`env-row ${dirty ? 'dirty' : ''}`}>
      <label htmlFor={id} className="env-name">{info.name}</label>
      <div className="env-input">
        {k.type === 'bool' || k.type === 'enum' ? (
          <select id={id} value={draft} onChange={(e) => setDraft(e.target.value)} aria-describedby={`${id}-help`}>
            <option value="">{_('env.unset')}</option>
            {offered.map((v) => <option key={v} value={v}>{v}</option>)}
            {extra !== undefined && <option value={extra}>{k.type === 'bool' ? show(boolReading(info, extra)) : _('env.unknownValue', { value: extra })}</option>}
          </select>
        ) : (
          <input id={id} value={draft} inputMode={k.type === 'int' ? 'numeric' : 'text'} placeholder={k.type === 'text' ? k.placeholder : _('env.unset')}
            onChange={(e) => setDraft(e.target.value.trim())} onKeyDown={(e) => { if (e.key === 'Enter') apply(); }}
            aria-invalid={Boolean(error)} aria-describedby={`${id}-help`} spellCheck={false} />
        )}
        <button type="button" className="small" disabled={!dirty || Boolean(error)} onClick={apply} aria-label={_('env.applyName', { name: info.name })}>{_('env.apply')}</button>
      </div>
      <p id={`${id}-help`} className="env-help">
        {error ? <span className="error">{_('env.sentence', { text: show(error) })} </span> : null}
        {note ? <span className="warn">{_('env.sentence', { text: show(note) })} </span> : null}
        {_(info.explain)} <span className="shipped">{_('env.shipped', { value: info.shipped === undefined ? _('env.shippedUnset') : info.shipped === '' ? '""' : info.shipped })}</span>
      </p>
    </div>
  );
}
