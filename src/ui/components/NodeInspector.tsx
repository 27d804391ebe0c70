/** One node: capacity, the warm pool, warnings explained, its pods, and node-side tools. */
import { useLingui } from '@lingui/react';
import { useMemo } from 'react';
import { useEngineText } from '../i18n/content.ts';
import { useApp } from '../store/context.tsx';
import { TerminalPanel, type TerminalView } from './TerminalPanel.tsx';
import { WARNING_EXPLANATIONS } from './warning-text.ts';

const VIEWS: TerminalView[] = [
  { kind: 'kubectl-get-pods', command: 'kubectl get pods -A -o wide --field-selector spec.nodeName=…' },
  { kind: 'kubectl-get-nodes', command: 'kubectl get nodes -o wide', label: 'kubectl get nodes' },
  { kind: 'kubectl-describe-node', command: 'kubectl describe node …', label: 'describe node' },
  { kind: 'kubectl-nodes-allocatable', command: 'kubectl get nodes -o custom-columns=NAME:.metadata.name,PODS:.status.allocatable.pods,POD-ENI:.status.allocatable.vpc\\.amazonaws\\.com/pod-eni', label: 'allocatable' },
  { kind: 'describe-network-interfaces', command: 'aws ec2 describe-network-interfaces --filters Name=attachment.instance-id,…' },
  { kind: 'metrics', command: 'curl -s localhost:61678/metrics' },
  { kind: 'ip rule', command: 'ip rule' },
  { kind: 'ip route show table all', command: 'ip route show table all' },
  { kind: 'iptables -t nat -S', command: 'iptables -t nat -S' },
  { kind: 'ip addr', command: 'ip addr' },
  { kind: 'ip -d link show', command: 'ip -d link show' },
];

/** kube-proxy in IPVS mode (`cluster.kubeProxyMode: "ipvs"`): its virtual servers and ipsets. */
const IPVS_VIEWS: TerminalView[] = [
  { kind: 'ipvsadm -Ln', command: 'ipvsadm -Ln' },
  { kind: 'ipset list', command: 'ipset list' },
];

/** The node's terminal tabs: `describe node` names the node; IPVS mode adds ipvsadm and ipset. */
export function nodeViews(name: string, ipvs: boolean): TerminalView[] {
  return [...VIEWS, ...(ipvs ? IPVS_VIEWS : [])].map((v) => (v.kind === 'kubectl-describe-node' ? { ...v, command: `kubectl describe node ${name}` } : v));
}

export function NodeInspector({ name }: { name: string }) {
  const node = useApp((s) => s.snapshot?.nodes.find((n) => n.name === name));
  const pods = useApp((s) => s.snapshot?.pods);
  const select = useApp((s) => s.select);
  const { _ } = useLingui();
  const said = useEngineText();
  // describe node names the node, as the user would type it.
  const ipvs = useApp((s) => s.spec?.cluster?.kubeProxyMode === 'ipvs');
  const views = useMemo(() => nodeViews(name, ipvs), [name, ipvs]);
  if (!node) return <p className="muted">{_('node.gone', { name })}</p>;
  const mine = (pods ?? []).filter((p) => p.node === name);
  const p = node.pool;
  return (
    <div className="node-inspector">
      <h3 className="mono title">{node.name}</h3>
      <dl className="facts">
        <div><dt>{_('node.instance')}</dt><dd>{node.instanceType} · {node.instanceId}</dd></div>
        <div><dt>{_('node.ip')}</dt><dd className="mono">{node.nodeIp}</dd></div>
        <div><dt>{_('node.zone')}</dt><dd>{node.availabilityZone}</dd></div>
        <div><dt>{_('node.pods')}</dt><dd className={node.podCount >= node.maxPods ? 'bad' : ''}>{_('node.podsOfMax', { pods: node.podCount, max: node.maxPods })}</dd></div>
        <div><dt>{_('node.enis')}</dt><dd>{node.enis.length} / {p.maxENIs}</dd></div>
        <div><dt>{_('node.pool')}</dt><dd>{_('node.poolFacts', { total: p.totalIPs, assigned: p.assignedIPs, available: p.availableIPs, cooling: p.cooldownIPs })}</dd></div>
        {node.mode === 'prefix-delegation' && <div><dt>{_('node.prefixes')}</dt><dd>{_('node.prefixFacts', { total: p.totalPrefixes, free: p.freePrefixes })}</dd></div>}
        <div><dt>aws-node</dt><dd className={node.ipamd.status === 'running' ? '' : 'bad'}>{node.ipamd.status}{node.ipamd.message ? ` — ${node.ipamd.message}` : ''}</dd></div>
      </dl>
      {node.warnings.map((w) => (
        <div key={w.code} className="callout bad" role="note">
          <strong>{w.code}</strong> {said(w.message, w.text)}
          <p>{_(WARNING_EXPLANATIONS[w.code])}</p>
        </div>
      ))}
      <details className="pod-list">
        <summary>{_('node.podList', { count: mine.length })}</summary>
        <ul>
          {mine.map((pod) => (
            <li key={pod.uid}>
              <button type="button" className="link" onClick={() => select({ kind: 'pod', id: `${pod.namespace}/${pod.name}`, node: name })}>
                <i className={`dot ${pod.phase}`} />{pod.name}</button> <span className="muted mono">{pod.ip ?? pod.phase}</span>
            </li>
          ))}
        </ul>
      </details>
      <TerminalPanel views={views} target={{ node: name }} label={_('node.tools', { name })} />
    </div>
  );
}
