/**
 * The source port (TCP/UDP) or echo identifier (ICMP) an SNAT rule gives a new connection
 * (the kernel's `nf_nat_l4proto_unique_tuple`). Without `--random`/`--random-fully` the
 * kernel keeps the original port when the translated tuple is free, which is always the
 * case for a single walk; with either flag it always picks one:
 *
 * - `--random-fully` (aws-node's default, `AWS_VPC_K8S_CNI_RANDOMIZESNAT=prng`): a fresh
 *   random offset per connection. The walk draws it from the world's seed (scenario seed
 *   and moment), the namespace and the connection, so the same walk at the same moment
 *   shows the same port, and another moment another one.
 * - `--random` (`hashrandom`): older kernels take a keyed hash of the source and destination
 *   addresses and the destination port (`secure_port`), so it does not depend on the
 *   original source port; modelled that way, keyed by the node.
 *
 * The range is the kernel's when no port range is given: ICMP ids 0–65535; ports below 512
 * stay in 1–511, below 1024 in 600–1023, others in 1024–65535.
 */
import { Random } from '../clock/random.ts';
import type { Packet } from './packet.ts';

export type SnatRandom = 'random' | 'random-fully';

/** FNV-1a over the parts, as a 32-bit seed. */
function hashSeed(parts: readonly (string | number)[]): number {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

/** [min, size] of the range the kernel picks from for this packet's protocol and port. */
export function snatPortRange(p: Packet): [number, number] {
  if (p.proto === 'icmp') return [0, 65536];
  if (p.sport < 512) return [1, 511];
  if (p.sport < 1024) return [600, 424];
  return [1024, 64512];
}

/** The new source port / echo id for the connection `p` starts, translated in namespace `ns`. */
export function snatPort(seed: string, ns: string, p: Packet, mode: SnatRandom): number {
  const [min, size] = snatPortRange(p);
  const key = mode === 'random-fully' ? [seed, ns, p.proto, p.src, p.dst, p.sport, p.dport] : [ns, 'hashrandom', p.proto, p.src, p.dst, p.dport];
  return min + new Random(hashSeed(key)).int(size);
}
