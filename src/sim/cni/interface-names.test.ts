import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';

/**
 * ipamd's timeline names an ENI the way the node's OS does, so a learner who reads
 * "AttachNetworkInterface (ens6, …)" finds ens6 in the node's `ip addr`. Expected names: device
 * index 1 is `ens6` (altname enp0s6) on two real EKS AL2023 nodes' `ip addr` (2025–2026), and
 * `eth1` on AL2 (net.ifnames=0; an EKS AL2 node's `ip route`), as linux/ami.ts records.
 */
// 20 pods on an m5.large (9 secondary IPs per ENI) need a second ENI, device index 1.
const run = (amiFamily?: 'AL2023' | 'AL2') =>
  scenario().nodes('m5.large', 1, amiFamily ? { amiFamily } : {}).deployment('web', 20).runUntil(120);

describe("ipamd's timeline uses the node OS's interface names", () => {

  it.each([
    ['AL2023 (default)', 'ens6', undefined],
    ['AL2023', 'ens6', 'AL2023' as const],
    ['AL2', 'eth1', 'AL2' as const],
  ])('%s: the new ENI is attached as %s', (_label, name, ami) => {
    const d = run(ami);
    const eni = d.node().enis.find((e) => e.deviceIndex === 1)!;
    expect(eni).toBeDefined();
    const created = d.ipamdMessages().filter((m) => m.includes('AttachNetworkInterface ('));
    expect(created.length).toBeGreaterThan(0);
    expect(created[0]).toContain(`AttachNetworkInterface (${name}, ${eni.id})`);
    // The inspector names the same device the same way.
    expect(eni.ifName).toBe(name);
    // The pool grows on ENIs by their OS names too (…on ens5 / on eth0), never on the other OS's.
    const other = name === 'ens6' ? /\beth\d/ : /\bens\d/;
    expect(d.ipamdMessages().filter((m) => other.test(m))).toEqual([]);
  });
});
