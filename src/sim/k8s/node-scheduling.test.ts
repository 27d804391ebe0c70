/**
 * nodeSelector, cordon and taints as the scheduler and the taint-eviction controller treat
 * them. Reason texts are the scheduler plugins' (nodeaffinity ErrReasonPod,
 * nodeunschedulable ErrReasonUnschedulable, tainttoleration "node(s) had untolerated taint
 * {key: value}"), all UnschedulableAndUnresolvable ("Preemption is not helpful"); event texts
 * are kubelet's ("Node <name> status is now: NodeNotSchedulable") and the taint-eviction
 * controller's ("Marking for deletion Pod <ns>/<name>").
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';

const two = () =>
  scenario()
    .nodes('m5.large', 1, { group: 'ng-a', labels: { pool: 'a' } })
    .nodes('m5.large', 1, { group: 'ng-b', labels: { pool: 'b' } });

const nodeOf = (d: ReturnType<ReturnType<typeof two>['runUntil']>, group: string) => d.snapshot().nodes.find((n) => n.nodeGroup === group)!.name;

describe('nodeSelector', () => {
  it('puts every pod of the deployment on the nodes carrying its labels', () => {
    const d = two().deployment('web', 6, { nodeSelector: { pool: 'b' } }).runUntil(90);
    const b = nodeOf(d, 'ng-b');
    expect(d.podsIn('Running', 'web')).toHaveLength(6);
    expect(new Set(d.pods('web').map((p) => p.node))).toEqual(new Set([b]));
  });

  it('matches the labels the node gets from EKS too (node group, zone, instance type, os)', () => {
    // Both nodes Ready before the pods exist, so only the selector can keep them off ng-b.
    const nodeSelector = { 'eks.amazonaws.com/nodegroup': 'ng-a', 'kubernetes.io/os': 'linux' };
    const d = two().runUntil(30).apply({ type: 'addDeployment', deployment: { name: 'web', namespace: 'default', replicas: 6, labels: { app: 'web' }, nodeSelector } }).runUntil(90);
    expect(d.podsIn('Running', 'web')).toHaveLength(6);
    expect(new Set(d.pods('web').map((p) => p.node))).toEqual(new Set([nodeOf(d, 'ng-a')]));
  });

  it('leaves pods Pending when the matching nodes are full, naming both reasons', () => {
    // CoreDNS scaled to 0: its pods would take ng-a's free slots too; the test counts its own.
    const d = scenario()
      .coreDns(0)
      .nodes('m5.large', 1, { group: 'ng-a', labels: { pool: 'a' }, maxPods: 4 })
      .nodes('m5.large', 1, { group: 'ng-b', labels: { pool: 'b' } })
      .deployment('web', 4, { nodeSelector: { pool: 'a' } })
      .runUntil(90);
    expect(d.podsIn('Running', 'web')).toHaveLength(2);
    expect(d.podsIn('Pending', 'web')[0].message).toBe(
      "0/2 nodes are available: 1 Too many pods, 1 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe('cordon and uncordon', () => {
  it('keeps new pods off a cordoned node, records kubelet events, and lets them back after uncordon', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 0).runUntil(30).cordon('ng-1/0').scale('web', 3).runUntil(60);
    const name = d.node().name;
    expect(d.node().unschedulable).toBe(true);
    expect(d.node().taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    expect(d.podsIn('Pending', 'web')).toHaveLength(3);
    expect(d.podsIn('Pending', 'web')[0].message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    d.uncordon(name).runUntil(90);
    expect(d.node().unschedulable).toBeUndefined();
    expect(d.node().taints).toBeUndefined();
    expect(d.podsIn('Running', 'web')).toHaveLength(3);
    expect(d.k8sEvents().filter((e) => e.object === `node/${name}` && e.source === 'kubelet').map((e) => [e.reason, e.message])).toEqual([
      ['NodeNotSchedulable', `Node ${name} status is now: NodeNotSchedulable`],
      ['NodeSchedulable', `Node ${name} status is now: NodeSchedulable`],
    ]);
    expect(d.refused).toEqual([]);
  });

  it('leaves running pods where they are (cordon is not drain)', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 3).runUntil(60).cordon('ng-1/0').runUntil(120);
    expect(d.podsIn('Running', 'web')).toHaveLength(3);
  });

  it('refuses an unknown node, by name or by group/index', () => {
    const d = scenario().nodes('m5.large', 1).runUntil(5).cordon('ng-1/1').cordon('ip-10-9-9-9.us-west-2.compute.internal').cordon('ng-2/0');
    expect(d.refused).toEqual(['node "ng-1/1" not found', 'node "ip-10-9-9-9.us-west-2.compute.internal" not found', 'node "ng-2/0" not found']);
  });
});

describe('taints', () => {
  it('NoSchedule keeps pods off without moving running ones, and the message quotes the taint', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 1).runUntil(60).taint('ng-1/0', 'dedicated', 'NoSchedule', { value: 'gpu' }).scale('web', 2).runUntil(90);
    expect(d.podsIn('Running', 'web')).toHaveLength(1);
    expect(d.podsIn('Pending', 'web')[0].message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    d.taint('ng-1/0', 'dedicated', 'NoSchedule', { remove: true }).runUntil(120);
    expect(d.podsIn('Running', 'web')).toHaveLength(2);
    d.taint('ng-1/0', 'dedicated', 'NoSchedule', { remove: true });
    expect(d.refused).toEqual(['node "ng-1/0": taint "dedicated:NoSchedule" not found']);
  });

  it('NoExecute evicts the pods that do not tolerate it; the ReplicaSet recreates them on another node; DaemonSet pods stay', () => {
    // CoreDNS scaled to 0: its pods on ng-a would be evicted too (they tolerate no such taint); the events listed are web's.
    const d = two().coreDns(0).deployment('web', 4, { nodeSelector: { 'kubernetes.io/os': 'linux' } }).runUntil(60);
    const a = nodeOf(d, 'ng-a');
    const onA = d.pods('web').filter((p) => p.node === a).map((p) => `default/${p.name}`);
    expect(onA.length).toBeGreaterThan(0);
    d.taint('ng-a/0', 'maintenance', 'NoExecute').runUntil(120);
    expect(d.k8sEvents('TaintManagerEviction').map((e) => [e.object, e.message, e.source])).toEqual(
      onA.map((k) => [`pod/${k}`, `Marking for deletion Pod ${k}`, 'taint-eviction-controller']),
    );
    expect(d.podsIn('Running', 'web')).toHaveLength(4);
    expect(d.pods('web').every((p) => p.node !== a)).toBe(true);
    expect(d.snapshot().pods.filter((p) => p.hostNetwork && p.node === a)).toHaveLength(2);
  });

  it('PreferNoSchedule steers pods to the other node while it has room', () => {
    const d = two().runUntil(30).taint('ng-a/0', 'spot', 'PreferNoSchedule').apply({ type: 'addDeployment', deployment: { name: 'web', namespace: 'default', replicas: 10, labels: { app: 'web' } } }).runUntil(90);
    const a = nodeOf(d, 'ng-a');
    expect(d.podsIn('Running', 'web')).toHaveLength(10);
    expect(d.pods('web').filter((p) => p.node === a)).toHaveLength(0);
  });
});
