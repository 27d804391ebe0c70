/**
 * Searches every instance type the catalogue knows (through the worker) and shows what
 * matters for pod networking: ENIs, IPv4 per ENI, max pods, trunking (security groups for pods).
 */
import { useLingui } from '@lingui/react';
import type { I18n } from '@lingui/core';
import { useEffect, useId, useState } from 'react';
import type { InstanceTypeSummary } from '../../worker/protocol.ts';
import { useSession } from '../session/session-context.tsx';

/** ENIs, IPv4 per ENI, max pods, trunking, hypervisor (the hypervisor's name as EC2 gives it). */
export function typeFacts(i18n: I18n, t: InstanceTypeSummary): string {
  const facts = i18n._('types.facts', { enis: t.enis, ipv4: t.ipv4PerEni, maxPods: t.maxPods });
  return `${facts}${t.trunking ? ` · ${i18n._('types.trunking')}` : ''}${t.hypervisor ? ` · ${t.hypervisor}` : ''}`;
}

interface Props { value: string; onPick(name: string): void; label: string }

export function InstanceTypePicker({ value, onPick, label }: Props) {
  const { session } = useSession();
  const { i18n, _ } = useLingui();
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<InstanceTypeSummary[]>([]);
  const [active, setActive] = useState(0);
  const [current, setCurrent] = useState<InstanceTypeSummary | undefined>();

  // A rejected call is reported by the recovery (banner, restart); the picker just shows nothing.
  useEffect(() => { let live = true; void Promise.resolve(session.api.getInstanceType(value)).then((t) => { if (live) setCurrent(t); }, () => {}); return () => { live = false; }; }, [value, session]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    const t = setTimeout(() => void Promise.resolve(session.api.searchInstanceTypes(query, 40)).then((r) => { if (live) { setHits(r); setActive(0); } }, () => {}), 80);
    return () => { live = false; clearTimeout(t); };
  }, [query, open, session]);

  const pick = (name: string) => { setOpen(false); setQuery(''); if (name !== value) onPick(name); };
  const listId = `${id}-list`;
  return (
    <div>
      <div className="type-picker">
      <input
        role="combobox" aria-label={label} aria-expanded={open} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={open && hits[active] ? `${id}-opt-${active}` : undefined}
        value={open ? query : value} placeholder={_('types.search')} spellCheck={false}
        onFocus={() => { setOpen(true); setQuery(''); }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => { setQuery(e.target.value); setOpen(true); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(hits.length - 1, a + 1)); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
          else if (e.key === 'Enter' && hits[active]) { e.preventDefault(); pick(hits[active].name); }
          else if (e.key === 'Escape') { setOpen(false); (e.target as HTMLInputElement).blur(); }
        }}
      />
      {open && (
        <ul id={listId} role="listbox" className="type-list" aria-label={_('types.list')}>
          {hits.map((t, i) => (
            <li key={t.name} id={`${id}-opt-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); pick(t.name); }}>
              <span className="type-name">{t.name}</span><span className="type-facts">{typeFacts(i18n, t)}</span>
            </li>
          ))}
          {hits.length === 0 && <li className="empty" role="option" aria-selected={false} aria-disabled>{_('types.none', { query })}</li>}
        </ul>
      )}
      </div>
      {current && <p className="type-summary">{typeFacts(i18n, current)}</p>}
    </div>
  );
}
