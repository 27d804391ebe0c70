/**
 * Growing the pool when the node's subnet is full (reference a.5 steps 2–3, a.9 "Subnet"),
 * as pkg/ipamd/ipamd.go v1.23.1 does it:
 *
 * - tryAssignIPs: AssignPrivateIpAddresses for what is missing, then once more for 1 IP; if
 *   both fail with InsufficientFreeAddressesInSubnet and subnet discovery is on, `continue`
 *   to the next ENI, and after the last one return "no growth, no error";
 * - increaseDatastorePool: no error, no growth → tryAllocateENI in the same call, which picks
 *   the subnet from DescribeSubnets (createENI); only an insufficient-address error that
 *   reaches increaseDatastorePool (discovery off) or ends tryAllocateENI starts the 120 s
 *   back-off (lastInsufficientCidrError).
 *
 * The scenario: three m5.large nodes fill a /27 exactly (3 node IPs + 3 × 8 secondary IPs
 * for WARM_IP_TARGET=8 = 27 usable addresses); a second subnet in the same AZ has room.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';

const FULL = 'subnet-0aaaaaaaaaaaaaaa1';
const ROOMY = 'subnet-0bbbbbbbbbbbbbbb2';

function fullPrimarySubnet(env: Record<string, string> = {}, roomyTags: Record<string, string> = { 'kubernetes.io/role/cni': '1' }) {
  // The roomy subnet is listed first so that anything else the scenario places in "the first
  // subnet" leaves the nodes' /27 exactly full.
  return scenario()
    .subnet(ROOMY, '192.168.1.0/24', { tags: roomyTags })
    .subnet(FULL, '192.168.0.0/27')
    .nodes('m5.large', 3, { subnet: FULL })
    .env({ WARM_IP_TARGET: '8', ...env })
    // EKS's API server ENIs live in the roomy subnet and CoreDNS is scaled to 0, so the nodes'
    // /27 stays exactly full (the API server would otherwise take one of its addresses).
    .controlPlaneSubnets(ROOMY)
    .coreDns(0)
    .deployment('web', 0);
}

/** The EC2 calls of the node that first failed to grow, from its first failed AssignPrivateIpAddresses on. */
function afterFirstFailure(d: ReturnType<ReturnType<typeof fullPrimarySubnet>['start']>) {
  const first = d.calls('AssignPrivateIpAddresses').find((c) => c.record.errorCode)!;
  expect(first, 'an AssignPrivateIpAddresses failed').toBeDefined();
  return { first, calls: d.calls().filter((c) => c.node === first.node && c.t >= first.t) };
}

describe('subnet discovery on: a full subnet is skipped and a new ENI goes to a subnet with room, in the same cycle', () => {
  it('CloudTrail: Assign(short) fails, Assign(1) fails, DescribeSubnets, CreateNetworkInterface in the other subnet', () => {
    const d = fullPrimarySubnet().start().at(30).check((x) => {
      expect(x.snapshot().subnets.find((s) => s.id === FULL)?.free).toBe(0);
    }).scale('web', 3).runUntil(90);
    const { first, calls } = afterFirstFailure(d);
    const seq = calls.slice(0, 5).map((c) => [c.record.eventName, c.record.errorCode ?? 'ok']);
    expect(seq).toEqual([
      ['AssignPrivateIpAddresses', 'Client.InsufficientFreeAddressesInSubnet'],
      ['AssignPrivateIpAddresses', 'Client.InsufficientFreeAddressesInSubnet'],
      ['DescribeSubnets', 'ok'],
      ['CreateNetworkInterface', 'ok'],
      ['DescribeInstances', 'ok'],
    ]);
    const [a1, a2, , create] = calls;
    expect(a2.record.requestParameters).toMatchObject({ secondaryPrivateIpAddressCount: 1 });
    expect((a1.record.requestParameters as { secondaryPrivateIpAddressCount: number }).secondaryPrivateIpAddressCount).toBeGreaterThanOrEqual(1);
    expect(create.record.requestParameters).toMatchObject({ subnetId: ROOMY });
    // One pool step: no 5 s cycle, let alone a 120 s back-off, between the failure and the new ENI.
    expect(create.t - first.t).toBeLessThan(5);
    const node = d.snapshot().nodes.find((n) => n.name === first.node)!;
    const eth1 = node.enis.find((e) => e.subnetId === ROOMY);
    expect(eth1?.attachmentState).toBe('attached');
    expect(node.warnings.map((w) => w.code)).not.toContain('SubnetExhausted');
    expect(d.podsIn('Running', 'web')).toHaveLength(3);
  });

  it.each(['true', 'TRUE', 'True', '1', 't'])('ENABLE_SUBNET_DISCOVERY=%j counts as on (strconv.ParseBool)', (value) => {
    const d = fullPrimarySubnet({ ENABLE_SUBNET_DISCOVERY: value }).start().at(30).scale('web', 3).runUntil(90);
    expect(d.okCalls('CreateNetworkInterface').map((c) => c.record.requestParameters)).toContainEqual(expect.objectContaining({ subnetId: ROOMY }));
  });

  it('DescribeSubnets is filtered to the node\'s VPC and AZ, as GetVpcSubnets asks', () => {
    const d = fullPrimarySubnet().start().at(30).scale('web', 3).runUntil(90);
    expect(d.calls('DescribeSubnets')[0].record.requestParameters).toEqual({
      subnetSet: {},
      filterSet: { items: [
        { name: 'vpc-id', valueSet: { items: [{ value: 'vpc-0aaaaaaaaaaaaaaa1' }] } },
        { name: 'availability-zone', valueSet: { items: [{ value: 'us-west-2a' }] } },
      ] },
    });
    // A read-only Describe call: CloudTrail logs no responseElements for it.
    expect(d.calls('DescribeSubnets')[0].record).toMatchObject({ eventName: 'DescribeSubnets', readOnly: true, responseElements: null });
  });
});

describe('where the 120 s back-off does apply', () => {
  it.each(['false', 'FALSE', '0', 'f'])('ENABLE_SUBNET_DISCOVERY=%j: the Assign error reaches increaseDatastorePool → back-off, no new ENI', (value) => {
    const d = fullPrimarySubnet({ ENABLE_SUBNET_DISCOVERY: value }).start().at(30).scale('web', 3).runUntil(140);
    const { first, calls } = afterFirstFailure(d);
    expect(calls.slice(0, 2).map((c) => c.record.errorCode)).toEqual(['Client.InsufficientFreeAddressesInSubnet', 'Client.InsufficientFreeAddressesInSubnet']);
    // Nothing more from that node until the back-off is over.
    expect(calls.slice(2).filter((c) => c.t - first.t < 120)).toEqual([]);
    expect(d.calls('CreateNetworkInterface')).toHaveLength(0);
    const node = d.snapshot().nodes.find((n) => n.name === first.node)!;
    expect(node.warnings.map((w) => w.code)).toContain('SubnetExhausted');
  });

  it('discovery on, but no other subnet is tagged: CreateNetworkInterface fails in the full subnet → back-off', () => {
    const d = fullPrimarySubnet({}, {}).start().at(30).scale('web', 3).runUntil(140);
    const { first, calls } = afterFirstFailure(d);
    expect(calls.slice(0, 4).map((c) => [c.record.eventName, c.record.errorCode ?? 'ok'])).toEqual([
      ['AssignPrivateIpAddresses', 'Client.InsufficientFreeAddressesInSubnet'],
      ['AssignPrivateIpAddresses', 'Client.InsufficientFreeAddressesInSubnet'],
      ['DescribeSubnets', 'ok'],
      ['CreateNetworkInterface', 'Client.InsufficientFreeAddressesInSubnet'],
    ]);
    expect(calls[3].record.requestParameters).toMatchObject({ subnetId: FULL });
    expect(calls.slice(4).filter((c) => c.t - calls[3].t < 120)).toEqual([]);
    expect(first.t).toBeLessThan(calls[3].t);
  });

  it('discovery on and no room for an ENI (MAX_ENI=1): no back-off at all, the failed Assign calls repeat every cycle', () => {
    const d = fullPrimarySubnet({ MAX_ENI: '1' }).start().at(30).scale('web', 3).runUntil(90);
    const { first, calls } = afterFirstFailure(d);
    const failed = calls.filter((c) => c.record.eventName === 'AssignPrivateIpAddresses');
    expect(failed.every((c) => c.record.errorCode === 'Client.InsufficientFreeAddressesInSubnet')).toBe(true);
    // Two calls per ~5 s cycle for as long as the pool is short: far more than one back-off allows.
    expect(failed.length).toBeGreaterThanOrEqual(2 * 8);
    expect(calls.filter((c) => c.record.eventName !== 'AssignPrivateIpAddresses')).toEqual([]);
    const gaps = failed.filter((_, i) => i % 2 === 0).map((c, i, xs) => (i ? c.t - xs[i - 1].t : 0)).slice(1);
    for (const gap of gaps) expect(gap).toBeLessThan(10);
    expect(first.t).toBeLessThan(40);
  });
});
