/**
 * The chains kubelet and kube-proxy (iptables mode) keep on every EKS node
 * (services-and-load-balancers.md 1.2, 1.3, 1.5 "fixed" rows), and the per-service rules
 * kube-proxy writes into them (src/sim/kube-proxy produces those as `KubeServiceRules`).
 *
 * Left out on purpose: kubelet's KUBE-IPTABLES-HINT chain (not in the reference).
 */
import { cidr } from '../net/ipv4.ts';
import type { IptChain, IptMatch, IptRule, NetfilterTable, NetfilterTableName } from './model.ts';
import { append, chain, comment, insertFirst, jump, rule } from './netfilter.ts';
import { addIpvsIptables, type KubeIpvsInput } from './kube-ipvs.ts';

const LOCALNET = cidr(0x7f000000, 8);
const ctNew: IptMatch = { module: 'conntrack', ctstate: { value: ['NEW'] } };

/** kube-proxy's settings that change its fixed rules (see kube-proxy/model.ts ProxyConfig). */
export interface KubeIptablesConfig {
  /** 0x4000 unless `masqueradeBit` says otherwise. */
  masqueradeMark: number;
  localhostNodePorts: boolean;
  /** nfacct counters on the INVALID drop and on localhost NodePorts. */
  nfacct: boolean;
  conntrackTcpLiberal: boolean;
  randomFully: boolean;
}

/** What one service port adds to a node's nat and filter tables (in kube-proxy's write order). */
export interface KubeServiceRules {
  natServices: readonly IptRule[];
  natNodePorts: readonly IptRule[];
  /** The service's KUBE-EXT/FW/SVC/SVL/SEP chains with their rules. */
  natChains: readonly IptChain[];
  filterServices: readonly IptRule[];
  filterExternalServices: readonly IptRule[];
  filterNodePorts: readonly IptRule[];
  filterProxyFirewall: readonly IptRule[];
}

/** kube-proxy's part of a node: its configuration and the service ports in sync order. */
export interface KubeIptablesInput {
  config: KubeIptablesConfig;
  services: readonly KubeServiceRules[];
  /** IPVS mode: the node's ipsets, virtual servers and kube-ipvs0 addresses (then `services` is empty). */
  ipvs?: KubeIpvsInput;
}

/** The base chains of a node with kube-proxy's EKS defaults and no Service. */
export const DEFAULT_KUBE_IPTABLES: KubeIptablesInput = {
  config: { masqueradeMark: 0x4000, localhostNodePorts: true, nfacct: true, conntrackTcpLiberal: false, randomFully: true },
  services: [],
};

/**
 * Adds kubelet's then kube-proxy's chains; call after the CNI's rules (kube-proxy prepends its
 * jumps). Service rules are shared between nodes and so are put in as they are, never copied:
 * treat them as immutable (see the linux README).
 */
export function addKubeIptables(tables: Record<NetfilterTableName, NetfilterTable>, input: KubeIptablesInput = DEFAULT_KUBE_IPTABLES): void {
  const { mangle, nat, filter } = tables;
  const { config, services } = input;
  const mark = config.masqueradeMark;
  for (const t of [mangle, nat, filter]) {
    chain(t, 'KUBE-KUBELET-CANARY');
    // Only the iptables proxier watches a canary chain.
    if (!input.ipvs) chain(t, 'KUBE-PROXY-CANARY');
  }

  // kubelet: the localnet guard, jumped to from INPUT and OUTPUT (kube-proxy writes the same rule).
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
  if (input.ipvs) {
    addIpvsIptables(tables, input.ipvs);
    return;
  }

  // kube-proxy: top-level chains, then every service port's rules in sync order.
  const natServices = chain(nat, 'KUBE-SERVICES');
  const natNodePorts = chain(nat, 'KUBE-NODEPORTS');
  chain(nat, 'KUBE-POSTROUTING');
  chain(nat, 'KUBE-MARK-MASQ');
  const filterServices = chain(filter, 'KUBE-SERVICES');
  const filterExternal = chain(filter, 'KUBE-EXTERNAL-SERVICES');
  const filterNodePorts = chain(filter, 'KUBE-NODEPORTS');
  chain(filter, 'KUBE-FORWARD');
  const filterFirewall = chain(filter, 'KUBE-PROXY-FIREWALL');
  for (const s of services) {
    natServices.rules.push(...s.natServices);
    natNodePorts.rules.push(...s.natNodePorts);
    for (const c of s.natChains) nat.chains.push(c);
    filterServices.rules.push(...s.filterServices);
    filterExternal.rules.push(...s.filterExternalServices);
    filterNodePorts.rules.push(...s.filterNodePorts);
    filterFirewall.rules.push(...s.filterProxyFirewall);
  }

  append(nat, 'KUBE-MARK-MASQ', rule({ target: { kind: 'MARK', value: mark, mask: mark } }));
  append(nat, 'KUBE-POSTROUTING', rule({ matches: [{ module: 'mark', mark: { value: { value: mark, mask: mark }, not: true } }], target: { kind: 'RETURN' } }));
  append(nat, 'KUBE-POSTROUTING', rule({ target: { kind: 'MARK', value: mark, mask: 0 } }));
  append(nat, 'KUBE-POSTROUTING', rule({ matches: [comment('kubernetes service traffic requiring SNAT')], target: { kind: 'MASQUERADE', randomFully: config.randomFully } }));
  append(
    nat,
    'KUBE-SERVICES',
    rule({
      ...(config.localhostNodePorts ? {} : { dst: { value: LOCALNET, not: true } }),
      matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { module: 'addrtype', dstType: { value: 'LOCAL' } }],
      target: jump('KUBE-NODEPORTS'),
    }),
  );
  if (!config.conntrackTcpLiberal) {
    const nfacct: IptMatch[] = config.nfacct ? [{ module: 'nfacct', name: 'ct_state_invalid_dropped_pkts' }] : [];
    append(filter, 'KUBE-FORWARD', rule({ matches: [{ module: 'conntrack', ctstate: { value: ['INVALID'] } }, ...nfacct], target: { kind: 'DROP' } }));
  }
  append(
    filter,
    'KUBE-FORWARD',
    rule({ matches: [comment('kubernetes forwarding rules'), { module: 'mark', mark: { value: { value: mark, mask: mark } } }], target: { kind: 'ACCEPT' } }),
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

/**
 * Chains kube-proxy flushes and rewrites on every sync (the top-level chains and all of its
 * filter chains): their counters start again from zero after any Service or endpoint change.
 */
export const KUBE_PROXY_REWRITTEN: Readonly<Record<'nat' | 'filter', readonly string[]>> = {
  nat: ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'],
  filter: ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-FIREWALL'],
};
