/**
 * aws-node refusing its env, on a whole node (reference a.1, d.2): what a refused setting
 * does, when aws-node tries again, and what the node shows.
 *
 * Timing from upstream: the entrypoint (cmd/aws-vpc-cni/main.go) exits 1 when validateEnvVars
 * fails, so kubelet restarts it after its crash back-off (10 s, then 20 s, …). When ipamd.New
 * fails instead (isConfigValid), the entrypoint's waitForIPAM loops without a timeout, so the
 * container only goes when the manifest's liveness probe (initialDelaySeconds 60, default
 * periodSeconds 10 and failureThreshold 3) has failed three times: at 80 s.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';

/** Times (s) of the node's "exited at start-up" notes. */
function exits(d: ReturnType<ReturnType<typeof scenario>['start']>): number[] {
  return d.events().flatMap((e) => (e.kind === 'ipamd' && e.message.includes('exited at start-up') ? [e.timeMs / 1000] : []));
}

describe('entrypoint refusals (validateEnvVars) restart on kubelet\'s back-off', () => {
  it('IP_COOLDOWN_PERIOD=-1: exits at once, again after 10 s, then 20 s, 40 s', () => {
    const d = scenario().nodes('m5.large', 1).env({ IP_COOLDOWN_PERIOD: '-1' }).deployment('web', 1).runUntil(75);
    expect(exits(d)).toEqual([0, 10, 30, 70]);
    const n = d.node();
    expect(n.ipamd).toEqual({ status: 'crash-loop', message: 'IP_COOLDOWN_PERIOD MUST be a valid positive integer. -1 is invalid' });
    expect(n.warnings.find((w) => w.code === 'IpamdNotRunning')?.message)
      .toContain('aws-node is in CrashLoopBackOff: it exits at start-up, and kubectl logs says "IP_COOLDOWN_PERIOD MUST be a valid positive integer. -1 is invalid".');
    expect(d.podsIn('Running', 'web')).toHaveLength(0);
  });
});

describe('ipamd refusals (isConfigValid) linger until the liveness probe kills the container', () => {
  it('ENABLE_IPv6=true on top of the shipped ENABLE_IPv4=true: dual stack is refused; restarts at 80 s + back-off', () => {
    const d = scenario().nodes('m5.large', 1).env({ ENABLE_IPv6: 'true' }).deployment('web', 1).runUntil(200);
    expect(exits(d)).toEqual([0, 90, 190]);
    const n = d.node();
    expect(n.ipamd.message).toBe('IPv4 and IPv6 are both enabled. VPC CNI currently does not support dual stack mode');
    expect(n.warnings.find((w) => w.code === 'IpamdNotRunning')?.message).toContain('/var/log/aws-routed-eni/ipamd.log on the node says "IPv4 and IPv6 are both enabled.');
    expect(d.ipamdMessages().find((m) => m.includes('exited at start-up'))).toContain('"Initialization failure: ipamd: failed to validate configuration"');
    expect(d.engine.cluster.nodes.get(n.name)!.ready).toBe(false);
    expect(d.calls()).toHaveLength(0);
  });

  it('NETWORK_POLICY_ENFORCING_MODE other than none/strict/standard (any case) fails ipamd.New', () => {
    const d = scenario().nodes('m5.large', 1).env({ NETWORK_POLICY_ENFORCING_MODE: 'enforcing' }).deployment('web', 0).runUntil(30);
    expect(d.node().ipamd.message).toBe('Initialization failure: invalid Network policy mode, supported modes: none, strict, standard');
    const ok = scenario().nodes('m5.large', 1).env({ NETWORK_POLICY_ENFORCING_MODE: 'STRICT' }).deployment('web', 0).runUntil(30);
    expect(ok.node().ipamd.status).toBe('running');
  });

  it('prefix delegation on a Xen type is fatal in IPv6 mode only', () => {
    const v6 = { ENABLE_IPv4: 'false', ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true' };
    const d = scenario().nodes('t2.medium', 1).env(v6).deployment('web', 0).runUntil(30);
    expect(d.node().ipamd.message).toBe('Prefix Delegation is not supported on non-nitro instance t2.medium. IPv6 is only supported in Prefix delegation Mode. ');
  });

  it('fixing the env restarts aws-node and the node comes up', () => {
    const d = scenario().nodes('m5.large', 1).env({ ENABLE_IPv6: 'true' }).deployment('web', 2).runUntil(20)
      .setEnv('ENABLE_IPv6', 'false').runUntil(120);
    expect(d.node().ipamd.status).toBe('running');
    expect(d.podsIn('Running', 'web')).toHaveLength(2);
  });
});

describe('IPv6 mode is not modelled, and says so', () => {
  it('a valid IPv6 env (IPv4 off, prefix delegation on, Nitro) starts, with a warning on the node and in the timeline', () => {
    const d = scenario().nodes('m5.large', 1).env({ ENABLE_IPv4: 'false', ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true' })
      .deployment('web', 1).runUntil(60);
    const n = d.node();
    expect(n.ipamd.status).toBe('running');
    expect(n.warnings.map((w) => w.code)).toContain('Ipv6NotModelled');
    expect(d.ipamdMessages().some((m) => m.includes('This simulator does not model IPv6 mode'))).toBe(true);
  });

  it('no such warning in IPv4 mode', () => {
    const d = scenario().nodes('m5.large', 1).deployment('web', 0).runUntil(20);
    expect(d.node().warnings.map((w) => w.code)).not.toContain('Ipv6NotModelled');
  });
});
