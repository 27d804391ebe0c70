/**
 * The VPC and internet stand-ins: the VPC namespace routes every ENI address to its ENI's
 * fabric link with a permanent neighbour (the VPC knows which MAC holds each address),
 * answers ARP for everything else (proxy_arp, proxy_delay=0: vpc-cni-behaviour.md e.4),
 * drops what the source/destination check would, and reaches an internet host on
 * 203.0.113.10 through an internet gateway (1:1 NAT) or a NAT gateway.
 */
import { cidrSize, formatCidr, formatIpv4 } from '../net/ipv4.ts';
import type { TraceWorld } from '../trace/world.ts';
import { fabricLinks, INET_GW, INET_LINK, type LabNames } from './names.ts';
import { checkMac } from './netns-lines.ts';
import { pipeLines, sh, shComment } from './shell.ts';

/** `ip netns exec <ns> tee /proc/sys/…` for one of the fabric's own sysctls. */
function fabricSysctl(ns: string, path: string, value: string): string {
  return `${pipeLines([value], 'ip', 'netns', 'exec', ns, 'tee', '--', `/proc/sys/net/ipv4/${path}`)} >/dev/null`;
}

/** The internet stand-in and its link to the VPC namespace. */
export function internetLines(w: TraceWorld, names: LabNames): string[] {
  const host = formatIpv4(w.fabric.internetHost);
  return [
    shComment('--- the internet stand-in'),
    sh('ip', '-n', names.vpc, 'link', 'add', 'name', INET_LINK, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', names.inet),
    sh('ip', '-n', names.vpc, 'addr', 'add', `${INET_GW}/24`, 'dev', INET_LINK),
    sh('ip', '-n', names.vpc, 'link', 'set', 'dev', INET_LINK, 'up'),
    sh('ip', '-n', names.inet, 'addr', 'add', `${host}/24`, 'dev', 'eth0'),
    sh('ip', '-n', names.inet, 'link', 'set', 'dev', 'eth0', 'up'),
    sh('ip', '-n', names.inet, 'route', 'add', 'default', 'via', INET_GW, 'dev', 'eth0'),
  ];
}

/** The VPC stand-in: per-ENI routes, neighbours, proxy ARP, source/destination checks, gateways. */
export function fabricLines(w: TraceWorld, names: LabNames): string[] {
  const vpc = names.vpc;
  const links = fabricLinks(w);
  const out: string[] = [shComment('--- the VPC stand-in: routes every ENI address to its ENI, answers ARP, checks sources')];
  out.push(fabricSysctl(vpc, 'ip_forward', '1'), fabricSysctl(vpc, 'conf/all/rp_filter', '0'), fabricSysctl(vpc, 'conf/default/rp_filter', '0'));
  out.push(fabricSysctl(vpc, 'conf/all/send_redirects', '0'), fabricSysctl(vpc, 'conf/default/send_redirects', '0'));
  const gateways = new Set<number>();
  const filter: string[] = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];
  const checks: string[] = [];
  for (const e of w.fabric.enis) {
    const f = links.get(e.id)!;
    const mac = checkMac(`ENI ${e.id} in the VPC`, e.mac);
    out.push(sh('ip', '-n', vpc, 'link', 'set', 'dev', f, 'up'));
    out.push(fabricSysctl(vpc, `conf/${f}/proxy_arp`, '1'), fabricSysctl(vpc, `neigh/${f}/proxy_delay`, '0'), fabricSysctl(vpc, `conf/${f}/rp_filter`, '0'));
    // The VPC knows which ENI (MAC) holds each address: no ARP towards the node.
    for (const ip of e.ips) {
      out.push(sh('ip', '-n', vpc, 'route', 'replace', `${formatIpv4(ip)}/32`, 'dev', f));
      out.push(sh('ip', '-n', vpc, 'neigh', 'replace', formatIpv4(ip), 'lladdr', mac, 'dev', f, 'nud', 'permanent'));
    }
    for (const c of e.prefixes) {
      out.push(sh('ip', '-n', vpc, 'route', 'replace', formatCidr(c), 'dev', f));
      for (let i = 0; i < cidrSize(c); i++) out.push(sh('ip', '-n', vpc, 'neigh', 'replace', formatIpv4(c.base + i), 'lladdr', mac, 'dev', f, 'nud', 'permanent'));
    }
    if (e.gateway !== undefined) gateways.add(e.gateway);
    if (e.sourceDestCheck) {
      // Chain names made from fabric link names (n0.1): letters, digits and dots only.
      const chain = `SDC-${f}`;
      filter.push(`:${chain} - [0:0]`);
      checks.push(`-A FORWARD -i ${f} -j ${chain}`, ...e.ips.map((ip) => `-A ${chain} -s ${formatIpv4(ip)}/32 -j RETURN`), ...e.prefixes.map((c) => `-A ${chain} -s ${formatCidr(c)} -j RETURN`), `-A ${chain} -j DROP`);
    }
  }
  for (const g of gateways) out.push(sh('ip', '-n', vpc, 'addr', 'add', `${formatIpv4(g)}/32`, 'dev', 'lo'));
  const nat: string[] = ['*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]'];
  if (w.fabric.internet.kind === 'nat-gateway') {
    nat.push(`-A POSTROUTING -o ${INET_LINK} -j SNAT --to-source ${formatIpv4(w.fabric.internet.publicIp)}`);
  } else {
    for (const e of w.fabric.enis) {
      if (e.publicIp === undefined) continue;
      const priv = formatIpv4(e.ips[0]);
      const pub = formatIpv4(e.publicIp);
      nat.push(`-A PREROUTING -i ${INET_LINK} -d ${pub}/32 -j DNAT --to-destination ${priv}`, `-A POSTROUTING -o ${INET_LINK} -s ${priv}/32 -j SNAT --to-source ${pub}`);
      checks.push(`-A FORWARD -o ${INET_LINK} -s ${priv}/32 -j ACCEPT`);
    }
    checks.push(`-A FORWARD -o ${INET_LINK} -j DROP`);
  }
  // From the internet only translated (public IP) or returning traffic gets in.
  checks.push(`-A FORWARD -i ${INET_LINK} -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT`, `-A FORWARD -i ${INET_LINK} -j DROP`);
  out.push(pipeLines([...nat, 'COMMIT', ...filter, ...checks, 'COMMIT'], 'ip', 'netns', 'exec', vpc, 'iptables-restore'));
  return out;
}
