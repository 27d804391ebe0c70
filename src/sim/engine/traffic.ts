/**
 * Traffic the scenario sends (`traffic` commands, "send 100 requests"), and what it leaves on
 * the nodes: counters on the iptables rules it met, conntrack entries, ClientIP affinity lists.
 *
 * A connection is walked as its first packet and the reply (the tracer's two walks): the nat
 * counters, which only a connection's first packet moves, are what the kernel shows; filter
 * and mangle counters count those two packets (a real TCP exchange adds its ACKs and data).
 * A TCP connection that was answered is left closed, in TIME_WAIT for 120 s, as `curl` leaves
 * it (kube-proxy/fixtures/node-a.conntrack-L.txt); UDP and ICMP entries live 30 s.
 */
import type { ConntrackEntry as ModelEntry, NetfilterTableName } from '../linux/model.ts';
import type { CounterLookup, NodeNetworkInput } from '../linux/input.ts';
import { DatapathState } from '../datapath/state.ts';
import { mustIpv4 } from '../net/ipv4.ts';
import type { ApplyResult, NetworkInputs } from '../simulation-api.ts';
import type { Command } from '../spec.ts';
import { et, type EngineText } from '../engine-text.ts';
import type { Spread } from '../trace/spread.ts';
import type { TracedFlow } from '../trace/tracer.ts';
import type { TrafficWalks } from './traffic-walks.ts';
import type { Walkable } from '../trace/world.ts';
import type { Random } from '../clock/random.ts';
import type { KubeProxy } from '../kube-proxy/proxier.ts';
import type { ServiceObject } from '../k8s/services/objects.ts';

/** TIME_WAIT (nf_conntrack_tcp_timeout_time_wait), SYN_SENT, UDP and ICMP timeouts (kernel defaults). */
const TIME_WAIT_S = 120;
const SYN_SENT_S = 120;
/** nf_conntrack_tcp_timeout_syn_recv. */
const SYN_RECV_S = 60;
const UDP_S = 30;
const ICMP_S = 30;

type TrafficCommand = Extract<Command, { type: 'traffic' }>;
type ZeroCommand = Extract<Command, { type: 'zeroCounters' }>;

const sameTuple = (a: ModelEntry, b: ModelEntry) =>
  a.protocol === b.protocol && a.original.src === b.original.src && a.original.dst === b.original.dst &&
  a.original.sport === b.original.sport && a.original.dport === b.original.dport && a.original.icmpId === b.original.icmpId;

/** The entry a finished exchange leaves, as `conntrack -L` shows it. */
function settled(walks: TrafficWalks, flow: TracedFlow['connections'][number]['entry']): { entry: ModelEntry; timeoutS: number } {
  const entry = walks.toModelEntry(flow);
  if (entry.protocol === 'tcp') {
    // The SYN-ACK passed conntrack but never reached the client (early demux, e.9): no TIME_WAIT.
    if (flow.halfOpen) return { entry, timeoutS: SYN_RECV_S };
    if (flow.replied) return { entry: { ...entry, tcpState: 'TIME_WAIT', assured: true, unreplied: false }, timeoutS: TIME_WAIT_S };
    return { entry: { ...entry, tcpState: 'SYN_SENT' }, timeoutS: SYN_SENT_S };
  }
  return { entry, timeoutS: entry.protocol === 'udp' ? UDP_S : ICMP_S };
}

/** Seconds left as the kernel prints them (rounded down; 119 just after a 120 s entry is made). */
const secondsLeft = (expiresMs: number, nowMs: number) => Math.max(0, Math.floor((expiresMs - nowMs - 1) / 1000));

export interface TrafficHost {
  now(): number;
  readonly seed: number;
  /** The network now, as the tracer's inputs. */
  inputs(): NetworkInputs;
  /** The packet walks (traffic-walks.ts), once loaded; a `traffic` command fails clearly without them. */
  walks(): TrafficWalks | undefined;
  joinedAtMs(node: string): number | undefined;
  /** `text`: the same sentence as a message id and values (engine-text.ts). */
  say(message: string, touches: string[], text: EngineText): void;
  /** The node's counters, conntrack or affinity lists changed (its Linux view is stale). */
  changed?(node: string): void;
}

export class Traffic {
  readonly state = new DatapathState<ModelEntry>();
  /** Next ephemeral port per client, so later traffic opens new connections. */
  private readonly nextPort = new Map<string, number>();
  /** Where the last `traffic` command's connections went (for the UI). */
  lastSpread?: Spread;

  constructor(
    private readonly host: TrafficHost,
    private readonly kubeProxy: KubeProxy,
    private readonly random: Random,
  ) {}

  private rewrittenAt(node: string, table: NetfilterTableName, chain: string): number {
    const joined = this.host.joinedAtMs(node);
    return joined === undefined ? 0 : this.kubeProxy.rewrittenAtMs(table, chain, joined, this.host.now());
  }

  /** Runs a `traffic` command now. */
  send(c: TrafficCommand): ApplyResult {
    const walks = this.host.walks();
    if (!walks) return { ok: false, error: 'the packet walks of the engine were not loaded for this traffic command (src/sim/index.ts loads them)' };
    const w = walks.worldFromInputs(this.host.inputs());
    const from = walks.resolveSource(w, c.from);
    if (typeof from === 'string') return { ok: false, error: from };
    const to = walks.resolveDestination(w, c.to);
    if (typeof to === 'string') return { ok: false, error: to };
    const key = `${c.from} ${c.proto}`;
    const first = this.nextPort.get(key) ?? (c.proto === 'icmp' ? 1 + this.random.int(60000) : walks.ephemeralPort(32768 + 2 * this.random.int(14000), 0));
    const { spread, flows } = walks.traceSpread(w, { from: c.from, to: c.to, proto: c.proto, ...(c.dport ? { dport: c.dport } : {}), sport: first }, c.count);
    this.nextPort.set(key, c.proto === 'icmp' ? ((first + spread.count - 1) % 65535) + 1 : walks.ephemeralPort(first, spread.count));
    for (const f of flows) this.record(walks, w, f);
    this.lastSpread = spread;
    const where = spread.byEndpoint.map((e) => `${e.endpoint} ${e.count}`).join(', ');
    const lost = spread.count - spread.delivered;
    const why = spread.dropped[0];
    this.host.say(`traffic: ${spread.count} ${c.proto} ${c.proto === 'icmp' ? 'echoes' : 'connections'} from ${c.from} to ${c.to}${c.dport ? `:${c.dport}` : ''}${where ? ` → ${where}` : ''}${lost ? `; ${lost} dropped (${why?.reason ?? ''})` : ''}`, [], et('sim.traffic.sent', {
      count: spread.count, proto: c.proto, from: c.from, to: `${c.to}${c.dport ? `:${c.dport}` : ''}`,
      landed: where ? et('sim.traffic.landed', { where }) : '', lost: lost ? et('sim.traffic.lost', { lost, why: why?.text ?? why?.reason ?? '' }) : '',
    }));
    return { ok: true };
  }

  private record(walks: TrafficWalks, w: Walkable, f: TracedFlow): void {
    const now = this.host.now();
    const isNode = (ns: string) => { const r = w.namespace(ns); return !!r && !r.pod; };
    for (const h of f.result.counters) {
      if (!isNode(h.ns)) continue;
      const table = h.table as NetfilterTableName;
      this.state.count(h.ns, table, h.chain, h.text.slice(`-A ${h.chain}`.length), h.bytes, now, this.rewrittenAt(h.ns, table, h.chain));
    }
    for (const p of f.result.policies) {
      if (isNode(p.ns)) this.state.count(p.ns, p.table as NetfilterTableName, p.chain, '', p.bytes, now, 0);
    }
    for (const r of f.result.recentSets) if (isNode(r.ns)) this.state.recentSet(r.ns, r.list, mustIpv4(r.ip), now);
    for (const c of f.connections) {
      if (!isNode(c.ns)) continue;
      const { entry, timeoutS } = settled(walks, c.entry);
      this.state.keepConnection(c.ns, entry, (x) => sameTuple(x, entry), now, timeoutS);
    }
    const touched = new Set<string>();
    for (const x of [...f.result.counters, ...f.result.policies, ...f.result.recentSets, ...f.connections]) if (isNode(x.ns)) touched.add(x.ns);
    for (const n of touched) this.host.changed?.(n);
  }

  /** Runs a `zeroCounters` command now. */
  zero(c: ZeroCommand): ApplyResult {
    this.state.zero(c.node, c.table, c.chain);
    for (const n of c.node === undefined ? this.state.nodeNames() : [c.node]) this.host.changed?.(n);
    return { ok: true };
  }

  /** kube-proxy's UDP clean-up: entries whose reply comes from an endpoint that went away. */
  forgetUdpEndpoint(ip: string, port: number): void {
    const addr = mustIpv4(ip);
    for (const node of this.state.dropConnections((e) => e.protocol === 'udp' && e.reply.src === addr && e.reply.sport === port)) this.host.changed?.(node);
  }

  /** Puts counters, conntrack and affinity lists on the network inputs. */
  /** A node's counters and conntrack table as traffic left them (what its Linux model shows). */
  decorateNode(n: NodeNetworkInput): void {
    const now = this.host.now();
    const node = n.nodeName;
    const lookup: CounterLookup = (table, chain) => this.state.chainCounters(node, table, chain, this.rewrittenAt(node, table, chain));
    n.counters = lookup;
    const live = this.state.connections(node, now);
    if (live.length) n.conntrack = live.map((c) => ({ ...c.entry, timeout: secondsLeft(c.lastSeenMs + c.timeoutS * 1000, now) }));
  }

  /** The `xt_recent` lists traffic left on the nodes, as of now. */
  recentSeen(): NonNullable<NetworkInputs['recentSeen']> {
    const now = this.host.now();
    return (node, list, ip, seconds) => this.state.recentSeen(node, list, ip, seconds, now);
  }

  /** Every node's counters and conntrack, and the affinity lists. */
  decorate(inputs: NetworkInputs): void {
    for (const n of inputs.nodes) this.decorateNode(n);
    inputs.recentSeen = this.recentSeen();
  }

  /**
   * When the node's Linux view next changes by time alone: a conntrack entry's timeout ticks
   * down a second or the entry expires, or kube-proxy's full sync (hourly; every 30 s in IPVS mode) flushes the counters
   * of its chains. Infinity when traffic left nothing on the node.
   */
  nextChangeMs(node: string, joinedAtMs: number | undefined): number {
    const now = this.host.now();
    let at = Infinity;
    for (const c of this.state.connections(node, now)) {
      const expires = c.lastSeenMs + c.timeoutS * 1000;
      const left = secondsLeft(expires, now);
      const tick = left > 0 ? expires - 1000 * left : expires;
      if (tick > now && tick < at) at = tick;
    }
    if (joinedAtMs !== undefined && this.state.hasCounters(node)) {
      const period = this.kubeProxy.fullSyncPeriodMs;
      const sync = joinedAtMs + (Math.floor(Math.max(0, now - joinedAtMs) / period) + 1) * period;
      if (sync < at) at = sync;
    }
    return at;
  }

  removeNode(node: string): void {
    this.state.removeNode(node);
  }
}

/**
 * A Service listener doing kube-proxy's UDP clean-up (`conntrack.CleanStaleEntries`): when a
 * UDP port's endpoint stops serving, the conntrack entries whose replies come from it go.
 */
export function udpConntrackCleanup(traffic: Traffic): (svc: ServiceObject, deleted: boolean) => void {
  const serving = new Map<string, Set<string>>();
  return (svc, deleted) => {
    const udp = svc.ports.map((p, i) => ({ p, i })).filter(({ p }) => p.protocol === 'UDP');
    if (!udp.length) return;
    const now = new Set<string>();
    if (!deleted) {
      for (const e of svc.endpoints.values()) {
        if (!e.serving && !e.ready) continue;
        for (const { i } of udp) if (e.ports[i] !== undefined) now.add(`${e.ip}:${e.ports[i]}`);
      }
    }
    for (const old of serving.get(svc.key) ?? []) {
      if (now.has(old)) continue;
      const [ip, port] = old.split(':');
      traffic.forgetUdpEndpoint(ip, Number(port));
    }
    if (deleted) serving.delete(svc.key);
    else serving.set(svc.key, now);
  };
}
