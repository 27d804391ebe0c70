/** Deployments: replicas (a `scale` command per change), add and delete. */
import { useLingui } from '@lingui/react';
import { useState } from 'react';
import { useSession } from '../session/session-context.tsx';
import { useApp, useAppStore } from '../store/context.tsx';
import { ReplicaControl } from './ReplicaControl.tsx';
import type { DeploymentView } from '../../sim/view.ts';

/** Before the worker's first answer there are none; one constant, so the selector stays stable. */
const NO_DEPLOYMENTS: readonly DeploymentView[] = [];
import { learnerCommand } from '../lessons/learner.ts';
import { ScriptList } from '../lessons/ScriptList.tsx';

export function WorkloadsPanel() {
  const deployments = useApp((s) => s.snapshot?.deployments ?? NO_DEPLOYMENTS);
  const pods = useApp((s) => s.snapshot?.pods);
  const { session } = useSession();
  const store = useAppStore();
  const [name, setName] = useState('');
  const { _ } = useLingui();
  const valid = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && !deployments.some((d) => d.name === name);
  const add = () => {
    if (!valid) return;
    void session.command({ type: 'addDeployment', deployment: { name, namespace: 'default', replicas: 1, labels: { app: name } } });
    setName('');
  };
  const pending = pods?.filter((p) => p.phase === 'Pending' || p.phase === 'ContainerCreating').length ?? 0;
  return (
    <div className="workloads">
      <p className="hint">{_('workloads.summary', { pods: pods?.length ?? 0, pending })}</p>
      {deployments.map((d) => (
        <section key={`${d.namespace}/${d.name}`} className="card" aria-label={_('workloads.deployment', { name: d.name })}>
          <h3>{d.name} <span className="muted">{d.namespace}</span></h3>
          <p className="muted">{_('workloads.ready', { ready: d.ready, replicas: d.replicas })}</p>
          <ReplicaControl key={d.replicas} name={d.name} replicas={d.replicas}
            onScale={(replicas) => void learnerCommand(store, session, { type: 'scale', deployment: d.name, namespace: d.namespace, replicas })} />
          <button type="button" className="small danger" onClick={() => void learnerCommand(store, session, { type: 'deleteDeployment', deployment: d.name, namespace: d.namespace })}>{_('workloads.delete')}</button>
        </section>
      ))}
      <ScriptList />
      <form className="card add-deploy" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <label htmlFor="new-deploy">{_('workloads.new')}</label>
        <div className="row">
          <input id="new-deploy" value={name} onChange={(e) => setName(e.target.value.trim())} placeholder={_('workloads.namePlaceholder')} spellCheck={false} />
          <button type="submit" disabled={!valid}>{_('workloads.add')}</button>
        </div>
      </form>
    </div>
  );
}
