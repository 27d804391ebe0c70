/**
 * The API server's allocators: ClusterIPs from the service CIDR and NodePorts from
 * 30000-32767, both drawn at random from the upper part of the range, since the lower
 * "static" band is kept for addresses and ports users ask for (KEP-3070 / KEP-3668:
 * band = min(max(16, size/16), 256) addresses, min(max(16, size/32), 128) ports).
 */
import type { Random } from '../../clock/random.ts';
import { cidrSize, formatIpv4, mustCidr, parseIpv4 } from '../../net/ipv4.ts';

export const NODEPORT_MIN = 30000;
export const NODEPORT_MAX = 32767;

export class ServiceAllocator {
  private readonly ips = new Set<number>();
  private readonly nodePorts = new Set<number>();
  private readonly base: number;
  private readonly size: number;

  constructor(serviceCidr: string, private readonly random: Random) {
    const c = mustCidr(serviceCidr);
    this.base = c.base;
    this.size = cidrSize(c);
  }

  /** Takes a given address; false when taken or outside the range. */
  takeIp(text: string): boolean {
    const r = parseIpv4(text);
    if (!r.ok) return false;
    const off = r.value - this.base;
    if (off <= 0 || off >= this.size - 1 || this.ips.has(r.value)) return false;
    this.ips.add(r.value);
    return true;
  }

  /** A free address from the dynamic band; undefined when the range is full. */
  allocateIp(): string | undefined {
    const band = Math.min(Math.max(16, Math.floor(this.size / 16)), 256);
    const lo = Math.min(band, this.size - 2);
    const span = this.size - 1 - lo;
    if (span <= 0) return undefined;
    const start = this.random.int(span);
    for (let k = 0; k < span; k++) {
      const ip = (this.base + lo + ((start + k) % span)) >>> 0;
      if (!this.ips.has(ip)) {
        this.ips.add(ip);
        return formatIpv4(ip);
      }
    }
    return undefined;
  }

  releaseIp(text: string): void {
    const r = parseIpv4(text);
    if (r.ok) this.ips.delete(r.value);
  }

  takeNodePort(port: number): boolean {
    if (port < NODEPORT_MIN || port > NODEPORT_MAX || this.nodePorts.has(port)) return false;
    this.nodePorts.add(port);
    return true;
  }

  allocateNodePort(): number | undefined {
    const size = NODEPORT_MAX - NODEPORT_MIN + 1;
    const band = Math.min(Math.max(16, Math.floor(size / 32)), 128);
    const span = size - band;
    const start = this.random.int(span);
    for (let k = 0; k < span; k++) {
      const port = NODEPORT_MIN + band + ((start + k) % span);
      if (!this.nodePorts.has(port)) {
        this.nodePorts.add(port);
        return port;
      }
    }
    return undefined;
  }

  releaseNodePort(port: number): void {
    this.nodePorts.delete(port);
  }
}
