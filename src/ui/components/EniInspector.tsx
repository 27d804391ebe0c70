/** One ENI: attachment, addresses by state, and its describe-network-interfaces record. */
import { useApp } from '../store/context.tsx';
import { TerminalPanel } from './TerminalPanel.tsx';

export function EniInspector({ id }: { id: string }) {
  const found = useApp((s) => {
    for (const n of s.snapshot?.nodes ?? []) { const e = n.enis.find((x) => x.id === id); if (e) return { node: n, eni: e }; }
    return undefined;
  });
  const select = useApp((s) => s.select);
  if (!found) return <p className="muted">ENI {id} is no longer attached.</p>;
  const { node, eni } = found;
  const addrs = eni.prefixes.length ? eni.prefixes.flatMap((p) => p.addresses) : eni.secondaryIps;
  const count = (st: string) => addrs.filter((a) => a.state === st).length;
  return (
    <div>
      <h3 className="mono title">{eni.id}</h3>
      <dl className="facts">
        <div><dt>Node</dt><dd><button type="button" className="link" onClick={() => select({ kind: 'node', id: node.name, node: node.name })}>{node.name}</button></dd></div>
        <div><dt>Interface</dt><dd className="mono">{eni.ifName} · device {eni.deviceIndex} · card {eni.networkCard}</dd></div>
        <div><dt>Kind</dt><dd>{eni.kind} · {eni.attachmentState}</dd></div>
        <div><dt>Primary IP</dt><dd className="mono">{eni.primaryIp}</dd></div>
        <div><dt>Subnet</dt><dd className="mono">{eni.subnetId} · {eni.subnetCidr}</dd></div>
        <div><dt>{eni.prefixes.length ? 'Prefixes' : 'Secondary IPs'}</dt><dd>{eni.prefixes.length ? eni.prefixes.map((p) => p.cidr).join(', ') : `${eni.secondaryIps.length}`}</dd></div>
        <div><dt>Addresses</dt><dd>{count('assigned')} assigned · {count('warm')} warm · {count('cooling')} cooling</dd></div>
      </dl>
      <TerminalPanel views={[{ kind: 'describe-network-interfaces', command: `aws ec2 describe-network-interfaces --network-interface-ids ${eni.id}` }]} target={{ node: node.name, eni: eni.id }} label={`ENI ${eni.id}`} />
    </div>
  );
}
