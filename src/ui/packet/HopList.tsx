/** The hops of the walk, request then reply; the current one is marked, each is clickable. */
import { useLingui } from '@lingui/react';
import { useEffect, useRef } from 'react';
import type { Hop } from '../../sim/trace/hop.ts';
import type { Say } from '../i18n/text.ts';
import { shortNode } from '../../scenario/event-summary.ts';
import { DIRECTION_WORD, STEP_WORD } from './hop-words.ts';

function whereText(_: Say, h: Hop): string {
  const { ns, device, table, chain } = h.where;
  const place = ns === 'vpc' ? 'VPC' : ns === 'internet' ? _('walk.where.internet') : ns.includes('/') ? _('walk.where.pod', { pod: ns.split('/').slice(2).join('/') }) : _('walk.where.host', { node: shortNode(ns) });
  // `nat POSTROUTING` and `table main` are what iptables and ip print: kept as they are.
  const what = chain ? `${table} ${chain}` : table ? `table ${table}` : device ?? '';
  return `${place}${what ? ` · ${what}` : ''}`;
}

export function HopList({ hops, index, onPick }: { hops: Hop[]; index: number; onPick: (i: number) => void }) {
  const { _ } = useLingui();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-current="step"]')?.scrollIntoView({ block: 'nearest' });
    // `index` is a deliberate re-run trigger: the current row moved.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [index]);
  return (
    <ol className="pw-hops" ref={list} aria-label={_('walk.hops')} data-testid="pw-hops">
      {hops.map((h, i) => (
        <li key={i} className={`${h.direction}${h.step === 'drop' ? ' drop' : ''}`}>
          {(i === 0 || hops[i - 1].direction !== h.direction) && <div className="pw-dir">{_(DIRECTION_WORD[h.direction])}</div>}
          <button type="button" aria-current={i === index ? 'step' : undefined} onClick={() => onPick(i)}>
            <span className="pw-n">{i + 1}</span>
            <span className={`pw-step ${h.step}`}>{_(STEP_WORD[h.step])}</span>
            <span className="pw-where">{whereText(_, h)}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
