/**
 * The chains kubelet and kube-proxy (iptables mode) keep on every EKS node before any
 * Service exists (services-and-load-balancers.md 1.2, 1.3, 1.5 "fixed" rows). Per-service
 * rules are added on top of these by the services model.
 *
 * Left out on purpose: nfacct matches (they need the kernel's nfnetlink_acct, which the
 * reference calls "usually" present, and our capture machine lacks), and kubelet's
 * KUBE-IPTABLES-HINT chain (not in the reference).
 */
import { cidr } from '../net/ipv4.ts';
import type { IptMatch, NetfilterTable, NetfilterTableName } from './model.ts';
import { append, chain, comment, insertFirst, jump, rule } from './netfilter.ts';

const MASQ = 0x4000;
const LOCALNET = cidr(0x7f000000, 8);
const ctNew: IptMatch = { module: 'conntrack', ctstate: { value: ['NEW'] } };

/** Adds kubelet's then kube-proxy's base chains; call after the CNI's rules (kube-proxy prepends). */
export function addKubeIptables(tables: Record<NetfilterTableName, NetfilterTable>): void {
  const { mangle, nat, filter } = tables;
  for (const t of [mangle, nat, filter]) {
    chain(t, 'KUBE-KUBELET-CANARY');
    chain(t, 'KUBE-PROXY-CANARY');
  }

  // kubelet: the localnet guard, jumped to from INPUT and OUTPUT.
  append(
    filter,
    'KUBE-FIREWALL',
    rule({
      src: { value: LOCALNET, not: true },
      dst: { value: LOCALNET },
      matches: [comment('block incoming localnet connections'), { module: 'conntrack', ctstate: { value: ['RELATED', 'ESTABLISHED', 'DNAT'], not: true } }],
      target: { kind: 'DROP' },
    }),
  );
  insertFirst(filter, 'INPUT', rule({ target: jump('KUBE-FIREWALL') }));
  insertFirst(filter, 'OUTPUT', rule({ target: jump('KUBE-FIREWALL') }));

  // kube-proxy: fixed chains.
  for (const name of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) chain(nat, name);
  for (const name of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-FORWARD', 'KUBE-PROXY-FIREWALL']) chain(filter, name);
  append(nat, 'KUBE-MARK-MASQ', rule({ target: { kind: 'MARK', value: MASQ, mask: MASQ } }));
  append(nat, 'KUBE-POSTROUTING', rule({ matches: [{ module: 'mark', mark: { value: { value: MASQ, mask: MASQ }, not: true } }], target: { kind: 'RETURN' } }));
  append(nat, 'KUBE-POSTROUTING', rule({ target: { kind: 'MARK', value: MASQ, mask: 0 } }));
  append(nat, 'KUBE-POSTROUTING', rule({ matches: [comment('kubernetes service traffic requiring SNAT')], target: { kind: 'MASQUERADE', randomFully: true } }));
  append(
    nat,
    'KUBE-SERVICES',
    rule({
      matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { module: 'addrtype', dstType: { value: 'LOCAL' } }],
      target: jump('KUBE-NODEPORTS'),
    }),
  );
  append(filter, 'KUBE-FORWARD', rule({ matches: [{ module: 'conntrack', ctstate: { value: ['INVALID'] } }], target: { kind: 'DROP' } }));
  append(
    filter,
    'KUBE-FORWARD',
    rule({ matches: [comment('kubernetes forwarding rules'), { module: 'mark', mark: { value: { value: MASQ, mask: MASQ } } }], target: { kind: 'ACCEPT' } }),
  );
  append(
    filter,
    'KUBE-FORWARD',
    rule({
      matches: [comment('kubernetes forwarding conntrack rule'), { module: 'conntrack', ctstate: { value: ['RELATED', 'ESTABLISHED'] } }],
      target: { kind: 'ACCEPT' },
    }),
  );

  // kube-proxy's jumps, each ensured with -I in iptablesJumpChains order (so the last is on top).
  const jumps: [NetfilterTable, string[], IptMatch[], string][] = [
    [filter, ['INPUT', 'FORWARD'], [ctNew, comment('kubernetes externally-visible service portals')], 'KUBE-EXTERNAL-SERVICES'],
    [filter, ['INPUT'], [comment('kubernetes health check service ports')], 'KUBE-NODEPORTS'],
    [filter, ['FORWARD', 'OUTPUT'], [ctNew, comment('kubernetes service portals')], 'KUBE-SERVICES'],
    [filter, ['FORWARD'], [comment('kubernetes forwarding rules')], 'KUBE-FORWARD'],
    [filter, ['INPUT', 'OUTPUT', 'FORWARD'], [ctNew, comment('kubernetes load balancer firewall')], 'KUBE-PROXY-FIREWALL'],
    [nat, ['OUTPUT', 'PREROUTING'], [comment('kubernetes service portals')], 'KUBE-SERVICES'],
    [nat, ['POSTROUTING'], [comment('kubernetes postrouting rules')], 'KUBE-POSTROUTING'],
  ];
  for (const [table, chains, matches, target] of jumps) {
    for (const c of chains) insertFirst(table, c, rule({ matches, target: jump(target) }));
  }
}
