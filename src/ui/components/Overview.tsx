/** Inspector with nothing selected: cluster totals and every node as a button. */
import { useApp } from '../store/context.tsx';

export function Overview() {
  const snap = useApp((s) => s.snapshot);
  const select = useApp((s) => s.select);
  const spec = useApp((s) => s.spec);
  if (!snap) return <p className="muted">Starting the simulation…</p>;
  const running = snap.pods.filter((p) => p.phase === 'Running').length;
  const pending = snap.pods.filter((p) => p.phase === 'Pending').length;
  const creating = snap.pods.filter((p) => p.phase === 'ContainerCreating').length;
  return (
    <div className="overview">
      {spec && (
        <section className="about" aria-label="About this scenario">
          <h3>{spec.name}</h3>
          {spec.description && <p>{spec.description}</p>}
        </section>
      )}
      <dl className="facts">
        <div><dt>Nodes</dt><dd>{snap.nodes.length}</dd></div>
        <div><dt>Pods running</dt><dd>{running}</dd></div>
        <div><dt>ContainerCreating</dt><dd className={creating ? 'warn' : ''}>{creating}</dd></div>
        <div><dt>Pending</dt><dd className={pending ? 'bad' : ''}>{pending}</dd></div>
        <div><dt>EC2 calls</dt><dd>{snap.ec2.calls}</dd></div>
        <div><dt>Throttled</dt><dd className={snap.ec2.throttled ? 'bad' : ''}>{snap.ec2.throttled}</dd></div>
      </dl>
      <h3>Nodes</h3>
      <ul className="node-list">
        {snap.nodes.map((n) => (
          <li key={n.name}>
            <button type="button" className={`node-item ${n.warnings.length ? 'warn' : ''}`} onClick={() => select({ kind: 'node', id: n.name, node: n.name })}>
              <span className="mono">{n.name}</span>
              <span className="muted">{n.instanceType} · {n.podCount}/{n.maxPods} pods · {n.enis.length} ENIs</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">Click a node, ENI or pod in the picture, or an event in the timeline.</p>
    </div>
  );
}
