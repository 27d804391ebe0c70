/**
 * Security groups for pods (reference c.1–c.4) through the whole engine: the resource
 * controller's trunk ENI, pod-eni capacity, branch ENIs on VLANs, the delete queue and the
 * branch pod's Linux rules. Expected values come from the reference, not from engine runs.
 */
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { renderIpRule } from '../linux/render/ip-route.ts';
import { networkInputsFromSnapshot } from '../trace/snapshot-input.ts';
import { scenario, type Driver } from '../testing/driver.ts';

const PAYMENTS_SG = 'sg-0123456789abcdef0';

function sgp(type = 'm5.large') {
  return scenario().nodes(type, 1).env({ ENABLE_POD_ENI: 'true' })
    .securityGroupPolicy('payments', { app: 'payments' }, [PAYMENTS_SG])
    .deployment('payments', 0).deployment('web', 0);
}

const rcCalls = (d: Driver) => d.okCalls().filter((c) => c.record.userIdentity.arn.includes('AmazonEKSClusterRole'));

describe('trunk ENI (c.1, c.2)', () => {
  it('the resource controller attaches the trunk at the highest free device index with its description and tags', () => {
    const d = sgp().runUntil(60);
    const n = d.node();
    const trunk = n.enis.find((e) => e.kind === 'trunk')!;
    expect(trunk).toBeDefined();
    // m5.large: 3 ENIs, device indexes 0–2; the highest is 2 (ipamd would take the lowest).
    expect(trunk.deviceIndex).toBe(2);
    expect(trunk.description).toBe('aws-k8s-trunk-eni');
    expect(trunk.secondaryIps).toHaveLength(0);
    const rc = rcCalls(d).map((c) => c.record.eventName);
    expect(rc.slice(0, 4)).toEqual(['CreateNetworkInterface', 'CreateNetworkInterfacePermission', 'AttachNetworkInterface', 'ModifyNetworkInterfaceAttribute']);
    const create = d.okCalls('CreateNetworkInterface').find((c) => c.record.requestParameters.interfaceType === 'trunk')!;
    expect(create.record.userIdentity.arn).not.toContain('AmazonEKSVPCCNIRole');
    const tags = (create.record.requestParameters.tagSpecificationSet as { items: { tags: { key: string; value: string }[] }[] }).items[0].tags;
    expect(Object.fromEntries(tags.map((t) => [t.key, t.value]))).toEqual({
      'node.k8s.amazonaws.com/instance_id': n.instanceId,
      'eks:eni:owner': 'eks-vpc-resource-controller',
      'kubernetes.io/cluster/demo': 'owned',
    });
    const attach = d.okCalls('AttachNetworkInterface').find((c) => c.record.userIdentity.arn.includes('AmazonEKSClusterRole'))!;
    expect(attach.record.requestParameters.deviceIndex).toBe(2);
    const modify = rcCalls(d).find((c) => c.record.eventName === 'ModifyNetworkInterfaceAttribute')!;
    expect((modify.record.requestParameters.attachment as { deleteOnTermination: boolean }).deleteOnTermination).toBe(true);
    // ipamd's own calls keep aws-node's identity.
    expect(d.okCalls('AssignPrivateIpAddresses')[0].record.userIdentity.arn).toContain('AmazonEKSVPCCNIRole');
  });

  it('advertises vpc.amazonaws.com/pod-eni = BranchInterface (m5.large 9) and ipamd gives the trunk no pod IPs', () => {
    const d = sgp().runUntil(60);
    const node = [...d.engine.cluster.nodes.values()][0];
    expect(node.podEniCapacity).toBe(9);
    expect(d.ipamd().trunk()).toBeDefined();
    expect(d.ipamd().ds.eniAssigned(d.ipamd().trunk()!)).toBe(0);
    // With the trunk in place, the rest of the ENI slots still serve the warm pool: 2 ENIs × 9.
    d.scale('web', 12).runUntil(200);
    expect(d.node().enis.filter((e) => e.kind !== 'trunk' && e.kind !== 'branch')).toHaveLength(2);
    expect(d.node().enis.find((e) => e.kind === 'trunk')!.secondaryIps).toHaveLength(0);
  });

  it('a type without trunking (t3.medium) gets an Unsupported node event and no trunk', () => {
    const d = sgp('t3.medium').runUntil(60);
    expect(d.node().enis.some((e) => e.kind === 'trunk')).toBe(false);
    expect(d.k8sEvents('Unsupported').map((e) => e.object)).toEqual([`node/${d.node().name}`]);
    expect(rcCalls(d)).toHaveLength(0);
  });
});

describe('branch ENIs (c.3)', () => {
  it('matching pods get branch ENIs on VLAN 1, 2, … with the branch tags, and their IPs; the warm pool does not move', () => {
    const d = sgp().runUntil(60);
    const assignedBefore = d.pool().assignedIPs;
    d.scale('payments', 3).runUntil(120);
    const n = d.node();
    const branches = n.enis.filter((e) => e.kind === 'branch');
    expect(branches.map((b) => b.vlanId).toSorted()).toEqual([1, 2, 3]);
    const pods = d.podsIn('Running', 'payments');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      const b = branches.find((e) => e.id === p.branchEniId)!;
      expect(b.primaryIp).toBe(p.ip);
      expect(b.pod).toBe(`default/${p.name}`);
      expect(b.securityGroups).toEqual([PAYMENTS_SG]);
      expect(b.description).toBe('aws-k8s-branch-eni');
      expect(b.subnetId).toBe(n.subnetId);
      const annotation = JSON.parse(p.annotations!['vpc.amazonaws.com/pod-eni']) as Record<string, unknown>[];
      expect(annotation).toHaveLength(1);
      expect(annotation[0]).toMatchObject({ eniId: b.id, ifAddress: b.mac, privateIp: p.ip, vlanId: b.vlanId, subnetCidr: b.subnetCidr });
    }
    expect(d.pool().assignedIPs).toBe(assignedBefore);
    const creates = d.okCalls('CreateNetworkInterface').filter((c) => c.record.requestParameters.description === 'aws-k8s-branch-eni');
    expect(creates).toHaveLength(3);
    const tagKeys = (creates[0].record.requestParameters.tagSpecificationSet as { items: { tags: { key: string }[] }[] }).items[0].tags.map((t) => t.key);
    expect(tagKeys).toEqual(expect.arrayContaining(['vpcresources.k8s.aws/vlan-id', 'vpcresources.k8s.aws/trunk-eni-id', 'node.k8s.amazonaws.com/instance_id']));
    const assoc = d.okCalls('AssociateTrunkInterface');
    expect(assoc.map((c) => c.record.requestParameters.vlanId).toSorted()).toEqual([1, 2, 3]);
    expect(new Set(assoc.map((c) => c.record.requestParameters.trunkInterfaceId))).toEqual(new Set([n.enis.find((e) => e.kind === 'trunk')!.id]));
  });

  it('non-matching pods still take addresses from the warm pool', () => {
    const d = sgp().at(60).scale('payments', 2).scale('web', 3).runUntil(150);
    const web = d.podsIn('Running', 'web');
    expect(web).toHaveLength(3);
    for (const p of web) expect(p.branchEniId).toBeUndefined();
    // The three web pods and CoreDNS's two take warm-pool addresses; the payments pods do not.
    expect(d.pool().assignedIPs).toBe(3 + 2);
  });

  it('the 10th payments pod on one m5.large is Pending with Insufficient vpc.amazonaws.com/pod-eni', () => {
    const d = sgp().at(60).scale('payments', 10).runUntil(200);
    expect(d.podsIn('Running', 'payments')).toHaveLength(9);
    const pending = d.podsIn('Pending', 'payments');
    expect(pending).toHaveLength(1);
    expect(pending[0].message).toContain('1 Insufficient vpc.amazonaws.com/pod-eni');
    expect(d.k8sEvents('FailedScheduling').some((e) => e.message.startsWith('0/1 nodes are available: 1 Insufficient vpc.amazonaws.com/pod-eni.'))).toBe(true);
  });

  it('a deleted pod\'s branch ENI is disassociated then deleted 60–90 s later, and its VLAN is reused', () => {
    const d = sgp().at(60).scale('payments', 2).runUntil(150);
    const victim = d.podsIn('Running', 'payments')[0];
    const eniId = victim.branchEniId!;
    const vlan = d.node().enis.find((e) => e.id === eniId)!.vlanId;
    d.deletePod(victim.name);
    // The pod object is gone after its termination grace (< 3 s); the cooldown counts from then.
    let goneAt = 0;
    while (d.snapshot().pods.some((p) => p.name === victim.name)) {
      d.advance(0.1);
      goneAt = d.seconds;
    }
    d.runUntil(goneAt + 100);
    const dis = d.okCalls('DisassociateTrunkInterface');
    const del = d.okCalls('DeleteNetworkInterface').filter((c) => c.record.requestParameters.networkInterfaceId === eniId);
    expect(dis).toHaveLength(1);
    expect(del).toHaveLength(1);
    expect(dis[0].t).toBeLessThan(del[0].t);
    expect(dis[0].t - goneAt).toBeGreaterThanOrEqual(60);
    expect(del[0].t - goneAt).toBeLessThanOrEqual(91);
    expect(d.engine.ec2State.enis.has(eniId)).toBe(false);
    // The replacement pod got the lowest free VLAN: the freed one is free again for the next.
    d.scale('payments', 3).runUntil(d.seconds + 40);
    const vlans = d.node().enis.filter((e) => e.kind === 'branch').map((e) => e.vlanId);
    expect(vlans).toContain(vlan);
  });

  it('subnets count branch ENI addresses', () => {
    const d = sgp().runUntil(60);
    const before = d.snapshot().subnets[0].used;
    d.scale('payments', 4).runUntil(120);
    expect(d.snapshot().subnets[0].used).toBe(before + 4);
  });
});

describe('host side of a branch pod (c.4)', () => {
  it('strict mode (default): ip rule shows priority 10 iif vlan.eth.1 lookup 101 and the local rule at 20', () => {
    const d = sgp().at(60).scale('payments', 1).runUntil(120);
    const input = networkInputsFromSnapshot(d.snapshot()).nodes[0];
    const pod = input.pods.find((p) => p.name.startsWith('payments-'))!;
    expect(pod.branch?.vlanId).toBe(1);
    const rules = renderIpRule(buildNodeNetwork(input).host);
    expect(rules).toContain('10:\tfrom all iif vlan.eth.1 lookup 101');
    expect(rules).toContain('20:\tfrom all lookup local');
    expect(rules).not.toMatch(/^0:\tfrom all lookup local$/m);
    expect(rules).not.toMatch(/32765:\tfrom \S+ lookup 3/);
  });
});
