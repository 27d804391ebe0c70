/**
 * `iptables [-t table] -L [chain] -n [-v [-x]] [--line-numbers]` as iptables prints it
 * (print_header / print_firewall in iptables' xshared code and each extension's print
 * function), checked against kube-proxy/fixtures/node-a.*-L-*.txt: counters `%5llu ` with
 * K/M/G/T above 99999 (`%8llu ` with -x, under a `%8s %10s` header), the target `%-9s `, a
 * `!` or space before protocol, source and destination, `/32` left off host addresses, and
 * each match or target option printed after the addresses.
 *
 * The protocol column holds the name (`all`, `tcp`, `udp`), as EKS nodes' iptables 1.8.4
 * (AL2) and 1.8.8 (AL2023) print it. iptables 1.8.9 alone printed numbers under -n (netfilter
 * bugzilla 1729, fixed in 1.8.10); that is what the capture machine runs, so the fixture test
 * asks for `numericProtocol`.
 */
import { formatIpv4, type Cidr } from '../../net/ipv4.ts';
import type { IptChain, IptMatch, IptRule, IptTarget, NetfilterTable, Netns, NetfilterTableName } from '../model.ts';
import { BUILTIN_CHAINS } from '../netfilter.ts';

export interface ListOptions {
  /** Only this chain. */
  chain?: string;
  /** -v: counters and interfaces. */
  verbose?: boolean;
  /** -x: exact counters. */
  exact?: boolean;
  lineNumbers?: boolean;
  /** iptables 1.8.9's `-n` protocol numbers (`0`, `6`, `17`) instead of names. */
  numericProtocol?: boolean;
}

const PROTO_NUM: Record<string, number> = { tcp: 6, udp: 17, icmp: 1, sctp: 132 };
const hex = (n: number) => `0x${(n >>> 0).toString(16)}`;

/** xtables_print_num: `%5llu ` up to 99999, then K/M/G/T (FMT_KILOMEGAGIGA); `%8llu ` with -x. */
export function printNum(n: number, exact: boolean, table = true): string {
  if (exact) return table ? `${String(n).padStart(8)} ` : `${n} `;
  if (n <= 99999) return table ? `${String(n).padStart(5)} ` : `${n} `;
  for (const unit of ['K', 'M', 'G']) {
    n = Math.floor((n + 500) / 1000);
    if (n <= 9999) return table ? `${String(n).padStart(4)}${unit} ` : `${n}${unit} `;
  }
  n = Math.floor((n + 500) / 1000);
  return table ? `${String(n).padStart(4)}T ` : `${n}T `;
}

/** An address with its mask as xtables prints it numerically: no `/32`. */
function addr(c: Cidr | undefined): string {
  if (!c) return '0.0.0.0/0';
  return c.prefixLength === 32 ? formatIpv4(c.base) : `${formatIpv4(c.base)}/${c.prefixLength}`;
}

function matchText(m: IptMatch): string {
  switch (m.module) {
    case 'comment':
      return ` /* ${m.comment} */`;
    case 'addrtype': {
      let s = ' ADDRTYPE match';
      if (m.srcType) s += ` src-type ${m.srcType.not ? '!' : ''}${m.srcType.value}`;
      if (m.dstType) s += ` dst-type ${m.dstType.not ? '!' : ''}${m.dstType.value}`;
      if (m.limitIfaceIn) s += ' limit-in';
      if (m.limitIfaceOut) s += ' limit-out';
      return s;
    }
    case 'conntrack':
      return `${m.ctstate.not ? ' !' : ''} ctstate ${m.ctstate.value.join(',')}`;
    case 'mark': {
      const { value, mask } = m.mark.value;
      return ` mark match${m.mark.not ? ' !' : ''} ${hex(value)}${mask === 0xffffffff ? '' : `/${hex(mask)}`}`;
    }
    case 'tcp':
    case 'udp': {
      let s = ` ${m.module}`;
      if (m.sport) s += ` spt:${m.sport.not ? '!' : ''}${m.sport.value}`;
      if (m.dport) s += ` dpt:${m.dport.not ? '!' : ''}${m.dport.value}`;
      return s;
    }
    case 'statistic':
      return ` statistic mode random probability ${(Math.round(m.probability * 2 ** 31) / 2 ** 31).toFixed(11)}`;
    case 'nfacct':
      return ` nfacct-name  ${m.name}`;
    case 'recent':
      return m.set
        ? ` recent: SET name: ${m.name} side: source mask: 255.255.255.255`
        : ` recent: CHECK seconds: ${m.rcheckSeconds ?? 0} reap name: ${m.name} side: source mask: 255.255.255.255`;
    case 'set':
      return ` ${m.not ? '! ' : ''}match-set ${m.name} ${m.flags}`;
  }
}

function xmark(kind: 'MARK' | 'CONNMARK', value: number, mask: number): string {
  if (value === 0) return ` ${kind} and ${hex(~mask)}`;
  if (value === mask) return ` ${kind} or ${hex(value)}`;
  if (mask === 0) return ` ${kind} xor ${hex(value)}`;
  if (mask === 0xffffffff) return ` ${kind} set ${hex(value)}`;
  return ` ${kind} xset ${hex(value)}/${hex(mask)}`;
}

function targetText(t: IptTarget): string {
  switch (t.kind) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
    case 'jump':
      return '';
    case 'REJECT':
      return ` reject-with ${t.rejectWith}`;
    case 'SNAT':
      return ` to:${formatIpv4(t.toSource)}${t.random ? ` ${t.random}` : ''}`;
    case 'MASQUERADE':
      return t.randomFully ? ' random-fully' : '';
    case 'DNAT':
      return ` to:${t.toDestination}`;
    case 'MARK':
      return xmark('MARK', t.value, t.mask);
    case 'CONNMARK-set':
      return xmark('CONNMARK', t.value, t.mask);
    case 'CONNMARK-restore':
      return t.nfmask === t.ctmask ? ` CONNMARK restore mask ${hex(t.ctmask)}` : ` CONNMARK restore ctmask ${hex(t.ctmask)} nfmask ~${hex(~t.nfmask)}`;
  }
}

function targetName(t: IptTarget | undefined): string {
  if (!t) return '';
  if (t.kind === 'jump') return t.chain;
  if (t.kind === 'CONNMARK-set' || t.kind === 'CONNMARK-restore') return 'CONNMARK';
  return t.kind;
}

function ruleLine(r: IptRule, num: number, o: ListOptions): string {
  let s = '';
  if (o.lineNumbers) s += `${String(num).padEnd(4)} `;
  if (o.verbose) s += printNum(r.packets, !!o.exact) + printNum(r.bytes, !!o.exact);
  s += `${targetName(r.target).padEnd(9)} `;
  const proto = o.numericProtocol ? String(r.protocol ? PROTO_NUM[r.protocol.value] : 0) : (r.protocol?.value ?? 'all');
  s += `${r.protocol?.not ? '!' : ' '}${proto.padEnd(5)}`;
  s += '-- ';
  if (o.verbose) {
    s += ` ${`${r.inIface?.not ? '!' : ''}${r.inIface?.value ?? '*'}`.padEnd(6)} `;
    s += `${`${r.outIface?.not ? '!' : ''}${r.outIface?.value ?? '*'}`.padEnd(6)} `;
  }
  s += `${r.src?.not ? '!' : ' '}${addr(r.src?.value).padEnd(19)} `;
  s += `${r.dst?.not ? '!' : ' '}${addr(r.dst?.value).padEnd(19)} `;
  for (const m of r.matches) s += matchText(m);
  if (r.target) s += targetText(r.target);
  return s;
}

function header(o: ListOptions): string {
  let s = '';
  if (o.lineNumbers) s += 'num  ';
  if (o.verbose) s += o.exact ? `${'pkts'.padStart(8)} ${'bytes'.padStart(10)} ` : ' pkts bytes ';
  s += 'target     prot opt';
  if (o.verbose) s += ' in     out    ';
  return `${s} source               destination         `;
}

/** How many rules of the table jump to `chain`. */
function references(table: NetfilterTable, chain: string): number {
  let n = 0;
  for (const c of table.chains) for (const r of c.rules) if (r.target?.kind === 'jump' && r.target.chain === chain) n++;
  return n;
}

function chainBlock(table: NetfilterTable, c: IptChain, o: ListOptions): string {
  const builtin = BUILTIN_CHAINS[table.name].includes(c.name);
  let head = `Chain ${c.name} (`;
  if (builtin) {
    head += `policy ${c.policy ?? 'ACCEPT'}`;
    if (o.verbose) head += ` ${printNum(c.packets, !!o.exact, false)}packets, ${printNum(c.bytes, !!o.exact, false)}bytes`;
  } else head += `${references(table, c.name)} references`;
  const lines = [`${head})`, header(o), ...c.rules.map((r, i) => ruleLine(r, i + 1, o))];
  return lines.join('\n');
}

/** Built-in chains in kernel order, then user chains by name. */
function ordered(table: NetfilterTable): IptChain[] {
  const builtins = BUILTIN_CHAINS[table.name].flatMap((n) => table.chains.filter((c) => c.name === n));
  const users = table.chains.filter((c) => !BUILTIN_CHAINS[table.name].includes(c.name)).toSorted((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...builtins, ...users];
}

/**
 * `iptables -t <table> -L [chain] -n …`; an unknown chain gives iptables' own error line.
 */
export function renderIptablesList(ns: Netns, tableName: NetfilterTableName, o: ListOptions = {}): string {
  const table = ns.netfilter[tableName];
  if (o.chain !== undefined) {
    const c = table.chains.find((x) => x.name === o.chain);
    if (!c) return 'iptables: No chain/target/match by that name.\n';
    return `${chainBlock(table, c, o)}\n`;
  }
  return `${ordered(table).map((c) => chainBlock(table, c, o)).join('\n\n')}\n`;
}
