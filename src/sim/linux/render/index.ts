/**
 * One entry point for every text view of a node (or of one pod's namespace), used by the
 * CLI `show` command and the UI inspector. View names are the commands a user would type.
 */
import type { Netns, NodeNetwork } from '../model.ts';
import { renderConntrack, runConntrackCommand } from './conntrack.ts';
import { runIptablesCommand, type IptablesCommandResult } from './iptables-command.ts';
import { renderIptablesS, renderIptablesSave } from './iptables.ts';
import { renderIpAddr, renderIpBriefAddr, renderIpLink } from './ip-link.ts';
import { runIpCommand } from './ip-command.ts';
import { renderArpN, renderRouteN } from './net-tools.ts';
import { parseTable, renderIpNeigh, renderIpRoute, renderIpRouteAll, renderIpRule } from './ip-route.ts';
import { renderRpFilter, renderSysctl } from './sysctl.ts';
import { renderIpsetList, renderIpvsadm, runIpvsCommand } from './ipvs.ts';

export const VIEW_NAMES = [
  'ip addr',
  'ip -br addr',
  'ip link',
  'ip -d link show',
  'ip rule',
  'ip route',
  'ip route show table all',
  'ip route show table',
  'ip neigh',
  'iptables -t raw -S',
  'iptables -t mangle -S',
  'iptables -t nat -S',
  'iptables -t filter -S',
  'iptables-save',
  'conntrack -L',
  'route -n',
  'arp -n',
  'sysctl rp_filter',
  'sysctl net.ipv4.ip_forward',
  'sysctl net.ipv4.tcp_early_demux',
  'ipvsadm -Ln',
  'ipvsadm -Ln --stats',
  'ipset list',
] as const;

export type ViewName = (typeof VIEW_NAMES)[number];

export interface ViewOptions {
  /** Render inside this pod's namespace: `namespace/name`, or just `name` if unique. */
  pod?: string;
  /** For `ip route show table`: `main`, `local`, `default`, `all` or a number (default main). */
  table?: string;
  /** For `iptables -t <table> -S`: one chain (default: the whole table). */
  chain?: string;
  /** For `sysctl rp_filter`: one interface (default: all, default and every link). */
  iface?: string;
  /** For `iptables-save`: the time printed in its comments (ms since epoch, UTC; default 0). */
  timeMs?: number;
  /** For `ipset list`: one set (default: every set). */
  set?: string;
}

/** The pod's namespace by `ns/name` or unique `name`; undefined when none matches. */
export function findPodNetns(net: NodeNetwork, pod: string): Netns | undefined {
  if (pod.includes('/')) return net.pods.find((p) => `${p.namespace}/${p.pod}` === pod);
  const matches = net.pods.filter((p) => p.pod === pod);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The text `view` prints on the node, or inside `opts.pod`'s namespace. Bad options produce
 * the error text the real tools would print, never an exception.
 */
export function renderView(net: NodeNetwork, view: ViewName, opts: ViewOptions = {}): string {
  let ns: Netns = net.host;
  if (opts.pod !== undefined) {
    const found = findPodNetns(net, opts.pod);
    if (!found) return `Cannot open network namespace "${opts.pod}": No such file or directory\n`;
    ns = found;
  }
  switch (view) {
    case 'ip addr':
      return renderIpAddr(ns);
    case 'ip -br addr':
      return renderIpBriefAddr(ns);
    case 'ip link':
      return renderIpLink(ns);
    case 'ip -d link show':
      return runIpCommand(net, ns, ['-d', 'link', 'show']) ?? '';
    case 'ip rule':
      return renderIpRule(ns);
    case 'ip route':
      return renderIpRoute(ns);
    case 'ip route show table all':
      return renderIpRouteAll(ns);
    case 'ip route show table': {
      const table = parseTable(opts.table ?? 'main');
      if (table === undefined) return `Error: argument "${opts.table}" is wrong: table id value is invalid\n\n`;
      return table === 'all' ? renderIpRouteAll(ns) : renderIpRoute(ns, table);
    }
    case 'ip neigh':
      return renderIpNeigh(ns);
    case 'iptables -t raw -S':
      return renderIptablesS(ns, 'raw', opts.chain === undefined ? {} : { chain: opts.chain }, net.config.iptablesBackend);
    case 'iptables -t mangle -S':
      return renderIptablesS(ns, 'mangle', opts.chain === undefined ? {} : { chain: opts.chain }, net.config.iptablesBackend);
    case 'iptables -t nat -S':
      return renderIptablesS(ns, 'nat', opts.chain === undefined ? {} : { chain: opts.chain }, net.config.iptablesBackend);
    case 'iptables -t filter -S':
      return renderIptablesS(ns, 'filter', opts.chain === undefined ? {} : { chain: opts.chain }, net.config.iptablesBackend);
    case 'iptables-save':
      return renderIptablesSave(ns, net.config.iptablesBackend, opts.timeMs ?? 0);
    case 'conntrack -L':
      return renderConntrack(ns);
    case 'route -n':
      return renderRouteN(ns);
    case 'arp -n':
      return renderArpN(ns);
    case 'sysctl rp_filter':
      return renderRpFilter(ns, opts.iface);
    case 'sysctl net.ipv4.ip_forward':
      return renderSysctl(ns, 'net.ipv4.ip_forward');
    case 'sysctl net.ipv4.tcp_early_demux':
      return renderSysctl(ns, 'net.ipv4.tcp_early_demux');
    case 'ipvsadm -Ln':
      return renderIpvsadm(ns);
    case 'ipvsadm -Ln --stats':
      return renderIpvsadm(ns, true);
    case 'ipset list': {
      const r = renderIpsetList(ns, opts.set);
      return r.error ?? r.output;
    }
  }
}

/** What a typed node command printed, and the counters it asked to zero (`iptables -Z`). */
export interface NodeCommandResult {
  output: string;
  zero?: IptablesCommandResult['zero'];
}

/** Longest command line accepted (a typed line, not a script). */
const MAX_COMMAND = 512;

/**
 * A command line typed on the node (or in a pod's namespace): one of `VIEW_NAMES`,
 * `ip route show table <t>`, `ip [-d] link|addr [show] [dev <name>] [type <kind>] [up]` (and iproute2's
 * answers to an unknown option, object, command or device: ip-command.ts), `sysctl rp_filter <iface>`, any listing `iptables …` command
 * (`-S`/`-L`/`-Z` with their options) or `conntrack -L` with filters. Undefined when the
 * command is none of these (the caller lists what is available).
 */
export function runNodeCommand(net: NodeNetwork, text: string, opts: ViewOptions = {}): NodeCommandResult | undefined {
  const line = text.trim().slice(0, MAX_COMMAND);
  if ((VIEW_NAMES as readonly string[]).includes(line)) return { output: renderView(net, line as ViewName, opts) };
  const table = /^ip route show table (\S+)$/.exec(line);
  if (table) return { output: renderView(net, 'ip route show table', { ...opts, table: table[1] }) };
  const rp = /^sysctl rp_filter (\S+)$/.exec(line);
  if (rp) return { output: renderView(net, 'sysctl rp_filter', { ...opts, iface: rp[1] }) };
  const words = line.split(/\s+/);
  if (words[0] === 'ip') {
    const ns = opts.pod === undefined ? net.host : findPodNetns(net, opts.pod);
    if (!ns) return { output: `Cannot open network namespace "${opts.pod}": No such file or directory\n` };
    const out = runIpCommand(net, ns, words.slice(1));
    return out === undefined ? undefined : { output: out };
  }
  if (words[0] === 'ipvsadm' || words[0] === 'ipset') {
    const ns = opts.pod === undefined ? net.host : findPodNetns(net, opts.pod);
    if (!ns) return { output: `Cannot open network namespace "${opts.pod}": No such file or directory\n` };
    const out = runIpvsCommand(ns, words.join(' '));
    return out === undefined ? undefined : { output: out };
  }
  if (words[0] !== 'iptables' && words[0] !== 'conntrack') return undefined;
  let ns: Netns = net.host;
  if (opts.pod !== undefined) {
    const found = findPodNetns(net, opts.pod);
    if (!found) return { output: `Cannot open network namespace "${opts.pod}": No such file or directory\n` };
    ns = found;
  }
  if (words[0] === 'conntrack') return { output: runConntrackCommand(ns, words.slice(1)) };
  const r = runIptablesCommand(ns, words.slice(1), net.config.iptablesBackend);
  return r.zero ? { output: r.output, zero: r.zero } : { output: r.output };
}
