/**
 * Names and values the real plugin derives or draws at random, made deterministic: host veth
 * names (a hash, as upstream), MACs and netns names (random upstream, seeded here).
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { Random } from '../clock/random.ts';

/**
 * `GeneratePodHostVethName` (pkg/networkutils/names.go): prefix + first 11 hex chars of
 * SHA-1("<namespace>.<pod>"), e.g. kube-system/coredns-57ff979f67-qqbdh → enib5faff8a083.
 */
export function hostVethName(prefix: string, namespace: string, pod: string): string {
  return prefix + bytesToHex(sha1(utf8ToBytes(`${namespace}.${pod}`))).slice(0, 11);
}

/** A stream that depends only on the node seed and a label (e.g. "veth-mac:default/web-1"). */
function streamFor(seed: string, label: string): Random {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return new Random(h >>> 0).fork(label);
}

/**
 * A random locally-administered unicast MAC (first octet: bit 1 set, bit 0 clear), like the
 * plugin's `generateUniqueRandomMAC` and the kernel's `eth_random_addr`.
 */
export function seededMac(seed: string, label: string): string {
  const r = streamFor(seed, label);
  const bytes = [];
  for (let i = 0; i < 6; i++) bytes.push(r.int(256));
  bytes[0] = (bytes[0] & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** containerd's netns name: `cni-` + a random (version 4) UUID. */
export function seededNetnsName(seed: string, label: string): string {
  const h = streamFor(seed, label).hex(32).split('');
  h[12] = '4';
  h[16] = '89ab'[Number.parseInt(h[16], 16) & 3];
  const s = h.join('');
  return `cni-${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The EUI-64 IPv6 link-local address the kernel gives an Ethernet device (addr_gen_mode 0). */
export function linkLocalFromMac(mac: string): { text: string; hex: string } {
  const b = mac.split(':').map((x) => Number.parseInt(x, 16));
  const groups = [0xfe80, 0, 0, 0, ((b[0] ^ 2) << 8) | b[1], (b[2] << 8) | 0xff, 0xfe00 | b[3], (b[4] << 8) | b[5]];
  return { text: formatIpv6(groups), hex: groups.map((g) => g.toString(16).padStart(4, '0')).join('') };
}

/** RFC 5952 text of eight 16-bit groups: the longest run (≥2) of zero groups becomes `::`. */
export function formatIpv6(groups: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
