/**
 * IPv4 addresses and CIDR blocks read for the checks, each problem said with its text. The
 * engine's parsers (src/sim/net/ipv4.ts) decide; only the wording is here, one sentence per way
 * a text can fail, and a text too long to be an address is refused before it is echoed.
 */
import { cidr, formatCidr, parseCidr, parseIpv4, type Cidr, type Ipv4 } from '../sim/net/ipv4.ts';
import { said, type Said } from '../sim/said-template.ts';
import { quoteForMessage as q } from './quote.ts';

export type Read<T> = { ok: true; value: T } | { ok: false; error: Said };

/** The longest CIDR block text there is: "255.255.255.255/32". */
const MAX_CIDR_CHARS = 18;

/** A dotted-quad address, or why the text is not one. */
export function readIpv4(text: string): Read<Ipv4> {
  const r = parseIpv4(text);
  return r.ok ? r : { ok: false, error: said`${q(text)} is not an IPv4 address (expected four decimal parts, like 10.0.0.1)` };
}

/** A CIDR block whose base is its network address, or why the text is not one. */
export function readCidr(text: string): Read<Cidr> {
  const r = parseCidr(text);
  if (r.ok) return r;
  const slash = text.indexOf('/');
  if (text.length > MAX_CIDR_CHARS || slash < 0) return { ok: false, error: said`${q(text)} is not a CIDR block (expected address/prefix-length, like 10.0.0.0/16)` };
  const ip = readIpv4(text.slice(0, slash));
  if (!ip.ok) return ip;
  const lenText = text.slice(slash + 1);
  const len = /^\d{1,2}$/.test(lenText) ? Number(lenText) : NaN;
  if (!(len >= 0 && len <= 32)) return { ok: false, error: said`${q(text)} has an invalid prefix length (0 to 32)` };
  return { ok: false, error: said`${q(text)} has host bits set; the block is ${formatCidr(cidr(ip.value, len))}` };
}
