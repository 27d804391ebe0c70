/**
 * IPv4 addresses and CIDR blocks as branded primitives.
 *
 * Addresses are unsigned 32-bit numbers inside the engine (cheap to compare, sort and
 * count at 25,000 pods); strings only appear at the edges. Parsing is delegated to
 * ipaddr.js so that odd spellings ("010.0.0.1", "1.2.3") are refused the way a user expects.
 */
import ipaddr from 'ipaddr.js';

export type Ipv4 = number & { readonly __brand: 'Ipv4' };
export interface Cidr {
  readonly base: Ipv4;
  readonly prefixLength: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses dotted-quad text into an address, or says why not. Never throws. */
export function parseIpv4(text: string): Parsed<Ipv4> {
  if (typeof text !== 'string' || !ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { ok: false, error: `"${String(text)}" is not an IPv4 address (expected four decimal parts, like 10.0.0.1)` };
  }
  const bytes = ipaddr.IPv4.parse(text).octets;
  return { ok: true, value: (((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0) as Ipv4 };
}

/** Parses "a.b.c.d/n"; the base must be the network address (AWS refuses host bits too). */
export function parseCidr(text: string): Parsed<Cidr> {
  if (typeof text !== 'string') return { ok: false, error: `${String(text)} is not a CIDR block` };
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, error: `"${text}" is not a CIDR block (expected address/prefix-length, like 10.0.0.0/16)` };
  const ip = parseIpv4(text.slice(0, slash));
  if (!ip.ok) return ip;
  const lenText = text.slice(slash + 1);
  const len = /^\d{1,2}$/.test(lenText) ? Number(lenText) : NaN;
  if (!(len >= 0 && len <= 32)) return { ok: false, error: `"${text}" has an invalid prefix length (0 to 32)` };
  if ((ip.value & maskOf(len)) >>> 0 !== ip.value) {
    return { ok: false, error: `"${text}" has host bits set; the block is ${formatCidr(cidr(ip.value, len))}` };
  }
  return { ok: true, value: cidr(ip.value, len) };
}

/** The netmask of a prefix length, as an unsigned number. */
export function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function cidr(base: number, prefixLength: number): Cidr {
  return { base: ((base & maskOf(prefixLength)) >>> 0) as Ipv4, prefixLength };
}

export function ipv4(n: number): Ipv4 {
  return (n >>> 0) as Ipv4;
}

export function formatIpv4(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.base)}/${c.prefixLength}`;
}

export function cidrSize(c: Cidr): number {
  return 2 ** (32 - c.prefixLength);
}

export function cidrLast(c: Cidr): Ipv4 {
  return ((c.base + cidrSize(c) - 1) >>> 0) as Ipv4;
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ((ip & maskOf(c.prefixLength)) >>> 0) === c.base;
}

/** True when a lies completely inside b. */
export function cidrWithin(a: Cidr, b: Cidr): boolean {
  return a.prefixLength >= b.prefixLength && cidrContains(b, a.base);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b.base) || cidrContains(b, a.base);
}

/** Test helper and CLI convenience: parse or throw (never used on user input in the engine). */
export function mustIpv4(text: string): Ipv4 {
  const r = parseIpv4(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

export function mustCidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
