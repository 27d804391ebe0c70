/**
 * The engine's on-demand parts (src/sim/core.ts): a scenario that needs one and was built
 * without it fails clearly, never silently differently; with them it is the full engine.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation as createCore, ipvsPart, needsIpvs, needsLoadBalancing, needsTrafficWalks } from '../core.ts';
import { createSimulation } from '../index.ts';
import { trafficWalks } from './traffic-walks.ts';

function spec(name: keyof typeof SAMPLE_SCENARIOS) {
  const r = parseScenario(SAMPLE_SCENARIOS[name]);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.spec;
}

describe('the engine without its on-demand parts', () => {
  it('says which samples need which part', () => {
    expect(needsLoadBalancing(spec('nlb-ip-targets'))).toBe(true);
    expect(needsLoadBalancing(spec('alb-ingress'))).toBe(true);
    expect(needsLoadBalancing(spec('default-m5-large'))).toBe(false);
    expect(needsTrafficWalks(spec('nlb-ip-targets'))).toBe(true);
    expect(needsTrafficWalks(spec('default-m5-large'))).toBe(false);
    expect(needsTrafficWalks(spec('default-m5-large'), [{ command: { type: 'traffic', from: 'internet', to: 'x', proto: 'tcp', count: 1 } }])).toBe(true);
  });

  it('refuses an IPVS-mode scenario without the IPVS part, and runs it with the part as the full engine does', async () => {
    const ipvs = { ...spec('default-m5-large'), cluster: { serviceIpv4Cidr: '10.100.0.0/16', kubeProxyMode: 'ipvs' as const } };
    expect(needsIpvs(ipvs)).toBe(true);
    expect(needsIpvs(spec('default-m5-large'))).toBe(false);
    expect(() => createCore(ipvs)).toThrow(/kube-proxy runs in IPVS mode, but the IPVS part of the engine was not loaded/);
    const core = createCore(ipvs, { ipvs: await ipvsPart() });
    const full = createSimulation(ipvs);
    core.runUntil(60_000);
    full.runUntil(60_000);
    const node = full.snapshot().nodes[0].name;
    // (The inputs hold closures: compare their data.)
    expect(JSON.stringify(core.networkInput(node))).toBe(JSON.stringify(full.networkInput(node)));
    expect(full.networkInput(node)!.kubeProxy).toMatchObject({ ipvs: { bound: expect.arrayContaining(['10.100.0.1', '10.100.0.10']) } });
  });

  it('refuses a scenario that installs the load balancer controller when the part is missing', () => {
    expect(() => createCore(spec('nlb-ip-targets'))).toThrow(/installs the AWS Load Balancer Controller, but the load-balancing part of the engine was not loaded/);
  });

  it('answers a traffic command with a clear error and changes nothing until the walks arrive', () => {
    const s = spec('default-m5-large');
    const core = createCore(s);
    core.runUntil(60_000);
    const before = core.snapshot();
    const pod = before.pods.find((p) => p.phase === 'Running' && p.namespace === 'default')!;
    const traffic = { type: 'traffic', from: `default/${pod.name}`, to: 'kube-dns.kube-system.svc.cluster.local', proto: 'udp', dport: 53, count: 5 } as const;
    expect(core.apply(traffic)).toEqual({ ok: false, error: 'the packet walks of the engine were not loaded for this traffic command (src/sim/index.ts loads them)' });
    expect(core.snapshot()).toEqual(before);
    // The getter is asked each time: walks that arrive later are used.
    let walks: typeof trafficWalks | undefined;
    const late = createCore(s, { trafficWalks: () => walks });
    late.runUntil(60_000);
    walks = trafficWalks;
    const full = createSimulation(s);
    full.runUntil(60_000);
    expect(full.apply(traffic)).toEqual({ ok: true });
    expect(late.apply(traffic)).toEqual({ ok: true });
    expect(late.eventsSince(0).at(-1)).toMatchObject({ kind: 'controller', message: expect.stringMatching(/^traffic: 5 udp connections from default\/.* to kube-dns\.kube-system\.svc\.cluster\.local:53 → kube-system\/coredns-/) });
    expect(late.eventsSince(0)).toEqual(full.eventsSince(0));
  });
});
