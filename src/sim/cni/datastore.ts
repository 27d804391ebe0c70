/**
 * ipamd's datastore for one network card: the ENIs it manages and the CIDRs on them
 * (/32 secondary IPs or /28 prefixes), which addresses pods hold, and which are cooling
 * down. Only CIDRs of the active kind count in the statistics (GetIPStats).
 *
 * Choices the real daemon leaves to Go's randomised map order (which ENI, which CIDR)
 * are drawn from a seeded stream, so a run is reproducible without encoding a preference.
 */
import type { Random } from '../clock/random.ts';
import type { Ipv4 } from '../net/ipv4.ts';

export interface AddrEntry {
  ip: Ipv4;
  /** namespace/name of the pod holding it. */
  pod?: string;
  /** When the pod released it; the address cools down from then. */
  unassignedAtMs?: number;
}

export interface CidrEntry {
  base: Ipv4;
  isPrefix: boolean;
  /** Addresses ipamd has handed out at least once (a /32 has at most one). */
  addrs: AddrEntry[];
  assigned: number;
}

export interface DsEni {
  id: string;
  deviceIndex: number;
  networkCard: number;
  isPrimary: boolean;
  isTrunk: boolean;
  createdAtMs: number;
  primaryIp: Ipv4;
  subnetId: string;
  cidrs: CidrEntry[];
  /** How many /32 and /28 CIDRs it holds (kept by the datastore). */
  ipCidrs?: number;
  prefixCidrs?: number;
}

export interface IpStats {
  totalIPs: number;
  assignedIPs: number;
  cooldownIPs: number;
  /** TotalIPs − AssignedIPs: cooling addresses count as available (GetIPStats). */
  available: number;
  totalPrefixes: number;
  freePrefixes: number;
}

export interface Assignment {
  eni: DsEni;
  cidr: CidrEntry;
  addr: AddrEntry;
}

export class Datastore {
  readonly enis: DsEni[] = [];
  private readonly byPod = new Map<string, Assignment>();

  /** Running totals over non-trunk ENIs, per kind, so GetIPStats is O(1) on the hot path. */
  private ipTotal = 0;
  private ipAssigned = 0;
  private pfxCount = 0;
  private pfxAssigned = 0;
  private pfxFree = 0;

  /** @param changed called whenever an ENI, CIDR or address changes (the node's view follows). */
  constructor(private readonly random: Random, private readonly changed: () => void = () => {}) {}

  /** Adds (+1) or removes (−1) a CIDR's contribution to the running totals. */
  private account(eni: DsEni, c: CidrEntry, sign: 1 | -1): void {
    if (eni.isTrunk || !this.enis.includes(eni)) return;
    if (c.isPrefix) {
      this.pfxCount += sign;
      this.pfxAssigned += sign * c.assigned;
      if (c.assigned === 0) this.pfxFree += sign;
    } else {
      this.ipTotal += sign;
      this.ipAssigned += sign * c.assigned;
    }
  }

  private assignedDelta(eni: DsEni, c: CidrEntry, delta: 1 | -1): void {
    if (eni.isTrunk || !this.enis.includes(eni)) {
      c.assigned += delta;
      return;
    }
    if (c.isPrefix) {
      if (c.assigned === 0) this.pfxFree--;
      this.pfxAssigned += delta;
      c.assigned += delta;
      if (c.assigned === 0) this.pfxFree++;
    } else {
      this.ipAssigned += delta;
      c.assigned += delta;
    }
  }

  /** Whether prefix delegation is the active kind; set by ipamd at (re)start. */
  prefixMode = false;

  addEni(eni: DsEni): void {
    this.changed();
    this.enis.push(eni);
    this.enis.sort((a, b) => a.deviceIndex - b.deviceIndex);
    eni.ipCidrs = eni.cidrs.filter((c) => !c.isPrefix).length;
    eni.prefixCidrs = eni.cidrs.length - eni.ipCidrs;
    for (const c of eni.cidrs) this.account(eni, c, 1);
  }

  removeEni(id: string): DsEni | undefined {
    const i = this.enis.findIndex((e) => e.id === id);
    if (i < 0) return undefined;
    const eni = this.enis[i];
    this.changed();
    for (const c of eni.cidrs) this.account(eni, c, -1);
    this.enis.splice(i, 1);
    for (const c of eni.cidrs) for (const a of c.addrs) if (a.pod) this.byPod.delete(a.pod);
    return eni;
  }

  eni(id: string): DsEni | undefined {
    return this.enis.find((e) => e.id === id);
  }

  addCidrs(eni: DsEni, bases: Ipv4[], isPrefix: boolean): void {
    if (bases.length) this.changed();
    for (const base of bases) {
      const c: CidrEntry = { base, isPrefix, addrs: [], assigned: 0 };
      eni.cidrs.push(c);
      this.countCidr(eni, c, 1);
      this.account(eni, c, 1);
    }
  }

  /** CIDRs of the active kind on an ENI. */
  activeCidrs(eni: DsEni): CidrEntry[] {
    return eni.cidrs.filter((c) => c.isPrefix === this.prefixMode);
  }

  /** How many CIDRs of the active kind an ENI holds (no allocation). */
  activeCount(eni: DsEni): number {
    return (this.prefixMode ? eni.prefixCidrs : eni.ipCidrs) ?? 0;
  }

  private countCidr(eni: DsEni, c: CidrEntry, sign: 1 | -1): void {
    if (c.isPrefix) eni.prefixCidrs = (eni.prefixCidrs ?? 0) + sign;
    else eni.ipCidrs = (eni.ipCidrs ?? 0) + sign;
  }

  cidrSize(c: CidrEntry): number {
    return c.isPrefix ? 16 : 1;
  }

  /**
   * GetIPStats. Counting cooling addresses walks every tracked address, and no pool
   * decision uses it (cooling addresses count as available), so it is optional.
   */
  stats(nowMs: number, cooldownMs: number, withCooldown = true): IpStats {
    if (!withCooldown) {
      return this.prefixMode
        ? { totalIPs: this.pfxCount * 16, assignedIPs: this.pfxAssigned, cooldownIPs: 0, available: this.pfxCount * 16 - this.pfxAssigned, totalPrefixes: this.pfxCount, freePrefixes: this.pfxFree }
        : { totalIPs: this.ipTotal, assignedIPs: this.ipAssigned, cooldownIPs: 0, available: this.ipTotal - this.ipAssigned, totalPrefixes: 0, freePrefixes: 0 };
    }
    let total = 0;
    let assigned = 0;
    let cooling = 0;
    let prefixes = 0;
    let freePrefixes = 0;
    const pd = this.prefixMode;
    for (const eni of this.enis) {
      if (eni.isTrunk) continue;
      for (const c of eni.cidrs) {
        if (c.isPrefix !== pd) continue;
        total += pd ? 16 : 1;
        assigned += c.assigned;
        if (pd) {
          prefixes++;
          if (c.assigned === 0) freePrefixes++;
        }
        if (withCooldown) {
          for (const a of c.addrs) if (!a.pod && a.unassignedAtMs !== undefined && nowMs - a.unassignedAtMs < cooldownMs) cooling++;
        }
      }
    }
    return { totalIPs: total, assignedIPs: assigned, cooldownIPs: cooling, available: total - assigned, totalPrefixes: prefixes, freePrefixes };
  }

  assignmentOf(pod: string): Assignment | undefined {
    return this.byPod.get(pod);
  }

  /**
   * AssignPodIPv4Address: ENIs and their CIDRs in (seeded) map order; inside a CIDR reuse
   * a known address that is free and out of cooldown, else the lowest untracked one.
   */
  assignPodIp(pod: string, nowMs: number, cooldownMs: number): Assignment | undefined {
    const existing = this.byPod.get(pod);
    if (existing) return existing;
    const order = this.shuffled(this.enis.filter((e) => !e.isTrunk));
    for (const eni of order) {
      for (const cidr of this.shuffled(this.activeCidrs(eni))) {
        const addr = this.unusedAddress(cidr, nowMs, cooldownMs);
        if (!addr) continue;
        addr.pod = pod;
        addr.unassignedAtMs = undefined;
        this.changed();
        this.assignedDelta(eni, cidr, 1);
        const a = { eni, cidr, addr };
        this.byPod.set(pod, a);
        return a;
      }
    }
    return undefined;
  }

  private unusedAddress(cidr: CidrEntry, nowMs: number, cooldownMs: number): AddrEntry | undefined {
    const size = this.cidrSize(cidr);
    if (cidr.assigned >= size) return undefined;
    const reusable = cidr.addrs.filter((a) => !a.pod && (a.unassignedAtMs === undefined || nowMs - a.unassignedAtMs >= cooldownMs));
    if (reusable.length) return reusable[this.random.int(reusable.length)];
    if (cidr.addrs.length >= size) return undefined;
    const taken = new Set(cidr.addrs.map((a) => a.ip));
    for (let i = 0; i < size; i++) {
      const ip = ((cidr.base + i) >>> 0) as Ipv4;
      if (!taken.has(ip)) {
        const entry: AddrEntry = { ip };
        cidr.addrs.push(entry);
        return entry;
      }
    }
    return undefined;
  }

  /** UnassignPodIPAddress: the address starts its cooldown. */
  unassignPodIp(pod: string, nowMs: number): Assignment | undefined {
    const a = this.byPod.get(pod);
    if (!a) return undefined;
    this.byPod.delete(pod);
    this.changed();
    a.addr.pod = undefined;
    a.addr.unassignedAtMs = nowMs;
    this.assignedDelta(a.eni, a.cidr, -1);
    return a;
  }

  removeCidr(eni: DsEni, cidr: CidrEntry): void {
    const i = eni.cidrs.indexOf(cidr);
    if (i >= 0) {
      this.changed();
      this.account(eni, cidr, -1);
      this.countCidr(eni, cidr, -1);
      eni.cidrs.splice(i, 1);
    }
  }

  eniAssigned(eni: DsEni): number {
    let n = 0;
    for (const c of eni.cidrs) n += c.assigned;
    return n;
  }

  eniHasCooling(eni: DsEni, nowMs: number, cooldownMs: number): boolean {
    return eni.cidrs.some((c) => c.addrs.some((a) => !a.pod && a.unassignedAtMs !== undefined && nowMs - a.unassignedAtMs < cooldownMs));
  }

  /** Go map iteration order, reproducibly: a seeded shuffle. */
  shuffled<T>(items: T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.random.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
