/**
 * `ipvsadm -Ln [--stats]` and `ipset list [NAME]` as the real tools print them (kube-proxy's
 * IPVS mode, services-and-load-balancers.md 2.1).
 *
 * ipvsadm (1.31, `print_title`, `print_service_entry`, libipvs `ipvs_cmp_services`): virtual
 * servers sorted by protocol, then address, then port, with the address compared as
 * `(int)(ntohl(a) - ntohl(b))` — so 192.168.x sorts before 10.x, as on a real node; real servers
 * sorted the same way; every column padded with printf widths (trailing spaces included).
 * ipset (7.17 on a 6.x kernel, captured in fixtures/ipset-list.txt): the set types' revisions,
 * `bucketsize 12 initval 0x…` on hash sets, and the memory size of a set with each entry in
 * its own bucket (a kernel's figure also depends on hash collisions under its random initval).
 */
import { formatIpv4 } from '../../net/ipv4.ts';
import type { IpSet, IpSetType, IpvsService, Netns } from '../model.ts';

const IPVS_HEADER = 'IP Virtual Server version 1.2.1 (size=4096)\n';

/** `(int)(a - b)` on unsigned 32-bit values, as libipvs compares addresses. */
const cmpU32 = (a: number, b: number) => ((a - b) | 0);

/** IPPROTO_TCP / IPPROTO_UDP. */
const protoNumber = (p: 'tcp' | 'udp') => (p === 'tcp' ? 6 : 17);

function sortedServices(ns: Netns): IpvsService[] {
  const proto = protoNumber;
  return (ns.ipvs ?? []).toSorted((a, b) => proto(a.protocol) - proto(b.protocol) || cmpU32(a.address, b.address) || a.port - b.port);
}

const pad = (s: string, n: number) => s.padEnd(n, ' ');
const num = (n: number) => String(n).padStart(9, ' ');

/** `ipvsadm -Ln` (with `stats`: `ipvsadm -Ln --stats`, all counters zero: the simulation keeps none). */
export function renderIpvsadm(ns: Netns, stats = false): string {
  let out = IPVS_HEADER;
  out += stats
    ? `${pad('Prot LocalAddress:Port', 33)} ${'Conns'.padStart(8)} ${'InPkts'.padStart(8)} ${'OutPkts'.padStart(8)} ${'InBytes'.padStart(8)} ${'OutBytes'.padStart(8)}\n  -> RemoteAddress:Port\n`
    : 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
  for (const vs of sortedServices(ns)) {
    const name = `${vs.protocol.toUpperCase()}  ${formatIpv4(vs.address)}:${vs.port}`.slice(0, 33);
    if (stats) out += `${pad(name, 33)}${num(0).repeat(5)}\n`;
    else out += `${name} ${vs.scheduler}${vs.persistentTimeout !== undefined ? ` persistent ${vs.persistentTimeout}` : ''}\n`;
    const dests = vs.realServers.toSorted((a, b) => cmpU32(a.address, b.address) || a.port - b.port);
    for (const d of dests) {
      const dname = `${formatIpv4(d.address)}:${d.port}`.slice(0, 28);
      out += stats ? `  -> ${pad(dname, 28)}${num(0).repeat(5)}\n` : `  -> ${pad(dname, 28)} ${pad('Masq', 7)} ${pad(String(d.weight), 6)} ${pad('0', 10)} ${pad('0', 10)}\n`;
    }
  }
  return out;
}

/** Kernel revision of each set type (6.x kernel, ipset 7.17). */
const REVISION: Record<IpSetType, number> = { 'hash:ip': 6, 'hash:ip,port': 7, 'hash:ip,port,ip': 6, 'hash:ip,port,net': 8, 'bitmap:port': 3 };
/** Memory of an empty set, and per entry (each in its own bucket). */
const MEMORY: Record<IpSetType, [number, number]> = {
  'hash:ip': [216, 40], 'hash:ip,port': [216, 48], 'hash:ip,port,ip': [208, 56], 'hash:ip,port,net': [464, 56], 'bitmap:port': [8264, 0],
};

/** The set's random `initval`, drawn here from its name and the node (a stand-in for the kernel's get_random_u32). */
function initval(set: IpSet, salt: string): string {
  let h = 0x811c9dc5;
  for (const ch of salt + set.name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `0x${h.toString(16).padStart(8, '0')}`;
}

function renderSet(set: IpSet, salt: string): string {
  const header = set.type === 'bitmap:port' ? 'range 0-65535' : `family inet hashsize 1024 maxelem 65536 bucketsize 12 initval ${initval(set, salt)}`;
  const [base, per] = MEMORY[set.type];
  let out = `Name: ${set.name}\nType: ${set.type}\nRevision: ${REVISION[set.type]}\nHeader: ${header}\nSize in memory: ${base + per * set.members.length}\n`;
  out += `References: ${set.references}\nNumber of entries: ${set.members.length}\nMembers:\n`;
  for (const m of set.members) out += `${m}\n`;
  return out;
}

/** `ipset list [NAME]`: every set (a blank line between them), or one. */
export function renderIpsetList(ns: Netns, name?: string): { output: string; error?: string } {
  const salt = ns.links.find((l) => l.kind === 'dummy')?.mac ?? ns.name;
  const sets = ns.ipsets ?? [];
  if (name === undefined) return { output: sets.map((s) => renderSet(s, salt)).join('\n') };
  const set = sets.find((s) => s.name === name);
  if (!set) return { output: '', error: 'ipset v7.17: The set with the given name does not exist\n' };
  return { output: renderSet(set, salt) };
}

/** `ipset list -n`: the names only. */
export function renderIpsetNames(ns: Netns): string {
  return (ns.ipsets ?? []).map((s) => `${s.name}\n`).join('');
}

const IPVSADM_LIST = /^ipvsadm (?:-L -n|-n -L|-Ln|-nL|-ln|-nl|--list --numeric|-L --numeric|--list -n)( --stats)?$/;

/**
 * A typed `ipvsadm` / `ipset` command: `ipvsadm -Ln [--stats]`, `ipset list [-n] [NAME]`
 * (also `ipset -L`); undefined for anything else.
 */
export function runIpvsCommand(ns: Netns, line: string): string | undefined {
  const list = IPVSADM_LIST.exec(line);
  if (list) return renderIpvsadm(ns, !!list[1]);
  const set = /^ipset (?:list|-L|--list)(?: (-n|-name|--name|\S+))?$/.exec(line);
  if (!set) return undefined;
  if (set[1] === '-n' || set[1] === '-name' || set[1] === '--name') return renderIpsetNames(ns);
  const r = renderIpsetList(ns, set[1]);
  return r.error ?? r.output;
}
