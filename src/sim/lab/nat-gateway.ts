/**
 * Subnet route tables in the VPC stand-in, and a namespace per NAT gateway. The VPC
 * namespace keeps VPC destinations in its main table (priority 100) and sends what a
 * subnet routed to a NAT gateway sends elsewhere (priority 200, `from <subnet>`) to that
 * gateway's namespace, which SNATs it to the gateway's private IP and hands it back; the VPC
 * then maps that address to the gateway's Elastic IP like any public IP (fabric.ts does the
 * internet gateway). Subnets without a default route need nothing: the VPC drops internet
 * traffic from addresses without a public IP.
 */
import { formatCidr, formatIpv4 } from '../net/ipv4.ts';
import type { TraceWorld } from '../trace/world.ts';
import { INET_LINK, natGatewayLink, type LabNames } from './names.ts';
import { pipeLines, sh, shComment } from './shell.ts';

const sysctl = (ns: string, path: string, value: string) => `${pipeLines([value], 'ip', 'netns', 'exec', ns, 'tee', '--', `/proc/sys/net/ipv4/${path}`)} >/dev/null`;

/** Route-table policy in the VPC namespace and the NAT gateways' namespaces. */
export function natGatewayLines(w: TraceWorld, names: LabNames): string[] {
  const gateways = w.fabric.natGateways;
  if (!gateways.length) return [];
  const vpc = names.vpc;
  const out: string[] = [shComment('--- subnet route tables: 0.0.0.0/0 to a NAT gateway')];
  for (const c of w.fabric.vpcCidrs) out.push(sh('ip', '-n', vpc, 'rule', 'add', 'priority', '100', 'to', formatCidr(c), 'lookup', 'main'));
  const nat: string[] = ['*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]'];
  const accept: string[] = [];
  gateways.forEach((g, i) => {
    const ns = names.natGateway(g.id);
    const link = natGatewayLink(i);
    const table = String(1000 + i);
    const priv = formatIpv4(g.privateIp);
    const pub = formatIpv4(g.publicIp);
    out.push(shComment(`NAT gateway ${g.id}: ${priv}, Elastic IP ${pub}`));
    out.push(sh('ip', '-n', vpc, 'link', 'add', 'name', link, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns));
    out.push(sh('ip', '-n', vpc, 'link', 'set', 'dev', link, 'up'), sysctl(vpc, `conf/${link}/proxy_arp`, '1'), sysctl(vpc, `neigh/${link}/proxy_delay`, '0'), sysctl(vpc, `conf/${link}/rp_filter`, '0'));
    out.push(sh('ip', '-n', vpc, 'route', 'replace', `${priv}/32`, 'dev', link));
    // Via the gateway's own address: a bare `dev` route would ARP for the internet host, which nothing on the link answers.
    out.push(sh('ip', '-n', vpc, 'route', 'add', 'default', 'via', priv, 'dev', link, 'onlink', 'table', table));
    for (const s of w.fabric.subnets) {
      if (s.defaultRoute.kind === 'nat' && s.defaultRoute.gateway.id === g.id) out.push(sh('ip', '-n', vpc, 'rule', 'add', 'priority', '200', 'from', formatCidr(s.cidr), 'lookup', table));
    }
    // The gateway itself: one address, everything on-link (the VPC answers ARP), SNAT out.
    out.push(sh('ip', '-n', ns, 'addr', 'add', `${priv}/32`, 'dev', 'eth0'), sh('ip', '-n', ns, 'link', 'set', 'dev', 'eth0', 'up'), sh('ip', '-n', ns, 'route', 'add', 'default', 'dev', 'eth0'));
    for (const [path, value] of [['ip_forward', '1'], ['conf/all/rp_filter', '0'], ['conf/eth0/rp_filter', '0'], ['conf/all/send_redirects', '0'], ['conf/eth0/send_redirects', '0']]) out.push(sysctl(ns, path, value));
    out.push(pipeLines(['*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', `-A POSTROUTING -o eth0 -j SNAT --to-source ${priv}`, 'COMMIT'], 'ip', 'netns', 'exec', ns, 'iptables-restore'));
    nat.push(`-A PREROUTING -i ${INET_LINK} -d ${pub}/32 -j DNAT --to-destination ${priv}`, `-A POSTROUTING -o ${INET_LINK} -s ${priv}/32 -j SNAT --to-source ${pub}`);
    accept.push(`-I FORWARD 1 -o ${INET_LINK} -s ${priv}/32 -j ACCEPT`);
  });
  // Added to the tables fabric.ts restored (--noflush): the Elastic IPs, and letting the gateways out.
  out.push(pipeLines([...nat, 'COMMIT', '*filter', ...accept, 'COMMIT'], 'ip', 'netns', 'exec', vpc, 'iptables-restore', '--noflush'));
  return out;
}
