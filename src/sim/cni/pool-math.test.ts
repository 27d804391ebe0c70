/**
 * ipamd's pool decisions against section a.5 / a.6 of the behaviour reference
 * (datastoreTargetState, isDatastorePoolTooLow/High, shouldRemoveExtraENIs, getPrefixesNeeded).
 * Every expected number below is worked out from the reference's pseudocode by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IpStats } from './datastore.ts';
import { cidrsOverTarget, isPoolTooHigh, isPoolTooLow, poolTooHigh, poolTooLow, prefixesNeeded, shouldRemoveExtraEnis, targetState, type PoolTargets } from './pool-math.ts';

/** m5.large: 3 ENIs × 10 IPv4 → 9 secondary IPs per ENI, max pods 29. */
const IP: PoolTargets = { warmEniTarget: 1, warmIpTarget: 0, minimumIpTarget: 0, warmPrefixTarget: 0, prefixMode: false, maxIPsPerENI: 9, maxPods: 29 };
/** m5.large in PD: 9 prefixes × 16 = 144 addresses per ENI; max pods 110 (nodeadm with PD-aware value). */
const PD: PoolTargets = { ...IP, prefixMode: true, maxIPsPerENI: 144, warmPrefixTarget: 1, maxPods: 110 };

function ip(total: number, assigned: number): IpStats {
  return { totalIPs: total, assignedIPs: assigned, cooldownIPs: 0, available: total - assigned, totalPrefixes: 0, freePrefixes: 0 };
}
function pd(prefixes: number, assigned: number, freePrefixes: number): IpStats {
  return { totalIPs: prefixes * 16, assignedIPs: assigned, cooldownIPs: 0, available: prefixes * 16 - assigned, totalPrefixes: prefixes, freePrefixes };
}

describe('datastoreTargetState (short / over)', () => {
  it('is undefined without WARM_IP_TARGET or MINIMUM_IP_TARGET', () => {
    expect(targetState(ip(9, 0), IP).defined).toBe(false);
  });

  it('WARM_IP_TARGET=5 with 3 available: short 2, over 0', () => {
    const s = targetState(ip(10, 7), { ...IP, warmIpTarget: 5 });
    expect([s.short, s.over]).toEqual([2, 0]);
  });

  it('MINIMUM_IP_TARGET=20 with total 9: short 11 even though WARM_IP_TARGET=2 is met', () => {
    const s = targetState(ip(9, 0), { ...IP, warmIpTarget: 2, minimumIpTarget: 20 });
    expect(s.short).toBe(11);
  });

  it('over is capped by total − MINIMUM_IP_TARGET: available 9, wit 5, total 12, mit 10 → over 2', () => {
    const s = targetState(ip(12, 3), { ...IP, warmIpTarget: 5, minimumIpTarget: 10 });
    expect(s.over).toBe(2);
    expect(s.short).toBe(0);
  });

  it('over never goes negative when total < mit', () => {
    const s = targetState(ip(4, 0), { ...IP, warmIpTarget: 1, minimumIpTarget: 10 });
    expect(s.over).toBe(0);
    expect(s.short).toBe(6);
  });

  it('PD: short is expressed in prefixes, ceil(short/16)', () => {
    // wit 20, one prefix with 14 assigned: available 2 → short 18 IPs → 2 prefixes.
    expect(targetState(pd(1, 14, 0), { ...PD, warmIpTarget: 20 }).short).toBe(2);
    // wit 5: short 3 IPs → 1 prefix.
    expect(targetState(pd(1, 14, 0), { ...PD, warmIpTarget: 5 }).short).toBe(1);
  });

  it('PD: overPrefixes = min(freePrefixes, totalPrefixes − ceil((assigned+wit)/16), totalPrefixes − ceil(mit/16))', () => {
    // 3 prefixes, 14 assigned, 2 free, wit 5 → needForWarm ceil(19/16)=2 → min(2, 1) = 1.
    expect(targetState(pd(3, 14, 2), { ...PD, warmIpTarget: 5 }).over).toBe(1);
    // same with mit 40 → needForMin 3 → min(1, 0) = 0.
    expect(targetState(pd(3, 14, 2), { ...PD, warmIpTarget: 5, minimumIpTarget: 40 }).over).toBe(0);
    // 4 prefixes, none assigned, wit 1 → needForWarm 1 → over 3.
    expect(targetState(pd(4, 0, 4), { ...PD, warmIpTarget: 1 }).over).toBe(3);
  });
});

describe('isDatastorePoolTooLow', () => {
  it('default WARM_ENI_TARGET=1: low while available < 9 (one ENI of secondary IPs)', () => {
    expect(poolTooLow(ip(0, 0), IP).yes).toBe(true);
    expect(poolTooLow(ip(9, 1), IP).yes).toBe(true); // available 8 < 9
    expect(poolTooLow(ip(9, 0), IP).yes).toBe(false);
    expect(poolTooLow(ip(18, 9), IP).yes).toBe(false);
  });

  it('WARM_ENI_TARGET=2 needs 18 available', () => {
    expect(poolTooLow(ip(18, 1), { ...IP, warmEniTarget: 2 }).yes).toBe(true);
    expect(poolTooLow(ip(27, 9), { ...IP, warmEniTarget: 2 }).yes).toBe(false);
  });

  it('WARM_ENI_TARGET=0: low only when nothing is available', () => {
    const t = { ...IP, warmEniTarget: 0 };
    expect(poolTooLow(ip(0, 0), t).yes).toBe(true);
    expect(poolTooLow(ip(9, 9), t).yes).toBe(true);
    expect(poolTooLow(ip(9, 8), t).yes).toBe(false);
  });

  it('hard stop: never low once total ≥ max pods, whatever the targets', () => {
    expect(poolTooLow(ip(29, 29), IP).yes).toBe(false);
    expect(poolTooLow(ip(30, 30), { ...IP, warmIpTarget: 10 }).yes).toBe(false);
    expect(poolTooLow(ip(28, 28), IP).yes).toBe(true);
    // c5.large PD with max pods 29: 2 prefixes (32) stop growth even with no free prefix.
    expect(poolTooLow(pd(2, 27, 0), { ...PD, maxPods: 29 }).yes).toBe(false);
    expect(poolTooLow(pd(1, 16, 0), { ...PD, maxPods: 29 }).yes).toBe(true);
  });

  it('warm IP targets replace WARM_ENI_TARGET: low iff short > 0', () => {
    const t = { ...IP, warmIpTarget: 3 };
    expect(poolTooLow(ip(5, 2), t).yes).toBe(false); // available 3
    expect(poolTooLow(ip(5, 3), t).yes).toBe(true);
    expect(poolTooLow(ip(5, 0), { ...IP, minimumIpTarget: 6 }).yes).toBe(true);
    expect(poolTooLow(ip(6, 6), { ...IP, minimumIpTarget: 6 }).yes).toBe(false); // MINIMUM alone: no growth past mit
  });

  it('PD WARM_PREFIX_TARGET=N: low while available < 16 × N', () => {
    expect(poolTooLow(pd(1, 1, 0), PD).yes).toBe(true); // 15 < 16
    expect(poolTooLow(pd(2, 16, 1), PD).yes).toBe(false);
    expect(poolTooLow(pd(2, 1, 1), { ...PD, warmPrefixTarget: 2 }).yes).toBe(true); // 31 < 32
    expect(poolTooLow(pd(3, 16, 2), { ...PD, warmPrefixTarget: 2 }).yes).toBe(false); // 32
  });
});

describe('isDatastorePoolTooHigh', () => {
  it('WARM_ENI_TARGET alone never releases single IPs', () => {
    expect(poolTooHigh(ip(27, 0), IP).yes).toBe(false);
  });
  it('warm IP targets: high iff over > 0', () => {
    expect(poolTooHigh(ip(10, 0), { ...IP, warmIpTarget: 9 }).yes).toBe(true);
    expect(poolTooHigh(ip(9, 0), { ...IP, warmIpTarget: 9 }).yes).toBe(false);
    expect(poolTooHigh(ip(12, 0), { ...IP, minimumIpTarget: 12 }).yes).toBe(false);
  });
  it('PD without warm IP targets: high iff free prefixes > WARM_PREFIX_TARGET', () => {
    expect(poolTooHigh(pd(3, 5, 2), PD).yes).toBe(true);
    expect(poolTooHigh(pd(3, 20, 1), PD).yes).toBe(false);
  });
});

describe('release budget (tryUnassignCidrsFromAll)', () => {
  it('PD without warm IP targets: free prefixes − WARM_PREFIX_TARGET', () => {
    expect(cidrsOverTarget(pd(5, 3, 4), PD)).toBe(3);
    expect(cidrsOverTarget(pd(2, 3, 1), PD)).toBe(0);
  });
  it('IP mode with warm targets: over', () => {
    expect(cidrsOverTarget(ip(12, 3), { ...IP, warmIpTarget: 5, minimumIpTarget: 10 })).toBe(2);
  });
  it('WARM_ENI mode: nothing', () => {
    expect(cidrsOverTarget(ip(27, 0), IP)).toBe(0);
  });
});

describe('getPrefixesNeeded', () => {
  it('without warm IP targets: max(1, WARM_PREFIX_TARGET − freePrefixes)', () => {
    expect(prefixesNeeded(pd(1, 3, 0), { ...PD, warmPrefixTarget: 3 })).toBe(3);
    expect(prefixesNeeded(pd(2, 3, 1), { ...PD, warmPrefixTarget: 3 })).toBe(2);
    expect(prefixesNeeded(pd(4, 3, 3), { ...PD, warmPrefixTarget: 3 })).toBe(1);
  });
  it('with warm IP targets: max(1, ceil(short/16))', () => {
    expect(prefixesNeeded(pd(0, 0, 0), { ...PD, warmIpTarget: 40 })).toBe(3);
    expect(prefixesNeeded(pd(1, 0, 1), { ...PD, warmIpTarget: 4 })).toBe(1);
  });
});

describe('shouldRemoveExtraENIs', () => {
  it('always true with warm IP targets (getDeletableENI decides)', () => {
    expect(shouldRemoveExtraEnis(ip(9, 9), { ...IP, warmIpTarget: 1 }, false)).toBe(true);
  });
  it('IP mode: available ≥ (WARM_ENI_TARGET + 1) × maxIPsPerENI', () => {
    expect(shouldRemoveExtraEnis(ip(18, 0), IP, true)).toBe(true);
    expect(shouldRemoveExtraEnis(ip(27, 10), IP, true)).toBe(false); // 17
    expect(shouldRemoveExtraEnis(ip(9, 0), { ...IP, warmEniTarget: 0 }, true)).toBe(true);
    expect(shouldRemoveExtraEnis(ip(9, 1), { ...IP, warmEniTarget: 0 }, true)).toBe(false);
  });
  it('PD: (WARM_PREFIX_TARGET + 1) × maxIPsPerENI available, or an empty non-primary ENI', () => {
    expect(shouldRemoveExtraEnis(pd(2, 0, 2), PD, false)).toBe(false);
    expect(shouldRemoveExtraEnis(pd(2, 0, 2), PD, true)).toBe(true);
    expect(shouldRemoveExtraEnis(pd(18, 0, 18), PD, false)).toBe(true); // 288 ≥ 2 × 144
  });
});

describe('isPoolTooLow / isPoolTooHigh (the allocation-free forms the loop uses)', () => {
  it('agree with poolTooLow / poolTooHigh on every pool state', () => {
    fc.assert(
      fc.property(
        fc.record({
          total: fc.nat(200), assigned: fc.nat(200), prefixes: fc.nat(12), freePrefixes: fc.nat(12),
          wet: fc.nat(3), wit: fc.nat(20), mit: fc.nat(40), wpt: fc.nat(3), pd: fc.boolean(), maxPods: fc.integer({ min: 1, max: 250 }),
        }),
        (c) => {
          const assigned = Math.min(c.assigned, c.total);
          const s = { totalIPs: c.total, assignedIPs: assigned, cooldownIPs: 0, available: c.total - assigned, totalPrefixes: c.prefixes, freePrefixes: Math.min(c.freePrefixes, c.prefixes) };
          const t = { warmEniTarget: c.wet, warmIpTarget: c.wit, minimumIpTarget: c.mit, warmPrefixTarget: c.wpt, prefixMode: c.pd, maxIPsPerENI: c.pd ? 144 : 9, maxPods: c.maxPods };
          expect(isPoolTooLow(s, t)).toBe(poolTooLow(s, t).yes);
          expect(isPoolTooHigh(s, t)).toBe(poolTooHigh(s, t).yes);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
