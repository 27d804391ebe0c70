/** Hosts the d3 datapath controller: created once, fed the walk and the current hop. */
import { useEffect, useRef } from 'react';
import type { PacketWalk } from '../../worker/protocol.ts';
import { createDatapath, type DatapathController } from './datapath-controller.ts';

type Walk = Extract<PacketWalk, { ok: true }>;

export function DatapathView({ walk, index, label }: { walk: Walk; index: number; label: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const ctl = useRef<DatapathController | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = createDatapath(ref.current);
    ctl.current = c;
    return () => { c.destroy(); ctl.current = null; };
  }, []);
  useEffect(() => { ctl.current?.update({ walk, index }); }, [walk, index]);
  return <svg ref={ref} className="pw-datapath" tabIndex={0} role="img" aria-label={label} data-testid="pw-datapath" />;
}
