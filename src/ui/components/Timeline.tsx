/**
 * Everything that happened, newest first: EC2 calls (expandable CloudTrail records),
 * ipamd decisions, Kubernetes events. Clicking one lights up what it touched.
 */
import { useLingui } from '@lingui/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SimEvent } from '../../sim/view.ts';
import { TimeScrubber } from '../lessons/TimeScrubber.tsx';
import { useApp } from '../store/context.tsx';
import type { TimelineFilter as Filter } from '../store/lesson-slice.ts';
import { EventRow } from './EventRow.tsx';
import { isProblem } from './event-text.ts';
import { roveKey, syncRoving } from './roving-focus.ts';

/** Labels are catalogue ids ("ipamd", "EC2", "Kubernetes" are names and stay in every language). */
const FILTERS: { id: Filter; label: string }[] = [
  { id: 'all', label: 'timeline.filter.all' }, { id: 'ec2', label: 'timeline.filter.ec2' }, { id: 'ipamd', label: 'timeline.filter.ipamd' },
  { id: 'k8s', label: 'timeline.filter.k8s' }, { id: 'problems', label: 'timeline.filter.problems' },
];
/** Rows rendered at first; more on request (a 64× burst would otherwise remount hundreds per tick). */
const PAGE = 60;

function keep(e: SimEvent, f: Filter): boolean {
  // The resource controller's decisions sit with ipamd's: both are the CNI side of the story.
  return f === 'all' || (f === 'problems' ? isProblem(e) : e.kind === f || (f === 'ipamd' && e.kind === 'controller'));
}

export function Timeline() {
  const events = useApp((s) => s.events);
  const skipped = useApp((s) => s.skippedEvents);
  const highlightSeq = useApp((s) => s.highlightSeq);
  const highlightEvent = useApp((s) => s.highlightEvent);
  const filter = useApp((s) => s.timelineFilter);
  const setFilter = useApp((s) => s.setTimelineFilter);
  const [limit, setLimit] = useState(PAGE);
  const { _ } = useLingui();
  // Stable while the highlight is unchanged, so memoised rows skip re-rendering on every tick.
  const onPick = useCallback((e: SimEvent) => highlightEvent(e.seq === highlightSeq ? undefined : e), [highlightEvent, highlightSeq]);
  const shown = useMemo(() => {
    const out: SimEvent[] = [];
    for (let i = events.length - 1; i >= 0 && out.length < limit; i--) if (keep(events[i], filter)) out.push(events[i]);
    return out;
  }, [events, filter, limit]);
  // The event list is one tab stop; arrow keys move inside it (roving-focus.ts).
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => { if (list.current) syncRoving(list.current); },
    // `shown` is a deliberate re-run trigger: new rows arrive with the browser's default tab stop.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
    [shown]);
  return (
    <section className="timeline" aria-label={_('timeline.label')} tabIndex={-1}>
      <div className="timeline-head">
        <h2>{_('timeline.title')}</h2>
        <div className="chips" role="radiogroup" aria-label={_('timeline.show')}>
          {FILTERS.map((f) => (
            <button key={f.id} type="button" role="radio" aria-checked={filter === f.id} className={filter === f.id ? 'chip on' : 'chip'} onClick={() => setFilter(f.id)}>{_(f.label)}</button>
          ))}
        </div>
        <span className="muted">{skipped ? _('timeline.countSkipped', { count: events.length, skipped }) : _('timeline.count', { count: events.length })}</span>
        {highlightSeq !== undefined && <button type="button" className="ghost small" onClick={() => highlightEvent(undefined)}>{_('timeline.clear')}</button>}
        <TimeScrubber />
      </div>
      <ol className="events" data-testid="events" ref={list} aria-label={_('timeline.eventsLabel')}
        onKeyDown={(ev) => {
          if (!list.current || !roveKey(list.current, ev.key)) return;
          ev.preventDefault();
          ev.stopPropagation();
        }}
        onFocus={() => { if (list.current) syncRoving(list.current); }}>
        {shown.map((e) => (
          <EventRow key={e.seq} event={e} highlighted={e.seq === highlightSeq} onPick={onPick} />
        ))}
        {shown.length === limit && <li><button type="button" className="ghost small more" onClick={() => setLimit(limit + PAGE * 2)}>{_('timeline.older')}</button></li>}
        {shown.length === 0 && <li className="muted events-empty">{_('timeline.empty')}</li>}
      </ol>
    </section>
  );
}
