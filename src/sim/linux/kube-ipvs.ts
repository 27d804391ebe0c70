/**
 * kube-proxy in IPVS mode on one node (services-and-load-balancers.md 2.1): what the builder
 * installs from src/sim/kube-proxy's IPVS part — its chains and jumps, the `kube-ipvs0` dummy
 * device holding every bound address, the ipsets and the IPVS virtual servers. The rules and
 * sets themselves are written in kube-proxy/ipvs.ts (an on-demand part of the worker).
 */
import { mustIpv4 } from '../net/ipv4.ts';
import type { IpSetType, IptChain, IptRule, Netns, NetfilterTable, NetfilterTableName } from './model.ts';
import { insertFirst } from './netfilter.ts';
import { addIpv4 } from './netns.ts';
import { ifName } from './ifname.ts';

/** One virtual server as kube-proxy asks IPVS for it. */
export interface IpvsVirtualServerInput {
  protocol: 'tcp' | 'udp';
  /** The ClusterIP (or external/LB IP); absent for a NodePort: one virtual server per node address. */
  address?: string;
  port: number;
  scheduler: string;
  /** ClientIP affinity timeout (`persistent`). */
  persistentTimeout?: number;
  realServers: { ip: string; port: number; weight: number }[];
  /** `namespace/name:port` (kube-proxy's ServicePortName). */
  service: string;
}

/** kube-proxy's IPVS-mode state for one node. */
export interface KubeIpvsInput {
  /** Addresses bound to kube-ipvs0, in the order they were bound. */
  bound: string[];
  virtualServers: IpvsVirtualServerInput[];
  /** Every set, in `ipset list` order, with its entries as ipset prints them. */
  sets: { name: string; type: IpSetType; members: string[] }[];
  /** kube-proxy's chains with their rules, in creation order (shared between nodes: never written to). */
  chains: { nat: IptChain[]; filter: IptChain[] };
  /** Its jumps from built-in chains, each inserted at the top in this order. */
  jumps: { table: 'nat' | 'filter'; chain: string; rule: IptRule }[];
}

/** The chains kube-proxy (IPVS mode) creates and rewrites on every sync, per table. */
export const IPVS_CHAINS: Readonly<Record<'nat' | 'filter', readonly string[]>> = {
  nat: ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ'],
  filter: ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL', 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER'],
};

/** kube-proxy's IPVS-mode chains and jumps into the node's tables. */
export function addIpvsIptables(tables: Record<NetfilterTableName, NetfilterTable>, input: KubeIpvsInput): void {
  for (const c of input.chains.nat) tables.nat.chains.push(c);
  for (const c of input.chains.filter) tables.filter.chains.push(c);
  for (const j of input.jumps) insertFirst(tables[j.table], j.chain, j.rule);
}

/**
 * `kube-ipvs0` (a dummy device kube-proxy never brings up) with every bound address as a /32
 * (the kernel adds `local <VIP> dev kube-ipvs0 table local` for each), the ipsets with the
 * number of rules naming each, and the virtual servers, NodePorts expanded over the node's own
 * addresses (all but loopback and kube-ipvs0's: `GetAllLocalAddressesExcept`). Call after the
 * ENIs and the iptables rules.
 */
export function addKubeIpvs(host: Netns, input: KubeIpvsInput, mac: string): void {
  const nodeAddresses = host.addresses.filter((a) => a.family === 'inet' && a.scope !== 'host' && typeof a.local === 'number').map((a) => a.local as number);
  host.links.push({ ifindex: host.links.length + 1, name: ifName('kube-ipvs0'), kind: 'dummy', mac, broadcastMac: 'ff:ff:ff:ff:ff:ff', mtu: 1500, flags: ['BROADCAST', 'NOARP'], qdisc: 'noop', operState: 'DOWN' });
  for (const ip of input.bound) addIpv4(host, 'kube-ipvs0', mustIpv4(ip), 32);
  const references = new Map<string, number>();
  for (const t of Object.values(host.netfilter)) {
    for (const c of t.chains) for (const r of c.rules) for (const m of r.matches) if (m.module === 'set') references.set(m.name, (references.get(m.name) ?? 0) + 1);
  }
  host.ipsets = input.sets.map((s) => ({ ...s, members: [...s.members], references: references.get(s.name) ?? 0 }));
  host.ipvs = input.virtualServers.flatMap((vs) => (vs.address !== undefined ? [mustIpv4(vs.address)] : nodeAddresses).map((address) => ({
    protocol: vs.protocol, address: address as ReturnType<typeof mustIpv4>, port: vs.port, scheduler: vs.scheduler,
    ...(vs.persistentTimeout !== undefined ? { persistentTimeout: vs.persistentTimeout } : {}),
    realServers: vs.realServers.map((r) => ({ address: mustIpv4(r.ip), port: r.port, weight: r.weight })),
    service: vs.service,
  })));
}
