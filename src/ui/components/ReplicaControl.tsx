/**
 * Replica count: a slider for quick moves, a number box for exact values; applied on
 * release / Enter. The parent keys it by the live replica count, so a change from elsewhere
 * resets the draft.
 */
import { useLingui } from '@lingui/react';
import { useState } from 'react';

interface Props { name: string; replicas: number; onScale(replicas: number): void }

export const MAX_REPLICAS = 3000;

export function ReplicaControl({ name, replicas, onScale }: Props) {
  const [draft, setDraft] = useState(replicas);
  const { _ } = useLingui();
  const commit = (n: number) => { const v = Math.max(0, Math.min(MAX_REPLICAS, Math.round(n))); if (v !== replicas) onScale(v); };
  const sliderMax = Math.max(100, Math.min(MAX_REPLICAS, 2 ** Math.ceil(Math.log2(Math.max(draft, 1) * 1.5))));
  return (
    <div className="replicas">
      <input type="range" min={0} max={sliderMax} value={draft} aria-label={_('workloads.replicasSlider', { name })}
        onChange={(e) => setDraft(Number(e.target.value))} onPointerUp={() => commit(draft)} onKeyUp={() => commit(draft)} />
      <input type="number" min={0} max={MAX_REPLICAS} value={draft} aria-label={_('workloads.replicas', { name })} data-testid={`replicas-${name}`}
        onChange={(e) => setDraft(Number(e.target.value))} onBlur={() => commit(draft)} onKeyDown={(e) => { if (e.key === 'Enter') commit(draft); }} />
    </div>
  );
}
