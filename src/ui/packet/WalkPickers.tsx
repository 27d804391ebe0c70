/** Source, destination (menu or typed IP[:port]), protocol and port; "Walk" runs the trace. */
import type { TracePoint } from '../../worker/protocol.ts';
import { shortNode } from './datapath-layout.ts';
import { packetWalkStore, usePacketWalk, type Proto } from './packet-walk-store.ts';

const label = (p: TracePoint) => (p.kind === 'pod' ? `${p.id} · ${p.ip}` : p.kind === 'node' ? `node ${shortNode(p.id)} · ${p.ip}` : `external host ${p.ip}`);

function Options({ points }: { points: TracePoint[] }) {
  const groups = [['pod', 'Pods'], ['node', 'Nodes'], ['external', 'Internet']] as const;
  return (
    <>
      {groups.map(([kind, title]) => (
        <optgroup key={kind} label={title}>
          {points.filter((p) => p.kind === kind).map((p) => <option key={p.id} value={p.id}>{label(p)}</option>)}
        </optgroup>
      ))}
    </>
  );
}

export function WalkPickers({ points, onWalk, busy }: { points: TracePoint[]; onWalk: () => void; busy: boolean }) {
  const { from, to, proto, port } = usePacketWalk((s) => s);
  const set = packetWalkStore.getState().set;
  const typed = to !== '' && !points.some((p) => p.id === to);
  return (
    <form className="pw-pickers" onSubmit={(e) => { e.preventDefault(); onWalk(); }} aria-label="Packet">
      <label>
        <span className="label">From</span>
        <select value={from} onChange={(e) => set({ from: e.target.value })} data-testid="pw-from" aria-label="Source">
          <option value="" disabled>choose a source…</option>
          <Options points={points} />
        </select>
      </label>
      <button type="button" className="small ghost" onClick={() => set({ picking: 'from' })} title="Click a pod in the cluster picture">pick on map</button>
      <label>
        <span className="label">To</span>
        <select value={typed ? '__typed' : to} onChange={(e) => set({ to: e.target.value === '__typed' ? '' : e.target.value })} data-testid="pw-to" aria-label="Destination">
          <Options points={points} />
          <option value="__typed">an IP address…</option>
        </select>
      </label>
      {typed || to === '' ? (
        <input className="pw-ip" value={to} placeholder="10.0.0.5 or 10.0.0.5:8080" aria-label="Destination IP[:port]" data-testid="pw-to-ip"
          onChange={(e) => {
            const m = /^(.*):(\d*)$/.exec(e.target.value);
            if (m) set({ to: m[1], port: m[2] });
            else set({ to: e.target.value });
          }} />
      ) : null}
      <button type="button" className="small ghost" onClick={() => set({ picking: 'to' })} title="Click a pod in the cluster picture">pick on map</button>
      <label>
        <span className="label">Protocol</span>
        <select value={proto} onChange={(e) => set({ proto: e.target.value as Proto })} data-testid="pw-proto" aria-label="Protocol">
          <option value="tcp">tcp</option>
          <option value="udp">udp</option>
          <option value="icmp">icmp</option>
        </select>
      </label>
      {proto !== 'icmp' && (
        <label>
          <span className="label">Port</span>
          <input className="pw-port" inputMode="numeric" value={port} onChange={(e) => set({ port: e.target.value.replace(/\D/g, '') })} aria-label="Destination port" data-testid="pw-port" />
        </label>
      )}
      <button type="submit" className="primary" disabled={!from || !to || busy} data-testid="pw-walk">Walk</button>
    </form>
  );
}
