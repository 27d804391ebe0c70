/**
 * Whole-engine worked examples of the warm pool (reference a.3–a.7, a.12), driven through
 * the headless driver. Expected numbers come from the reference, not from runs of the engine.
 *
 * The reference's examples count only the pods they place, so these clusters run CoreDNS
 * scaled to 0 (`pool()` = `coreDns(0)`); the max-pods example and the first one below keep the
 * two CoreDNS replicas every EKS cluster starts with.
 */
import { describe, expect, it } from 'vitest';
import { scenario, type Driver } from '../testing/driver.ts';

const secondaryCount = (d: Driver, eni: number) => d.node().enis[eni].secondaryIps.length;
/** A cluster whose only pods are the test's own (CoreDNS scaled to 0). */
const pool = () => scenario().coreDns(0);

/** Groups call times into steps (calls < 3 s apart belong to one pool step). */
function steps(times: number[]): number[] {
  const out: number[] = [];
  for (const t of times.toSorted((a, b) => a - b)) if (!out.length || t - out[out.length - 1] >= 3) out.push(t);
  return out;
}

describe('default settings (WARM_ENI_TARGET=1) on m5.large', () => {
  it('an idle node settles with exactly 9 secondary IPs on eth0 and no second ENI', () => {
    const d = pool().nodes('m5.large', 1).deployment('web', 0).runUntil(600);
    expect(d.node().enis).toHaveLength(1);
    expect(secondaryCount(d, 0)).toBe(9);
    expect(d.pool().totalIPs).toBe(9);
    expect(d.calls('CreateNetworkInterface')).toHaveLength(0);
  });

  it('one pod: available 8 < 9, so ipamd attaches a second ENI with 9 more', () => {
    const d = pool().nodes('m5.large', 1).deployment('web', 0).at(30).scale('web', 1).runUntil(120);
    const n = d.node();
    // AL2023 (the default AMI) names the ENIs of device index 0 and 1 ens5 and ens6 (linux/ami.ts).
    expect(n.enis.map((e) => e.ifName)).toEqual(['ens5', 'ens6']);
    expect(n.enis[1].secondaryIps).toHaveLength(9);
    expect(n.pool.totalIPs).toBe(18);
    expect(n.pool.assignedIPs).toBe(1);
    const creates = d.okCalls('CreateNetworkInterface');
    expect(creates).toHaveLength(1);
    expect(creates[0].record.requestParameters.secondaryPrivateIpAddressCount).toBe(9);
    expect(creates[0].t).toBeGreaterThan(30);
    expect(creates[0].t).toBeLessThan(42);
  });

  it('a fresh cluster: CoreDNS\'s two pods take addresses, so available 7 < 9 and ipamd attaches eth1 with 9 more', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 0).runUntil(120);
    const n = d.node();
    expect(d.engine.snapshot().pods.filter((p) => p.deployment === 'coredns' && p.phase === 'Running')).toHaveLength(2);
    // AL2023 (main's default AMI) names device index 0 and 1 ens5 and ens6, as in the test above.
    expect(n.enis.map((e) => e.ifName)).toEqual(['ens5', 'ens6']);
    expect(n.pool).toMatchObject({ totalIPs: 18, assignedIPs: 2 });
  });

  it('ENI limit: 3 ENIs × 9 = 27 pod IPs, max pods 29 (2 host-network pods, 2 CoreDNS, 25 web); the rest wait in Pending "Too many pods"', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 0).at(10).scale('web', 35).runUntil(300);
    const n = d.node();
    expect(n.enis).toHaveLength(3);
    expect(n.pool.totalIPs).toBe(27);
    expect(n.podCount).toBe(29);
    expect(d.podsIn('Running', 'web')).toHaveLength(25);
    const pending = d.podsIn('Pending', 'web');
    expect(pending).toHaveLength(10);
    for (const p of pending) expect(p.message?.startsWith('0/1 nodes are available: 1 Too many pods.')).toBe(true);
    expect(d.k8sEvents('FailedScheduling').some((e) => e.message.startsWith('0/1 nodes are available: 1 Too many pods.'))).toBe(true);
  });

  it('WARM_ENI_TARGET=0: grows only when nothing is available', () => {
    const d = pool().nodes('m5.large', 1).env({ WARM_ENI_TARGET: '0' }).deployment('web', 0).runUntil(120);
    expect(d.pool().totalIPs).toBe(9);
    expect(d.node().enis).toHaveLength(1);
    d.scale('web', 8).runUntil(240);
    expect(d.node().enis).toHaveLength(1); // 1 still available
    d.scale('web', 10).runUntil(400);
    expect(d.node().enis).toHaveLength(2);
    expect(d.pool().totalIPs).toBe(18);
    expect(d.podsIn('Running', 'web')).toHaveLength(10);
  });
});

describe('WARM_IP_TARGET / MINIMUM_IP_TARGET', () => {
  it('WARM_IP_TARGET=5 grows by exactly short and keeps 5 available', () => {
    const d = pool().nodes('m5.large', 1).env({ WARM_IP_TARGET: '5' }).deployment('web', 0).runUntil(120);
    expect(d.pool().totalIPs).toBe(5);
    expect(d.okCalls('AssignPrivateIpAddresses')[0].record.requestParameters.secondaryPrivateIpAddressCount).toBe(5);
    d.scale('web', 3).runUntil(240);
    expect(d.pool()).toMatchObject({ totalIPs: 8, assignedIPs: 3, availableIPs: 5 });
    d.scale('web', 12).runUntil(400);
    // eth0 full (9), the rest on eth1: 12 + 5 = 17.
    expect(d.pool()).toMatchObject({ totalIPs: 17, assignedIPs: 12, availableIPs: 5 });
    const create = d.okCalls('CreateNetworkInterface');
    expect(create).toHaveLength(1);
    // GetENIResourcesToAllocate with warm targets: min(short, maxIPsPerENI), never a full ENI's 9 for short < 9.
    expect(create[0].record.requestParameters.secondaryPrivateIpAddressCount).toBeLessThan(9);
  });

  it('releases the over IPs, with UnassignPrivateIpAddresses steps at least 30 s apart', () => {
    const d = pool().nodes('m5.large', 1).env({ WARM_IP_TARGET: '2' }).deployment('web', 0)
      .at(10).scale('web', 14).at(150).scale('web', 11).at(155).scale('web', 8).at(160).scale('web', 5)
      .at(165).scale('web', 2).at(170).scale('web', 0).runUntil(500);
    const unassign = steps(d.okCalls('UnassignPrivateIpAddresses').map((c) => c.t));
    expect(unassign.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < unassign.length; i++) expect(unassign[i] - unassign[i - 1]).toBeGreaterThanOrEqual(30);
    expect(d.pool()).toMatchObject({ totalIPs: 2, assignedIPs: 0 });
  });

  it('MINIMUM_IP_TARGET=12 + WARM_IP_TARGET=2: 12 addresses idle (eth0 9 + eth1 created with 3), then assigned + 2', () => {
    const d = pool().nodes('m5.large', 1).env({ WARM_IP_TARGET: '2', MINIMUM_IP_TARGET: '12' }).deployment('web', 0).runUntil(120);
    expect(d.pool().totalIPs).toBe(12);
    expect(d.okCalls('CreateNetworkInterface')[0].record.requestParameters.secondaryPrivateIpAddressCount).toBe(3);
    d.scale('web', 15).runUntil(300);
    expect(d.pool()).toMatchObject({ totalIPs: 17, assignedIPs: 15 });
  });

  it('MINIMUM_IP_TARGET alone: the pool stops at mit and pods beyond it get no address', () => {
    const d = pool().nodes('m5.large', 1).env({ MINIMUM_IP_TARGET: '10' }).deployment('web', 0).at(30).scale('web', 14).runUntil(300);
    expect(d.pool()).toMatchObject({ totalIPs: 10, assignedIPs: 10 });
    const stuck = d.podsIn('ContainerCreating', 'web');
    expect(stuck).toHaveLength(4);
    for (const p of stuck) {
      expect(p.reason).toBe('FailedCreatePodSandBox');
      expect(p.message).toContain('failed to assign an IP address to container');
    }
  });
});

function eniAttachments(d: Driver): Map<string, { eni: string; createdS: number }> {
  const m = new Map<string, { eni: string; createdS: number }>();
  for (const e of d.engine.ec2State.enis.values()) if (e.attachment) m.set(e.attachment.id, { eni: e.id, createdS: e.createdAtMs / 1000 });
  return m;
}

describe('freeing ENIs', () => {
  it('an ENI is freed only once ≥ 60 s old; the pool returns to eth0 with 9', () => {
    const d = pool().nodes('m5.large', 1).deployment('web', 0).at(10).scale('web', 12).at(30);
    const att = eniAttachments(d);
    expect(att.size).toBe(3);
    d.scale('web', 0).runUntil(400);
    const detaches = d.okCalls('DetachNetworkInterface');
    expect(detaches).toHaveLength(2);
    for (const c of detaches) {
      const a = att.get(c.record.requestParameters.attachmentId as string)!;
      expect(c.t - a.createdS).toBeGreaterThanOrEqual(60);
    }
    expect(d.node().enis).toHaveLength(1);
    expect(d.pool().totalIPs).toBe(9);
  });

  it('an ENI holding a cooling IP (IP_COOLDOWN_PERIOD=60) is not freed until the cooldown ends', () => {
    const d = pool().nodes('m5.large', 1).env({ IP_COOLDOWN_PERIOD: '60' }).deployment('web', 0).at(10).scale('web', 12).at(120);
    const att = eniAttachments(d);
    const podsOnEni = new Map<string, string[]>();
    for (const p of d.pods('web')) podsOnEni.set(p.eniId!, [...(podsOnEni.get(p.eniId!) ?? []), `pod/default/${p.name}`]);
    d.scale('web', 0).runUntil(400);
    const killed = new Map(d.k8sEvents('Killing').map((e) => [e.object, e.timeMs / 1000]));
    const detaches = d.okCalls('DetachNetworkInterface');
    expect(detaches.length).toBeGreaterThanOrEqual(1);
    for (const c of detaches) {
      const { eni } = att.get(c.record.requestParameters.attachmentId as string)!;
      // The CNI DEL comes at least 1.5 s after Killing; the address then cools for 60 s.
      for (const pod of podsOnEni.get(eni) ?? []) expect(c.t).toBeGreaterThanOrEqual(killed.get(pod)! + 1.5 + 60);
    }
    expect(d.node().enis).toHaveLength(1);
  });
});

describe('IP cooldown (IP_COOLDOWN_PERIOD, default 30 s)', () => {
  it('IP mode: a released /32 is unusable for 30 s; the replacement pod waits, then gets that address', () => {
    const d = pool().nodes('m5.large', 1).env({ MAX_ENI: '1' }).deployment('web', 0).at(10).scale('web', 9).at(60);
    expect(d.podsIn('Running', 'web')).toHaveLength(9);
    const victim = d.pods('web')[0];
    d.deletePod(victim.name).runUntil(88);
    const others = () => d.pods('web').filter((p) => p.name !== victim.name);
    const replacement = others().find((p) => p.phase !== 'Running')!;
    expect(replacement).toBeDefined();
    expect(replacement.phase).toBe('ContainerCreating');
    expect(replacement.message).toContain('failed to assign an IP address to container');
    d.runUntil(120);
    const after = others().find((p) => p.name === replacement.name)!;
    expect(after.phase).toBe('Running');
    expect(after.ip).toBe(victim.ip);
  });

  it('PD: addresses start at the prefix base, and other addresses of a /28 stay usable during cooldown', () => {
    const d = pool().nodes('m5.large', 1).env({ ENABLE_PREFIX_DELEGATION: 'true' }).deployment('web', 0).at(10).scale('web', 1).at(60);
    const prefixes = d.node().enis[0].prefixes.map((p) => p.cidr.split('/')[0]);
    const victim = d.pods('web')[0];
    expect(prefixes).toContain(victim.ip);
    d.deletePod(victim.name).runUntil(75);
    const replacement = d.pods('web').find((p) => p.name !== victim.name)!;
    expect(replacement.phase).toBe('Running');
    expect(replacement.ip).not.toBe(victim.ip);
    const oldPlusOne = victim.ip!.replace(/\d+$/, (x) => String(Number(x) + 1));
    expect([...prefixes, oldPlusOne]).toContain(replacement.ip);
  });
});

describe('prefix delegation', () => {
  it('m5.large (max pods 110), WARM_PREFIX_TARGET=1: idle node holds one /28 on eth0 and grows by /28s', () => {
    const d = pool().nodes('m5.large', 1, { maxPods: 110 }).env({ ENABLE_PREFIX_DELEGATION: 'true' }).deployment('web', 0).runUntil(120);
    expect(d.node().mode).toBe('prefix-delegation');
    expect(d.node().enis[0].prefixes).toHaveLength(1);
    expect(d.node().enis[0].secondaryIps).toHaveLength(0);
    expect(d.pool().totalIPs).toBe(16);
    d.scale('web', 20).runUntil(300);
    const n = d.node();
    expect(n.enis).toHaveLength(1);
    expect(n.pool.totalIPs % 16).toBe(0);
    expect(n.pool.availableIPs).toBeGreaterThanOrEqual(16);
    expect(n.pool.availableIPs).toBeLessThan(32); // one /28 at a time: it stops as soon as 16 are free
    for (const c of d.okCalls('AssignPrivateIpAddresses')) {
      expect(c.record.requestParameters.ipv4PrefixCount).toBeGreaterThanOrEqual(1);
      expect(c.record.requestParameters.secondaryPrivateIpAddressCount).toBeUndefined();
    }
    expect(d.podsIn('Running', 'web')).toHaveLength(20);
  });

  it('m5.large with the non-PD max pods 29 stops at 2 prefixes too (32 ≥ 29)', () => {
    const d = pool().nodes('m5.large', 1).env({ ENABLE_PREFIX_DELEGATION: 'true' }).deployment('web', 0).at(10).scale('web', 20).runUntil(300);
    expect(d.pool().totalPrefixes).toBe(2);
  });

  it('c5.large with max pods 29 stops at 2 prefixes (32 ≥ 29) despite WARM_PREFIX_TARGET', () => {
    const d = pool().nodes('c5.large', 1).env({ ENABLE_PREFIX_DELEGATION: 'true' }).deployment('web', 0).at(10).scale('web', 27).runUntil(400);
    expect(d.node().maxPods).toBe(29);
    expect(d.pool().totalPrefixes).toBe(2);
    expect(d.podsIn('Running', 'web')).toHaveLength(27);
  });

  it('is ignored on a Xen type (t2.medium): secondary IPs, 5 per ENI', () => {
    const d = pool().nodes('t2.medium', 1).env({ ENABLE_PREFIX_DELEGATION: 'true' }).deployment('web', 0).runUntil(120);
    const n = d.node();
    expect(n.mode).toBe('secondary-ip');
    expect(n.enis[0].prefixes).toHaveLength(0);
    expect(n.enis[0].secondaryIps).toHaveLength(5);
  });
});

describe('start-up validation makes aws-node crash-loop', () => {
  it.each([
    [{ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '0' }],
    [{ IP_COOLDOWN_PERIOD: '-1' }],
    [{ AWS_VPC_K8S_CNI_VETHPREFIX: 'toolong' }],
  ])('%j', (env) => {
    const d = pool().nodes('m5.large', 1).env(env).deployment('web', 2).runUntil(120);
    const n = d.node();
    expect(n.ipamd.status).toBe('crash-loop');
    expect(d.engine.cluster.nodes.get(n.name)!.ready).toBe(false);
    const awsNode = d.snapshot().pods.find((p) => p.name.startsWith('aws-node-'))!;
    expect(awsNode.reason).toBe('CrashLoopBackOff');
    expect(d.podsIn('Running', 'web')).toHaveLength(0);
    expect(d.calls('AssignPrivateIpAddresses')).toHaveLength(0);
  });
});
