/**
 * ipamd on a cordoned node (reference a.1, AWS_MANAGE_ENIS_NON_SCHEDULABLE; pkg/ipamd/ipamd.go
 * isENIAttachmentAllowed, tryFreeENI, isNodeNonSchedulable): while the node carries
 * node.kubernetes.io/unschedulable:NoSchedule and the variable is not true, the pool never
 * grows (no IP, prefix or ENI) and no ENI is freed; surplus IPs are still released.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';

const GROW = ['AssignPrivateIpAddresses', 'CreateNetworkInterface', 'AttachNetworkInterface'];

// CoreDNS scaled to 0 throughout: the pool figures below count only the pods the tests place (as the reference's a.6 examples do).
describe('ipamd on a cordoned node', () => {
  it('does not grow the pool while cordoned, says why once, and grows after uncordon', () => {
    const d = scenario().coreDns(0).nodes('m5.large', 1).deployment('web', 0).runUntil(40);
    const total = d.pool().totalIPs;
    d.cordon('ng-1/0').setEnv('WARM_IP_TARGET', '20').runUntil(200);
    expect(d.okCalls().filter((c) => c.t > 40 && GROW.includes(c.record.eventName))).toEqual([]);
    expect(d.pool().totalIPs).toBe(total);
    const said = d.ipamdMessages().filter((m) => m.startsWith('node is cordoned'));
    expect(said).toEqual([
      'node is cordoned (taint node.kubernetes.io/unschedulable:NoSchedule) and AWS_MANAGE_ENIS_NON_SCHEDULABLE is not true: no new IPs, prefixes or ENIs, no ENI freed; surplus IPs are still released.',
    ]);
    d.uncordon('ng-1/0').runUntil(300);
    expect(d.okCalls().some((c) => c.t > 200 && GROW.includes(c.record.eventName))).toBe(true);
    expect(d.pool().availableIPs).toBeGreaterThanOrEqual(20);
  });

  it('grows while cordoned when AWS_MANAGE_ENIS_NON_SCHEDULABLE=true', () => {
    const d = scenario().coreDns(0).nodes('m5.large', 1).env({ AWS_MANAGE_ENIS_NON_SCHEDULABLE: 'true' }).deployment('web', 0).runUntil(40);
    d.cordon('ng-1/0').setEnv('WARM_IP_TARGET', '20').runUntil(200);
    expect(d.okCalls().some((c) => c.t > 40 && GROW.includes(c.record.eventName))).toBe(true);
    expect(d.pool().availableIPs).toBeGreaterThanOrEqual(20);
  });

  it('still releases surplus IPs while cordoned', () => {
    const d = scenario().coreDns(0).nodes('m5.large', 1).deployment('web', 0).runUntil(40);
    expect(d.pool().totalIPs).toBe(9);
    d.cordon('ng-1/0').setEnv('WARM_IP_TARGET', '2').runUntil(200);
    expect(d.okCalls('UnassignPrivateIpAddresses').length).toBeGreaterThan(0);
    expect(d.pool().totalIPs).toBe(2);
  });

  it('does not free an idle ENI while cordoned', () => {
    // 12 pods: 9 on eth0, 3 on eth1, and WARM_ENI_TARGET=1 wants 9 free, so a third ENI.
    // Once the pods are gone, 27 free addresses ≥ 2 × 9 frees ENIs down to one (reference
    // a.6) — but not while the node is cordoned.
    const d = scenario().coreDns(0).nodes('m5.large', 1).deployment('web', 12).runUntil(90);
    expect(d.node().enis).toHaveLength(3);
    d.cordon('ng-1/0').scale('web', 0).runUntil(400);
    expect(d.okCalls('DetachNetworkInterface')).toEqual([]);
    expect(d.node().enis).toHaveLength(3);
    d.uncordon('ng-1/0').runUntil(700);
    expect(d.okCalls('DetachNetworkInterface')).toHaveLength(2);
    expect(d.node().enis).toHaveLength(1);
  });
});
