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

const CT_USAGE = "Try `conntrack -h' or 'conntrack --help' for more information.\n";
const ctError = (text: string) => `conntrack v1.4.7 (conntrack-tools): ${text}\n${CT_USAGE}`;

type CtFilter = (e: ConntrackEntry) => boolean;

const ADDRESS_OPTS: Record<string, (e: ConntrackEntry) => number> = {
  '-s': (e) => e.original.src, '--src': (e) => e.original.src, '--orig-src': (e) => e.original.src,
  '-d': (e) => e.original.dst, '--dst': (e) => e.original.dst, '--orig-dst': (e) => e.original.dst,
  '-r': (e) => e.reply.src, '--reply-src': (e) => e.reply.src,
  '-q': (e) => e.reply.dst, '--reply-dst': (e) => e.reply.dst,
};
/** Port options exist only once `-p tcp|udp` has loaded the protocol's options (else "unknown option"). */
const PORT_OPTS: Record<string, (e: ConntrackEntry) => number | undefined> = {
  '--sport': (e) => e.original.sport, '--orig-port-src': (e) => e.original.sport,
  '--dport': (e) => e.original.dport, '--orig-port-dst': (e) => e.original.dport,
  '--reply-port-src': (e) => e.reply.sport, '--reply-port-dst': (e) => e.reply.dport,
};

/** An IPv4 address (optionally `/len`) as conntrack's parser takes it; undefined when invalid. */
function parseAddress(text: string): { base: number; mask: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const len = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || len > 32) return undefined;
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return { base: ((((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0) & mask) >>> 0, mask };
}

/**
 * `conntrack -L [filters]` as a user types it on the node (the words after `conntrack`):
 * `-p`, `-s/-d/-r/-q` (and long forms), the protocol's port options after `-p tcp|udp`,
 * `-n/--src-nat`, `-g/--dst-nat`; errors as conntrack 1.4.7 words them.
 */
export function runConntrackCommand(ns: Netns, words: readonly string[]): string {
  if (words.length > 32) return ctError('too many arguments');
  if (words[0] !== '-L' && words[0] !== '--dump') return ctError('only -L (list) is available on this read-only node');
  const filters: CtFilter[] = [];
  let proto: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    const value = words[i + 1];
    if (w === '-p' || w === '--proto') {
      if (value === undefined) return ctError(`option \`${w}' requires an argument`);
      if (!['tcp', 'udp', 'icmp'].includes(value)) return ctError(`\`${value.slice(0, 64)}' unsupported protocol`);
      proto = value;
      filters.push((e) => e.protocol === value);
      i++;
    } else if (w in ADDRESS_OPTS) {
      if (value === undefined) return ctError(`option \`${w}' requires an argument`);
      const a = parseAddress(value);
      if (!a) return ctError(`Invalid IP address \`${value.slice(0, 64)}'`);
      const field = ADDRESS_OPTS[w];
      filters.push((e) => ((field(e) & a.mask) >>> 0) === a.base);
      i++;
    } else if (w in PORT_OPTS && (proto === 'tcp' || proto === 'udp')) {
      if (value === undefined) return ctError(`option \`${w}' requires an argument`);
      const port = Number.parseInt(value, 10) || 0;
      const field = PORT_OPTS[w];
      filters.push((e) => field(e) === port);
      i++;
    } else if (w === '-n' || w === '--src-nat') filters.push((e) => e.reply.dst !== e.original.src);
    else if (w === '-g' || w === '--dst-nat') filters.push((e) => e.reply.src !== e.original.dst);
    else return ctError(`unknown option \`${w.slice(0, 64)}'`);
  }
  const shown = ns.conntrack.filter((e) => filters.every((f) => f(e)));
  const lines = shown.map((e) => `${conntrackLine(e)}\n`).join('');
  return `${lines}conntrack v1.4.7 (conntrack-tools): ${shown.length} flow entries have been shown.\n`;
}
