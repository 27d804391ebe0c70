/**
 * aws-node restarts when the DaemonSet's env changes, and the node must end up running the
 * latest env. Found by the settle property: a restart deferred while ipamd was busy used to
 * fire after a later, immediate restart and bring the older env back.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';

describe('aws-node restarts after env changes', () => {
  it('runs the latest env when a deferred restart and a later one overlap', () => {
    const d = scenario().seed(737542246).coreDns(0).nodes('m5.large', 1).env({}).deployment('web', 0).start();
    d.setEnv('WARM_IP_TARGET', '1');
    d.runUntil(5);
    d.setEnv('WARM_IP_TARGET', null);
    d.setEnv('WARM_IP_TARGET', null);
    d.runUntil(400);
    const node = d.engine.cluster.nodes.values().next().value!;
    expect(node.ipamd.config.warmIpTarget).toBe(0);
    // Back on WARM_ENI_TARGET=1 with no pods (CoreDNS scaled to 0): the primary ENI full (9 secondary IPs), nothing else (a.6).
    expect(d.snapshot().nodes[0].pool.totalIPs).toBe(9);
  });
});
