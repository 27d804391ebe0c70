/**
 * Worked examples. Expected numbers are upstream's: behaviour reference a.2/a.12, the EKS
 * user guide's max-pods-calculator.sh examples, and eni-max-pods.txt rows.
 */
import { describe, expect, it } from 'vitest';
import { eniMaxPods, getInstanceType, ipamdLimits, maxPodsCalculator, parseCniVersion, type InstanceTypeInfo } from './index.ts';

function type(name: string): InstanceTypeInfo {
  const t = getInstanceType(name);
  if (!t) throw new Error(`${name} missing from the catalogue`);
  return t;
}

describe('eniMaxPods (eni-max-pods.txt / nodeadm)', () => {
  it('m5.large → 29 and t3.medium → 17 (reference a.12)', () => {
    expect(eniMaxPods(type('m5.large'))).toBe(29);
    expect(eniMaxPods(type('t3.medium'))).toBe(17);
  });

  it('p4d.24xlarge counts only the default card: 737, not the four cards together', () => {
    expect(type('p4d.24xlarge').networkCards).toHaveLength(4);
    expect(eniMaxPods(type('p4d.24xlarge'))).toBe(737);
  });
});

describe('maxPodsCalculator (max-pods-calculator.sh)', () => {
  const cni = '1.9.0-eksbuild.1';

  it('m5.large without options → 29; with prefix delegation, capped → 110 (EKS guide)', () => {
    expect(maxPodsCalculator(type('m5.large'), { cniVersion: cni, applyCaps: true }).maxPods).toBe(29);
    const pd = maxPodsCalculator(type('m5.large'), { cniVersion: cni, prefixDelegation: true, applyCaps: true });
    expect(pd).toMatchObject({ maxPods: 110, uncapped: 434, prefixDelegation: true, capApplied: 110, enis: 3 });
    expect(pd.formula).toBe('min(110, 3 * ((10 - 1) * 16) + 2) = min(110, 434) = 110 (2 vCPUs <= 30)');
  });

  it('--show-max-allowed equivalent: m5.large with prefix delegation → 434 uncapped', () => {
    const r = maxPodsCalculator(type('m5.large'), { cniVersion: cni, prefixDelegation: true });
    expect(r.maxPods).toBe(434);
    expect(r.capApplied).toBeUndefined();
  });

  it('custom networking drops the primary ENI: m5.large → 20 (EKS guide)', () => {
    expect(maxPodsCalculator(type('m5.large'), { cniVersion: cni, customNetworking: true }).maxPods).toBe(20);
  });

  it('CNI 1.8 and older never delegate prefixes', () => {
    const r = maxPodsCalculator(type('m5.large'), { cniVersion: '1.8.0', prefixDelegation: true });
    expect(r.maxPods).toBe(29);
    expect(r.prefixDelegation).toBe(false);
    expect(r.notes.join(' ')).toMatch(/not newer than 1\.8/);
    expect(maxPodsCalculator(type('m5.large'), { cniVersion: '2.0', prefixDelegation: true }).maxPods).toBe(434);
  });

  it('MAX_ENI takes min(value, enis)', () => {
    expect(maxPodsCalculator(type('m5.large'), { maxEni: 2 }).maxPods).toBe(20);
    expect(maxPodsCalculator(type('m5.large'), { maxEni: 10 }).maxPods).toBe(29);
    expect(maxPodsCalculator(type('m5.large'), { maxEni: 1, customNetworking: true }).maxPods).toBe(2);
    expect(() => maxPodsCalculator(type('m5.large'), { maxEni: 0 })).toThrow(RangeError);
  });

  it('caps at 250 above 30 vCPUs: m5.24xlarge (96 vCPUs) 737 → 250', () => {
    const r = maxPodsCalculator(type('m5.24xlarge'), { applyCaps: true });
    expect(r).toMatchObject({ uncapped: 737, maxPods: 250, capApplied: 250 });
  });

  it('caps at 110 with 30 vCPUs or fewer: m5.4xlarge (16 vCPUs) 234 → 110', () => {
    expect(maxPodsCalculator(type('m5.4xlarge'), { applyCaps: true })).toMatchObject({ uncapped: 234, maxPods: 110, capApplied: 110 });
  });

  it('the ceiling switches strictly above 30 vCPUs', () => {
    const base = type('m5.24xlarge');
    expect(maxPodsCalculator({ ...base, vcpus: 30 }, { applyCaps: true }).maxPods).toBe(110);
    expect(maxPodsCalculator({ ...base, vcpus: 31 }, { applyCaps: true }).maxPods).toBe(250);
  });

  it('an unknown vCPU count takes the 110 branch and says so', () => {
    const r = maxPodsCalculator(type('mac1.metal'), { applyCaps: true });
    expect(r).toMatchObject({ uncapped: 234, maxPods: 110, capApplied: 110 });
    expect(r.notes.join(' ')).toMatch(/vCPU count of mac1.metal unknown/);
  });

  it('bare metal with an empty hypervisor takes the non-PD branch (m5.metal → 737)', () => {
    const t = type('m5.metal');
    expect([t.hypervisor, t.bareMetal]).toEqual(['', true]);
    const r = maxPodsCalculator(t, { prefixDelegation: true, cniVersion: cni });
    expect(r).toMatchObject({ maxPods: 737, prefixDelegation: false });
    expect(r.notes.join(' ')).toMatch(/ipamd would still delegate prefixes/);
  });

  it('xen types take the non-PD branch (c4.large → 29)', () => {
    expect(maxPodsCalculator(type('c4.large'), { prefixDelegation: true, cniVersion: cni }).maxPods).toBe(29);
  });

  it('p4d.24xlarge uses only the default card (15 ENIs), with PD uncapped 11762', () => {
    const r = maxPodsCalculator(type('p4d.24xlarge'), { prefixDelegation: true, cniVersion: cni });
    expect(r).toMatchObject({ enis: 15, maxPods: 15 * 49 * 16 + 2 });
    expect(r.maxPods).toBe(11762);
  });

  it('parses CNI versions the way the script splits them', () => {
    expect(parseCniVersion('1.9.0-eksbuild.1')).toEqual({ major: 1, minor: 9 });
    expect(parseCniVersion('v1.19.2')).toEqual({ major: 1, minor: 19 });
    expect(parseCniVersion('1')).toEqual({ major: 1, minor: 0 });
    expect(parseCniVersion('latest')).toBeUndefined();
    expect(() => maxPodsCalculator(type('m5.large'), { cniVersion: 'latest' })).toThrow(RangeError);
  });
});

describe('ipamdLimits (reference a.2)', () => {
  it('secondary-IP mode on m5.large: 3 ENIs × 9 IPs', () => {
    expect(ipamdLimits(type('m5.large'), { prefixDelegation: false })).toEqual({
      maxENI: 3,
      maxIPsPerENI: 9,
      maxPrefixesPerENI: 0,
      prefixDelegationHonoured: false,
    });
  });

  it('prefix mode on m5.large: 9 prefixes, 144 IPs per ENI', () => {
    expect(ipamdLimits(type('m5.large'), { prefixDelegation: true })).toEqual({
      maxENI: 3,
      maxIPsPerENI: 144,
      maxPrefixesPerENI: 9,
      prefixDelegationHonoured: true,
    });
  });

  it('honours PD on bare metal without a hypervisor (m5.metal), unlike the calculator', () => {
    expect(ipamdLimits(type('m5.metal'), { prefixDelegation: true })).toMatchObject({ maxPrefixesPerENI: 49, prefixDelegationHonoured: true });
  });

  it('falls back to secondary IPs on xen (t2.medium)', () => {
    expect(ipamdLimits(type('t2.medium'), { prefixDelegation: true })).toMatchObject({ maxPrefixesPerENI: 0, prefixDelegationHonoured: false, maxIPsPerENI: 5 });
  });

  it('MAX_ENI caps when ≥ 1 and is ignored otherwise', () => {
    expect(ipamdLimits(type('m5.large'), { maxEni: 2 }).maxENI).toBe(2);
    expect(ipamdLimits(type('m5.large'), { maxEni: 9 }).maxENI).toBe(3);
    expect(ipamdLimits(type('m5.large'), { maxEni: 0 }).maxENI).toBe(3);
    expect(ipamdLimits(type('m5.large'), { maxEni: 1.5 }).maxENI).toBe(3);
  });

  it('p4d.24xlarge: maxENI is the default card only', () => {
    expect(ipamdLimits(type('p4d.24xlarge')).maxENI).toBe(15);
  });
});
