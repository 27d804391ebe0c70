/**
 * The packet the tracer carries, and its printable form.
 */
import { formatIpv4 } from '../net/ipv4.ts';

export type Proto = 'icmp' | 'tcp' | 'udp';

/** A packet in flight. For ICMP, sport holds the echo identifier and dport is 0. */
export interface Packet {
  src: number;
  dst: number;
  proto: Proto;
  sport: number;
  dport: number;
  /** skb->mark (fwmark). */
  mark: number;
}

/** A packet as the trace shows it. */
export interface PacketView {
  src: string;
  dst: string;
  proto: Proto;
  sport?: number;
  dport?: number;
  /** ICMP echo identifier (SNAT with --random-fully changes it like a port). */
  id?: number;
  /** fwmark in hex, shown only when set. */
  mark?: string;
}

/** Printable copy of a packet. */
export function viewPacket(p: Packet): PacketView {
  const v: PacketView = { src: formatIpv4(p.src), dst: formatIpv4(p.dst), proto: p.proto };
  if (p.proto !== 'icmp') {
    v.sport = p.sport;
    v.dport = p.dport;
  } else {
    v.id = p.sport;
  }
  if (p.mark) v.mark = '0x' + p.mark.toString(16);
  return v;
}

export function copyPacket(p: Packet): Packet {
  return { ...p };
}

/**
 * Bytes of the packets a walk stands for, as the counters add them: a TCP SYN (and SYN-ACK)
 * with Linux's options is 60 bytes (IP 20 + TCP 40: MSS, SACK, timestamps, window scale); a
 * UDP datagram with a one-byte payload 29; an ICMP echo from `ping` (56 data bytes) 84.
 * Checked against the kernel counters in kube-proxy/fixtures (8 connections → 480 bytes).
 */
export function packetBytes(proto: Proto): number {
  return proto === 'tcp' ? 60 : proto === 'udp' ? 29 : 84;
}
