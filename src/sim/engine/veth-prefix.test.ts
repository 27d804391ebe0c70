/**
 * AWS_VPC_K8S_CNI_VETHPREFIX values that aws-node's start-up checks let through but the
 * kernel refuses: every pod's CNI ADD fails in the plugin's veth setup (the address goes back
 * to the pool), aws-node itself keeps running. Pods made before a change keep their veths.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';
import { worldFromSimulation } from '../trace/world-at.ts';
import { labPrefix } from '../lab/names.ts';
import { labScript } from '../lab/script.ts';

describe('a veth prefix the kernel refuses', () => {
  it('pods stay in ContainerCreating with the plugin\'s error; the address is released', () => {
    const d = scenario().nodes('m5.large', 1).env({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a:b' }).deployment('web', 2).runUntil(120);
    expect(d.ipamd().status).toBe('running');
    const pods = d.pods('web');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.phase).toBe('ContainerCreating');
      expect(p.ip).toBeUndefined();
      expect(p.message).toMatch(
        /^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "[0-9a-f]{64}": plugin type="aws-cni" name="aws-cni" failed \(add\): add command: failed to setup network: SetupPodNetwork: failed to setup veth pair: failed to setup veth network: invalid argument$/,
      );
    }
    expect(d.ipamd().counters.delIpRequests.SetupNSFailed).toBeGreaterThanOrEqual(2);
    expect(d.pool().assignedIPs).toBe(0);
    // Not an address shortage: no NoIpAvailable warning.
    expect(d.node().warnings.map((w) => w.code)).not.toContain('NoIpAvailable');
  });

  it('pods created before the change keep their eni… veth; the node still builds, the lab refuses clearly', () => {
    // CoreDNS scaled to 0: the test counts the veths of the pods it places.
    const d = scenario().coreDns(0).nodes('m5.large', 1).deployment('web', 2).runUntil(60);
    d.setEnv('AWS_VPC_K8S_CNI_VETHPREFIX', 'a b');
    d.runUntil(120).scale('web', 3).runUntil(200);
    const running = d.podsIn('Running', 'web');
    expect(running).toHaveLength(2);
    expect(running.map((p) => p.hostVethPrefix)).toEqual(['eni', 'eni']);
    expect(d.podsIn('ContainerCreating', 'web')).toHaveLength(1);
    const world = worldFromSimulation(d.engine);
    const hostVeths = world.nodes[0].host.links.filter((l) => l.kind === 'veth').map((l) => l.name);
    expect(hostVeths).toHaveLength(2);
    expect(hostVeths.every((n) => /^eni[0-9a-f]{11}$/.test(n))).toBe(true);
    const prefix = labPrefix('t');
    if (!prefix.ok) throw new Error(prefix.problem);
    // ipamd put `-i a b+` into its rules, as go-iptables passes it; iptables-restore would split it.
    expect(labScript(world, prefix.prefix)).toMatchObject({ ok: false, problem: expect.stringContaining('interface match "a b+" cannot be written for iptables-restore') });
  });

  it('an empty prefix is honoured: veths are the 11 hex digits alone', () => {
    const d = scenario().coreDns(0).nodes('m5.large', 1).env({ AWS_VPC_K8S_CNI_VETHPREFIX: '' }).deployment('web', 1).runUntil(120);
    expect(d.podsIn('Running', 'web')[0].hostVethPrefix).toBe('');
    const world = worldFromSimulation(d.engine);
    expect(world.nodes[0].host.links.filter((l) => l.kind === 'veth').map((l) => l.name)).toEqual([expect.stringMatching(/^[0-9a-f]{11}$/)]);
  });
});
