/**
 * IPVS for the walk (kube-proxy's IPVS mode, services-and-load-balancers.md 2.1): a packet
 * delivered locally to a virtual server's address and port (a ClusterIP on kube-ipvs0, or a
 * node address × NodePort) is taken at LOCAL_IN after filter INPUT (`ip_vs_remote_request4`,
 * priority NF_IP_PRI_NAT_SRC − 2), the scheduler picks a real server, and NAT forwarding
 * ("Masq") rewrites the destination and sends the packet out through LOCAL_OUT and
 * POSTROUTING. With `net.ipv4.vs.conntrack=1` conntrack carries the translation, so
 * `conntrack -L` shows the DNAT tuple and the reply is translated back on its way to the client.
 *
 * The choice: `rr` goes round the real servers in order. A walk has no history, so where the
 * round stands when a client starts is drawn from the seed, the client and the virtual server,
 * and each next connection (the next ephemeral port: connect() steps by 2) takes the next real
 * server: "send 100 requests" spreads exactly evenly, where iptables mode's `-m statistic` only
 * comes close. `persistent` (ClientIP affinity) draws from the client address only, so a client
 * keeps its real server.
 */
import { formatIpv4 } from '../net/ipv4.ts';
import type { IpvsService, Netns } from '../linux/model.ts';
import { flowDraw } from './netfilter.ts';
import type { Packet } from './packet.ts';

/** The bottom of Linux's default `net.ipv4.ip_local_port_range`. */
const EPHEMERAL_LOW = 32768;

/** The virtual server for the packet's destination, protocol and port, if any. */
export function ipvsServiceFor(ns: Netns, p: Packet): IpvsService | undefined {
  if (!ns.ipvs || (p.proto !== 'tcp' && p.proto !== 'udp')) return undefined;
  return ns.ipvs.find((vs) => vs.protocol === p.proto && vs.address === p.dst && vs.port === p.dport);
}

/** The virtual server's line in `ipvsadm -Ln`. */
export function virtualServerLine(vs: IpvsService): string {
  return `${vs.protocol.toUpperCase()}  ${formatIpv4(vs.address)}:${vs.port} ${vs.scheduler}${vs.persistentTimeout !== undefined ? ` persistent ${vs.persistentTimeout}` : ''}`;
}

/** A real server's line in `ipvsadm -Ln` (without the trailing padding). */
export function realServerLine(r: IpvsService['realServers'][number]): string {
  return `  -> ${`${formatIpv4(r.address)}:${r.port}`.padEnd(28)} ${'Masq'.padEnd(7)} ${String(r.weight).padEnd(6)} ${'0'.padEnd(10)} 0`;
}

/** The real server the scheduler gives this flow (index into `realServers`), or undefined when none can take it. */
export function ipvsSchedule(vs: IpvsService, p: Packet, seed: number): number | undefined {
  const usable = vs.realServers.flatMap((r, i) => (r.weight > 0 ? [i] : []));
  if (usable.length === 0) return undefined;
  const key = `ipvs ${formatIpv4(vs.address)}:${vs.port}/${vs.protocol}`;
  // Where the round stands for this client (persistent: the client alone decides).
  const start = flowDraw({ ...p, sport: 0, dport: 0, dst: 0 }, key, 0, seed);
  if (vs.persistentTimeout !== undefined) return usable[start % usable.length];
  // The connection's place in the client's sequence of ephemeral ports.
  const nth = Math.floor(Math.max(0, p.sport - EPHEMERAL_LOW) / 2);
  return usable[(start + nth) % usable.length];
}
