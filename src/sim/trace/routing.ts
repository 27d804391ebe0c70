/**
 * Policy routing as the kernel does it: `ip rule` entries in priority order, a
 * longest-prefix match in the chosen table (a table without a match passes to the next
 * rule), and the reverse-path check (rp_filter) of `__fib_validate_source`.
 */
import { et, type EngineText } from '../engine-text.ts';
import { cidrContains } from '../net/ipv4.ts';
import type { IpRule, Netns, Route } from '../linux/model.ts';

/** The flow a lookup is made for (`ip route get <dst> from <src> iif <iif> mark <mark>`). */
export interface Flow {
  src: number;
  dst: number;
  /** Input device; `lo` for locally generated packets. */
  iif: string;
  mark: number;
  /** Only routes through this device count (the kernel's flowi4_oif). */
  oif?: string;
}

export interface RouteResult {
  rule: IpRule;
  table: number;
  route: Route;
}

interface NsIndex {
  rules: IpRule[];
  tables: Map<number, Route[]>;
  local: Route[];
}

const indexes = new WeakMap<Netns, NsIndex>();

/** Rules in the kernel's order and routes by table, computed once per namespace. */
function indexOf(ns: Netns): NsIndex {
  let ix = indexes.get(ns);
  if (!ix) {
    const rules = ns.rules.map((r, i) => [r, i] as const).toSorted((a, b) => a[0].priority - b[0].priority || a[1] - b[1]).map(([r]) => r);
    const tables = new Map<number, Route[]>();
    for (const r of ns.routes) {
      if (!tables.has(r.table)) tables.set(r.table, []);
      tables.get(r.table)!.push(r);
    }
    ix = { rules, tables, local: (tables.get(255) ?? []).filter((r) => r.type === 'local') };
    indexes.set(ns, ix);
  }
  return ix;
}

function ruleMatches(r: IpRule, f: Flow): boolean {
  if (r.from && r.from.prefixLength > 0 && !cidrContains(r.from, f.src)) return false;
  if (r.to && r.to.prefixLength > 0 && !cidrContains(r.to, f.dst)) return false;
  if (r.iif && r.iif !== f.iif) return false;
  if (r.oif && r.oif !== f.oif) return false;
  if (r.fwmark && ((f.mark & r.fwmark.mask) >>> 0) !== r.fwmark.value) return false;
  return true;
}

/** Longest-prefix match in one table; undefined when nothing covers dst. */
export function lookupTable(routes: readonly Route[] | undefined, dst: number, oif?: string): Route | undefined {
  let best: Route | undefined;
  if (!routes) return undefined;
  for (const r of routes) {
    if (best && r.dst.prefixLength <= best.dst.prefixLength) continue;
    if (oif !== undefined && r.dev !== oif && r.type === 'unicast') continue;
    if (cidrContains(r.dst, dst)) best = r;
  }
  return best;
}

/** fib_lookup: the first rule whose selectors hold and whose table has a route decides. */
export function fibLookup(ns: Netns, f: Flow): RouteResult | undefined {
  const ix = indexOf(ns);
  for (const rule of ix.rules) {
    if (!ruleMatches(rule, f)) continue;
    const route = lookupTable(ix.tables.get(rule.table), f.dst, f.oif);
    if (route) return { rule, table: rule.table, route };
  }
  return undefined;
}

/** A sysctl as a number (absent → fallback). */
export function sysctlNumber(ns: Netns, name: string, fallback: number): number {
  const v = ns.sysctls[name];
  return v === undefined ? fallback : Number(v);
}

/** A refusal's `text`: its reason as a message id and values (engine-text.ts). */
export type RpResult = { ok: true; reverse?: RouteResult } | { ok: false; reason: string; text: EngineText; reverse?: RouteResult };

/**
 * The reverse-path check for a packet from `src` to `dst` that came in on `inDev`.
 * `forwardOif` is the output device of the forward route (undefined for local delivery):
 * the kernel makes the reverse lookup with it as the input interface and without the mark.
 */
export function validateSource(ns: Netns, src: number, dst: number, inDev: string, forwardOif: string | undefined): RpResult {
  const link = ns.links.find((l) => l.name === inDev);
  const rpf = Math.max(sysctlNumber(ns, 'net.ipv4.conf.all.rp_filter', 0), sysctlNumber(ns, `net.ipv4.conf.${inDev}.rp_filter`, 0));
  const customRules = ns.rules.some((r) => r.priority !== 0 && r.priority !== 32766 && r.priority !== 32767);
  if (rpf === 0 && !customRules) {
    return isLocalAddress(ns, src) ? { ok: false, reason: 'martian source: the source is a local address', text: et('sim.hop.martian') } : { ok: true };
  }
  const flow: Flow = { src: dst, dst: src, iif: forwardOif ?? 'lo', mark: 0 };
  const reverse = fibLookup(ns, flow);
  if (!reverse) return rpf ? { ok: false, reason: `rp_filter=${rpf} on ${inDev}: no route back to the source`, text: et('sim.hop.rpNoRoute', { rpf, dev: inDev }) } : { ok: true };
  if (reverse.route.type !== 'unicast') return { ok: false, reason: 'martian source: the source is a local address', text: et('sim.hop.martian'), reverse };
  if (reverse.route.dev === inDev) return { ok: true, reverse };
  const hasAddr = !!link && ns.addresses.some((a) => a.ifindex === link.ifindex && a.family === 'inet');
  // A device without an IPv4 address (a host veth) fails any rp_filter on a mismatch.
  if (rpf && !hasAddr) return { ok: false, reason: `rp_filter=${rpf} on ${inDev} (no IPv4 address): the route back to the source leaves by ${reverse.route.dev}`, text: et('sim.hop.rpNoAddress', { rpf, dev: inDev, out: reverse.route.dev }), reverse };
  if (rpf === 1) return { ok: false, reason: `rp_filter=1 (strict) on ${inDev}: the route back to the source leaves by ${reverse.route.dev}, not ${inDev}`, text: et('sim.hop.rpStrict', { dev: inDev, out: reverse.route.dev }), reverse };
  // Loose (2) or off: any unicast route back is enough.
  return { ok: true, reverse };
}

/** Is ip a local address (a `local` route in table 255 or an interface address), optionally on that device? */
export function isLocalAddress(ns: Netns, ip: number, dev?: string): boolean {
  const ix = indexOf(ns);
  for (const r of ix.local) if (cidrContains(r.dst, ip) && (dev === undefined || r.dev === dev)) return true;
  if (ix.local.length) return false;
  for (const a of ns.addresses) {
    if (a.family !== 'inet' || a.local !== ip) continue;
    if (dev === undefined || ns.links.find((l) => l.ifindex === a.ifindex)?.name === dev) return true;
  }
  return (ip >>> 24) === 127 && dev === undefined;
}
