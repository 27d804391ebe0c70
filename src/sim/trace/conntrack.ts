/**
 * Per-namespace connection tracking: enough of nf_conntrack for the tracer to know
 * whether a packet starts a connection (nat chains see only that first packet), to keep
 * the connection mark (CONNMARK) and to undo NAT on the reply.
 */
import type { Ipv4 } from '../net/ipv4.ts';
import type { ConntrackEntry as ModelEntry, ConntrackTuple } from '../linux/model.ts';
import { conntrackLine } from '../linux/render/conntrack.ts';
import type { Packet, Proto } from './packet.ts';

export interface ConntrackEntry {
  proto: Proto;
  /** The original direction's tuple, as the first packet had it. */
  orig: { src: number; dst: number; sport: number; dport: number };
  /** `port`: the new source port / ICMP id when the rule randomises it (`--random[-fully]`). */
  snat?: { to: number; random?: 'random' | 'random-fully'; port?: number };
  dnat?: { to: number; port?: number };
  /** The IPVS virtual server (`ipvsadm -Ln` line) that made the DNAT, in IPVS mode. */
  ipvs?: string;
  mark: number;
  state: 'NEW' | 'ESTABLISHED';
  /** Has a reply been seen? */
  replied: boolean;
  /**
   * TCP: the answer was seen but the handshake never completed (the SYN-ACK was dropped after
   * conntrack saw it, e.9), so the kernel shows SYN_RECV, not ESTABLISHED.
   */
  halfOpen?: boolean;
  /** Namespace the entry lives in. */
  ns: string;
}

/** The reply tuple: what a reply packet looks like when it arrives. */
export function replyTuple(e: ConntrackEntry): { src: number; dst: number; sport: number; dport: number } {
  return {
    src: e.dnat?.to ?? e.orig.dst,
    dst: e.snat?.to ?? e.orig.src,
    sport: e.dnat?.port ?? e.orig.dport,
    dport: e.snat?.port ?? e.orig.sport,
  };
}

/** One namespace's table. */
export class ConntrackTable {
  readonly entries: ConntrackEntry[] = [];
  constructor(readonly ns: string) {}

  /** Finds the packet's connection and direction, or creates an unconfirmed NEW entry. */
  lookup(p: Packet): { entry: ConntrackEntry; direction: 'original' | 'reply'; fresh: boolean } {
    for (const e of this.entries) {
      if (e.proto !== p.proto) continue;
      const o = e.orig;
      if (o.src === p.src && o.dst === p.dst && o.sport === p.sport && o.dport === p.dport) return { entry: e, direction: 'original', fresh: false };
      const r = replyTuple(e);
      if (r.src === p.src && r.dst === p.dst && r.sport === p.sport && r.dport === p.dport) return { entry: e, direction: 'reply', fresh: false };
    }
    const entry: ConntrackEntry = { proto: p.proto, orig: { src: p.src, dst: p.dst, sport: p.sport, dport: p.dport }, mark: 0, state: 'NEW', replied: false, ns: this.ns };
    return { entry, direction: 'original', fresh: true };
  }

  /** Confirms a NEW entry (the kernel does it when the first packet leaves the stack). */
  confirm(e: ConntrackEntry): void {
    if (!this.entries.includes(e)) this.entries.push(e);
  }
}

/**
 * The entry in the linux model's shape, timeouts as just after the exchange: an answered TCP
 * connection ESTABLISHED for `establishedS` (the node's nf_conntrack_tcp_timeout_established:
 * the kernel's 432000, or kube-proxy's 86400), a half-open one SYN_RECV 60 s, a SYN 120 s, UDP and ICMP 30 s.
 */
export function toModelEntry(e: ConntrackEntry, establishedS = 432000): ModelEntry {
  const r = replyTuple(e);
  const o = e.orig;
  const tuple = (src: number, dst: number, sport: number, dport: number, reply: boolean): ConntrackTuple =>
    e.proto === 'icmp'
      ? { src: src as Ipv4, dst: dst as Ipv4, icmpType: reply ? 0 : 8, icmpCode: 0, icmpId: reply ? dport : sport }
      : { src: src as Ipv4, dst: dst as Ipv4, sport, dport };
  const out: ModelEntry = {
    protocol: e.proto,
    // nf_conntrack_tcp_timeout_{established,syn_recv,syn_sent} (established: the node's; syn_recv 60 s, syn_sent 120 s), udp/icmp 30 s, as listed a moment later.
    timeout: e.proto === 'tcp' ? (e.halfOpen ? 59 : e.replied ? establishedS - 1 : 119) : 29,
    original: tuple(o.src, o.dst, o.sport, o.dport, false),
    reply: tuple(r.src, r.dst, r.sport, r.dport, true),
    mark: e.mark,
    use: 1,
  };
  if (e.proto === 'tcp') out.tcpState = e.halfOpen ? 'SYN_RECV' : e.replied ? 'ESTABLISHED' : 'SYN_SENT';
  if (!e.replied) out.unreplied = true;
  if (e.replied && e.proto === 'tcp' && !e.halfOpen) out.assured = true;
  return out;
}

/** An entry as `conntrack -L` prints it (the linux model's renderer). */
export function formatConntrack(e: ConntrackEntry, establishedS?: number): string {
  return conntrackLine(toModelEntry(e, establishedS));
}
