/**
 * Whole-engine examples at the AWS edge (reference a.9, a.10, d.1, a.3 back-off):
 * custom networking, subnet exhaustion, EC2 throttling, ENI description/tags, CloudTrail.
 */
import { describe, expect, it } from 'vitest';
import { cidrContains, mustCidr, parseIpv4 } from '../net/ipv4.ts';
import { scenario } from '../testing/driver.ts';

const inCidr = (ip: string, cidr: string) => {
  const a = parseIpv4(ip);
  return a.ok && cidrContains(mustCidr(cidr), a.value);
};

const base = () => scenario()
  .subnet('subnet-0aaaaaaaaaaaaaaa1', '192.168.0.0/19')
  .subnet('subnet-0bbbbbbbbbbbbbbb2', '100.64.0.0/19')
  .env({ AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' });

describe('custom networking (ENIConfig)', () => {
  it('the primary ENI gets no addresses; secondary ENIs go to the ENIConfig subnet with its security groups', () => {
    const d = base().nodes('m5.large', 1, { maxPods: 20 }).eniConfig('default', 'subnet-0bbbbbbbbbbbbbbb2', ['sg-0pod00000000000001'])
      .deployment('web', 0).runUntil(120);
    let n = d.node();
    expect(n.enis[0].secondaryIps).toHaveLength(0);
    expect(n.enis[0].prefixes).toHaveLength(0);
    expect(n.enis.length).toBeGreaterThanOrEqual(2);
    for (const e of n.enis.slice(1)) {
      expect(e.subnetId).toBe('subnet-0bbbbbbbbbbbbbbb2');
      expect(e.securityGroups).toEqual(['sg-0pod00000000000001']);
      expect(inCidr(e.primaryIp, '100.64.0.0/19')).toBe(true);
    }
    d.scale('web', 12).runUntil(400);
    n = d.node();
    expect(n.enis[0].secondaryIps).toHaveLength(0);
    const running = d.podsIn('Running', 'web');
    expect(running).toHaveLength(12);
    for (const p of running) expect(inCidr(p.ip!, '100.64.0.0/19')).toBe(true);
  });

  it('the ENIConfig named by the node label k8s.amazonaws.com/eniConfig; empty securityGroups → the primary ENI\'s', () => {
    const d = base().nodes('m5.large', 1, { labels: { 'k8s.amazonaws.com/eniConfig': 'us-west-2a-pods' }, securityGroups: ['sg-0node0000000000001'] })
      .eniConfig('default', 'subnet-0aaaaaaaaaaaaaaa1', ['sg-0wrong000000000001'])
      .eniConfig('us-west-2a-pods', 'subnet-0bbbbbbbbbbbbbbb2', [])
      .deployment('web', 0).runUntil(120);
    const e = d.node().enis[1];
    expect(e.subnetId).toBe('subnet-0bbbbbbbbbbbbbbb2');
    expect(e.securityGroups).toEqual(['sg-0node0000000000001']);
  });
});

describe('subnet exhaustion', () => {
  it('InsufficientFreeAddressesInSubnet, a 120 s back-off, pods stuck in ContainerCreating', () => {
    // A /28 holds 16 − 5 = 11 usable addresses: the node IP plus 9 secondary IPs leaves 1. EKS's
    // own ENIs sit in a subnet of their own and CoreDNS is scaled to 0, so only web pods count.
    const d = scenario().coreDns(0).subnet('subnet-0aaaaaaaaaaaaaaa1', '192.168.0.0/28').subnet('subnet-0cccccccccccccccc3', '192.168.1.0/28')
      .controlPlaneSubnets('subnet-0cccccccccccccccc3').nodes('m5.large', 1, { subnet: 'subnet-0aaaaaaaaaaaaaaa1' })
      .deployment('web', 0).at(30).scale('web', 12).runUntil(600);
    const failed = d.calls('CreateNetworkInterface').filter((c) => c.record.errorCode?.endsWith('InsufficientFreeAddressesInSubnet'));
    expect(failed.length).toBeGreaterThanOrEqual(2);
    const tries = d.calls('CreateNetworkInterface').map((c) => c.t);
    for (let i = 1; i < tries.length; i++) expect(tries[i] - tries[i - 1]).toBeGreaterThanOrEqual(120);
    expect(d.podsIn('Running', 'web')).toHaveLength(9);
    const stuck = d.podsIn('ContainerCreating', 'web');
    expect(stuck).toHaveLength(3);
    for (const p of stuck) {
      expect(p.reason).toBe('FailedCreatePodSandBox');
      expect(p.message).toContain('failed to assign an IP address to container');
    }
    expect(d.k8sEvents('FailedCreatePodSandBox').length).toBeGreaterThanOrEqual(3);
  });
});

describe('node removal', () => {
  it('terminating a node deletes its ENIs (DeleteOnTermination) and gives their addresses back to the subnet', () => {
    const d = scenario().nodes('m5.large', 2).deployment('web', 0).at(30).scale('web', 10).runUntil(120);
    const before = d.snapshot();
    expect(before.nodes).toHaveLength(2);
    d.removeNodes('ng-1', 1).runUntil(200);
    const after = d.snapshot();
    expect(after.nodes).toHaveLength(1);
    const gone = before.nodes.find((n) => n.name !== after.nodes[0].name)!;
    expect([...d.engine.ec2State.enis.values()].filter((e) => e.attachment?.instanceId === gone.instanceId)).toHaveLength(0);
    const survivorHeld = after.nodes[0].enis.reduce((sum, e) => sum + 1 + e.secondaryIps.length, 0);
    // The subnet also holds the addresses of EKS's two control-plane ENIs.
    expect(d.engine.apiServerIps).toHaveLength(2);
    expect(after.subnets[0].used).toBe(survivorHeld + 2);
  });
});

describe('EC2 throttling', () => {
  it('many nodes at once against a tiny token bucket: RequestLimitExceeded, SDK retries, and the pools still converge', () => {
    const d = scenario().nodes('m5.large', 12).ec2Buckets({ capacity: 2, refillPerSecond: 1 }, { capacity: 2, refillPerSecond: 1 })
      .deployment('web', 0).runUntil(900);
    const throttled = d.calls().filter((c) => c.record.errorCode?.endsWith('RequestLimitExceeded'));
    expect(throttled.length).toBeGreaterThan(0);
    // A throttled call is retried by the SDK: the same node repeats the same API within 20 s.
    const all = d.calls();
    const retried = throttled.some((t) => all.some((c) => c.node === t.node && c.record.eventName === t.record.eventName && c.t > t.t && c.t - t.t <= 20));
    expect(retried).toBe(true);
    const snap = d.snapshot();
    expect(snap.nodes).toHaveLength(12);
    // Converged to WARM_ENI_TARGET=1: 9 available on every idle node. (Where an AssignPrivateIpAddresses
    // failed even after the SDK's retries, ipamd falls back to a new ENI, so the 9 may sit on eth1.)
    // A node running a CoreDNS pod has fewer than 9 available on one ENI, so it holds a second, full one.
    const coredns = snap.pods.filter((p) => p.deployment === 'coredns' && p.phase === 'Running');
    expect(coredns).toHaveLength(2);
    for (const n of snap.nodes) {
      const assigned = coredns.filter((p) => p.node === n.name).length;
      expect(n.pool.assignedIPs).toBe(assigned);
      expect(n.pool.totalIPs).toBe(assigned ? 18 : 9);
      expect(n.pool.availableIPs).toBe((assigned ? 18 : 9) - assigned);
    }
  });
});

describe('ENIs created by ipamd (a.9) and CloudTrail (a.10)', () => {
  it('description aws-K8S-<instance-id>, instance_id and createdAt tags, the primary ENI\'s SGs, DeleteOnTermination', () => {
    const d = scenario().nodes('m5.large', 1, { securityGroups: ['sg-0node0000000000001'] }).deployment('web', 0).at(10).scale('web', 1).runUntil(90);
    const n = d.node();
    const eni = d.engine.ec2State.enis.get(n.enis[1].id)!;
    expect(eni.description).toBe(`aws-K8S-${n.instanceId}`);
    expect(eni.tags['node.k8s.amazonaws.com/instance_id']).toBe(n.instanceId);
    expect(eni.tags['node.k8s.amazonaws.com/createdAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(eni.tags['cluster.k8s.amazonaws.com/name']).toBeUndefined();
    expect(eni.tags['eks:eni:owner']).toBeUndefined();
    expect(eni.groups).toEqual(['sg-0node0000000000001']);
    expect(eni.attachment?.deviceIndex).toBe(1);
    expect(eni.attachment?.deleteOnTermination).toBe(true);
  });

  it('CLUSTER_NAME adds cluster.k8s.amazonaws.com/name and eks:eni:owner; ADDITIONAL_ENI_TAGS are added, k8s.amazonaws.com keys rejected', () => {
    const d = scenario().nodes('m5.large', 1).env({
      CLUSTER_NAME: 'prod-east',
      ADDITIONAL_ENI_TAGS: '{"team":"blue","example.k8s.amazonaws.com/x":"no"}',
    }).deployment('web', 0).at(10).scale('web', 1).runUntil(90);
    const eni = d.engine.ec2State.enis.get(d.node().enis[1].id)!;
    expect(eni.tags['cluster.k8s.amazonaws.com/name']).toBe('prod-east');
    expect(eni.tags['eks:eni:owner']).toBe('amazon-vpc-cni');
    expect(eni.tags.team).toBe('blue');
    expect(eni.tags['example.k8s.amazonaws.com/x']).toBeUndefined();
  });

  it('every CloudTrail record carries a userAgent naming amazon-vpc-cni-k8s', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 0).at(10).scale('web', 12).at(60).scale('web', 0).runUntil(300);
    const calls = d.calls();
    expect(calls.length).toBeGreaterThan(5);
    for (const c of calls) expect(c.record.userAgent).toContain('amazon-vpc-cni-k8s');
  });
});
