/**
 * Pure helpers that turn a walk's hops into what the datapath view shows: which node a hop
 * is on, which station of the picture it sits at, the real tool's output with the deciding
 * line marked, what a NAT point rewrote, and a drop in plain words.
 */
import type { Hop } from '../../sim/trace/hop.ts';
import type { PacketView } from '../../sim/trace/packet.ts';
import type { WalkNamespace } from '../../worker/protocol.ts';

/** The node a hop happens on; undefined in the VPC fabric or on the internet. */
export function nodeOf(ns: string): string | undefined {
  if (ns === 'vpc' || ns === 'internet') return undefined;
  return ns.split('/')[0];
}

/** For each hop, the node the view shows: its own, else the last node before it, else the next. */
export function focusNodes(hops: Hop[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let last: string | undefined;
  for (const h of hops) {
    last = nodeOf(h.where.ns) ?? last;
    out.push(last);
  }
  let next: string | undefined;
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === undefined) out[i] = next;
    else next = out[i];
  }
  return out;
}

/** Netfilter hooks in kernel order, with the tables each one runs. */
export const HOOKS = [
  { chain: 'PREROUTING', tables: ['raw', 'mangle', 'nat'] },
  { chain: 'INPUT', tables: ['mangle', 'filter'] },
  { chain: 'FORWARD', tables: ['mangle', 'filter'] },
  { chain: 'OUTPUT', tables: ['raw', 'mangle', 'nat', 'filter'] },
  { chain: 'POSTROUTING', tables: ['mangle', 'nat'] },
] as const;

/**
 * Where in the picture of `focus` the hop sits: `pod:<ns>`, `nf:<table> <chain>`, `rules`,
 * `routes`, `forward`, `dev:<device>`, `host`, `vpc`, `gateway`, `lb:<name>`, `internet`, `remote:<node>`.
 */
export function stationOf(h: Hop, focus: string | undefined): string {
  const { ns, device, table, chain } = h.where;
  if (ns === 'internet') return 'internet';
  if (ns === 'vpc') {
    if (device === 'igw' || device === 'nat-gateway') return 'gateway';
    // Load balancers sit on the fabric as `elb:<name>/<eni>` (the tracer of branch `services`).
    if (device?.startsWith('elb:')) return `lb:${device.slice(4).split('/')[0]}`;
    return 'vpc';
  }
  const node = nodeOf(ns);
  if (node !== focus) return `remote:${node}`;
  if (ns.includes('/')) return `pod:${ns}`;
  switch (h.step) {
    case 'netfilter':
    case 'conntrack':
      return netfilterStation(table, chain);
    case 'ip-rule':
      return 'rules';
    case 'route':
      return 'routes';
    case 'forward':
    case 'rp_filter':
      return 'forward';
    case 'neighbour':
    case 'transmit':
      return device ? `dev:${device}` : 'host';
    default:
      return 'host';
  }
}

/**
 * The hook pill a netfilter hop sits at: `nf:<table> <HOOK>`. An nftables chain (`nat-prerouting`
 * in table `ip aws-cni`, as on Amazon Linux 2023 nodes) sits at the hook its name or type says.
 */
function netfilterStation(table: string | undefined, chain: string | undefined): string {
  const hook = HOOKS.find((k) => k.chain === chain) ?? HOOKS.find((k) => (chain ?? '').toUpperCase().includes(k.chain)) ?? HOOKS[0];
  const tables = hook.tables as readonly string[];
  const t = tables.includes(table ?? '') ? table : tables.find((x) => (table ?? '').includes(x) || (chain ?? '').startsWith(x)) ?? tables.at(-1);
  return `nf:${t} ${hook.chain}`;
}

export interface ToolLine { text: string; mark?: 'decided' | 'matched' }
export interface ToolView { command: string; lines: ToolLine[] }

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

function marked(lines: string[], decided: string | undefined, matched: string[] = []): ToolLine[] {
  const d = decided === undefined ? undefined : norm(decided);
  const m = new Set(matched.map(norm));
  const out: ToolLine[] = lines.map((text) => {
    const n = norm(text);
    return n === d ? { text, mark: 'decided' } : m.has(n) ? { text, mark: 'matched' } : { text };
  });
  // The tracer's line is the truth: show it even if the renderer prints it differently.
  if (decided !== undefined && !out.some((l) => l.mark === 'decided')) out.push({ text: decided, mark: 'decided' });
  return out;
}

/** The real tool's output for a hop, with the line that decided it (and other matches) marked. */
export function toolViewFor(h: Hop, ns: WalkNamespace | undefined, conntrack: { ns: string; line: string }[] = []): ToolView | undefined {
  const prefix = ns?.pod ? `ip netns exec <${ns.pod.name}> ` : '';
  const views = ns?.views ?? {};
  switch (h.step) {
    case 'ip-rule':
      return { command: `${prefix}ip rule`, lines: marked(views['ip rule'] ?? [], h.entry) };
    case 'route': {
      const t = h.where.table ?? 'main';
      return { command: `${prefix}ip route show table ${t}`, lines: marked(views[`ip route show table ${t}`] ?? [], h.entry) };
    }
    case 'neighbour':
      return { command: `${prefix}ip neigh`, lines: marked(views['ip neigh'] ?? [], h.entry) };
    case 'netfilter': {
      const table = h.where.table ?? 'filter';
      const all = views[`iptables -t ${table} -S`];
      if (!all) return { command: table.startsWith('nft') ? `nft list table ${table.replace(/^nft /, '')}` : `iptables -t ${table} -S`, lines: marked([], h.entry, h.matched) };
      const chains = new Set([h.where.chain, ...(h.matched ?? []).map((m) => /^-A (\S+)/.exec(m)?.[1])]);
      const lines = all.filter((l) => chains.has(/^-[AP] (\S+)/.exec(l)?.[1]));
      return { command: `iptables -t ${table} -S`, lines: marked(lines, h.entry, h.matched) };
    }
    case 'ipvs':
      return { command: 'ipvsadm -Ln', lines: marked(views['ipvsadm -Ln'] ?? [], h.entry, h.matched) };
    case 'conntrack':
      return { command: 'conntrack -L', lines: conntrack.filter((c) => c.ns === h.where.ns).map((c) => ({ text: c.line, mark: 'matched' as const })) };
    default:
      return undefined;
  }
}

const endpoint = (ip: string, port?: number) => (port === undefined ? ip : `${ip}:${port}`);

/** `src → dst proto`, the way the transcript prints a packet. */
export function packetText(p: PacketView): string {
  return `${endpoint(p.src, p.sport)} → ${endpoint(p.dst, p.dport)} ${p.proto}${p.mark ? ` mark ${p.mark}` : ''}`;
}

/** What a NAT point (or the route's source choice) rewrote: `source` / `destination`, before → after. */
export function rewrites(h: Hop): { field: 'source' | 'destination'; before: string; after: string }[] {
  const out: { field: 'source' | 'destination'; before: string; after: string }[] = [];
  const s0 = endpoint(h.before.src, h.before.sport);
  const s1 = endpoint(h.after.src, h.after.sport);
  const d0 = endpoint(h.before.dst, h.before.dport);
  const d1 = endpoint(h.after.dst, h.after.dport);
  if (s0 !== s1) out.push({ field: 'source', before: s0, after: s1 });
  if (d0 !== d1) out.push({ field: 'destination', before: d0, after: d1 });
  return out;
}
