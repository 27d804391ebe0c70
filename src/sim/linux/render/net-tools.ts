/**
 * `route -n` and `arp -n` as net-tools 2.10 prints them (fixtures/*.route-n.txt, *.arp-n.txt,
 * captured by capture.sh): `route -n` lists the main table only (it reads /proc/net/route), in
 * the kernel's order; `arp -n` lists the neighbour table.
 */
import { cidrLast, formatIpv4, type Cidr } from '../../net/ipv4.ts';
import { RT_TABLE, type Neighbour, type Netns, type Route } from '../model.ts';

const ROUTE_HEADER = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';

/** The netmask of a prefix as dotted quad. */
function genmask(c: Cidr): string {
  return formatIpv4(c.prefixLength === 0 ? 0 : ((cidrLast({ base: 0, prefixLength: c.prefixLength } as Cidr) ^ 0xffffffff) >>> 0));
}

/** U up, G via a gateway, H a host route; `!` for routes that reject. */
function routeFlags(r: Route): string {
  const host = r.dst.prefixLength === 32 ? 'H' : '';
  if (r.type === 'blackhole' || r.type === 'unreachable') return `!${host}`;
  return `U${r.via !== undefined ? 'G' : ''}${host}`;
}

/** The routes of table main in the fib walk order (`ip route` prints them in the same order). */
function mainRoutes(ns: Netns): Route[] {
  return ns.routes
    .map((r, i) => ({ r, i }))
    .filter((x) => x.r.table === RT_TABLE.main && x.r.type !== 'local' && x.r.type !== 'broadcast')
    .toSorted((a, b) => a.r.dst.base - b.r.dst.base || b.r.dst.prefixLength - a.r.dst.prefixLength || a.i - b.i)
    .map((x) => x.r);
}

/** `route -n` */
export function renderRouteN(ns: Netns): string {
  let out = ROUTE_HEADER;
  for (const r of mainRoutes(ns)) {
    const dst = formatIpv4(r.dst.base).padEnd(15);
    const gw = formatIpv4(r.via ?? 0).padEnd(15);
    out += `${dst} ${gw} ${genmask(r.dst).padEnd(15)} ${routeFlags(r).padEnd(5)} ${String(r.metric ?? 0).padEnd(6)} ${'0'.padEnd(2)} ${'0'.padStart(7)} ${r.dev}\n`;
  }
  return out;
}

/** C a complete entry, M a permanent one. */
function arpFlags(n: Neighbour): string {
  return n.state === 'PERMANENT' ? 'CM' : 'C';
}

/** `arp -n` (an entry still being resolved has no MAC yet and is left out here: the model holds none). */
export function renderArpN(ns: Netns): string {
  let out = 'Address                  HWtype  HWaddress           Flags Mask            Iface\n';
  for (const n of ns.neighbours) {
    if (!n.lladdr) continue;
    out += `${formatIpv4(n.ip).padEnd(23)}  ${'ether'.padEnd(8)}${n.lladdr.padEnd(20)}${arpFlags(n).padEnd(6)}${''.padEnd(15)} ${n.dev}\n`;
  }
  return out;
}
