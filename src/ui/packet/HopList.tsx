/** The hops of the walk, request then reply; the current one is marked, each is clickable. */
import { useEffect, useRef } from 'react';
import type { Hop } from '../../sim/trace/hop.ts';
import { shortNode } from './datapath-layout.ts';

function whereText(h: Hop): string {
  const { ns, device, table, chain } = h.where;
  const place = ns === 'vpc' ? 'VPC' : ns === 'internet' ? 'internet' : ns.includes('/') ? `pod ${ns.split('/').slice(2).join('/')}` : `host ${shortNode(ns)}`;
  const what = chain ? `${table} ${chain}` : table ? `table ${table}` : device ?? '';
  return `${place}${what ? ` · ${what}` : ''}`;
}

export function HopList({ hops, index, onPick }: { hops: Hop[]; index: number; onPick: (i: number) => void }) {
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-current="step"]')?.scrollIntoView({ block: 'nearest' });
    // `index` is a deliberate re-run trigger: the current row moved.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [index]);
  return (
    <ol className="pw-hops" ref={list} aria-label="Hops" data-testid="pw-hops">
      {hops.map((h, i) => (
        <li key={i} className={`${h.direction}${h.step === 'drop' ? ' drop' : ''}`}>
          {(i === 0 || hops[i - 1].direction !== h.direction) && <div className="pw-dir">{h.direction}</div>}
          <button type="button" aria-current={i === index ? 'step' : undefined} onClick={() => onPick(i)}>
            <span className="pw-n">{i + 1}</span>
            <span className={`pw-step ${h.step}`}>{h.step}</span>
            <span className="pw-where">{whereText(h)}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
