/**
 * Inspector with nothing selected: cluster totals and the nodes as buttons (the keyboard's
 * way to any node when the picture shows glyphs). Counted in one pass over the pods, only
 * when they changed; a large cluster lists its first nodes and the ones with problems, the
 * rest on request, so a tick at 1,000 nodes does not re-render 1,000 rows.
 */
import { useLingui } from '@lingui/react';
import { memo, useMemo, useState } from 'react';
import type { NodeView, PodView } from '../../sim/view.ts';
import { useContent } from '../i18n/content.ts';
import { useApp } from '../store/context.tsx';
import type { Selection } from '../store/slices.ts';

/** Rows listed before "Show all". */
export const NODE_ROWS = 40;

function phases(pods: readonly PodView[]) {
  let running = 0;
  let pending = 0;
  let creating = 0;
  for (const p of pods) {
    if (p.phase === 'Running') running++;
    else if (p.phase === 'Pending') pending++;
    else if (p.phase === 'ContainerCreating') creating++;
  }
  return { running, pending, creating };
}

const NodeRow = memo(function NodeRow({ n, select }: { n: NodeView; select(s: Selection): void }) {
  const { _ } = useLingui();
  return (
    <li>
      <button type="button" className={`node-item ${n.warnings.length ? 'warn' : ''}`} onClick={() => select({ kind: 'node', id: n.name, node: n.name })}>
        <span className="mono">{n.name}</span>
        <span className="muted">{n.instanceType} · {_('overview.nodeRow', { pods: n.podCount, max: n.maxPods, enis: n.enis.length })}</span>
      </button>
    </li>
  );
});

export function Overview() {
  const snap = useApp((s) => s.snapshot);
  const select = useApp((s) => s.select);
  const spec = useApp((s) => s.spec);
  const [all, setAll] = useState(false);
  const { _ } = useLingui();
  const content = useContent();
  const pods = snap?.pods;
  const counts = useMemo(() => phases(pods ?? []), [pods]);
  const nodes = snap?.nodes;
  // Nodes with a warning first (what a trainer points at), then the rest in order.
  const listed = useMemo(() => {
    if (!nodes) return [];
    if (all || nodes.length <= NODE_ROWS) return nodes;
    const warned = nodes.filter((n) => n.warnings.length > 0);
    return [...warned, ...nodes.filter((n) => n.warnings.length === 0)].slice(0, NODE_ROWS);
  }, [nodes, all]);
  if (!snap) return <p className="muted">{_('overview.starting')}</p>;
  const { running, pending, creating } = counts;
  return (
    <div className="overview">
      {spec && (
        <section className="about" aria-label={_('overview.about')}>
          <h3>{content.text(spec.name)}</h3>
          {spec.description && <p>{content.text(spec.description)}</p>}
        </section>
      )}
      <dl className="facts">
        <div><dt>{_('nodes.count')}</dt><dd>{snap.nodes.length}</dd></div>
        <div><dt>{_('overview.podsRunning')}</dt><dd>{running}</dd></div>
        <div><dt>ContainerCreating</dt><dd className={creating ? 'warn' : ''}>{creating}</dd></div>
        <div><dt>Pending</dt><dd className={pending ? 'bad' : ''}>{pending}</dd></div>
        <div><dt>{_('overview.ec2Calls')}</dt><dd>{snap.ec2.calls}</dd></div>
        <div><dt>{_('overview.throttled')}</dt><dd className={snap.ec2.throttled ? 'bad' : ''}>{snap.ec2.throttled}</dd></div>
      </dl>
      <h3>{_('nodes.count')}</h3>
      <ul className="node-list">
        {listed.map((n) => <NodeRow key={n.name} n={n} select={select} />)}
      </ul>
      {listed.length < snap.nodes.length && (
        <button type="button" className="small" onClick={() => setAll(true)}>{_('overview.showAll', { count: snap.nodes.length })}</button>
      )}
      <p className="hint">{_('overview.hint')}</p>
    </div>
  );
}
