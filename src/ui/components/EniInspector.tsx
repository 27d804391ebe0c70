/** One ENI: attachment, addresses by state, and its describe-network-interfaces record. */
import { useLingui } from '@lingui/react';
import { useApp } from '../store/context.tsx';
import { TerminalPanel } from './TerminalPanel.tsx';

export function EniInspector({ id }: { id: string }) {
  // Select objects the store already holds (the node), never a pair built here: a selector
  // returning a new object on each call re-renders forever (React error #185).
  const node = useApp((s) => s.snapshot?.nodes.find((n) => n.enis.some((e) => e.id === id)));
  const select = useApp((s) => s.select);
  const { _ } = useLingui();
  const eni = node?.enis.find((e) => e.id === id);
  if (!node || !eni) return <p className="muted">{_('eni.gone', { id })}</p>;
  const addrs = eni.prefixes.length ? eni.prefixes.flatMap((p) => p.addresses) : eni.secondaryIps;
  const count = (st: string) => addrs.filter((a) => a.state === st).length;
  return (
    <div>
      <h3 className="mono title">{eni.id}</h3>
      <dl className="facts">
        <div><dt>{_('pod.node')}</dt><dd><button type="button" className="link" onClick={() => select({ kind: 'node', id: node.name, node: node.name })}>{node.name}</button></dd></div>
        <div><dt>{_('eni.interface')}</dt><dd className="mono">{_('eni.interfaceFacts', { ifName: eni.ifName, device: eni.deviceIndex, card: eni.networkCard })}</dd></div>
        <div><dt>{_('eni.kind')}</dt><dd>{eni.kind} · {eni.attachmentState}</dd></div>
        <div><dt>{_('eni.primaryIp')}</dt><dd className="mono">{eni.primaryIp}</dd></div>
        <div><dt>{_('nodes.subnet')}</dt><dd className="mono">{eni.subnetId} · {eni.subnetCidr}</dd></div>
        <div><dt>{eni.prefixes.length ? _('node.prefixes') : _('eni.secondaryIps')}</dt><dd>{eni.prefixes.length ? eni.prefixes.map((p) => p.cidr).join(', ') : `${eni.secondaryIps.length}`}</dd></div>
        <div><dt>{_('eni.addresses')}</dt><dd>{_('eni.addressFacts', { assigned: count('assigned'), warm: count('warm'), cooling: count('cooling') })}</dd></div>
      </dl>
      <TerminalPanel views={[{ kind: 'describe-network-interfaces', command: `aws ec2 describe-network-interfaces --network-interface-ids ${eni.id}` }]} target={{ node: node.name, eni: eni.id }} label={_('eni.tools', { id: eni.id })} />
    </div>
  );
}
