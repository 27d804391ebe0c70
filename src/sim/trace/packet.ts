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
