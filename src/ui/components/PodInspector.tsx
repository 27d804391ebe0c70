/** One pod: phase, IP, ENI, why it is not running, kubectl describe, and a delete button. */
import { useLingui } from '@lingui/react';
import { SendPacketButton } from '../packet/SendPacketButton.tsx';
import { useSession } from '../session/session-context.tsx';
import { useApp } from '../store/context.tsx';
import { TerminalPanel, type TerminalView } from './TerminalPanel.tsx';

export function PodInspector({ id }: { id: string }) {
  const pod = useApp((s) => s.snapshot?.pods.find((p) => `${p.namespace}/${p.name}` === id));
  const select = useApp((s) => s.select);
  const { session } = useSession();
  const { _ } = useLingui();
  if (!pod) return <p className="muted">{_('pod.gone', { id })}</p>;
  const views: TerminalView[] = [{ kind: 'kubectl-describe-pod', command: `kubectl describe pod -n ${pod.namespace} ${pod.name}` }];
  if (pod.node && pod.ip && !pod.hostNetwork) {
    views.push({ kind: 'ip addr', command: `ip netns exec <${pod.name}> ip addr` }, { kind: 'ip route show table all', command: `ip netns exec <${pod.name}> ip route show table all` });
  }
  return (
    <div>
      <h3 className="mono title">{pod.name}</h3>
      <dl className="facts">
        <div><dt>{_('pod.phase')}</dt><dd><i className={`dot ${pod.phase}`} />{pod.phase}</dd></div>
        <div><dt>IP</dt><dd className="mono">{pod.ip ?? '—'}{pod.hostNetwork ? ' (hostNetwork)' : ''}</dd></div>
        <div><dt>{_('pod.node')}</dt><dd>{pod.node ? <button type="button" className="link" onClick={() => select({ kind: 'node', id: pod.node ?? '', node: pod.node })}>{pod.node}</button> : _('pod.notScheduled')}</dd></div>
        {pod.eniId && <div><dt>ENI</dt><dd><button type="button" className="link mono" onClick={() => select({ kind: 'eni', id: pod.eniId ?? '', node: pod.node })}>{pod.eniId}</button></dd></div>}
        {pod.deployment && <div><dt>Deployment</dt><dd>{pod.deployment}</dd></div>}
      </dl>
      {pod.reason && (
        <div className="callout bad" role="note" data-testid="pod-reason">
          <strong>{pod.reason}</strong> {pod.message}
        </div>
      )}
      <div className="row">
        {pod.node && pod.ip && !pod.hostNetwork && <SendPacketButton pod={`${pod.namespace}/${pod.name}`} />}
        <button type="button" className="small danger" onClick={() => void session.command({ type: 'deletePod', pod: pod.name, namespace: pod.namespace })}>{_('pod.delete')}</button>
      </div>
      <TerminalPanel views={views} target={{ node: pod.node, pod: `${pod.namespace}/${pod.name}` }} label={_('pod.tools', { name: pod.name })} />
    </div>
  );
}
