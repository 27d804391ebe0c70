/**
 * Address accounting for one subnet: which addresses ENIs hold, as EC2 sees it.
 * AWS reserves the first four addresses and the last one of every subnet.
 * EC2 hands out free addresses in no particular order; we draw them from a seeded
 * stream. A /28 prefix needs 16 aligned, wholly free addresses, so a fragmented
 * subnet can fail with InsufficientCidrBlocks while single IPs are still free.
 */
import { cidrSize, type Cidr, type Ipv4 } from '../net/ipv4.ts';
import type { Random } from '../clock/random.ts';

export const AWS_RESERVED_PER_SUBNET = 5;

export class SubnetPool {
  private readonly used: Uint8Array;
  private readonly size: number;
  private usedCount = 0;

  constructor(readonly cidr: Cidr, private readonly random: Random) {
    this.size = cidrSize(cidr);
    this.used = new Uint8Array(this.size);
  }

  /** Addresses ENIs may ever hold (size minus the five AWS reserves). */
  get usable(): number {
    return Math.max(0, this.size - AWS_RESERVED_PER_SUBNET);
  }

  get usedAddresses(): number {
    return this.usedCount;
  }

  get free(): number {
    return this.usable - this.usedCount;
  }

  private reserved(offset: number): boolean {
    return offset < 4 || offset === this.size - 1;
  }

  private isFree(offset: number): boolean {
    return !this.reserved(offset) && this.used[offset] === 0;
  }

  /**
   * Holds the address at `offset` for something outside the engine's ENIs (a NAT gateway's
   * ENI); draws nothing from the random source, so other allocations stay as they were.
   */
  hold(offset: number): void {
    if (!this.isFree(offset)) return;
    this.used[offset] = 1;
    this.usedCount++;
  }

  /** Takes n free addresses, or none when fewer than n are free. */
  allocateIps(n: number): Ipv4[] | undefined {
    if (n > this.free) return undefined;
    const out: Ipv4[] = [];
    for (let k = 0; k < n; k++) {
      let offset = this.random.int(this.size);
      while (!this.isFree(offset)) offset = (offset + 1) % this.size;
      this.used[offset] = 1;
      this.usedCount++;
      out.push(((this.cidr.base + offset) >>> 0) as Ipv4);
    }
    return out;
  }

  /** Takes n aligned /28 blocks of 16 wholly free addresses, or none. */
  allocatePrefixes(n: number): Ipv4[] | undefined {
    const blocks = this.size >> 4;
    const freeBlocks: number[] = [];
    for (let b = 0; b < blocks; b++) if (this.blockFree(b)) freeBlocks.push(b);
    if (freeBlocks.length < n) return undefined;
    const out: Ipv4[] = [];
    for (let k = 0; k < n; k++) {
      const i = this.random.int(freeBlocks.length);
      const b = freeBlocks[i];
      freeBlocks.splice(i, 1);
      this.used.fill(1, b * 16, b * 16 + 16);
      this.usedCount += 16;
      out.push(((this.cidr.base + b * 16) >>> 0) as Ipv4);
    }
    return out;
  }

  private blockFree(b: number): boolean {
    for (let o = b * 16; o < b * 16 + 16; o++) if (!this.isFree(o)) return false;
    return true;
  }

  releaseIp(ip: Ipv4): void {
    const offset = ip - this.cidr.base;
    if (offset >= 0 && offset < this.size && this.used[offset] === 1) {
      this.used[offset] = 0;
      this.usedCount--;
    }
  }

  releasePrefix(base: Ipv4): void {
    for (let i = 0; i < 16; i++) this.releaseIp(((base + i) >>> 0) as Ipv4);
  }

  isUsed(ip: Ipv4): boolean {
    const offset = ip - this.cidr.base;
    return offset >= 0 && offset < this.size && this.used[offset] === 1;
  }
}
