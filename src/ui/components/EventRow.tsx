/** One timeline event; EC2 calls open into their CloudTrail record. */
import { useLingui } from '@lingui/react';
import { memo, useState } from 'react';
import type { SimEvent } from '../../sim/view.ts';
import { useEngineText } from '../i18n/content.ts';
import { shortNode } from '../../scenario/event-summary.ts';
import { eventSummary, isProblem } from './event-text.ts';
import { formatSimTime } from './format.ts';

interface Props { event: SimEvent; highlighted: boolean; onPick(event: SimEvent): void }

const KIND_LABEL = { ec2: 'EC2', ipamd: 'ipamd', controller: 'VPC RC', k8s: 'k8s' } as const;

export const EventRow = memo(function EventRow({ event: e, highlighted, onPick }: Props) {
  const [open, setOpen] = useState(false);
  const { _ } = useLingui();
  const said = useEngineText();
  const summary = e.kind === 'ipamd' || e.kind === 'controller' ? said(e.message, e.text) : eventSummary(e);
  return (
    <li className={`event ${e.kind} ${isProblem(e) ? 'problem' : ''} ${highlighted ? 'hl' : ''}`}>
      <button type="button" className="event-main" onClick={() => onPick(e)} aria-pressed={highlighted} title={_('event.highlight')}>
        <span className="event-time mono">{formatSimTime(e.timeMs)}</span>
        <span className={`badge ${e.kind}`}>{KIND_LABEL[e.kind]}</span>
        {e.kind === 'k8s' && <span className={`ktype ${e.type}`}>{e.type}</span>}
        <span className="event-node mono">{shortNode(e.node)}</span>
        <span className="event-text">{summary}</span>
        {e.kind === 'ec2' && <span className="latency mono">{e.latencyMs} ms</span>}
      </button>
      {e.kind === 'ec2' && (
        <button type="button" className="ghost small expand" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={_('event.recordOf', { name: e.record.eventName })}>
          {open ? '▾ ' : '▸ '}{_('event.record')}
        </button>
      )}
      {e.kind === 'ec2' && open && <pre className="cloudtrail">{JSON.stringify(e.record, null, 2)}</pre>}
    </li>
  );
});
