/**
 * The iptables rules kube-proxy writes in IPVS mode (services-and-load-balancers.md 2.1;
 * upstream pkg/proxy/ipvs/proxier.go `writeIptablesRules`, `iptablesJumpChain`, `iptablesChains`,
 * `ipsetInfo`, `ipsetWithIptablesChain`; ipset.go for the set names and comments): ipset matches
 * instead of KUBE-SVC/KUBE-SEP chains. Part of the on-demand IPVS part (see ipvs.ts).
 */
import { cidr, mustIpv4 } from '../net/ipv4.ts';
import type { IptChain, IpSetType, IptMatch, IptRule } from '../linux/model.ts';
import { comment, jump, rule } from '../linux/netfilter.ts';
import { IPVS_CHAINS, type KubeIpvsInput } from '../linux/kube-ipvs.ts';

/** The sets kube-proxy creates (`ipsetInfo`), with their types and comments. */
export const IPVS_SETS: readonly { name: string; type: IpSetType; comment: string }[] = [
  { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose' },
  { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose' },
  { name: 'KUBE-EXTERNAL-IP', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port for masquerade and filter purpose' },
  { name: 'KUBE-EXTERNAL-IP-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER', type: 'hash:ip,port', comment: 'Kubernetes service lb portal' },
  { name: 'KUBE-LOAD-BALANCER-FW', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port for load balancer with sourceRange' },
  { name: 'KUBE-LOAD-BALANCER-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-IP', type: 'hash:ip,port,ip', comment: 'Kubernetes service load balancer ip + port + source IP for packet filter purpose' },
  { name: 'KUBE-LOAD-BALANCER-SOURCE-CIDR', type: 'hash:ip,port,net', comment: 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose' },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose' },
  { name: 'KUBE-NODE-PORT-LOCAL-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local' },
  { name: 'KUBE-NODE-PORT-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'" },
  { name: 'KUBE-NODE-PORT-LOCAL-SCTP-HASH', type: 'hash:ip,port', comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'" },
  { name: 'KUBE-HEALTH-CHECK-NODE-PORT', type: 'bitmap:port', comment: 'Kubernetes health check node port' },
  { name: 'KUBE-IPVS-IPS', type: 'hash:ip', comment: 'Addresses on the ipvs interface' },
];

const commentOf = (set: string) => IPVS_SETS.find((s) => s.name === set)!.comment;
const matchSet = (name: string, flags: string): IptMatch => ({ module: 'set', name, flags });
const LOCALNET = cidr(0x7f000000, 8);
const newChain = (name: string): IptChain => ({ name, packets: 0, bytes: 0, rules: [] });

/**
 * `ipsetWithIptablesChain`: rules written only when their set has entries, in this order
 * (SCTP and the load-balancer source-range sets are left out: EKS Services publish no LB IP).
 */
const SET_RULES: readonly { set: string; table: 'nat' | 'filter'; from: string; to: string; flags: string; proto?: 'tcp' | 'udp' }[] = [
  { set: 'KUBE-LOOP-BACK', table: 'nat', from: 'KUBE-POSTROUTING', to: 'MASQUERADE', flags: 'dst,dst,src' },
  { set: 'KUBE-LOAD-BALANCER', table: 'nat', from: 'KUBE-SERVICES', to: 'KUBE-LOAD-BALANCER', flags: 'dst,dst' },
  { set: 'KUBE-LOAD-BALANCER-LOCAL', table: 'nat', from: 'KUBE-LOAD-BALANCER', to: 'RETURN', flags: 'dst,dst' },
  { set: 'KUBE-NODE-PORT-LOCAL-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', flags: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', flags: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-LOCAL-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', flags: 'dst', proto: 'udp' },
  { set: 'KUBE-NODE-PORT-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', flags: 'dst', proto: 'udp' },
];

export interface IpvsRuleConfig {
  masqueradeMark: number;
  randomFully: boolean;
  masqueradeAll?: boolean;
  /** The ClusterCIDR detector's CIDR; absent on EKS (no-op detector). */
  clusterCidr?: string;
}

/**
 * kube-proxy's IPVS-mode chains (`iptablesChains` order) with their rules, and its jumps
 * (`iptablesJumpChain`, each ensured with -I, so the last ends on top), for a node whose sets
 * hold `sets` (a rule for an empty set is not written). kubelet's KUBE-FIREWALL and canary are
 * added by the builder, as in iptables mode; IPVS mode keeps no KUBE-PROXY-CANARY.
 */
export function ipvsIptables(sets: Readonly<Record<string, readonly string[]>>, config: IpvsRuleConfig): Pick<KubeIpvsInput, 'chains' | 'jumps'> {
  const mark = config.masqueradeMark;
  const has = (set: string) => (sets[set]?.length ?? 0) > 0;
  const chains = { nat: IPVS_CHAINS.nat.map(newChain), filter: IPVS_CHAINS.filter.map(newChain) };
  const append = (table: 'nat' | 'filter', name: string, r: IptRule) => chains[table].find((c) => c.name === name)!.rules.push(r);

  append('nat', 'KUBE-SERVICES', rule({ src: { value: LOCALNET }, target: { kind: 'RETURN' } }));
  for (const r of SET_RULES) {
    if (!has(r.set)) continue;
    const target = r.to === 'MASQUERADE' ? { kind: 'MASQUERADE' as const } : r.to === 'RETURN' ? { kind: 'RETURN' as const } : jump(r.to);
    append(r.table, r.from, rule({
      ...(r.proto ? { protocol: { value: r.proto } } : {}),
      matches: [comment(commentOf(r.set)), matchSet(r.set, r.flags)],
      target,
    }));
  }
  if (has('KUBE-CLUSTER-IP')) {
    const matches = [comment(commentOf('KUBE-CLUSTER-IP'))];
    if (config.masqueradeAll) append('nat', 'KUBE-SERVICES', rule({ matches: [...matches, matchSet('KUBE-CLUSTER-IP', 'dst,dst')], target: jump('KUBE-MARK-MASQ') }));
    else if (config.clusterCidr) {
      const [ip, len] = config.clusterCidr.split('/');
      append('nat', 'KUBE-SERVICES', rule({ src: { value: cidr(mustIpv4(ip), Number(len)), not: true }, matches: [...matches, matchSet('KUBE-CLUSTER-IP', 'dst,dst')], target: jump('KUBE-MARK-MASQ') }));
    } else {
      // No-op detector: masquerade node traffic whose source became a VIP (reference 2.1).
      append('nat', 'KUBE-SERVICES', rule({ matches: [...matches, matchSet('KUBE-CLUSTER-IP', 'src,dst')], target: jump('KUBE-MARK-MASQ') }));
    }
  }
  append('nat', 'KUBE-SERVICES', rule({ matches: [{ module: 'addrtype', dstType: { value: 'LOCAL' } }], target: jump('KUBE-NODE-PORT') }));
  append('nat', 'KUBE-LOAD-BALANCER', rule({ target: jump('KUBE-MARK-MASQ') }));
  append('filter', 'KUBE-SOURCE-RANGES-FIREWALL', rule({ target: { kind: 'DROP' } }));
  for (const set of ['KUBE-CLUSTER-IP', 'KUBE-LOAD-BALANCER']) {
    if (has(set)) append('nat', 'KUBE-SERVICES', rule({ matches: [matchSet(set, 'dst,dst')], target: { kind: 'ACCEPT' } }));
  }
  append('filter', 'KUBE-FORWARD', rule({ matches: [comment('kubernetes forwarding rules'), { module: 'mark', mark: { value: { value: mark, mask: mark } } }], target: { kind: 'ACCEPT' } }));
  append('filter', 'KUBE-FORWARD', rule({
    matches: [comment('kubernetes forwarding conntrack rule'), { module: 'conntrack', ctstate: { value: ['RELATED', 'ESTABLISHED'] } }],
    target: { kind: 'ACCEPT' },
  }));
  append('filter', 'KUBE-NODE-PORT', rule({
    matches: [comment(commentOf('KUBE-HEALTH-CHECK-NODE-PORT')), matchSet('KUBE-HEALTH-CHECK-NODE-PORT', 'dst')],
    target: { kind: 'ACCEPT' },
  }));
  // KUBE-IPVS-FILTER: known service ip:port pass; NEW connections to other ports of a VIP are refused.
  for (const [set, flags] of [['KUBE-LOAD-BALANCER', 'dst,dst'], ['KUBE-CLUSTER-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP-LOCAL', 'dst,dst'], ['KUBE-HEALTH-CHECK-NODE-PORT', 'dst']]) {
    append('filter', 'KUBE-IPVS-FILTER', rule({ matches: [matchSet(set, flags)], target: { kind: 'RETURN' } }));
  }
  append('filter', 'KUBE-IPVS-FILTER', rule({
    matches: [{ module: 'conntrack', ctstate: { value: ['NEW'] } }, matchSet('KUBE-IPVS-IPS', 'dst')],
    target: { kind: 'REJECT', rejectWith: 'icmp-port-unreachable' },
  }));
  append('nat', 'KUBE-POSTROUTING', rule({ matches: [{ module: 'mark', mark: { value: { value: mark, mask: mark }, not: true } }], target: { kind: 'RETURN' } }));
  append('nat', 'KUBE-POSTROUTING', rule({ target: { kind: 'MARK', value: mark, mask: 0 } }));
  append('nat', 'KUBE-POSTROUTING', rule({ matches: [comment('kubernetes service traffic requiring SNAT')], target: { kind: 'MASQUERADE', randomFully: config.randomFully } }));
  append('nat', 'KUBE-MARK-MASQ', rule({ target: { kind: 'MARK', value: mark, mask: mark } }));

  const jumps: KubeIpvsInput['jumps'] = ([
    ['nat', 'OUTPUT', 'KUBE-SERVICES', 'kubernetes service portals'],
    ['nat', 'PREROUTING', 'KUBE-SERVICES', 'kubernetes service portals'],
    ['nat', 'POSTROUTING', 'KUBE-POSTROUTING', 'kubernetes postrouting rules'],
    ['filter', 'FORWARD', 'KUBE-FORWARD', 'kubernetes forwarding rules'],
    ['filter', 'INPUT', 'KUBE-NODE-PORT', 'kubernetes health check rules'],
    ['filter', 'INPUT', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules'],
    ['filter', 'FORWARD', 'KUBE-PROXY-FIREWALL', 'kube-proxy firewall rules'],
    ['filter', 'INPUT', 'KUBE-IPVS-FILTER', 'kubernetes ipvs access filter'],
    ['filter', 'OUTPUT', 'KUBE-IPVS-OUT-FILTER', 'kubernetes ipvs access filter'],
  ] as const).map(([table, from, to, text]) => ({ table, chain: from, rule: rule({ matches: [comment(text)], target: jump(to) }) }));
  return { chains, jumps };
}

/** Stable scrambled order: kube-proxy creates the sets ranging over a Go map. */
function mapOrder(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Every set kube-proxy creates, in the order `ipset list` lists them, with `entries`. */
export function ipvsSets(entries: Readonly<Record<string, readonly string[]>>): KubeIpvsInput['sets'] {
  return IPVS_SETS.toSorted((a, b) => mapOrder(a.name) - mapOrder(b.name)).map((s) => ({ name: s.name, type: s.type, members: [...(entries[s.name] ?? [])] }));
}
