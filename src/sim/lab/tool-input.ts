/**
 * What the lab feeds `iptables-restore` and `nft -f -`, one line per element, with every name
 * and string of the model checked against what those parsers read back unchanged.
 *
 * iptables-restore splits a line at spaces, tabs and newlines; `"` opens a quoted word in which
 * `\x` stands for x (iptables 1.8.9 `add_param_to_argv`). `iptables-save` quotes comments
 * (`saveString`) but prints chain and interface names raw, so those must not hold whitespace,
 * quotes or control characters; checked on the kernel here: `-i a"b+` saved and restored
 * comes back as `ab+ -j ACCEPT`. A comment may hold anything but a newline or NUL and is
 * kept to 255 bytes (iptables cuts longer ones).
 */
import { utf8Length } from '../linux/ifname.ts';
import type { IptRule, NetfilterTable, Netns } from '../linux/model.ts';
import { BUILTIN_CHAINS, TABLE_NAMES } from '../linux/netfilter.ts';
import { ruleSpec } from '../linux/render/iptables.ts';
import type { AwsCniNft } from '../trace/nft-connmark.ts';
import { renderAwsCniNft } from '../trace/nft-connmark.ts';
import { LabRefusal } from './shell.ts';

const CHAIN = /^[A-Za-z0-9_][A-Za-z0-9_.+:@-]*$/;
/** Printable, no space, no `"` (which would open a quoted word). */
const ifaceChar = (ch: string) => ch.codePointAt(0)! > 0x20 && ch !== '\x7f' && ch !== '"';
const uint = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;

function refuse(where: string, what: string): never {
  throw new LabRefusal(`${where}: ${what}`);
}

/** Chain names: 1–28 bytes (XT_EXTENSION_MAXNAMELEN), not starting with `-`/`!`, no space or quote. */
function checkChain(where: string, name: string): void {
  if (!CHAIN.test(name) || name.length > 28) refuse(where, `${JSON.stringify(name.slice(0, 40))} cannot be an iptables chain name`);
}

function checkIface(where: string, name: string): void {
  if (name === '' || ![...name].every(ifaceChar) || utf8Length(name) > 15) {
    refuse(where, `interface match ${JSON.stringify(name.slice(0, 40))} cannot be written for iptables-restore (at most 15 bytes, no whitespace, control character or ")`);
  }
}

function checkRule(where: string, r: IptRule): void {
  if (r.inIface) checkIface(where, r.inIface.value);
  if (r.outIface) checkIface(where, r.outIface.value);
  for (const m of r.matches) {
    if (m.module === 'comment' && (/[\n\0]/.test(m.comment) || utf8Length(m.comment) > 255)) {
      refuse(where, `comment ${JSON.stringify(m.comment.slice(0, 40))} holds a newline or NUL, or is longer than iptables keeps (255 bytes)`);
    }
    if (m.module === 'nfacct' && !/^[A-Za-z0-9_.-]{1,31}$/.test(m.name)) refuse(where, `nfacct name ${JSON.stringify(m.name.slice(0, 40))}`);
    if (m.module === 'mark' && !(uint(m.mark.value.value, 0xffffffff) && uint(m.mark.value.mask, 0xffffffff))) refuse(where, 'mark out of range');
    if ((m.module === 'tcp' || m.module === 'udp') && ![m.sport?.value ?? 0, m.dport?.value ?? 0].every((p) => uint(p, 65535))) refuse(where, 'port out of range');
    if (m.module === 'statistic' && !(m.probability >= 0 && m.probability <= 1)) refuse(where, 'probability out of range');
  }
  const t = r.target;
  if (!t) return;
  if (t.kind === 'jump') checkChain(where, t.chain);
  if (t.kind === 'DNAT' && !/^\d{1,3}(\.\d{1,3}){3}(:\d{1,5}(-\d{1,5})?)?$/.test(t.toDestination)) refuse(where, `DNAT destination ${JSON.stringify(t.toDestination.slice(0, 40))}`);
  if (t.kind === 'REJECT' && !/^[a-z0-9-]{1,40}$/.test(t.rejectWith)) refuse(where, `REJECT --reject-with ${JSON.stringify(t.rejectWith.slice(0, 40))}`);
  const marks = t.kind === 'MARK' || t.kind === 'CONNMARK-set' ? [t.value, t.mask] : t.kind === 'CONNMARK-restore' ? [t.nfmask, t.ctmask] : [];
  if (!marks.every((v) => uint(v, 0xffffffff))) refuse(where, 'mark out of range');
}

/** A table is restored when it holds anything: rules, user chains or a non-ACCEPT policy. */
function tableUsed(t: NetfilterTable): boolean {
  return t.chains.some((c) => c.rules.length > 0 || !BUILTIN_CHAINS[t.name].includes(c.name) || (c.policy ?? 'ACCEPT') !== 'ACCEPT');
}

/**
 * `iptables-restore` input for a namespace's netfilter tables (counters zeroed): built-in
 * chains in kernel order, then user chains, then each chain's rules in order.
 */
export function iptablesRestoreLines(netns: Netns, where: string): string[] {
  // IPVS mode's rules match ipsets and its services need the ip_vs module: not built here
  // (kube-proxy/ipvs.test.ts checks the sets and rules against a kernel instead).
  if (netns.ipvs || netns.ipsets) refuse(where, 'kube-proxy runs in IPVS mode (cluster.kubeProxyMode "ipvs"): the lab builds iptables-mode nodes only');
  const out: string[] = [];
  for (const name of TABLE_NAMES) {
    const table = netns.netfilter[name];
    if (!tableUsed(table)) continue;
    const builtins = BUILTIN_CHAINS[name];
    const chains = [...builtins.flatMap((b) => table.chains.filter((c) => c.name === b)), ...table.chains.filter((c) => !builtins.includes(c.name))];
    out.push(`*${name}`);
    for (const c of chains) {
      checkChain(`${where} table ${name}`, c.name);
      out.push(`:${c.name} ${builtins.includes(c.name) ? (c.policy ?? 'ACCEPT') : '-'} [0:0]`);
    }
    for (const c of chains) {
      c.rules.forEach((r, i) => {
        checkRule(`${where} table ${name} chain ${c.name} rule ${i + 1}`, r);
        out.push(`-A ${c.name}${ruleSpec(r)}`);
      });
    }
    out.push('COMMIT');
  }
  return out;
}

/**
 * `nft -f -` input for the CNI's `table ip aws-cni`. Inside nft's double quotes there is no
 * escape for `"`, and `*` or `\` would change what the interface match means.
 */
export function nftLines(t: AwsCniNft, where: string): string[] {
  if (!/^[\x21-\x7e]*$/.test(t.ifnamePrefix) || /["\\*]/.test(t.ifnamePrefix) || utf8Length(t.ifnamePrefix) > 15) {
    refuse(where, `veth prefix ${JSON.stringify(t.ifnamePrefix.slice(0, 40))} cannot be written as an nft iifname match`);
  }
  if (!uint(t.mark, 0xffffffff)) refuse(where, 'connmark out of range');
  return renderAwsCniNft(t).split('\n');
}
