/**
 * Building blocks that mutate a namespace the way the kernel does when something is set up:
 * adding an address also creates its kernel routes (local/broadcast in table local, the
 * connected subnet in main), bringing an Ethernet link up gives it an IPv6 link-local
 * address and its fe80::/64, local and ff00::/8 routes.
 */
import { cidr, cidrLast, type Ipv4 } from '../net/ipv4.ts';
import { RT_TABLE, type Address, type Link, type Netns } from './model.ts';
import { ifName } from './ifname.ts';
import { linkLocalFromMac } from './names.ts';
import { emptyNetfilter } from './netfilter.ts';

/**
 * A fresh namespace holding only `lo` (ifindex 1) with 127.0.0.1/8 and ::1; `lo6` says how that
 * `::1` was made (the kernel's: `proto kernel_lo`; systemd's on an AL2023 host: `noprefixroute`).
 */
export function newNetns(name: string, lo6: Pick<Address, 'proto' | 'noPrefixRoute'> = {}): Netns {
  const ns: Netns = {
    name,
    links: [],
    addresses: [],
    rules: [
      { priority: 0, table: RT_TABLE.local },
      { priority: 32766, table: RT_TABLE.main },
      { priority: 32767, table: RT_TABLE.default },
    ],
    routes: [],
    routes6: [],
    neighbours: [],
    sysctls: {},
    netfilter: emptyNetfilter(),
    conntrack: [],
  };
  ns.links.push({
    ifindex: 1,
    name: ifName('lo'),
    kind: 'loopback',
    mac: '00:00:00:00:00:00',
    broadcastMac: '00:00:00:00:00:00',
    mtu: 65536,
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    qdisc: 'noqueue',
    operState: 'UNKNOWN',
    txQueueLen: 1000,
  });
  addIpv4(ns, 'lo', (127 << 24) + 1, 8);
  ns.addresses.push({ ifindex: 1, family: 'inet6', local: '::1', prefixLength: 128, scope: 'host', validLft: 'forever', preferredLft: 'forever', ...lo6 });
  ns.routes6.push({ table: RT_TABLE.local, type: 'local', dst: '::1', sortKey: `${'0'.repeat(31)}1128`, dev: 'lo', metric: 0 });
  return ns;
}

export function linkByName(ns: Netns, name: string): Link {
  const link = ns.links.find((l) => l.name === name);
  if (!link) throw new Error(`no link ${name} in netns "${ns.name}"`);
  return link;
}

/**
 * `ip addr add <ip>/<len> [brd +] dev <dev>`: the address plus the routes the kernel derives.
 * Loopback addresses get a `local` subnet route instead of a main-table one.
 */
export function addIpv4(
  ns: Netns,
  dev: string,
  ip: Ipv4 | number,
  prefixLength: number,
  extra: Partial<Pick<Address, 'dynamic' | 'validLft' | 'preferredLft' | 'metric'>> = {},
): void {
  const link = linkByName(ns, dev);
  const local = (ip >>> 0) as Ipv4;
  const net = cidr(local, prefixLength);
  const isLo = link.kind === 'loopback';
  const hasBroadcast = prefixLength < 31;
  ns.addresses.push({
    ifindex: link.ifindex,
    family: 'inet',
    local,
    prefixLength,
    broadcast: hasBroadcast && !isLo ? cidrLast(net) : undefined,
    scope: isLo ? 'host' : 'global',
    validLft: 'forever',
    preferredLft: 'forever',
    label: dev,
    ...extra,
  });
  const kernel = { proto: 'kernel' as const, src: local, dev };
  if (isLo && prefixLength < 32) ns.routes.push({ table: RT_TABLE.local, type: 'local', dst: net, scope: 'host', ...kernel });
  ns.routes.push({ table: RT_TABLE.local, type: 'local', dst: cidr(local, 32), scope: 'host', ...kernel });
  if (hasBroadcast) ns.routes.push({ table: RT_TABLE.local, type: 'broadcast', dst: cidr(cidrLast(net), 32), scope: 'link', ...kernel });
  // The prefix route takes the address's metric (IFA_RT_PRIORITY).
  const metric = extra.metric !== undefined ? { metric: extra.metric } : {};
  if (!isLo && prefixLength < 32) ns.routes.push({ table: RT_TABLE.main, type: 'unicast', dst: net, scope: 'link', ...kernel, ...metric });
}

/**
 * What the kernel adds when an Ethernet-like link with IPv6 enabled comes up; `proto` is the
 * IFA_PROTO a 6.0+ kernel gives that address (`kernel_ll`), when the node's tools print it.
 */
export function addLinkLocal(ns: Netns, dev: string, proto?: 'kernel_ll'): void {
  const link = linkByName(ns, dev);
  const ll = linkLocalFromMac(link.mac);
  ns.addresses.push({
    ifindex: link.ifindex, family: 'inet6', local: ll.text, prefixLength: 64, scope: 'link', validLft: 'forever', preferredLft: 'forever',
    ...(proto ? { proto } : {}),
  });
  ns.routes6.push({ table: RT_TABLE.main, type: 'unicast', dst: 'fe80::/64', sortKey: `fe80${'0'.repeat(28)}064`, dev, metric: 256 });
  ns.routes6.push({ table: RT_TABLE.local, type: 'local', dst: ll.text, sortKey: `${ll.hex}128`, dev, metric: 0 });
  ns.routes6.push({ table: RT_TABLE.local, type: 'multicast', dst: 'ff00::/8', sortKey: `ff${'0'.repeat(30)}008`, dev, metric: 256 });
}
