/**
 * aws-node and kube-proxy count against a node's max pods, as they do on a real node: the
 * kubelet's `pods` capacity (--max-pods) is what the scheduler's NodeResourcesFit checks for
 * every pod, DaemonSet pods included (the DaemonSet controller only creates them; since
 * Kubernetes 1.12 the default scheduler places them, through a node affinity on the node's
 * name). What happens at max pods below the DaemonSet count is our decision, documented in
 * the cluster: they are scheduled aws-node first, the one that does not fit stays Pending,
 * and the node still becomes Ready (its CNI, aws-node, runs).
 *
 * The expected FailedScheduling text is the one EKS users paste when an add-on pod is
 * pinned to a full node ("0/46 nodes are available: 1 Too many pods, 45 node(s) didn't
 * satisfy plugin(s) [NodeAffinity]"), in the FitError layout of ../views/k8s-messages.ts.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';

const daemonPods = (d: ReturnType<ReturnType<typeof scenario>['runUntil']>) =>
  d.snapshot().pods.filter((p) => p.hostNetwork).map((p) => ({ ds: p.name.replace(/-[^-]+$/, ''), phase: p.phase, node: p.node ?? null, message: p.message }));

describe('DaemonSet pods against max pods', () => {
  it('max pods 1: aws-node runs and the node becomes Ready; kube-proxy stays Pending with "Too many pods"; no app pod fits', () => {
    const d = scenario().nodes('m5.large', 1, { maxPods: 1 }).deployment('web', 3).runUntil(120);
    const node = d.node();
    expect(node.ipamd.status).toBe('running');
    expect(node.podCount).toBe(1);
    expect(daemonPods(d)).toEqual([
      { ds: 'aws-node', phase: 'Running', node: node.name, message: undefined },
      {
        ds: 'kube-proxy', phase: 'Pending', node: null,
        message: '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
      },
    ]);
    expect(d.podsIn('Pending', 'web')).toHaveLength(3);
    // The scheduler retries; the same message is recorded again at most once a minute (t = 0, 60, 120 s).
    expect(d.k8sEvents('FailedScheduling').filter((e) => e.object.includes('kube-proxy')).map((e) => e.timeMs)).toEqual([0, 60_000, 120_000]);
  });

  it('max pods 2: both DaemonSet pods run and app pods wait for a slot', () => {
    const d = scenario().nodes('m5.large', 1, { maxPods: 2 }).deployment('web', 2).runUntil(120);
    expect(daemonPods(d).map((p) => p.phase)).toEqual(['Running', 'Running']);
    expect(d.node().podCount).toBe(2);
    expect(d.podsIn('Pending', 'web')).toHaveLength(2);
    expect(d.podsIn('Pending', 'web')[0].message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('on a cluster, the pending DaemonSet pod names its own node full and the others ruled out by its node affinity', () => {
    const d = scenario().nodes('m5.large', 3, { maxPods: 1 }).runUntil(60);
    const pending = d.snapshot().pods.filter((p) => p.hostNetwork && p.phase === 'Pending');
    expect(pending).toHaveLength(3);
    for (const p of pending) {
      expect(p.message).toBe(
        "0/3 nodes are available: 1 Too many pods, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
          'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
      );
    }
    for (const n of d.snapshot().nodes) expect(n.podCount).toBe(1);
  });

  it('a node added later gets the same: aws-node first, then Ready, kube-proxy Pending', () => {
    const d = scenario().nodes('m5.large', 1, { maxPods: 1 }).runUntil(10).addNodes('ng-1', 1).runUntil(90);
    const nodes = d.snapshot().nodes;
    expect(nodes).toHaveLength(2);
    for (const n of nodes) {
      expect(n.ipamd.status).toBe('running');
      expect(n.podCount).toBe(1);
    }
    const ds = daemonPods(d);
    expect(ds.filter((p) => p.ds === 'aws-node').map((p) => p.phase)).toEqual(['Running', 'Running']);
    expect(ds.filter((p) => p.ds === 'kube-proxy').map((p) => p.phase)).toEqual(['Pending', 'Pending']);
  });

  it('a removed node takes its pending DaemonSet pod with it', () => {
    const d = scenario().nodes('m5.large', 2, { maxPods: 1 }).runUntil(30).removeNodes('ng-1', 1).runUntil(60);
    expect(d.snapshot().pods.filter((p) => p.hostNetwork)).toHaveLength(2);
  });
});
