/**
 * The real worker (engine, catalogue, text views) driven over comlink as the UI drives it,
 * through @vitest/web-worker.
 */
import '@vitest/web-worker';
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse-scenario.ts';
import { createSimulation } from '../sim/index.ts';
import { SAMPLE_SCENARIOS } from '../scenario/sample-index.ts';
import type { SimApi } from './api.ts';
import type { LoadProgress } from './protocol.ts';

function spec(name: keyof typeof SAMPLE_SCENARIOS) {
  const r = parseScenario(SAMPLE_SCENARIOS[name]);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.spec;
}

function open() {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
  return { api: Comlink.wrap<SimApi>(worker), worker };
}

describe('sim.worker over comlink', () => {
  it('loads a fixture, runs it and streams only what changed', async () => {
    const { api, worker } = open();
    const loaded = await api.load(spec('default-m5-large'));
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.delta.changedNodes).toHaveLength(1);
    const t = await api.tick(30_000);
    expect(t.delta.full).toBe(false);
    expect(t.delta.head.timeMs).toBe(30_000);
    expect(t.delta.changedNodes.map((n) => n.name)).toEqual([loaded.delta.changedNodes[0].name]);
    expect(t.events.some((e) => e.kind === 'ec2' && e.record.eventName === 'CreateNetworkInterface')).toBe(true);
    const idle = await api.tick(0);
    expect(idle.delta.changedNodes).toHaveLength(0);
    expect(idle.events).toHaveLength(0);
    worker.terminate();
  });

  it('applies a WARM_IP_TARGET change and the pool shrinks with UnassignPrivateIpAddresses', async () => {
    const { api, worker } = open();
    await api.load(spec('default-m5-large'), 30_000);
    const r = await api.apply({ type: 'setEnv', name: 'WARM_IP_TARGET', value: '2' });
    expect(r.result).toEqual({ ok: true });
    const later = await api.tick(60_000);
    const all = [...r.events, ...later.events];
    expect(all.some((e) => e.kind === 'ec2' && e.record.eventName === 'UnassignPrivateIpAddresses')).toBe(true);
    worker.terminate();
  });

  it('renders the inspectors’ text views for a node', async () => {
    const { api, worker } = open();
    const loaded = await api.load(spec('default-m5-large'), 30_000);
    if (!loaded.ok) throw new Error(loaded.error);
    const node = loaded.delta.changedNodes[0].name;
    expect(await api.textView('kubectl-get-pods', { node })).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(await api.textView('describe-network-interfaces', { node })).toContain('"NetworkInterfaces"');
    expect(await api.textView('metrics', { node })).toContain('awscni_total_ip_addresses');
    expect(await api.textView('ip rule', { node })).toContain('from all lookup main');
    expect(await api.textView('iptables -t nat -S', { node })).toContain('AWS-SNAT-CHAIN-0');
    worker.terminate();
  });

  it('loads the IPVS part for a scenario with kube-proxy in IPVS mode and shows ipvsadm and ipset like the full engine', async () => {
    const { api, worker } = open();
    const ipvs = { ...spec('default-m5-large'), cluster: { serviceIpv4Cidr: '10.100.0.0/16', kubeProxyMode: 'ipvs' as const } };
    const loaded = await api.load(ipvs, 30_000);
    if (!loaded.ok) throw new Error(loaded.error);
    const node = loaded.delta.changedNodes[0].name;
    expect(await api.textView('ipvsadm -Ln', { node })).toMatch(/\nTCP {2}10\.100\.0\.1:443 rr\n/);
    expect(await api.textView('ipset list', { node })).toContain('Name: KUBE-CLUSTER-IP\nType: hash:ip,port\n');
    expect(await api.textView('command', { node, command: 'ipset list KUBE-IPVS-IPS' })).toMatch(/^Name: KUBE-IPVS-IPS\n/);
    expect(await api.textView('ip addr', { node })).toContain(': kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default');
    const full = createSimulation(ipvs);
    full.runUntil(30_000);
    expect(await api.snapshot()).toEqual(full.snapshot());
    worker.terminate();
  });

  it('loads a 300-node scenario with progress through a proxied callback, then takes its pages', async () => {
    const { api, worker } = open();
    const parsed = parseScenario({
      v: 1, name: 'wide', vpc: { cidrs: ['10.0.0.0/16'] },
      subnets: [{ id: 'subnet-0aaaaaaaaaaaaaaa1', availabilityZone: 'us-west-2a', cidr: '10.0.0.0/16' }],
      nodeGroups: [{ name: 'ng', instanceType: 't3.medium', count: 300, subnet: 'subnet-0aaaaaaaaaaaaaaa1' }],
      deployments: [{ name: 'web', replicas: 900 }],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const progress: LoadProgress[] = [];
    const r = await api.load(parsed.spec, 5000, { loadId: 1 }, Comlink.proxy((p: LoadProgress) => { progress.push(p); }));
    if (!r.ok) throw new Error(r.error);
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress.map((p) => p.phase))).toContain('nodes');
    expect(r.pages).toBeGreaterThan(0);
    const nodes = [...r.delta.changedNodes];
    for (let i = 1; i <= r.pages!; i++) {
      const page = await api.loadPage(i);
      if (!page.ok) throw new Error(page.error);
      nodes.push(...page.changedNodes);
    }
    expect(nodes).toHaveLength(300);
    expect((await api.tick(16)).delta.full).toBe(false);
    worker.terminate();
  });

  it('drops text-view requests a newer one on the same channel overtook, across the real message queue', async () => {
    const { api, worker } = open();
    const loaded = await api.load(spec('three-az'), 130_000);
    if (!loaded.ok) throw new Error(loaded.error);
    const node = loaded.delta.changedNodes[0].name;
    // Five requests posted at once, as a user stepping fast would: only the newest does the work.
    const answers = await Promise.all([1, 2, 3, 4, 5].map((seq) => api.textView('iptables -t nat -S', { node }, { channel: 'panel', seq })));
    expect(answers.slice(0, 4)).toEqual([1, 2, 3, 4].map(() => ({ superseded: true })));
    expect(answers[4]).toContain('-N AWS-SNAT-CHAIN-0');
    expect(await api.networkBuilds()).toBe(1);
    worker.terminate();
  });

  it('loads the parts a load-balancer scenario needs on demand and runs it as the full engine does', async () => {
    // nlb-ip-targets installs the controller and sends traffic at 300 s: the worker starts
    // without ELBv2, the controller, the Service checks or the packet walks, and loads each first.
    const { api, worker } = open();
    const checked = await api.parseScenario(SAMPLE_SCENARIOS['nlb-ip-targets']);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    expect(checked.spec).toEqual(spec('nlb-ip-targets'));
    const loaded = await api.load(checked.spec, 330_000);
    if (!loaded.ok) throw new Error(loaded.error);
    const full = createSimulation(spec('nlb-ip-targets'));
    full.runUntil(330_000);
    expect(await api.snapshot()).toEqual(full.snapshot());
    const events = await api.eventsSince(0);
    expect(events).toEqual(full.eventsSince(0));
    expect(events.some((e) => e.kind === 'controller' && e.message.startsWith('traffic: 100 tcp connections from internet to loadbalancer:ui/ui-nlb:80 → '))).toBe(true);
    worker.terminate();
  });

  it('shares the scenario with user commands folded in, and replays it to the same picture', async () => {
    const a = open();
    await a.api.load(spec('t3-medium-max-pods'), 10_000);
    await a.api.apply({ type: 'scale', deployment: 'api', replicas: 40 });
    await a.api.tick(20_000);
    const shared = await a.api.shareState();
    const original = await a.api.snapshot();
    const b = open();
    const replay = await b.api.load(shared.spec, shared.nowMs);
    expect(replay.ok).toBe(true);
    expect(await b.api.snapshot()).toEqual(original);
    // A restarted worker rebuilds the moment from the recorded commands instead.
    const c = open();
    const restored = await c.api.restore(spec('t3-medium-max-pods'), await a.api.recordedCommands(), shared.nowMs);
    expect(restored.ok).toBe(true);
    expect(await c.api.snapshot()).toEqual(original);
    expect(await c.api.eventsSince(0)).toEqual(await a.api.eventsSince(0));
    a.worker.terminate();
    b.worker.terminate();
    c.worker.terminate();
  });
});
