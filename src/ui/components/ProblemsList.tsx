/** Every node warning, with what it means; clicking one selects the node. */
import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { useEngineText } from '../i18n/content.ts';
import { useApp } from '../store/context.tsx';
import { WARNING_EXPLANATIONS } from './warning-text.ts';

export function ProblemsList() {
  const nodes = useApp((s) => s.snapshot?.nodes);
  const select = useApp((s) => s.select);
  const [open, setOpen] = useState(false);
  const { _ } = useLingui();
  const said = useEngineText();
  const problems = (nodes ?? []).flatMap((n) => n.warnings.map((w) => ({ node: n.name, ...w })));
  if (problems.length === 0) return null;
  const codes = [...new Set(problems.map((p) => p.code))];
  return (
    <section className={`problems ${open ? 'open' : ''}`} aria-label={_('problems.label')} data-testid="problems">
      <button type="button" className="problems-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        ⚠ {codes.join(', ')} · {_('problems.nodes', { count: new Set(problems.map((p) => p.node)).size })} <span className="why">{open ? _('problems.hide') : _('problems.why')}</span>
      </button>
      {open && (
        <div className="problems-body">
          {codes.map((code) => {
            const on = problems.filter((p) => p.code === code);
            return (
              <div key={code} className="problem">
                <h4>{code}</h4>
                <p>{_(WARNING_EXPLANATIONS[code])}</p>
                <p className="muted">{said(on[0].message, on[0].text)}</p>
                <ul>
                  {on.slice(0, 6).map((p) => (
                    <li key={p.node}><button type="button" className="link" onClick={() => select({ kind: 'node', id: p.node, node: p.node })}>{p.node}</button></li>
                  ))}
                  {on.length > 6 && <li className="muted">{_('banner.more', { more: on.length - 6 })}</li>}
                </ul>
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
