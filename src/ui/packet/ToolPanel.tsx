/**
 * The current hop in words and in the real tool's output: the command, its lines with the
 * deciding one highlighted, the packet before → after (NAT rewrites called out), and a drop
 * explained in plain words.
 */
import { useLingui } from '@lingui/react';
import type { Hop } from '../../sim/trace/hop.ts';
import type { WalkNamespace } from '../../worker/protocol.ts';
import { useEngineText } from '../i18n/content.ts';
import { useText } from '../i18n/text.ts';
import { explainDrop } from './drop-explanation.ts';
import { packetText, rewrites, toolViewFor } from './hop-model.ts';
import { DIRECTION_WORD, STEP_WORD } from './hop-words.ts';

interface Props { hop: Hop; index: number; count: number; ns?: WalkNamespace; conntrack: { ns: string; line: string }[] }

export function ToolPanel({ hop, index, count, ns, conntrack }: Props) {
  const { _ } = useLingui();
  const view = toolViewFor(hop, ns, conntrack);
  const nat = rewrites(hop);
  const said = useEngineText();
  const show = useText();
  const explained = hop.step === 'drop' ? explainDrop(hop.note) : undefined;
  return (
    <section className={`pw-tool${hop.step === 'drop' ? ' drop' : ''}`} aria-label={_('walk.currentHop')} aria-live="polite" data-testid="pw-tool">
      <header>
        <span className="pw-count">{_('walk.hopOf', { hop: index + 1, count })}</span>
        <span className={`pw-step ${hop.step}`}>{_(STEP_WORD[hop.step])}</span>
        <span className="pw-dirtag">{_(DIRECTION_WORD[hop.direction])}</span>
        <p className="pw-note">{said(hop.note, hop.text)}</p>
      </header>
      {hop.step === 'drop' && (
        <div className="callout bad" role="alert" data-testid="pw-drop">
          <strong>{_('walk.droppedHere')}</strong> {explained ? show(explained) : said(hop.note, hop.text)}
        </div>
      )}
      {nat.length > 0 && (
        <ul className="pw-nat" aria-label={_('walk.rewrites')} data-testid="pw-nat">
          {nat.map((r) => (
            <li key={r.field}><span className="label">{r.field}</span> <code className="was">{r.before}</code> → <code className="now">{r.after}</code></li>
          ))}
        </ul>
      )}
      <p className="pw-packet mono">{packetText(hop.after)}</p>
      {view && (
        <pre className="pw-term" tabIndex={0} aria-label={_('walk.outputOf', { command: view.command })} data-testid="pw-term">
          <span className="prompt pw-tline">$ {view.command}</span>
          {view.lines.length === 0 && <span className="muted">{_('walk.noEntries')}</span>}
          {view.lines.map((l, i) => (
            <span key={i} className={`pw-tline ${l.mark ?? ''}`} data-mark={l.mark}>{l.text}</span>
          ))}
        </pre>
      )}
    </section>
  );
}
