/**
 * kube-proxy's chain names (services-and-load-balancers.md 1.4, upstream `portProtoHash` and
 * `servicePortEndpointChainName`): the first 16 characters of the RFC 4648 base32 (standard
 * alphabet, upper case) of a SHA-256. Service chains hash `<servicePortName><protocol>`,
 * endpoint chains `<servicePortName><protocol><ip:port>`, with nothing between the parts.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The first `chars` characters of base32std(bytes) (16 characters need only 10 bytes). */
function base32Prefix(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; out.length < chars; i++) {
    buffer = ((buffer << 8) | bytes[i]) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

// Hashing is the costliest part of a sync; names only depend on their inputs, so keep them.
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

function hash16(text: string): string {
  let h = cache.get(text);
  if (h === undefined) {
    h = base32Prefix(sha256(utf8ToBytes(text)), 16);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, h);
  }
  return h;
}

/**
 * `ServicePortName.String()`: `<namespace>/<name>`, plus `:<portName>` only when the port is
 * named. This is also the text kube-proxy puts in its rule comments.
 */
export function servicePortName(namespace: string, name: string, portName?: string): string {
  return portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
}

/** The 16-character suffix shared by KUBE-SVC-, KUBE-SVL-, KUBE-EXT- and KUBE-FW- (protocol lower case). */
export function portProtoHash(svcPortName: string, protocol: string): string {
  return hash16(svcPortName + protocol.toLowerCase());
}

/** `KUBE-SEP-<hash>` of one endpoint (`ip:port`) of a service port. */
export function endpointChainName(svcPortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(svcPortName + protocol.toLowerCase() + endpoint)}`;
}

/** The service chains of one service port. */
export function serviceChainNames(svcPortName: string, protocol: string): { svc: string; svl: string; ext: string; fw: string } {
  const h = portProtoHash(svcPortName, protocol);
  return { svc: `KUBE-SVC-${h}`, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}` };
}
