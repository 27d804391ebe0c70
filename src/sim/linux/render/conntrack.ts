/**
 * `conntrack -L` as conntrack-tools 1.4.7 prints it (fixtures/node.conntrack.txt): one line
 * per entry on stdout, then the count on stderr — shown last, as a terminal would.
 */
import { formatIpv4 } from '../../net/ipv4.ts';
import type { ConntrackEntry, ConntrackTuple, Netns } from '../model.ts';

const PROTO_NUM = { tcp: 6, udp: 17, icmp: 1 } as const;

function tupleText(e: ConntrackEntry, t: ConntrackTuple): string {
  let s = `src=${formatIpv4(t.src)} dst=${formatIpv4(t.dst)} `;
  if (e.protocol === 'icmp') s += `type=${t.icmpType ?? 0} code=${t.icmpCode ?? 0} id=${t.icmpId ?? 0} `;
  else s += `sport=${t.sport ?? 0} dport=${t.dport ?? 0} `;
  return s;
}

/** One `conntrack -L` line (no newline). */
export function conntrackLine(e: ConntrackEntry): string {
  let s = `${e.protocol.padEnd(8)} ${PROTO_NUM[e.protocol]} ${e.timeout} `;
  if (e.tcpState) s += `${e.tcpState} `;
  s += tupleText(e, e.original);
  if (e.unreplied) s += '[UNREPLIED] ';
  s += tupleText(e, e.reply);
  if (e.assured) s += '[ASSURED] ';
  return `${s}mark=${e.mark} use=${e.use}`;
}

/** `conntrack -L` */
export function renderConntrack(ns: Netns): string {
  const lines = ns.conntrack.map((e) => `${conntrackLine(e)}\n`).join('');
  return `${lines}conntrack v1.4.7 (conntrack-tools): ${ns.conntrack.length} flow entries have been shown.\n`;
}
