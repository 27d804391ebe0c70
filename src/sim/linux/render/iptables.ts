/**
 * `iptables -t <table> -S` and `iptables-save` as iptables 1.8.9 prints them, legacy and nft
 * backends alike (checked against fixtures/*.iptables-*.txt): -s/-d/-i/-o/-p first, then
 * matches in their given order, then the target; user chains sorted by name.
 */
import { formatIpv4, type Cidr } from '../../net/ipv4.ts';
import type { IptChain, IptMatch, IptRule, IptTarget, NetfilterTable, NetfilterTableName, Netns } from '../model.ts';
import { BUILTIN_CHAINS } from '../netfilter.ts';

const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;
const not = (neg: boolean | undefined) => (neg ? '! ' : '');
const cidrText = (c: Cidr) => `${formatIpv4(c.base)}/${c.prefixLength}`;

/** `xtables_save_string`: bare when only [A-Za-z0-9_-], else double-quoted with \ " ' escaped. */
export function saveString(text: string): string {
  if (SAVE_BARE.test(text)) return text;
  if (!SAVE_ESCAPE.test(text)) return `"${text}"`;
  return `"${text.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

const SAVE_BARE = /^[A-Za-z0-9_-]+$/;
const SAVE_ESCAPE = /["\\']/;

function matchText(m: IptMatch): string {
  switch (m.module) {
    case 'comment':
      return ` -m comment --comment ${saveString(m.comment)}`;
    case 'addrtype': {
      let s = ' -m addrtype';
      if (m.srcType) s += ` ${not(m.srcType.not)}--src-type ${m.srcType.value}`;
      if (m.dstType) s += ` ${not(m.dstType.not)}--dst-type ${m.dstType.value}`;
      if (m.limitIfaceIn) s += ' --limit-iface-in';
      if (m.limitIfaceOut) s += ' --limit-iface-out';
      return s;
    }
    case 'conntrack':
      return ` -m conntrack ${not(m.ctstate.not)}--ctstate ${m.ctstate.value.join(',')}`;
    case 'mark': {
      const { value, mask } = m.mark.value;
      return ` -m mark ${not(m.mark.not)}--mark ${hex(value)}${mask === 0xffffffff ? '' : `/${hex(mask)}`}`;
    }
    case 'tcp':
    case 'udp': {
      let s = ` -m ${m.module}`;
      if (m.sport) s += ` ${not(m.sport.not)}--sport ${m.sport.value}`;
      if (m.dport) s += ` ${not(m.dport.not)}--dport ${m.dport.value}`;
      return s;
    }
    case 'statistic':
      return ` -m statistic --mode random --probability ${(Math.round(m.probability * 2 ** 31) / 2 ** 31).toFixed(11)}`;
    case 'nfacct':
      // Two spaces: a quirk of libxt_nfacct's save function.
      return ` -m nfacct --nfacct-name  ${m.name}`;
    case 'recent':
      // libxt_recent saves the command first, then --seconds/--reap, then name, mask and side.
      return m.set
        ? ` -m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`
        : ` -m recent --rcheck --seconds ${m.rcheckSeconds ?? 0} --reap --name ${m.name} --mask 255.255.255.255 --rsource`;
    case 'set':
      return ` -m set ${not(m.not)}--match-set ${m.name} ${m.flags}`;
  }
}

function targetText(t: IptTarget): string {
  switch (t.kind) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
      return ` -j ${t.kind}`;
    case 'jump':
      return ` -j ${t.chain}`;
    case 'REJECT':
      return ` -j REJECT --reject-with ${t.rejectWith}`;
    case 'SNAT':
      return ` -j SNAT --to-source ${formatIpv4(t.toSource)}${t.random ? ` --${t.random}` : ''}`;
    case 'MASQUERADE':
      return ` -j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`;
    case 'DNAT':
      return ` -j DNAT --to-destination ${t.toDestination}`;
    case 'MARK':
      return ` -j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'CONNMARK-set':
      return ` -j CONNMARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'CONNMARK-restore':
      return ` -j CONNMARK --restore-mark --nfmask ${hex(t.nfmask)} --ctmask ${hex(t.ctmask)}`;
  }
}

/**
 * Rendered rule text, kept on the rule object under a private symbol (a WeakMap cost more than
 * the formatting it saved). Rules are treated as immutable apart from their counters (see
 * `IptRule`), so a 2,000-rule table is formatted once, not on every view.
 */
const SPEC = Symbol('iptables -S text');

/** The text after `-A <chain>` for one rule. */
export function ruleSpec(r: IptRule): string {
  const cached = r as IptRule & { [SPEC]?: string };
  return (cached[SPEC] ??= formatRuleSpec(r));
}

function formatRuleSpec(r: IptRule): string {
  let s = '';
  if (r.src) s += ` ${not(r.src.not)}-s ${cidrText(r.src.value)}`;
  if (r.dst) s += ` ${not(r.dst.not)}-d ${cidrText(r.dst.value)}`;
  // A lone `+` matches every interface (an all-zero mask), which iptables does not print.
  if (r.inIface && r.inIface.value !== '+') s += ` ${not(r.inIface.not)}-i ${r.inIface.value}`;
  if (r.outIface && r.outIface.value !== '+') s += ` ${not(r.outIface.not)}-o ${r.outIface.value}`;
  if (r.protocol) s += ` ${not(r.protocol.not)}-p ${r.protocol.value}`;
  for (const m of r.matches) s += matchText(m);
  if (r.target) s += targetText(r.target);
  return s;
}

/** Built-in chains in kernel order, then user chains by name (strcmp). */
function orderedChains(table: NetfilterTable): { builtins: IptChain[]; users: IptChain[] } {
  const builtinNames = BUILTIN_CHAINS[table.name];
  const byName = new Map<string, IptChain>();
  const users: IptChain[] = [];
  for (const c of table.chains) {
    if (builtinNames.includes(c.name)) byName.set(c.name, c);
    else users.push(c);
  }
  const builtins: IptChain[] = [];
  for (const n of builtinNames) {
    const c = byName.get(n);
    if (c) builtins.push(c);
  }
  users.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { builtins, users };
}

function appendLines(chains: IptChain[]): string {
  let out = '';
  for (const c of chains) for (const r of c.rules) out += `-A ${c.name}${ruleSpec(r)}\n`;
  return out;
}

/** The rule text with `-c <packets> <bytes>` before its target, as `-S -v` prints it. */
function ruleSpecCounted(r: IptRule): string {
  const spec = ruleSpec(r);
  const target = r.target ? targetText(r.target) : '';
  return `${spec.slice(0, spec.length - target.length)} -c ${r.packets} ${r.bytes}${target}`;
}

/** Options of `iptables -S`. */
export interface ListRulesOptions {
  /** `-S <chain>`: that chain only (iptables' error line when it does not exist). */
  chain?: string;
  /** `-v`: counters as `-c <packets> <bytes>`. */
  verbose?: boolean;
}

/**
 * `iptables -t <table> -S [<chain>] [-v]`. With a chain: `-P` (built-in) or `-N` (user chain),
 * then its rules; an unknown chain prints the backend's error (iptables-legacy's libiptc message,
 * iptables-nft's "incompatible" one, both from fixtures/*.nat-NOSUCH.txt).
 */
export function renderIptablesS(ns: Netns, tableName: NetfilterTableName, o: ListRulesOptions = {}, backend: 'legacy' | 'nft' = 'legacy'): string {
  const { builtins, users } = orderedChains(ns.netfilter[tableName]);
  const chains = o.chain === undefined ? [...builtins, ...users] : [...builtins, ...users].filter((c) => c.name === o.chain);
  if (o.chain !== undefined && chains.length === 0) {
    return backend === 'legacy'
      ? 'iptables: No chain/target/match by that name.\n'
      : `iptables v1.8.9 (nf_tables): chain \`${o.chain}' in table \`${tableName}' is incompatible, use 'nft' tool.\n`;
  }
  const counted = (c: { packets: number; bytes: number }) => (o.verbose ? ` -c ${c.packets} ${c.bytes}` : '');
  let out = '';
  for (const c of chains) if (builtins.includes(c)) out += `-P ${c.name} ${c.policy ?? 'ACCEPT'}${counted(c)}\n`;
  for (const c of chains) if (!builtins.includes(c)) out += `-N ${c.name}\n`;
  if (!o.verbose) return out + appendLines(chains);
  for (const c of chains) for (const r of c.rules) out += `-A ${c.name}${ruleSpecCounted(r)}\n`;
  return out;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** C `ctime()` in UTC: `Wed Nov 25 12:24:31 2026` (day of month space-padded). */
export function ctime(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/**
 * Order `iptables-save` lists tables in. legacy: the kernel's table list, newest registration
 * first; we assume registration mangle → nat → filter (→ raw), which is what our capture
 * machine showed after the same loading order. nft: iptables-nft's own table enum order.
 */
const SAVE_ORDER: Record<'legacy' | 'nft', NetfilterTableName[]> = {
  legacy: ['raw', 'filter', 'nat', 'mangle'],
  nft: ['mangle', 'raw', 'filter', 'nat'],
};

/**
 * Whether `iptables-save` lists the table. legacy: every table whose module is loaded — we
 * assume all four (any `iptables -t raw` call loads iptable_raw). nft: a table exists only once
 * something created it, and nothing on an EKS node creates raw unless it holds rules.
 */
function tableListed(t: NetfilterTable, backend: 'legacy' | 'nft'): boolean {
  if (backend === 'legacy' || t.name !== 'raw') return true;
  return t.chains.some((c) => c.rules.length > 0 || !BUILTIN_CHAINS.raw.includes(c.name));
}

/** `iptables-save` (legacy or nft), stamped with `timeMs` (UTC). */
export function renderIptablesSave(ns: Netns, backend: 'legacy' | 'nft', timeMs: number): string {
  const when = ctime(timeMs);
  const tool = backend === 'legacy' ? 'iptables-save v1.8.9' : 'iptables-nft-save v1.8.9 (nf_tables)';
  let out = '';
  for (const name of SAVE_ORDER[backend]) {
    const table = ns.netfilter[name];
    if (!tableListed(table, backend)) continue;
    const { builtins, users } = orderedChains(table);
    out += `# Generated by ${tool} on ${when}\n*${name}\n`;
    for (const c of builtins) out += `:${c.name} ${c.policy ?? 'ACCEPT'} [${c.packets}:${c.bytes}]\n`;
    for (const c of users) out += `:${c.name} - [${c.packets}:${c.bytes}]\n`;
    out += `${appendLines([...builtins, ...users])}COMMIT\n# Completed on ${when}\n`;
  }
  return out;
}
