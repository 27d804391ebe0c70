/**
 * EC2 address accounting and request throttling: AWS reserves 5 addresses per subnet,
 * prefixes are aligned /28s of wholly free addresses, the per-ENI limit counts secondary
 * IPs and prefixes together, and a token bucket refuses calls once empty.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../clock/random.ts';
import { formatIpv4, mustCidr } from '../net/ipv4.ts';
import { Ec2State } from './ec2-state.ts';
import { SubnetPool } from './subnet-pool.ts';
import { TokenBucket } from './token-bucket.ts';

describe('SubnetPool', () => {
  it('a /28 has 11 usable addresses: never the first four or the last', () => {
    const pool = new SubnetPool(mustCidr('10.0.0.0/28'), new Random(7));
    expect(pool.usable).toBe(11);
    const got = pool.allocateIps(11)!.map(formatIpv4).toSorted((a, b) => Number(a.split('.')[3]) - Number(b.split('.')[3]));
    expect(got).toEqual(Array.from({ length: 11 }, (_, i) => `10.0.0.${i + 4}`));
    expect(pool.allocateIps(1)).toBeUndefined();
    expect(pool.free).toBe(0);
  });

  it('prefixes are aligned /28 blocks; the blocks holding reserved addresses never qualify', () => {
    const pool = new SubnetPool(mustCidr('10.0.0.0/26'), new Random(3));
    // 4 blocks: .0/28 holds .0–.3 and .48/28 holds .63 (reserved) → only .16 and .32 are free.
    const got = pool.allocatePrefixes(2)!.map(formatIpv4).toSorted();
    expect(got).toEqual(['10.0.0.16', '10.0.0.32']);
    expect(pool.allocatePrefixes(1)).toBeUndefined();
    expect(pool.free).toBe(59 - 32);
  });

  it('one stray address in every block: InsufficientCidrBlocks while single IPs are still free', () => {
    const state = new Ec2State('vpc-1', [{ id: 'subnet-1', cidr: '10.0.0.0/27', availabilityZone: 'us-west-2a', tags: {} }], new Random(5));
    const pool = state.subnets.get('subnet-1')!.pool;
    // A /27 has two blocks: .0/28 holds the reserved .0–.3, .16/28 holds the reserved .31.
    expect(pool.allocatePrefixes(1)).toBeUndefined();
    const eni = state.createEni({ subnetId: 'subnet-1', description: '', groups: [], tags: {}, secondary: 0, prefixes: 1, nowMs: 0 });
    expect(eni.ok).toBe(false);
    if (!eni.ok) expect(eni.code).toBe('InsufficientCidrBlocks');
    expect(pool.free).toBe(27);
  });
});

const make = () => new Ec2State('vpc-1', [{ id: 'subnet-1', cidr: '10.0.0.0/24', availabilityZone: 'us-west-2a', tags: {} }], new Random(11));

describe('Ec2State', () => {
  it('the per-ENI limit counts the primary, secondary IPs and prefixes together', () => {
    const state = make();
    const eni = state.createEni({ subnetId: 'subnet-1', description: '', groups: [], tags: {}, secondary: 5, prefixes: 0, nowMs: 0 });
    expect(eni.ok).toBe(true);
    if (!eni.ok) return;
    // m5.large: 10 per ENI. 1 + 5 held; 4 more prefixes fit, a 5th does not.
    expect(state.assignPrivateIps(eni.value.id, 0, 5, 10)).toMatchObject({ ok: false, code: 'PrivateIpAddressLimitExceeded' });
    expect(state.assignPrivateIps(eni.value.id, 0, 4, 10).ok).toBe(true);
    expect(state.assignPrivateIps(eni.value.id, 1, 0, 10)).toMatchObject({ ok: false, code: 'PrivateIpAddressLimitExceeded' });
  });

  it('a subnet without room answers InsufficientFreeAddressesInSubnet and takes nothing', () => {
    const state = new Ec2State('vpc-1', [{ id: 'subnet-1', cidr: '10.0.0.0/28', availabilityZone: 'us-west-2a', tags: {} }], new Random(2));
    const r = state.createEni({ subnetId: 'subnet-1', description: '', groups: [], tags: {}, secondary: 11, prefixes: 0, nowMs: 0 });
    expect(r).toMatchObject({ ok: false, code: 'InsufficientFreeAddressesInSubnet' });
    expect(state.subnets.get('subnet-1')!.pool.free).toBe(11);
  });

  it('terminating an instance deletes DeleteOnTermination ENIs and frees their addresses', () => {
    const state = make();
    const inst = state.launchInstance('m5.large', 'subnet-1', [], 0);
    expect(inst.ok).toBe(true);
    if (!inst.ok) return;
    const eni = state.createEni({ subnetId: 'subnet-1', description: '', groups: [], tags: {}, secondary: 9, prefixes: 0, nowMs: 0 });
    if (!eni.ok) throw new Error(eni.code);
    const att = state.attachEni(eni.value.id, inst.value.id, 1, 0, 0);
    if (!att.ok) throw new Error(att.code);
    expect(state.attachEni(eni.value.id, inst.value.id, 2, 0, 0).ok).toBe(false);
    att.value.deleteOnTermination = true;
    state.terminateInstance(inst.value.id);
    expect(state.enis.size).toBe(0);
    expect(state.subnets.get('subnet-1')!.pool.free).toBe(251);
  });
});

describe('TokenBucket', () => {
  it('refuses once empty and refills at its rate up to capacity', () => {
    const b = new TokenBucket({ capacity: 2, refillPerSecond: 1 });
    expect([b.take(0), b.take(0), b.take(0)]).toEqual([true, true, false]);
    expect(b.take(500)).toBe(false);
    expect(b.take(1000)).toBe(true);
    expect(b.level(100_000)).toBe(2);
  });
});
