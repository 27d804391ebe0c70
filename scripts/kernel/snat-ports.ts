/**
 * `--random-fully` (vpc-cni-behaviour.md e.10): for every connection a node SNATed, did the
 * source port (ICMP: echo id) change? Kernel and simulator lines are read by the same
 * parser and compared as properties ("changed" / "kept"), never as values: the kernel's
 * random port is its own.
 */
import type { TraceResult } from '../../src/sim/trace/hop.ts';
import { inNs } from './shell.ts';

interface Tuple {
  src: string;
  dst: string;
  /** sport, or the ICMP id. */
  port: string;
}

/** The two tuples of a `conntrack -L` line (original, reply); undefined for other lines. */
export function conntrackTuples(line: string): { proto: string; orig: Tuple; reply: Tuple } | undefined {
  const proto = /^(tcp|udp|icmp)\s/.exec(line)?.[1];
  if (!proto) return undefined;
  const tuples: Partial<Tuple>[] = [];
  for (const [, key, value] of line.matchAll(/\b(src|dst|sport|dport|id)=(\S+)/g)) {
    if (key === 'src') tuples.push({ src: value });
    const t = tuples[tuples.length - 1];
    if (!t) continue;
    if (key === 'dst') t.dst = value;
    if ((key === 'sport' && proto !== 'icmp') || (key === 'id' && proto === 'icmp')) t.port = value;
    // The reply tuple's destination port is where the original source port went.
    if (key === 'dport' && proto !== 'icmp' && tuples.length === 2) t.port = value;
  }
  const [orig, reply] = tuples;
  if (!orig?.src || !orig.dst || !orig.port || !reply?.src || !reply.dst || !reply.port) return undefined;
  return { proto, orig: orig as Tuple, reply: reply as Tuple };
}

/** One line per SNATed connection: `proto src→snat-address port changed|kept`, sorted. */
export function snatPortSummary(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const t = conntrackTuples(line);
    if (!t || t.reply.dst === t.orig.src) continue;
    out.push(`${t.proto} ${t.orig.src}→${t.reply.dst} ${t.proto === 'icmp' ? 'id' : 'port'} ${t.reply.port === t.orig.port ? 'kept' : 'changed'}`);
  }
  return out.sort();
}

/** The node's conntrack table after a flow, summarised, against the walk's. */
export function snatPortCheck(label: string, node: string, ns: string, sim: TraceResult): { name: string; ok: boolean; kernel: string; sim: string } | undefined {
  const kernel = snatPortSummary(inNs(ns, ['conntrack', '-L']).stdout.split('\n'));
  const model = snatPortSummary(sim.conntrack.filter((c) => c.ns === node).map((c) => c.line));
  if (!kernel.length && !model.length) return undefined;
  return { name: `${label} SNAT source port on ${node}`, ok: kernel.join('; ') === model.join('; '), kernel: kernel.join('; ') || 'no SNATed connection', sim: model.join('; ') || 'no SNATed connection' };
}
