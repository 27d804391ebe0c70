/**
 * `ip rule`, `ip route [show table N|all]` and `ip neigh` as iproute2 6.1 prints them
 * (checked against fixtures/*.ip-rule.txt, *.ip-route*.txt, *.ip-neigh.txt). IPv4 route
 * lines end with a space; IPv6 ones do not — both as iproute2 6.1 does.
 */
import { formatIpv4, type Cidr } from '../../net/ipv4.ts';
import { RT_TABLE, type IpRule, type Netns, type Route, type Route6 } from '../model.ts';

const TABLE_NAMES: Record<number, string> = { [RT_TABLE.default]: 'default', [RT_TABLE.main]: 'main', [RT_TABLE.local]: 'local' };

/** `main`, `local`, `default` or the number, as /etc/iproute2/rt_tables names them. */
export function tableName(id: number): string {
  return TABLE_NAMES[id] ?? String(id);
}

/** Parses `main`, `local`, `default`, `all` or a number; undefined if neither. */
export function parseTable(text: string): number | 'all' | undefined {
  if (text === 'all') return 'all';
  const named = Object.entries(TABLE_NAMES).find(([, n]) => n === text);
  if (named) return Number(named[0]);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** A host route prints as the bare address, anything else as a/len, /0 as `default`. */
function prefixText(c: Cidr): string {
  if (c.prefixLength === 0) return 'default';
  return c.prefixLength === 32 ? formatIpv4(c.base) : `${formatIpv4(c.base)}/${c.prefixLength}`;
}

function ruleLine(r: IpRule): string {
  let s = `${r.priority}:\tfrom ${r.from ? prefixText(r.from) : 'all'}`;
  if (r.to) s += ` to ${prefixText(r.to)}`;
  if (r.fwmark) s += r.fwmark.mask === 0xffffffff ? ` fwmark 0x${r.fwmark.value.toString(16)}` : ` fwmark 0x${r.fwmark.value.toString(16)}/0x${r.fwmark.mask.toString(16)}`;
  if (r.iif) s += ` iif ${r.iif}`;
  if (r.oif) s += ` oif ${r.oif}`;
  return `${s} lookup ${tableName(r.table)}\n`;
}

/** `ip rule` */
export function renderIpRule(ns: Netns): string {
  return ns.rules.map(ruleLine).join('');
}

function routeLine(r: Route, showTable: boolean): string {
  let s = r.type === 'unicast' ? '' : `${r.type} `;
  s += prefixText(r.dst);
  if (r.via !== undefined) s += ` via ${formatIpv4(r.via)}`;
  s += ` dev ${r.dev}`;
  if (showTable && r.table !== RT_TABLE.main) s += ` table ${tableName(r.table)}`;
  if (r.proto && r.proto !== 'boot') s += ` proto ${r.proto}`;
  if (r.scope && r.scope !== 'universe') s += ` scope ${r.scope}`;
  if (r.src !== undefined) s += ` src ${formatIpv4(r.src)}`;
  if (r.metric !== undefined) s += ` metric ${r.metric}`;
  return `${s} \n`;
}

function route6Line(r: Route6): string {
  const type = r.type === 'unicast' ? '' : `${r.type} `;
  const table = r.table !== RT_TABLE.main ? ` table ${tableName(r.table)}` : '';
  return `${type}${r.dst} dev ${r.dev}${table} proto kernel metric ${r.metric} pref medium\n`;
}

/** The fib trie's walk: by destination address, longer prefixes first; ties keep insertion order. */
function sortedRoutes(routes: Route[]): Route[] {
  return routes
    .map((r, i) => ({ r, i }))
    .toSorted((a, b) => a.r.dst.base - b.r.dst.base || b.r.dst.prefixLength - a.r.dst.prefixLength || a.i - b.i)
    .map((x) => x.r);
}

/** Tables are dumped in hash-bucket order (id mod 256): 2, 3, …, 101, …, main, local. */
function tableOrder(ids: number[]): number[] {
  return [...new Set(ids)].toSorted((a, b) => (a & 255) - (b & 255) || a - b);
}

/** `ip route show table <id>` (`ip route` = table main). */
export function renderIpRoute(ns: Netns, table: number = RT_TABLE.main): string {
  return sortedRoutes(ns.routes.filter((r) => r.table === table))
    .map((r) => routeLine(r, false))
    .join('');
}

/** `ip route show table all`: every IPv4 table, then the IPv6 routes. */
export function renderIpRouteAll(ns: Netns): string {
  let out = '';
  for (const t of tableOrder(ns.routes.map((r) => r.table))) {
    out += sortedRoutes(ns.routes.filter((r) => r.table === t))
      .map((r) => routeLine(r, true))
      .join('');
  }
  for (const t of tableOrder(ns.routes6.map((r) => r.table))) {
    const rows = ns.routes6.map((r, i) => ({ r, i })).filter((x) => x.r.table === t);
    rows.sort((a, b) => (a.r.sortKey < b.r.sortKey ? -1 : a.r.sortKey > b.r.sortKey ? 1 : a.i - b.i));
    out += rows.map((x) => route6Line(x.r)).join('');
  }
  return out;
}

/** `ip neigh` */
export function renderIpNeigh(ns: Netns): string {
  return ns.neighbours.map((n) => `${formatIpv4(n.ip)} dev ${n.dev}${n.lladdr ? ` lladdr ${n.lladdr}` : ''} ${n.state} \n`).join('');
}
