/**
 * `labScript`: a bash script that rebuilds a world in Linux network namespaces — one per
 * node and per pod, a VPC stand-in that delivers every ENI address to its ENI and answers
 * ARP for it (proxy_arp, proxy_delay=0: vpc-cni-behaviour.md e.4) and enforces the
 * source/destination check, and an internet stand-in on 203.0.113.10 behind an internet or
 * NAT gateway. Nodes get the model's links (names, MACs, MTUs), addresses, rules, routes,
 * sysctls, static neighbours and iptables (via iptables-restore). ENIs and vlan.eth.N
 * devices are veths whose peers sit in the VPC namespace (the kernel may lack 802.1Q: e.7).
 *
 * The script touches only `vcx-*` namespaces it names; `--teardown` removes them.
 */
import { cidrSize, formatCidr, formatIpv4 } from '../net/ipv4.ts';
import type { Netns } from '../linux/model.ts';
import { formatPrefix, formatRoute, tableName } from '../trace/format.ts';
import type { TraceWorld } from '../trace/world.ts';
import { renderIptablesSave } from '../linux/render/iptables.ts';
import { renderAwsCniNft } from '../trace/nft-connmark.ts';
import { fabricLinks, INET_GW, INET_LINK, INET_NS, labNamespaces, labNetns, VPC_NS } from './names.ts';

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `/proc/sys` path of a sysctl whose device part may itself contain dots (vlan.eth.1). */
export function sysctlPath(name: string): string {
  const m = /^net\.ipv([46])\.(conf|neigh)\.(.+)\.([a-z_]+)$/.exec(name);
  if (m) return `/proc/sys/net/ipv${m[1]}/${m[2]}/${m[3]}/${m[4]}`;
  return '/proc/sys/' + name.replace(/\./g, '/');
}

function sysctl(ns: string, name: string, value: string): string {
  return `ip netns exec ${ns} sh -c ${q(`echo ${value} > ${sysctlPath(name)}`)}`;
}

const rank = (k: string) => (/\.conf\.(all|default)\./.test(k) ? 0 : 1);

/** Sysctls in an order the kernel accepts: all/default first, then devices. */
function sysctlLines(lab: string, netns: Netns): string[] {
  const keys = Object.keys(netns.sysctls).filter((k) => k.startsWith('net.ipv4.'));
  return keys.toSorted((a, b) => rank(a) - rank(b)).map((k) => sysctl(lab, k, netns.sysctls[k]));
}

function routeLine(lab: string, r: Netns['routes'][number]): string {
  const text = formatRoute(r).replace(/^(local|broadcast|unicast) /, '');
  const type = r.type === 'unicast' ? '' : `${r.type} `;
  return `ip -n ${lab} route replace ${type}${text} table ${tableName(r.table)}`;
}

/** Addresses, routes (every table but local), rules and permanent neighbours of a namespace. */
function l3Lines(lab: string, netns: Netns): string[] {
  const out: string[] = [];
  for (const a of netns.addresses) {
    if (a.family !== 'inet' || a.scope === 'host') continue;
    const link = netns.links.find((l) => l.ifindex === a.ifindex);
    if (!link || link.kind === 'loopback') continue;
    out.push(`ip -n ${lab} addr add ${formatIpv4(a.local as number)}/${a.prefixLength}${a.broadcast !== undefined ? ' brd +' : ''} dev ${link.name}`);
  }
  // The kernel adds connected routes with the addresses; the model says which of them stay.
  out.push(`ip -n ${lab} route flush table main`);
  for (const r of netns.routes) if (r.table !== 255) out.push(routeLine(lab, r));
  out.push(`ip -n ${lab} rule flush`);
  const hasLocal0 = netns.rules.some((r) => r.priority === 0 && r.table === 255);
  if (!hasLocal0 && netns.rules.length) out.push(`ip -n ${lab} rule del priority 0`);
  for (const r of netns.rules) {
    if (r.priority === 0 && r.table === 255) continue;
    const sel = [
      r.from && r.from.prefixLength > 0 ? `from ${formatPrefix(r.from, 'all')}` : '',
      r.to && r.to.prefixLength > 0 ? `to ${formatPrefix(r.to, 'all')}` : '',
      r.fwmark ? `fwmark 0x${r.fwmark.value.toString(16)}/0x${r.fwmark.mask.toString(16)}` : '',
      r.iif ? `iif ${r.iif}` : '',
      r.oif ? `oif ${r.oif}` : '',
    ].filter(Boolean);
    out.push(`ip -n ${lab} rule add priority ${r.priority} ${sel.join(' ')} lookup ${tableName(r.table)}`.replace(/ +/g, ' '));
  }
  for (const n of netns.neighbours) {
    if (n.state === 'PERMANENT' && n.lladdr) out.push(`ip -n ${lab} neigh replace ${formatIpv4(n.ip)} lladdr ${n.lladdr} dev ${n.dev} nud permanent`);
  }
  return out;
}

function fabricLines(w: TraceWorld): string[] {
  const links = fabricLinks(w);
  const out: string[] = ['# --- the VPC stand-in: routes every ENI address to its ENI, answers ARP, checks sources'];
  out.push(sysctl(VPC_NS, 'net.ipv4.ip_forward', '1'), sysctl(VPC_NS, 'net.ipv4.conf.all.rp_filter', '0'), sysctl(VPC_NS, 'net.ipv4.conf.default.rp_filter', '0'));
  out.push(sysctl(VPC_NS, 'net.ipv4.conf.all.send_redirects', '0'), sysctl(VPC_NS, 'net.ipv4.conf.default.send_redirects', '0'));
  const gateways = new Set<number>();
  const filter: string[] = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];
  const checks: string[] = [];
  for (const e of w.fabric.enis) {
    const f = links.get(e.id)!;
    out.push(`ip -n ${VPC_NS} link set ${f} up`);
    out.push(sysctl(VPC_NS, `net.ipv4.conf.${f}.proxy_arp`, '1'), sysctl(VPC_NS, `net.ipv4.neigh.${f}.proxy_delay`, '0'), sysctl(VPC_NS, `net.ipv4.conf.${f}.rp_filter`, '0'));
    // The VPC knows which ENI (MAC) holds each address: no ARP towards the node.
    for (const ip of e.ips) {
      out.push(`ip -n ${VPC_NS} route replace ${formatIpv4(ip)}/32 dev ${f}`);
      out.push(`ip -n ${VPC_NS} neigh replace ${formatIpv4(ip)} lladdr ${e.mac} dev ${f} nud permanent`);
    }
    for (const c of e.prefixes) {
      out.push(`ip -n ${VPC_NS} route replace ${formatCidr(c)} dev ${f}`);
      for (let i = 0; i < cidrSize(c); i++) out.push(`ip -n ${VPC_NS} neigh replace ${formatIpv4(c.base + i)} lladdr ${e.mac} dev ${f} nud permanent`);
    }
    if (e.gateway !== undefined) gateways.add(e.gateway);
    if (e.sourceDestCheck) {
      const chain = `SDC-${f}`;
      filter.push(`:${chain} - [0:0]`);
      checks.push(`-A FORWARD -i ${f} -j ${chain}`, ...e.ips.map((ip) => `-A ${chain} -s ${formatIpv4(ip)}/32 -j RETURN`), ...e.prefixes.map((c) => `-A ${chain} -s ${formatCidr(c)} -j RETURN`), `-A ${chain} -j DROP`);
    }
  }
  for (const g of gateways) out.push(`ip -n ${VPC_NS} addr add ${formatIpv4(g)}/32 dev lo`);
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
  const rules = [...nat, 'COMMIT', ...filter, ...checks, 'COMMIT'].join('\n');
  out.push(`ip netns exec ${VPC_NS} iptables-restore <<'EOF_VPC'\n${rules}\nEOF_VPC`);
  return out;
}

function internetLines(w: TraceWorld): string[] {
  const host = formatIpv4(w.fabric.internetHost);
  return [
    '# --- the internet stand-in',
    `ip -n ${VPC_NS} link add ${INET_LINK} type veth peer name eth0 netns ${INET_NS}`,
    `ip -n ${VPC_NS} addr add ${INET_GW}/24 dev ${INET_LINK}`,
    `ip -n ${VPC_NS} link set ${INET_LINK} up`,
    `ip -n ${INET_NS} addr add ${host}/24 dev eth0`,
    `ip -n ${INET_NS} link set eth0 up`,
    `ip -n ${INET_NS} route add default via ${INET_GW} dev eth0`,
  ];
}

function nodeLines(w: TraceWorld): string[] {
  const links = fabricLinks(w);
  const out: string[] = [];
  for (const n of w.nodes) {
    const lab = labNetns(n.nodeName);
    const ipt = n.config.iptablesBackend === 'nft' ? 'iptables-nft-restore' : 'iptables-legacy-restore';
    out.push(`# --- node ${n.nodeName}`);
    for (const e of w.fabric.enis.filter((x) => x.node === n.nodeName)) {
      const link = n.host.links.find((l) => l.name === e.device)!;
      out.push(`ip -n ${lab} link add ${link.name} address ${link.mac} mtu ${link.mtu} type veth peer name ${links.get(e.id)} netns ${VPC_NS}`);
    }
    for (const p of n.pods) {
      const podLab = labNetns(`${n.nodeName}/${p.namespace}/${p.pod}`);
      const host = n.host.links.find((l) => l.name === p.hostVeth)!;
      const eth0 = p.links.find((l) => l.kind === 'veth')!;
      out.push(`ip -n ${podLab} link add ${eth0.name} address ${eth0.mac} mtu ${eth0.mtu} type veth peer name ${host.name} address ${host.mac} mtu ${host.mtu} netns ${lab}`);
    }
    for (const l of n.host.links) if (l.kind !== 'loopback') out.push(`ip -n ${lab} link set ${l.name} up`);
    out.push(...sysctlLines(lab, n.host), ...l3Lines(lab, n.host));
    out.push(`ip netns exec ${lab} ${ipt} <<'EOF_IPT'\n${renderIptablesSave(n.host, n.config.iptablesBackend, 0).trimEnd()}\nEOF_IPT`);
    if (n.awsCniNft) out.push(`ip netns exec ${lab} nft -f - <<'EOF_NFT'\n${renderAwsCniNft(n.awsCniNft)}\nEOF_NFT`);
    for (const p of n.pods) {
      const podLab = labNetns(`${n.nodeName}/${p.namespace}/${p.pod}`);
      out.push(`# pod ${p.namespace}/${p.pod}`);
      for (const l of p.links) if (l.kind !== 'loopback') out.push(`ip -n ${podLab} link set ${l.name} up`);
      out.push(...sysctlLines(podLab, p), ...l3Lines(podLab, p));
    }
  }
  return out;
}

/** The bash script that recreates the world in `vcx-*` network namespaces. */
export function labScript(w: TraceWorld): string {
  const all = labNamespaces(w);
  return [
    '#!/usr/bin/env bash',
    '# VPC CNI Explorer lab: the scenario\'s nodes and pods in Linux network namespaces.',
    '# Usage: sudo bash lab.sh            build (tears down any previous copy first)',
    '#        sudo bash lab.sh --teardown remove every namespace this script creates',
    '# Touches only the namespaces listed in NAMESPACES; no packet leaves them.',
    'set -euo pipefail',
    `NAMESPACES=(${all.join(' ')})`,
    'teardown() { for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done; }',
    'if [ "${1:-}" = "--teardown" ]; then teardown; exit 0; fi',
    'teardown',
    'trap \'echo "lab: setup failed at line $LINENO; tearing down" >&2; teardown\' ERR',
    'for ns in "${NAMESPACES[@]}"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done',
    ...nodeLines(w),
    ...internetLines(w),
    ...fabricLines(w),
    'trap - ERR',
    'echo "lab: ready (${#NAMESPACES[@]} namespaces)"',
    '',
  ].join('\n');
}
