/**
 * Hosts the d3 datapath controller: created once, fed the packets and the shared hop. The
 * picture sizes itself from its content and sits in a scroller with its own zoom, so a node
 * with forty pods and eight VLAN devices still fits; the current station is kept in view.
 */
import { useLingui } from '@lingui/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SimSnapshot } from '../../sim/view.ts';
import { useApp } from '../store/context.tsx';
import { createDatapath, type DatapathController, type DatapathPacket } from './datapath-controller.ts';
import type { NodeContext } from './datapath-layout.ts';

const ZOOMS = [1, 1.5, 2, 3] as const;

/** Every pod with an address on `node`, and its ENIs by device name, from the app's snapshot. */
export function nodeContext(snapshot: SimSnapshot | undefined, node: string | undefined): NodeContext {
  const view = snapshot?.nodes.find((n) => n.name === node);
  const pods = (snapshot?.pods ?? []).filter((p) => p.node === node && !p.hostNetwork && p.ip && p.phase === 'Running')
    .map((p) => ({ id: `${p.namespace}/${p.name}`, ip: p.ip ?? '' }));
  const enis = (view?.enis ?? []).map((e) => ({ ifName: e.ifName, id: e.id, kind: e.kind, ...(e.vlanId !== undefined ? { vlanId: e.vlanId } : {}) }));
  return { pods, enis };
}

interface Props {
  packets: DatapathPacket[]; active: number; index: number; node: string | undefined; label: string;
  /** A device chosen by keyboard: the walk goes to the followed packet's first hop there. */
  onSeek: (hop: number) => void;
}

export function DatapathView({ packets, active, index, node, label, onSeek }: Props) {
  const { _ } = useLingui();
  const ref = useRef<SVGSVGElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const ctl = useRef<DatapathController | null>(null);
  const seek = useRef(onSeek);
  useEffect(() => { seek.current = onSeek; }, [onSeek]);
  const [zoom, setZoom] = useState(0);
  const snapshot = useApp((s) => s.snapshot);
  const ctx = useMemo(() => nodeContext(snapshot, node), [snapshot, node]);
  useEffect(() => {
    if (!ref.current) return;
    const c = createDatapath(ref.current, (hop) => seek.current(hop));
    ctl.current = c;
    return () => { c.destroy(); ctl.current = null; };
  }, []);
  useEffect(() => {
    ctl.current?.update({ packets, active, index, ctx, say: _ });
    // Keep the station the packet is at in view inside the scroller (not the page).
    const box = ref.current?.querySelector('.dp-box.current');
    const sc = scroller.current;
    if (!box || !sc) return;
    const b = box.getBoundingClientRect();
    const s = sc.getBoundingClientRect();
    if (b.top < s.top || b.bottom > s.bottom) sc.scrollTop += b.top - s.top - s.height / 3;
    if (b.left < s.left || b.right > s.right) sc.scrollLeft += b.left - s.left - s.width / 3;
    // `zoom` is a deliberate re-run trigger: a new size moves the current station in the scroller.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [packets, active, index, ctx, zoom, _]);
  return (
    <div className="pw-dp">
      <div className="pw-dp-tools" role="group" aria-label={_('walk.dpZoom')}>
        {ZOOMS.map((z, i) => (
          <button key={z} type="button" className={`small${i === zoom ? ' primary' : ''}`} aria-pressed={i === zoom} onClick={() => setZoom(i)}>
            {i === 0 ? _('walk.dpFitWidth') : `${z * 100}%`}
          </button>
        ))}
      </div>
      <div className="pw-dp-scroll" ref={scroller} data-testid="pw-dp-scroll">
        <svg ref={ref} className="pw-datapath" style={{ width: `${ZOOMS[zoom] * 100}%` }} role="group" aria-label={_('walk.dpLabel', { label })} data-testid="pw-datapath" />
      </div>
    </div>
  );
}
