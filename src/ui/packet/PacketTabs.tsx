/**
 * One tab per packet when several are compared: its letter, colour swatch and marker shape
 * (colour is never the only cue), where it goes, and a close button; "Compare another packet"
 * adds one. The tab list is one tab stop; ← → move between tabs (WAI-ARIA tabs pattern).
 */
import { useLingui } from '@lingui/react';
import type { CSSProperties, KeyboardEvent } from 'react';
import { markerPath, MAX_PACKETS, packetLook, packetName } from './packets.ts';

export interface PacketTab { slot: number; text: string }

interface Props { tabs: PacketTab[]; active: number; onPick: (i: number) => void; onAdd: () => void; onRemove: (i: number) => void }

export function PacketSwatch({ slot }: { slot: number }) {
  const look = packetLook(slot);
  return (
    <svg className="pk-swatch" width="18" height="18" viewBox="-10 -10 20 20" aria-hidden="true">
      <path d={markerPath(look.shape, 8)} fill={look.colour} />
      <text textAnchor="middle" dy="0.36em" className="pk-swatch-letter">{look.letter}</text>
    </svg>
  );
}

export function PacketTabs({ tabs, active, onPick, onAdd, onRemove }: Props) {
  const { _ } = useLingui();
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const next = (active + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
    onPick(next);
    (e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')[next])?.focus();
  };
  return (
    <div className="pk-tabs">
      <div role="tablist" aria-label={_('walk.packets')} onKeyDown={onKey} data-testid="pk-tabs">
        {tabs.map((t, i) => (
          <button key={t.slot} type="button" role="tab" aria-selected={i === active} tabIndex={i === active ? 0 : -1}
            className={`pk-tab${i === active ? ' active' : ''}`} style={{ '--pk': packetLook(t.slot).colour } as CSSProperties}
            onClick={() => onPick(i)} data-testid={`pk-tab-${packetLook(t.slot).letter}`}>
            <PacketSwatch slot={t.slot} />
            <span className="pk-tab-text">{packetName(_, t.slot)}: {t.text}</span>
          </button>
        ))}
      </div>
      {tabs.length > 1 && (
        <button type="button" className="small ghost" onClick={() => onRemove(active)} aria-label={_('walk.removeLabel', { packet: packetName(_, tabs[active]?.slot ?? 0) })} data-testid="pk-remove">
          {_('walk.remove', { letter: packetLook(tabs[active]?.slot ?? 0).letter })}
        </button>
      )}
      {tabs.length < MAX_PACKETS && (
        <button type="button" className="small" onClick={onAdd} data-testid="pk-add" title={_('walk.compareTitle')}>
          {_('walk.compare')}
        </button>
      )}
    </div>
  );
}
