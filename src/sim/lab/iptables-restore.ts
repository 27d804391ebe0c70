/**
 * A namespace's netfilter tables as `iptables-restore` input (the `iptables-save` format).
 */
import type { Netns, NetfilterTableName } from '../linux/model.ts';
import { formatIptRule } from '../trace/format.ts';

const ORDER: NetfilterTableName[] = ['raw', 'mangle', 'nat', 'filter'];

/** `*table`, chain headers, `-A` lines and `COMMIT` for every table that has chains. */
export function iptablesRestoreText(ns: Netns): string {
  const out: string[] = [];
  for (const name of ORDER) {
    const t = ns.netfilter[name];
    if (!t || t.chains.length === 0) continue;
    out.push(`*${name}`);
    for (const c of t.chains) out.push(`:${c.name} ${c.policy ?? '-'} [0:0]`);
    for (const c of t.chains) for (const r of c.rules) out.push(formatIptRule(c.name, r));
    out.push('COMMIT');
  }
  return out.join('\n') + '\n';
}
