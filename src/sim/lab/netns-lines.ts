/**
 * The commands that give one lab namespace the model's state: sysctls, addresses, routes,
 * rules and permanent neighbours. Every device a command names is a link of that namespace
 * (an `IfName`), every number is checked, every word is quoted by `sh`.
 */
import { formatIpv4 } from '../net/ipv4.ts';
import { ifNameProblem, type IfName } from '../linux/ifname.ts';
import type { Netns } from '../linux/model.ts';
import { formatPrefix, routeWords, tableName } from '../trace/format.ts';
import type { NetnsName } from './names.ts';
import { LabRefusal, pipeLines, sh } from './shell.ts';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** A MAC as `ip … address`/`lladdr` takes it. */
export function checkMac(where: string, mac: string): string {
  if (!MAC.test(mac)) throw new LabRefusal(`${where}: ${JSON.stringify(mac.slice(0, 40))} is not a MAC address`);
  return mac;
}

/** An integer in range, as text. */
export function checkInt(where: string, n: number, min: number, max: number): string {
  if (!Number.isInteger(n) || n < min || n > max) throw new LabRefusal(`${where}: ${n} is not an integer from ${min} to ${max}`);
  return String(n);
}

/** The namespace's link called `name`: anything else is not a device the lab creates. */
export function linkNamed(netns: Netns, where: string, name: string): IfName {
  const link = netns.links.find((l) => l.name === name);
  if (!link) throw new LabRefusal(`${where}: no device ${JSON.stringify(name.slice(0, 40))} in this namespace`);
  return link.name;
}

/** `/proc/sys` path of a sysctl whose device part may itself contain dots (vlan.eth.1). */
export function sysctlPath(name: string): string {
  const m = /^net\.ipv([46])\.(conf|neigh)\.(.+)\.([a-z_]+)$/.exec(name);
  if (m) return `/proc/sys/net/ipv${m[1]}/${m[2]}/${m[3]}/${m[4]}`;
  return '/proc/sys/' + name.replace(/\./g, '/');
}

/**
 * Writes one sysctl inside the namespace: `tee` opens /proc/sys/net of the namespace it runs
 * in. The device part must be a link of the namespace (or all/default), so the path can only
 * name that device's directory; the value must be an integer.
 */
function sysctlLine(lab: NetnsName, netns: Netns, key: string, value: string): string {
  const where = `sysctl ${JSON.stringify(key.slice(0, 60))}`;
  const dev = /^net\.ipv4\.(?:conf|neigh)\.(.+)\.[a-z_]+$/.exec(key)?.[1];
  if (dev !== undefined) {
    if (dev !== 'all' && dev !== 'default') linkNamed(netns, where, dev);
  } else if (!/^net\.ipv4(\.[a-z_0-9]+)+$/.test(key)) {
    throw new LabRefusal(`${where}: not a sysctl the lab can write`);
  }
  if (!/^-?\d{1,10}$/.test(value)) throw new LabRefusal(`${where}: value ${JSON.stringify(value.slice(0, 40))} is not an integer`);
  return `${pipeLines([value], 'ip', 'netns', 'exec', lab, 'tee', '--', sysctlPath(key))} >/dev/null`;
}

const rank = (k: string) => (/\.conf\.(all|default)\./.test(k) ? 0 : 1);

/** IPv4 sysctls in an order the kernel accepts: all/default first, then devices. */
export function sysctlLines(lab: NetnsName, netns: Netns): string[] {
  const keys = Object.keys(netns.sysctls).filter((k) => k.startsWith('net.ipv4.'));
  return keys.toSorted((a, b) => rank(a) - rank(b)).map((k) => sysctlLine(lab, netns, k, netns.sysctls[k]));
}

/** Addresses, routes (every table but local), rules and permanent neighbours of a namespace. */
export function l3Lines(lab: NetnsName, netns: Netns, where: string): string[] {
  const out: string[] = [];
  for (const a of netns.addresses) {
    if (a.family !== 'inet' || a.scope === 'host') continue;
    const link = netns.links.find((l) => l.ifindex === a.ifindex);
    if (!link || link.kind === 'loopback') continue;
    const len = checkInt(`${where} address`, a.prefixLength, 0, 32);
    out.push(sh('ip', '-n', lab, 'addr', 'add', `${formatIpv4(a.local as number)}/${len}`, ...(a.broadcast !== undefined ? ['brd', '+'] : []), 'dev', link.name));
  }
  // The kernel adds connected routes with the addresses; the model says which of them stay.
  out.push(sh('ip', '-n', lab, 'route', 'flush', 'table', 'main'));
  for (const r of netns.routes) {
    if (r.table === 255) continue;
    const words = routeWords({ ...r, dev: linkNamed(netns, `${where} route`, r.dev), type: 'unicast' });
    checkInt(`${where} route table`, r.table, 1, 0xffffffff);
    if (r.metric !== undefined) checkInt(`${where} route metric`, r.metric, 0, 0xffffffff);
    out.push(sh('ip', '-n', lab, 'route', 'replace', ...(r.type === 'unicast' ? [] : [r.type]), ...words, 'table', tableName(r.table)));
  }
  out.push(sh('ip', '-n', lab, 'rule', 'flush'));
  const hasLocal0 = netns.rules.some((r) => r.priority === 0 && r.table === 255);
  if (!hasLocal0 && netns.rules.length) out.push(sh('ip', '-n', lab, 'rule', 'del', 'priority', '0'));
  for (const r of netns.rules) {
    if (r.priority === 0 && r.table === 255) continue;
    const sel: string[] = [];
    if (r.from && r.from.prefixLength > 0) sel.push('from', formatPrefix(r.from, 'all'));
    if (r.to && r.to.prefixLength > 0) sel.push('to', formatPrefix(r.to, 'all'));
    if (r.fwmark) sel.push('fwmark', `0x${checkHex(where, r.fwmark.value)}/0x${checkHex(where, r.fwmark.mask)}`);
    for (const [word, dev] of [['iif', r.iif], ['oif', r.oif]] as const) {
      if (dev === undefined) continue;
      // A rule may name a device that does not exist (yet); it must still be a possible name.
      const problem = ifNameProblem(dev);
      if (problem) throw new LabRefusal(`${where} rule ${r.priority}: ${word} ${JSON.stringify(dev.slice(0, 40))} ${problem}`);
      sel.push(word, dev);
    }
    const prio = checkInt(`${where} rule priority`, r.priority, 0, 0xffffffff);
    checkInt(`${where} rule table`, r.table, 1, 0xffffffff);
    out.push(sh('ip', '-n', lab, 'rule', 'add', 'priority', prio, ...sel, 'lookup', tableName(r.table)));
  }
  for (const n of netns.neighbours) {
    if (n.state !== 'PERMANENT' || !n.lladdr) continue;
    const dev = linkNamed(netns, `${where} neighbour`, n.dev);
    out.push(sh('ip', '-n', lab, 'neigh', 'replace', formatIpv4(n.ip), 'lladdr', checkMac(`${where} neighbour`, n.lladdr), 'dev', dev, 'nud', 'permanent'));
  }
  return out;
}

function checkHex(where: string, n: number): string {
  return Number(checkInt(`${where} fwmark`, n, 0, 0xffffffff)).toString(16);
}
