/**
 * Node groups: instance type and subnet (editing them restarts the scenario with the new
 * spec), node count (addNodes / removeNodes commands, live).
 */
import { useLingui } from '@lingui/react';
import type { NodeGroupSpec, ScenarioSpec } from '../../sim/spec.ts';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';
import { InstanceTypePicker } from './InstanceTypePicker.tsx';

export function NodeGroupsPanel() {
  const spec = useApp((s) => s.spec);
  const nodes = useApp((s) => s.snapshot?.nodes);
  const { session } = useSession();
  const { _ } = useLingui();
  if (!spec) return null;
  const edit = (i: number, patch: Partial<NodeGroupSpec>) => {
    const live = nodes?.filter((n) => n.nodeGroup === spec.nodeGroups[i].name).length ?? spec.nodeGroups[i].count;
    const nodeGroups = spec.nodeGroups.map((g, j) => (j === i ? { ...g, count: live, ...patch } : g));
    const next: ScenarioSpec = { ...spec, nodeGroups };
    void session.load(next, 'custom');
  };
  const addGroup = () => {
    const subnet = spec.subnets[0]?.id ?? '';
    const name = `ng-${spec.nodeGroups.length + 1}`;
    void session.load({ ...spec, nodeGroups: [...spec.nodeGroups, { name, instanceType: 'm5.large', count: 1, subnet, labels: {}, securityGroups: spec.nodeGroups[0]?.securityGroups ?? [] }] }, 'custom');
  };
  return (
    <div className="nodegroups">
      <p className="hint">{_('nodes.hint')}</p>
      {spec.nodeGroups.map((g, i) => {
        const count = nodes?.filter((n) => n.nodeGroup === g.name).length ?? g.count;
        return (
          <section key={g.name} className="card" aria-label={_('nodes.group', { name: g.name })}>
            <h3>{g.name}</h3>
            <InstanceTypePicker label={_('nodes.instanceTypeOf', { name: g.name })} value={g.instanceType} onPick={(instanceType) => edit(i, { instanceType })} />
            <div className="row">
              <span className="label">{_('nodes.count')}</span>
              <div className="stepper" role="group" aria-label={_('nodes.countIn', { name: g.name })}>
                <button type="button" aria-label={_('nodes.remove', { name: g.name })} disabled={count === 0}
                  onClick={() => void session.command({ type: 'removeNodes', nodeGroup: g.name, count: 1 })}>−</button>
                <output aria-live="polite">{count}</output>
                <button type="button" aria-label={_('nodes.add', { name: g.name })}
                  onClick={() => void session.command({ type: 'addNodes', nodeGroup: g.name, count: 1 })}>+</button>
              </div>
            </div>
            <label className="row">
              <span className="label">{_('nodes.subnet')}</span>
              <select value={g.subnet} onChange={(e) => edit(i, { subnet: e.target.value })}>
                {spec.subnets.map((s) => <option key={s.id} value={s.id}>{s.availabilityZone} · {s.cidr}</option>)}
              </select>
            </label>
            {g.maxPods !== undefined && <p className="hint">kubelet --max-pods {g.maxPods}</p>}
          </section>
        );
      })}
      <button type="button" className="wide" onClick={addGroup}>{_('nodes.addGroup')}</button>
    </div>
  );
}
