/**
 * Early demux (ip_rcv_finish_core): before routing an incoming packet, the kernel looks for
 * an established socket of this namespace that the packet belongs to and, on a match, ties
 * the packet to it (skb->sk). That is only an optimisation for packets delivered locally;
 * a packet that routing then sends on is dropped, because `ip_forward` never forwards a
 * packet that belongs to a local socket.
 *
 * It matters for a node and its own branch-ENI pods in strict mode (vpc-cni-behaviour.md
 * e.9): the pod's reply to the node's own address comes in on the pod's host veth and is
 * routed by the priority-10 `iif` rule back out of `vlan.eth.<id>`, so it must be forwarded
 * (it reaches the node again through the VPC), yet its tuple is the node's own connection.
 * TCP sockets match (`net.ipv4.tcp_early_demux`, written by aws-node's init container from
 * `DISABLE_TCP_EARLY_DEMUX`), UDP sockets only when connected (`net.ipv4.udp_early_demux`),
 * ICMP never.
 */
import { et, type EngineText } from '../engine-text.ts';
import { formatIpv4 } from '../net/ipv4.ts';
import type { Packet, Proto } from './packet.ts';
import { sysctlNumber } from './routing.ts';
import type { NsRef } from './world.ts';

/** The sending end of a walk's connection, as a socket in the namespace that sent it. */
export interface TraceSocket {
  ns: string;
  proto: Proto;
  local: number;
  lport: number;
  remote: number;
  rport: number;
  /** TCP always; UDP after connect(2). Only connected sockets are found by early demux. */
  connected: boolean;
}

/** A socket early demux tied the packet to, and the sysctl that let it. */
export interface DemuxMatch {
  socket: TraceSocket;
  sysctl: 'net.ipv4.tcp_early_demux' | 'net.ipv4.udp_early_demux';
}

/** The socket of `ref` that early demux would tie this incoming packet to, if any. */
export function earlyDemux(ref: NsRef, sockets: readonly TraceSocket[], p: Packet): DemuxMatch | undefined {
  if (p.proto === 'icmp') return undefined;
  // Kernel defaults are 1 for all three; a namespace without the entry keeps the default.
  if (sysctlNumber(ref.netns, 'net.ipv4.ip_early_demux', 1) !== 1) return undefined;
  const sysctl = p.proto === 'tcp' ? 'net.ipv4.tcp_early_demux' : 'net.ipv4.udp_early_demux';
  if (sysctlNumber(ref.netns, sysctl, 1) !== 1) return undefined;
  const socket = sockets.find(
    (s) => s.ns === ref.id && s.connected && s.proto === p.proto && s.local === p.dst && s.lport === p.dport && s.remote === p.src && s.rport === p.sport,
  );
  return socket ? { socket, sysctl } : undefined;
}

/** Why the packet is dropped, naming the sysctl and what sets it. */
export function demuxDropReason(m: DemuxMatch): { en: string; text: EngineText } {
  const s = m.socket;
  const tuple = `${formatIpv4(s.local)}:${s.lport} ↔ ${formatIpv4(s.remote)}:${s.rport}`;
  const fix =
    m.sysctl === 'net.ipv4.tcp_early_demux'
      ? 'aws-node sets it to 0 when DISABLE_TCP_EARLY_DEMUX=true (its init container writes the sysctl)'
      : 'aws-node has no setting for it: DISABLE_TCP_EARLY_DEMUX covers TCP only';
  const en = `early demux (${m.sysctl} = 1) tied this packet to the local ${s.proto.toUpperCase()} socket ${tuple} before routing; routing then forwards it, and the kernel never forwards a packet that belongs to a local socket (ip_forward drops it); ${fix}`;
  const tcp = m.sysctl === 'net.ipv4.tcp_early_demux';
  return { en, text: et('sim.hop.earlyDemux', { sysctl: m.sysctl, proto: s.proto.toUpperCase(), tuple, fix: et(tcp ? 'sim.hop.demuxFixTcp' : 'sim.hop.demuxFixUdp') }) };
}
