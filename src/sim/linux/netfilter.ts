/**
 * Netfilter tables as data, and small constructors for rules so the builders read like the
 * `iptables` arguments the CNI and kube-proxy pass.
 */
import type { IptChain, IptMatch, IptRule, IptTarget, NetfilterTable, NetfilterTableName } from './model.ts';

/** Built-in chains per table, in the order the kernel (and `iptables -S`) lists them. */
export const BUILTIN_CHAINS: Record<NetfilterTableName, readonly string[]> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export const TABLE_NAMES: readonly NetfilterTableName[] = ['raw', 'mangle', 'nat', 'filter'];

/** The four tables with their built-in chains, policy ACCEPT, no rules. */
export function emptyNetfilter(): Record<NetfilterTableName, NetfilterTable> {
  const out = {} as Record<NetfilterTableName, NetfilterTable>;
  for (const name of TABLE_NAMES) {
    out[name] = {
      name,
      chains: BUILTIN_CHAINS[name].map((c) => ({ name: c, policy: 'ACCEPT', packets: 0, bytes: 0, rules: [] })),
    };
  }
  return out;
}

/** The chain, created empty (`-N`) when missing. */
export function chain(table: NetfilterTable, name: string): IptChain {
  // Search from the end: chains are usually filled right after they are created.
  let c = table.chains.findLast((x) => x.name === name);
  if (!c) {
    c = { name, packets: 0, bytes: 0, rules: [] };
    table.chains.push(c);
  }
  return c;
}

/** A rule with zero counters; `matches` default to none. */
export function rule(fields: Omit<IptRule, 'packets' | 'bytes' | 'matches'> & { matches?: IptMatch[] }): IptRule {
  return { matches: [], ...fields, packets: 0, bytes: 0 };
}

export const comment = (text: string): IptMatch => ({ module: 'comment', comment: text });
export const jump = (chainName: string): IptTarget => ({ kind: 'jump', chain: chainName });

/** `-A chain rule` */
export function append(table: NetfilterTable, chainName: string, r: IptRule): void {
  chain(table, chainName).rules.push(r);
}

/** `-I chain 1 rule` */
export function insertFirst(table: NetfilterTable, chainName: string, r: IptRule): void {
  chain(table, chainName).rules.unshift(r);
}
