/**
 * The engine's change tracking on scripted lifecycles, checked after every single event: the
 * page's copy (full delta, then every delta through the UI's `applyDelta`) equals views built
 * from scratch. The scripts reach what random steps rarely do — a node at its ENI limit
 * freeing up, branch ENIs leaving the delete queue, a subnet running out, EC2 throttling.
 * Then the things the clock alone changes, and what a delta costs.
 */
import { describe, expect, it } from 'vitest';
import { applyDelta } from '../../ui/store/apply-delta.ts';
import { scenario, type Driver } from '../testing/driver.ts';
import type { SimSnapshot } from '../view.ts';
import { LiveViews } from './live-views.ts';

/** Runs event by event to `untilSeconds`, checking the copy after each; returns the copy. */
function checkEveryEvent(d: Driver, copy: SimSnapshot | undefined, untilSeconds: number): SimSnapshot | undefined {
  const until = untilSeconds * 1000;
  for (let n = 0; ; n++) {
    const done = d.engine.runSome(until, 1);
    copy = applyDelta(copy, d.engine.delta());
    expect(copy, `after event ${n} at ${d.engine.nowMs} ms`).toEqual(new LiveViews(d.engine).snapshot());
    if (done) return copy;
  }
}

function follow(d: Driver, script: [seconds: number, act?: (d: Driver) => void][]): void {
  let copy = applyDelta(undefined, d.engine.delta(true));
  for (const [seconds, act] of script) {
    copy = checkEveryEvent(d, copy, seconds);
    act?.(d);
  }
}

describe('change tracking, event by event', () => {
  it('security groups for pods: trunk, branch ENIs, and the delete queue after the pods are gone', () => {
    const d = scenario().nodes('m5.large', 1).env({ ENABLE_POD_ENI: 'true' }).deployment('api', 0)
      .securityGroupPolicy('api-sg', { app: 'api' }, ['sg-0bbbbbbbbbbbbbbb1']).start();
    follow(d, [[20, (x) => x.scale('api', 3)], [60, (x) => x.scale('api', 0)], [170]]);
    expect(d.calls('DeleteNetworkInterface').length).toBeGreaterThan(0);
  });

  it('a node at its ENI limit, then freed', () => {
    const d = scenario().nodes('t3.medium', 1).deployment('web', 0).start();
    follow(d, [[5, (x) => x.scale('web', 20)], [90, (x) => x.scale('web', 3)], [140]]);
    expect(d.ipamdMessages().some((m) => m.includes('ENI limit is reached'))).toBe(true);
  });

  it('a subnet that runs out, under EC2 throttling', () => {
    // One token per API, refilled every 10 s: most calls are throttled and retried.
    const d = scenario().subnet('subnet-0aaaaaaaaaaaaaaa1', '192.168.0.0/26').nodes('m5.large', 3).deployment('web', 0)
      .ec2Buckets({ capacity: 1, refillPerSecond: 0.1 }, { capacity: 1, refillPerSecond: 0.1 }).start();
    follow(d, [[2, (x) => x.scale('web', 60)], [150, (x) => x.scale('web', 0)], [200]]);
    expect(d.snapshot().ec2.throttled).toBeGreaterThan(20);
    expect(d.k8sEvents('FailedCreatePodSandBox').length).toBeGreaterThan(0);
  });
});

describe('what the clock alone changes', () => {
  it('a released address cools for 30 s, then turns warm in a delta of its own', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 5).start().runUntil(120);
    d.engine.delta(true);
    d.scale('web', 4);
    d.advance(5);
    const released = d.engine.delta().changedNodes[0]?.enis.flatMap((e) => e.secondaryIps).find((a) => a.state === 'cooling');
    expect(released?.coolingUntilMs).toBeDefined();
    d.engine.runUntil(released!.coolingUntilMs! - 1);
    expect(d.engine.delta().changedNodes).toEqual([]);
    d.engine.runUntil(released!.coolingUntilMs!);
    const warm = d.engine.delta().changedNodes;
    expect(warm).toHaveLength(1);
    expect(warm[0].enis.flatMap((e) => e.secondaryIps).find((a) => a.ip === released!.ip)?.state).toBe('warm');
  });

  it("MaxPodsReached names the pending pods: a full node's view follows the pending count", () => {
    // CoreDNS scaled to 0 (as the warm-pool tests do): the pending count is web's alone.
    const d = scenario().nodes('t3.medium', 1).coreDns(0).deployment('web', 30).start().runUntil(60);
    d.engine.delta(true);
    const message = () => d.engine.node(d.node().name)?.view.warnings.find((w) => w.code === 'MaxPodsReached')?.message;
    expect(message()).toMatch(/; 15 pod\(s\) wait in Pending/);
    d.scale('web', 25);
    d.advance(1);
    expect(d.engine.delta().changedNodes.map((n) => n.name)).toEqual([d.node().name]);
    expect(message()).toMatch(/; 10 pod\(s\) wait in Pending/);
  });
});

describe('a node view', () => {
  it('is a copy: ipamd counting on does not change a view already handed out', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 4).start().runUntil(60);
    const before = d.engine.node(d.node().name)!.view;
    const frozen = JSON.stringify(before);
    const ipamd = d.engine.cluster.nodes.get(before.name)!.ipamd;
    ipamd.countError('test');
    d.scale('web', 9).runUntil(120);
    expect(ipamd.counters.ipamdErrors.test).toBe(1);
    expect(JSON.stringify(before)).toBe(frozen);
  });
});

describe('a node version', () => {
  it('changes exactly when its view does', () => {
    const d = scenario().nodes('m5.large', 2).deployment('web', 4).start().runUntil(120);
    const [a, b] = d.engine.nodeNames();
    const va = d.engine.node(a)!.version;
    const vb = d.engine.node(b)!.version;
    d.advance(60);
    expect([d.engine.node(a)!.version, d.engine.node(b)!.version]).toEqual([va, vb]);
    d.engine.cluster.nodes.get(a)!.ipamd.countError('test');
    expect(d.engine.node(a)!.version).toBeGreaterThan(va);
    expect(d.engine.node(b)!.version).toBe(vb);
  });
});
