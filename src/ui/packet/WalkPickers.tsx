/**
 * Source, destination (menu or typed IP[:port]), protocol and port; "Walk" runs the trace.
 * Memoised: the menus hold every pod (3,000 at 100 nodes), and the panel re-renders on every hop
 * of a playing walk, which does not change them.
 */
import { useLingui } from '@lingui/react';
import { memo } from 'react';
import type { TracePoint } from '../../worker/protocol.ts';
import type { Say } from '../i18n/text.ts';
import { shortNode } from '../../scenario/event-summary.ts';
import { packetWalkStore, usePacketWalk, type Proto } from './packet-walk-store.ts';

const label = (_: Say, p: TracePoint) => (p.kind === 'pod' ? `${p.id} · ${p.ip}` : p.kind === 'node' ? _('walk.point.node', { node: shortNode(p.id), ip: p.ip }) : _('walk.point.external', { ip: p.ip }));

const Options = memo(function Options({ points }: { points: TracePoint[] }) {
  const { _ } = useLingui();
  const groups = [['pod', 'walk.group.pods'], ['node', 'walk.group.nodes'], ['external', 'walk.group.internet']] as const;
  return (
    <>
      {groups.map(([kind, title]) => (
        <optgroup key={kind} label={_(title)}>
          {points.filter((p) => p.kind === kind).map((p) => <option key={p.id} value={p.id}>{label(_, p)}</option>)}
        </optgroup>
      ))}
    </>
  );
});

export const WalkPickers = memo(function WalkPickers({ points, onWalk, busy }: { points: TracePoint[]; onWalk: () => void; busy: boolean }) {
  const { _ } = useLingui();
  const from = usePacketWalk((s) => s.from);
  const to = usePacketWalk((s) => s.to);
  const proto = usePacketWalk((s) => s.proto);
  const port = usePacketWalk((s) => s.port);
  const set = packetWalkStore.getState().set;
  const typed = to !== '' && !points.some((p) => p.id === to);
  return (
    <form className="pw-pickers" onSubmit={(e) => { e.preventDefault(); onWalk(); }} aria-label={_('walk.packet')}>
      <label>
        <span className="label">{_('walk.from')}</span>
        <select value={from} onChange={(e) => set({ from: e.target.value })} data-testid="pw-from" aria-label={_('walk.source')}>
          <option value="" disabled>{_('walk.chooseSource')}</option>
          <Options points={points} />
        </select>
      </label>
      <button type="button" className="small ghost" onClick={() => set({ picking: 'from' })} title={_('walk.pickOnMapTitle')}>{_('walk.pickOnMap')}</button>
      <label>
        <span className="label">{_('walk.to')}</span>
        <select value={typed ? '__typed' : to} onChange={(e) => set({ to: e.target.value === '__typed' ? '' : e.target.value })} data-testid="pw-to" aria-label={_('walk.destination')}>
          <Options points={points} />
          <option value="__typed">{_('walk.typedAddress')}</option>
        </select>
      </label>
      {typed || to === '' ? (
        <input className="pw-ip" value={to} placeholder={_('walk.ipPlaceholder')} aria-label={_('walk.destinationIp')} data-testid="pw-to-ip"
          onChange={(e) => {
            const m = /^(.*):(\d*)$/.exec(e.target.value);
            if (m) set({ to: m[1], port: m[2] });
            else set({ to: e.target.value });
          }} />
      ) : null}
      <button type="button" className="small ghost" onClick={() => set({ picking: 'to' })} title={_('walk.pickOnMapTitle')}>{_('walk.pickOnMap')}</button>
      <label>
        <span className="label">{_('walk.protocol')}</span>
        <select value={proto} onChange={(e) => set({ proto: e.target.value as Proto })} data-testid="pw-proto" aria-label={_('walk.protocol')}>
          <option value="tcp">tcp</option>
          <option value="udp">udp</option>
          <option value="icmp">icmp</option>
        </select>
      </label>
      {proto !== 'icmp' && (
        <label>
          <span className="label">{_('walk.port')}</span>
          <input className="pw-port" inputMode="numeric" value={port} onChange={(e) => set({ port: e.target.value.replace(/\D/g, '') })} aria-label={_('walk.destinationPort')} data-testid="pw-port" />
        </label>
      )}
      <button type="submit" className="primary" disabled={!from || !to || busy} data-testid="pw-walk">{_('walk.walk')}</button>
    </form>
  );
});
