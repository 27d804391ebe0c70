/**
 * "Send 100 requests": `count` new connections from the same client, each from the next
 * ephemeral port (as `curl` in a loop opens them), walked one after another, and where they
 * ended up. Each connection draws its own `-m statistic` and load balancer choices from the
 * seed and its ports, so the spread is reproducible and close to the rules' probabilities;
 * ClientIP affinity lists set by one connection are seen by the next.
 */
import { mustIpv4 } from '../net/ipv4.ts';
import type { EngineText } from '../engine-text.ts';
import type { TraceRequest } from './hop.ts';
import { traceFlow, type TracedFlow } from './tracer.ts';
import type { Walkable } from './world.ts';

/** Linux's default `net.ipv4.ip_local_port_range`. */
const PORT_LOW = 32768;
const PORT_HIGH = 60999;
/** Most connections one call walks. */
export const MAX_SPREAD = 1000;

/** Where the connections went. */
export interface Spread {
  count: number;
  delivered: number;
  replied: number;
  /** Per endpoint (pod, node, host or address:port), most first. */
  byEndpoint: { endpoint: string; count: number }[];
  /** Why the others were dropped, most first. */
  dropped: { reason: string; count: number; text?: EngineText }[];
}

/**
 * The source port of the i-th connection: connect() takes even ports first, stepping by 2
 * through the local port range (the capture in kube-proxy/fixtures shows 58074, 58078, …).
 */
export function ephemeralPort(first: number, i: number): number {
  const span = PORT_HIGH - PORT_LOW + 1;
  const start = first - PORT_LOW;
  return PORT_LOW + ((((start + 2 * i) % span) + span) % span);
}

function label(f: TracedFlow): string {
  const e = f.result.endpoint;
  if (!e) return '?';
  return e.pod ?? e.host ?? (e.node && !e.pod ? `node ${e.node}` : `${e.ip}${e.port !== undefined ? `:${e.port}` : ''}`);
}

/** Most first, then by name. */
const sorted = (m: Map<string, number>) => [...m].toSorted((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

/** Walks `count` connections (at most MAX_SPREAD) and tallies where they landed. */
export function traceSpread(w: Walkable, req: TraceRequest, count: number): { spread: Spread; flows: TracedFlow[] } {
  const n = Math.max(0, Math.min(MAX_SPREAD, Math.floor(count)));
  const first = req.sport ?? (req.proto === 'icmp' ? 1 : 40000);
  // Affinity records of earlier connections in this batch, over what traffic left before.
  const seen = new Map<string, number>();
  const world: Walkable = {
    ...w,
    recentSeen: (node, list, ip, seconds) => seen.has(`${node} ${list} ${ip}`) || !!w.recentSeen?.(node, list, ip, seconds),
  };
  const flows: TracedFlow[] = [];
  const byEndpoint = new Map<string, number>();
  const dropped = new Map<string, number>();
  const dropTexts = new Map<string, EngineText>();
  let delivered = 0;
  let replied = 0;
  for (let i = 0; i < n; i++) {
    const sport = req.proto === 'icmp' ? ((first + i - 1) % 65535) + 1 : ephemeralPort(first, i);
    const flow = traceFlow(world, { ...req, sport });
    flows.push(flow);
    for (const r of flow.result.recentSets) seen.set(`${r.ns} ${r.list} ${mustIpv4(r.ip)}`, w.nowMs);
    if (flow.result.delivered) {
      delivered++;
      const key = label(flow);
      byEndpoint.set(key, (byEndpoint.get(key) ?? 0) + 1);
    } else {
      const reason = flow.result.drop?.reason ?? 'not delivered';
      dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
      const text = flow.result.drop?.text;
      if (text) dropTexts.set(reason, text);
    }
    if (flow.result.replied) replied++;
  }
  return {
    spread: {
      count: n, delivered, replied,
      byEndpoint: sorted(byEndpoint).map(([endpoint, c]) => ({ endpoint, count: c })),
      dropped: sorted(dropped).map(([reason, c]) => {
        const text = dropTexts.get(reason);
        return text ? { reason, count: c, text } : { reason, count: c };
      }),
    },
    flows,
  };
}

/** `12 × default/web-1` lines for a terminal. */
export function spreadText(s: Spread): string {
  const lines = [`${s.count} connections: ${s.delivered} delivered, ${s.replied} answered`];
  for (const e of s.byEndpoint) lines.push(`  ${String(e.count).padStart(4)}  ${e.endpoint}`);
  for (const d of s.dropped) lines.push(`  ${String(d.count).padStart(4)}  dropped: ${d.reason}`);
  return `${lines.join('\n')}\n`;
}
