/**
 * Searches every instance type the catalogue knows (through the worker) and shows what
 * matters for pod networking: ENIs, IPv4 per ENI, max pods, trunking (security groups for pods).
 */
import { useEffect, useId, useState } from 'react';
import type { InstanceTypeSummary } from '../../worker/protocol.ts';
import { useSession } from '../session/session-context.tsx';

export function typeFacts(t: InstanceTypeSummary): string {
  return `${t.enis} ENIs × ${t.ipv4PerEni} IPv4 · max pods ${t.maxPods}${t.trunking ? ' · trunking' : ''}${t.hypervisor ? ` · ${t.hypervisor}` : ''}`;
}

interface Props { value: string; onPick(name: string): void; label: string }

export function InstanceTypePicker({ value, onPick, label }: Props) {
  const { session } = useSession();
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
        value={open ? query : value} placeholder="search e.g. m5, c6i.large" spellCheck={false}
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
        <ul id={listId} role="listbox" className="type-list" aria-label="Instance types">
          {hits.map((t, i) => (
            <li key={t.name} id={`${id}-opt-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''}
              onMouseDown={(e) => { e.preventDefault(); pick(t.name); }}>
              <span className="type-name">{t.name}</span><span className="type-facts">{typeFacts(t)}</span>
            </li>
          ))}
          {hits.length === 0 && <li className="empty" role="option" aria-selected={false} aria-disabled>No instance type matches “{query}”</li>}
        </ul>
      )}
      </div>
      {current && <p className="type-summary">{typeFacts(current)}</p>}
    </div>
  );
}
