/**
 * Walks one netfilter chain the way the kernel does: rules in order, jumps into user
 * chains, RETURN back, the built-in chain's policy at the end. Rules are the linux model's
 * data (`IptRule`); every rule whose matches all held is recorded, because its packet
 * counter moves whether or not its target ends the walk.
 */
import { cidrContains, formatIpv4 } from '../net/ipv4.ts';
import type { IpSet, IptChain, IptMatch, IptRule, Negatable, Netns, NetfilterTableName } from '../linux/model.ts';
import type { ConntrackEntry } from './conntrack.ts';
import type { SnatRandom } from './nat-port.ts';
import type { Packet } from './packet.ts';

/** What a chain walk needs to know besides the packet. */
export interface HookContext {
  netns: Netns;
  inIface?: string;
  outIface?: string;
  ct: ConntrackEntry;
  /** Is ip a local address of the namespace (optionally: on that device)? */
  isLocal(ip: number, dev?: string): boolean;
  /** The source port / ICMP id a randomising SNAT gives this connection (else the port is kept). */
  natPort?: (p: Packet, mode: SnatRandom) => number;
  /** The namespace's `xt_recent` lists (kube-proxy's ClientIP affinity); absent: all empty. */
  recent?: RecentLists;
  /** The `-m statistic` draw for a rule (a number in [0, 2^31)); absent: drawn from the flow. */
  draw?(chain: string, index: number): number;
}

/** Rewrites the source (and, when randomised, the port) and records it on the connection. */
function applySnat(p: Packet, ctx: HookContext, to: number, random: SnatRandom | undefined): void {
  const port = random && ctx.natPort ? ctx.natPort(p, random) : undefined;
  ctx.ct.snat = { to, ...(random ? { random } : {}), ...(port !== undefined ? { port } : {}) };
  p.src = to;
  if (port !== undefined) p.sport = port;
}

/** `xt_recent` lists of one namespace as the walk sees and changes them. */
export interface RecentLists {
  /** Was `ip` seen in `list` within the last `seconds`? */
  seen(list: string, ip: number, seconds: number): boolean;
  /** `--set`: records `ip` in `list` now. */
  set(list: string, ip: number): void;
}

/**
 * The source MASQUERADE gives (`inet_select_addr(out, 0, RT_SCOPE_UNIVERSE)`): the output
 * device's first address; a device with none (a pod's host-side veth) takes the first
 * universe-scope address of the namespace's devices in ifindex order (lo's 127.0.0.1 is host
 * scope), i.e. the node's primary IP (reference 3, hairpin).
 */
export function masqueradeAddress(ns: Netns, outIface: string | undefined): number | undefined {
  const link = ns.links.find((l) => l.name === outIface);
  const own = link && ns.addresses.find((a) => a.ifindex === link.ifindex && a.family === 'inet');
  if (own) return own.local as number;
  for (const l of ns.links.toSorted((a, b) => a.ifindex - b.ifindex)) {
    const a = ns.addresses.find((x) => x.ifindex === l.ifindex && x.family === 'inet' && x.scope === 'global');
    if (a) return a.local as number;
  }
  return undefined;
}

/** A rule that matched, with where it sits (its index among the chain's rules). */
export interface MatchedRule {
  table: NetfilterTableName;
  chain: string;
  index: number;
  rule: IptRule;
}

export interface ChainResult {
  verdict: 'ACCEPT' | 'DROP' | 'NAT';
  /** Rules whose matches held, in the order the kernel met them (their counters moved). */
  matched: MatchedRule[];
  /** The rule that ended the walk, if one did (else the chain's policy decided). */
  decidedBy?: MatchedRule;
}

/** iptables interface match: `eni+` is a prefix wildcard, anything else an exact name. */
export function ifaceMatches(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  return pattern.endsWith('+') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/**
 * A number in [0, 2^31) that depends only on the seed, the packet's addresses and ports and on
 * the rule (chain and position): each statistic rule draws on its own, as the kernel's do, so
 * a ladder of 1/n, 1/(n-1), … probabilities spreads connections evenly, and the same flow in
 * the same scenario always draws the same.
 */
export function flowDraw(p: Packet, chain: string, index: number, seed = 0): number {
  let h = 2166136261;
  for (const v of [seed, p.src, p.dst, p.sport, p.dport, index]) h = Math.imul(h ^ v, 16777619) >>> 0;
  for (let i = 0; i < chain.length; i++) h = Math.imul(h ^ chain.charCodeAt(i), 16777619) >>> 0;
  // A final avalanche so that nearby ports do not give nearby draws.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h & 0x7fffffff;
}

const holds = <T>(n: Negatable<T> | undefined, test: (v: T) => boolean) => n === undefined || test(n.value) !== !!n.not;

function moduleHolds(m: IptMatch, p: Packet, c: HookContext, chain: string, index: number): boolean {
  switch (m.module) {
    case 'comment':
    case 'nfacct':
      return true;
    case 'statistic': {
      // The kernel draws a random number; the tracer draws it from the flow (or is told the
      // draw), so the same flow always picks the same endpoint.
      const draw = c.draw ? c.draw(chain, index) : flowDraw(p, chain, index);
      return draw < Math.round(m.probability * 2 ** 31);
    }
    case 'recent':
      if (m.set) {
        c.recent?.set(m.name, p.src);
        return true;
      }
      return !!c.recent?.seen(m.name, p.src, m.rcheckSeconds ?? 0);
    case 'mark':
      return holds(m.mark, (v) => ((p.mark & v.mask) >>> 0) === v.value);
    case 'conntrack':
      return holds(m.ctstate, (v) => v.some((s) => s === c.ct.state || (s === 'SNAT' && !!c.ct.snat) || (s === 'DNAT' && !!c.ct.dnat)));
    case 'tcp':
    case 'udp':
      return p.proto === m.module && holds(m.sport, (v) => v === p.sport) && holds(m.dport, (v) => v === p.dport);
    case 'set':
      return setHolds(c.netns, m.name, m.flags, p) !== !!m.not;
    case 'addrtype': {
      // LOCAL vs UNICAST only; --limit-iface-in asks "local on the input device".
      const dev = m.limitIfaceIn ? c.inIface : m.limitIfaceOut ? c.outIface : undefined;
      const typeOf = (ip: number) => (c.isLocal(ip, dev) ? 'LOCAL' : 'UNICAST');
      return holds(m.srcType, (v) => typeOf(p.src) === v) && holds(m.dstType, (v) => typeOf(p.dst) === v);
    }
  }
}

const setMembers = new WeakMap<IpSet, Set<string>>();

/**
 * `-m set --match-set NAME flags`: the packet's key for the set's type, taking each part from
 * the source or destination as `flags` says (`dst,dst` = destination address and port).
 */
export function setHolds(ns: Netns, name: string, flags: string, p: Packet): boolean {
  const set = ns.ipsets?.find((s) => s.name === name);
  if (!set || set.members.length === 0) return false;
  let members = setMembers.get(set);
  if (!members) setMembers.set(set, (members = new Set(set.members)));
  const dirs = flags.split(',');
  const ip = (i: number) => formatIpv4(dirs[i] === 'src' ? p.src : p.dst);
  const port = (i: number) => (dirs[i] === 'src' ? p.sport : p.dport);
  if (p.proto === 'icmp' && set.type !== 'hash:ip') return false;
  switch (set.type) {
    case 'hash:ip':
      return members.has(ip(0));
    case 'bitmap:port':
      return members.has(String(port(0)));
    case 'hash:ip,port':
      return members.has(`${ip(0)},${p.proto}:${port(1)}`);
    case 'hash:ip,port,ip':
      return members.has(`${ip(0)},${p.proto}:${port(1)},${ip(2)}`);
    case 'hash:ip,port,net':
      return false;
  }
}

/** Do all of the rule's matches hold for this packet at this hook (rule `index` of `chain`)? */
export function ruleMatches(r: IptRule, p: Packet, c: HookContext, chain = '', index = 0): boolean {
  return (
    holds(r.src, (v) => cidrContains(v, p.src)) &&
    holds(r.dst, (v) => cidrContains(v, p.dst)) &&
    holds(r.inIface, (v) => ifaceMatches(v, c.inIface)) &&
    holds(r.outIface, (v) => ifaceMatches(v, c.outIface)) &&
    holds(r.protocol, (v) => v === p.proto) &&
    r.matches.every((m) => moduleHolds(m, p, c, chain, index))
  );
}

function chainOf(netns: Netns, table: NetfilterTableName, chain: string): IptChain | undefined {
  return netns.netfilter[table]?.chains.find((c) => c.name === chain);
}

/**
 * Runs `table`/`chain` over the packet, applying marks, connmarks and NAT to `p` and
 * `ctx.ct` in place.
 */
export function runChain(table: NetfilterTableName, chain: string, p: Packet, ctx: HookContext): ChainResult {
  const matched: MatchedRule[] = [];
  const builtin = chainOf(ctx.netns, table, chain);
  if (!builtin) return { verdict: 'ACCEPT', matched };
  const end = walk(table, builtin, p, ctx, matched, 0);
  if (end) return { verdict: end.verdict, matched, decidedBy: end.rule };
  return { verdict: builtin.policy === 'DROP' ? 'DROP' : 'ACCEPT', matched };
}

type WalkEnd = { verdict: 'ACCEPT' | 'DROP' | 'NAT'; rule: MatchedRule } | undefined;

function walk(table: NetfilterTableName, chain: IptChain, p: Packet, ctx: HookContext, matched: MatchedRule[], depth: number): WalkEnd {
  if (depth > 32) return undefined;
  for (let index = 0; index < chain.rules.length; index++) {
    const rule = chain.rules[index];
    if (!ruleMatches(rule, p, ctx, chain.name, index)) continue;
    const hit: MatchedRule = { table, chain: chain.name, index, rule };
    matched.push(hit);
    const tg = rule.target;
    if (!tg) continue;
    switch (tg.kind) {
      case 'RETURN':
        return undefined;
      case 'ACCEPT':
        return { verdict: 'ACCEPT', rule: hit };
      case 'DROP':
      case 'REJECT':
        return { verdict: 'DROP', rule: hit };
      case 'jump': {
        const sub = chainOf(ctx.netns, table, tg.chain);
        const end = sub ? walk(table, sub, p, ctx, matched, depth + 1) : undefined;
        if (end) return end;
        break;
      }
      case 'CONNMARK-set':
        ctx.ct.mark = ((ctx.ct.mark & ~tg.mask) ^ tg.value) >>> 0;
        break;
      case 'CONNMARK-restore':
        p.mark = ((p.mark & ~tg.nfmask) ^ (ctx.ct.mark & tg.ctmask)) >>> 0;
        break;
      case 'MARK':
        p.mark = ((p.mark & ~tg.mask) ^ tg.value) >>> 0;
        break;
      case 'SNAT':
        applySnat(p, ctx, tg.toSource, tg.random);
        return { verdict: 'NAT', rule: hit };
      case 'MASQUERADE': {
        const to = masqueradeAddress(ctx.netns, ctx.outIface);
        if (to !== undefined) applySnat(p, ctx, to, tg.randomFully ? 'random-fully' : undefined);
        return { verdict: 'NAT', rule: hit };
      }
      case 'DNAT': {
        const [ip, port] = tg.toDestination.split(':');
        const parts = ip.split('.').map(Number);
        const to = (((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0);
        ctx.ct.dnat = { to, port: port ? Number(port) : undefined };
        p.dst = to;
        if (port) p.dport = Number(port);
        return { verdict: 'NAT', rule: hit };
      }
    }
  }
  return undefined;
}
