/**
 * Entries printed the way the real tools print them: `ip rule`, `ip route show table N`,
 * `iptables -S` (the rule text comes from the linux model's renderer). The tracer quotes these lines as the deciding entry of each hop; the kernel
 * test checks them against the kernel's own output.
 */
import { formatIpv4, type Cidr } from '../net/ipv4.ts';
import type { IpRule, IptRule, Route } from '../linux/model.ts';
import { ruleSpec } from '../linux/render/iptables.ts';

const TABLE_NAMES: Record<number, string> = { 255: 'local', 254: 'main', 253: 'default' };

/** Table id as `ip` prints it (local/main/default by name, the rest by number). */
export function tableName(id: number): string {
  return TABLE_NAMES[id] ?? String(id);
}

/** A prefix as iproute2 prints it: a /32 host without its length, 0/0 as `zero`. */
export function formatPrefix(c: Cidr, zero: string): string {
  if (c.prefixLength === 0) return zero;
  return c.prefixLength === 32 ? formatIpv4(c.base) : `${formatIpv4(c.base)}/${c.prefixLength}`;
}

const hex = (n: number) => '0x' + (n >>> 0).toString(16);

/** One line of `ip rule` (priority, colon, tab, selectors, action). */
export function formatIpRule(r: IpRule): string {
  let s = `${r.priority}:\tfrom ${r.from ? formatPrefix(r.from, 'all') : 'all'}`;
  if (r.to && r.to.prefixLength > 0) s += ` to ${formatPrefix(r.to, 'all')}`;
  if (r.fwmark) s += r.fwmark.mask === 0xffffffff ? ` fwmark ${hex(r.fwmark.value)}` : ` fwmark ${hex(r.fwmark.value)}/${hex(r.fwmark.mask)}`;
  if (r.iif) s += ` iif ${r.iif}`;
  if (r.oif) s += ` oif ${r.oif}`;
  return s + ` lookup ${tableName(r.table)}`;
}

/** One line of `ip route show table <route.table>` (no table column). */
export function formatRoute(r: Route): string {
  return routeWords(r).join(' ');
}

/** The words of that line, which are also the arguments `ip route add` takes for the route. */
export function routeWords(r: Route): string[] {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(formatPrefix(r.dst, 'default'));
  if (r.via !== undefined) parts.push('via', formatIpv4(r.via));
  parts.push('dev', r.dev);
  if (r.proto && r.proto !== 'boot') parts.push('proto', r.proto);
  if (r.scope && r.scope !== 'universe') parts.push('scope', r.scope);
  if (r.src !== undefined) parts.push('src', formatIpv4(r.src));
  if (r.metric !== undefined) parts.push('metric', String(r.metric));
  return parts;
}

/** A rule as `iptables -S` prints it, using the linux model's renderer. */
export function formatIptRule(chain: string, r: IptRule): string {
  return `-A ${chain}${ruleSpec(r)}`;
}
