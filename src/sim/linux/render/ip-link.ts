/**
 * `ip link`, `ip addr` and `ip -br addr` as iproute2 prints them: checked against iproute2 6.1
 * (fixtures/*.ip-link.txt, *.ip-addr.txt, *.ip-br-addr.txt) and, for what only newer iproute2
 * and AL2023 show (altname lines, `metric` on an address, `proto kernel_ll`), against EKS AL2023
 * nodes' output (al2023-node.test.ts).
 */
import { formatIpv4 } from '../../net/ipv4.ts';
import type { Address, Link, Netns } from '../model.ts';

/** `eth0`, `eni…@if3` (veth whose peer is elsewhere), `vlan.eth.1@eth2`. */
export function displayName(link: Link): string {
  if (link.kind === 'vlan' && link.parentName) return `${link.name}@${link.parentName}`;
  if (link.kind === 'veth' && link.peerIfindex !== undefined) return `${link.name}@if${link.peerIfindex}`;
  return link.name;
}

/** `N: name: <FLAGS> mtu … group default [qlen N]`; `ip link` adds `mode DEFAULT`. */
export function headerLine(link: Link, withMode: boolean): string {
  // iproute2 prints "group %s " and then, for a device with a tx queue, "qlen %d".
  const qlen = link.txQueueLen ? `qlen ${link.txQueueLen}` : '';
  const mode = withMode ? ' mode DEFAULT' : '';
  return `${link.ifindex}: ${displayName(link)}: <${link.flags.join(',')}> mtu ${link.mtu} qdisc ${link.qdisc} state ${link.operState}${mode} group default ${qlen}\n`;
}

/** The `link/ether … brd …` line, `ip -d`'s details appended to it, then the altname lines. */
export function linkLine(link: Link, details = ''): string {
  const type = link.kind === 'loopback' ? 'loopback' : 'ether';
  let netns = '';
  if (link.linkNetns) netns = 'name' in link.linkNetns ? ` link-netns ${link.linkNetns.name}` : ` link-netnsid ${link.linkNetns.id}`;
  let out = `    link/${type} ${link.mac} brd ${link.broadcastMac}${netns}${details}\n`;
  for (const alt of link.altNames ?? []) out += `    altname ${alt}\n`;
  return out;
}

function lifetime(v: number | 'forever'): string {
  return v === 'forever' ? 'forever' : `${v}sec`;
}

export function addressLines(a: Address): string {
  const local = typeof a.local === 'number' ? formatIpv4(a.local) : a.local;
  let line: string;
  // Flags after the scope, then the address protocol (iproute2 with IFA_PROTO support).
  const flags = `${a.dynamic ? ' dynamic' : ''}${a.noPrefixRoute ? ' noprefixroute' : ''}${a.proto ? ` proto ${a.proto}` : ''}`;
  if (a.family === 'inet') {
    const metric = a.metric !== undefined ? ` metric ${a.metric}` : '';
    const brd = a.broadcast !== undefined ? ` brd ${formatIpv4(a.broadcast)}` : '';
    line = `    inet ${local}/${a.prefixLength}${metric}${brd} scope ${a.scope}${flags} ${a.label ?? ''}\n`;
  } else {
    line = `    inet6 ${local}/${a.prefixLength} scope ${a.scope}${flags} \n`;
  }
  return `${line}       valid_lft ${lifetime(a.validLft)} preferred_lft ${lifetime(a.preferredLft)}\n`;
}

/** IPv4 addresses first, then IPv6 (iproute2 dumps them per family), each in insertion order. */
export function addressesOf(ns: Netns, ifindex: number): Address[] {
  const own = ns.addresses.filter((a) => a.ifindex === ifindex);
  return [...own.filter((a) => a.family === 'inet'), ...own.filter((a) => a.family === 'inet6')];
}

/** One device as `ip link` (`isLink`) or `ip addr` prints it, its `-d` attributes in `details`. */
export function linkBlock(ns: Netns, link: Link, isLink: boolean, details = ''): string {
  let out = headerLine(link, isLink) + linkLine(link, details);
  if (!isLink) for (const a of addressesOf(ns, link.ifindex)) out += addressLines(a);
  return out;
}

/** `ip link` */
export function renderIpLink(ns: Netns): string {
  return ns.links.map((link) => linkBlock(ns, link, true)).join('');
}

/** `ip addr` */
export function renderIpAddr(ns: Netns): string {
  return ns.links.map((link) => linkBlock(ns, link, false)).join('');
}

/** `ip -br addr`: `%-16s %-14s ` then `addr/len ` for each address. */
export function renderIpBriefAddr(ns: Netns): string {
  let out = '';
  for (const link of ns.links) {
    out += `${displayName(link).padEnd(16)} ${link.operState.padEnd(14)} `;
    for (const a of addressesOf(ns, link.ifindex)) {
      out += `${typeof a.local === 'number' ? formatIpv4(a.local) : a.local}/${a.prefixLength} ${a.metric !== undefined ? `metric ${a.metric} ` : ''}`;
    }
    out += '\n';
  }
  return out;
}
