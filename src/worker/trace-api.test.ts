import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../scenario/sample-index.ts';
import { createSimulation } from '../sim/index.ts';
import { catalogDeps } from './catalog-deps.ts';
import { createSimApi } from './api.ts';
import { renderText, runCommand } from './text-views.ts';
import { traceSpreadWalk, traceTargets, traceWalk, tracePoints } from './trace-api.ts';

function threeAz(atMs = 130_000) {
  const parsed = parseScenario(SAMPLE_SCENARIOS['three-az']);
  if (!parsed.ok) throw new Error('three-az does not parse');
  const sim = createSimulation(parsed.spec);
  sim.runUntil(atMs);
  return sim;
}

describe('trace api', () => {
  const sim = threeAz();
  const points = tracePoints(sim);
  const pod = points.find((p) => p.kind === 'pod')!;

  it('offers every running pod, every node and the internet host, with their IPs', () => {
    const pods = points.filter((p) => p.kind === 'pod');
    expect(pods.length).toBe(sim.snapshot().pods.filter((p) => p.ip && !p.hostNetwork && p.phase !== 'Pending').length);
    expect(pods[0].ip).toMatch(/^192\.168\./);
    expect(points.filter((p) => p.kind === 'node')).toHaveLength(3);
    expect(points.at(-1)).toEqual({ kind: 'external', id: 'external', ip: '203.0.113.10' });
  });

  it('walks a pod to the internet: SNAT in AWS-SNAT-CHAIN-0, the fwmark rule, and the same transcript as the CLI', () => {
    const w = traceWalk(sim, { from: pod.id, to: '203.0.113.10', proto: 'tcp', dport: 443 });
    if (!w.ok) throw new Error(w.error);
    expect(w.result.delivered && w.result.replied).toBe(true);
    const snat = w.result.hops.find((h) => h.matched?.some((m) => m.includes('AWS-SNAT-CHAIN-0') && m.includes('-j SNAT')));
    expect(snat?.after.src).toBe(pod.node && points.find((p) => p.id === pod.node)?.ip);
    expect(w.result.hops.some((h) => h.step === 'ip-rule' && h.entry?.replace('\t', ' ') === '1024: from all fwmark 0x80/0x80 lookup main')).toBe(true);
    expect(w.transcript).toContain('result: delivered, and the reply came back');
    expect(w.timeMs).toBe(130_000);
  });

  it('returns, for each namespace it touched, the ip rule / route / iptables lines the view highlights', () => {
    const w = traceWalk(sim, { from: pod.id, to: 'external', proto: 'tcp', dport: 443 });
    if (!w.ok) throw new Error(w.error);
    expect(w.namespaces.map((n) => n.id)).toEqual([`${pod.node}/${pod.id}`, pod.node]);
    const [podNs, host] = w.namespaces;
    expect(podNs.pod).toMatchObject({ ip: pod.ip, hostVeth: expect.stringMatching(/^eni/) });
    expect(podNs.views['ip route show table main']).toEqual(['default via 169.254.1.1 dev eth0', '169.254.1.1 dev eth0 scope link']);
    expect(podNs.views['iptables -t nat -S']).toBeUndefined();
    expect(host.views['ip rule']).toContain('1024:\tfrom all fwmark 0x80/0x80 lookup main');
    expect(host.views['iptables -t nat -S'].some((l) => l.startsWith('-A AWS-SNAT-CHAIN-0'))).toBe(true);
    // The sample's nodes run AL2023, whose primary ENI is ens5.
    expect(host.devices.map((d) => d.name)).toContain('ens5');
    expect(host.devices.find((d) => d.name === 'ens5')?.publicIp).toMatch(/^198\.51\.100\./);
  });

  it('explains unknown endpoints and bad ports instead of throwing', () => {
    expect(traceWalk(sim, { from: 'nope', to: 'external', proto: 'icmp' })).toMatchObject({ ok: false, error: expect.stringContaining('unknown source "nope"') });
    expect(traceWalk(sim, { from: pod.id, to: 'nowhere', proto: 'icmp' })).toMatchObject({ ok: false, error: expect.stringContaining('unknown destination') });
    expect(traceWalk(sim, { from: pod.id, to: 'external', proto: 'tcp', dport: 70000 })).toEqual({ ok: false, error: 'port must be 1-65535, got 70000' });
  });

  it('is reached through the worker facade, which refuses before a scenario is loaded', async () => {
    const api = createSimApi({ createSimulation, ...catalogDeps, renderText: () => '', tracePoints, traceWalk });
    expect(() => api.tracePoints()).toThrow('No scenario loaded');
    const parsed = parseScenario(SAMPLE_SCENARIOS['three-az']);
    if (!parsed.ok) throw new Error('parse');
    await api.load(parsed.spec, 130_000);
    expect(await api.tracePoints()).toEqual(points);
    const w = await api.trace({ from: pod.id, to: 'external', proto: 'icmp' });
    expect('ok' in w && w.ok && w.result.delivered).toBe(true);
  });
});

/** Did the KUBE-SERVICES jump of a `-L -n -v` listing count packets? */
const moved = (text: string) => text.split('\n').some((l) => /^ +[1-9]\d* +\d+ KUBE-SERVICES /.test(l));

describe('services and load balancers through the worker', () => {
  const parsed = parseScenario(SAMPLE_SCENARIOS['nlb-ip-targets']);
  if (!parsed.ok) throw new Error('nlb-ip-targets does not parse');
  const api = createSimApi({ createSimulation, ...catalogDeps, renderText, runCommand, tracePoints, traceWalk, traceTargets, traceSpreadWalk });
  // A load runs in slices (the pipeline's loader): the tests start once it has finished.
  beforeAll(async () => {
    await api.load(parsed.spec, 310_000);
  });

  it('lists Services by DNS name and the NLB by its DNS name as walk targets', async () => {
    const targets = await api.traceTargets();
    expect(targets.find((t) => t.id === 'kube-dns.kube-system.svc.cluster.local')).toEqual({
      kind: 'service', id: 'kube-dns.kube-system.svc.cluster.local', object: 'kube-system/kube-dns', ip: '10.100.0.10',
      ports: [{ port: 53, proto: 'udp' }, { port: 53, proto: 'tcp' }, { port: 9153, proto: 'tcp' }],
    });
    const lb = targets.find((t) => t.kind === 'loadbalancer')!;
    expect(lb).toMatchObject({ object: 'ui/ui-nlb', ports: [{ port: 80, proto: 'tcp' }] });
    expect(lb.id).toMatch(/^k8s-ui-uinlb-[0-9a-f]{10}-[0-9a-f]{16}\.elb\.us-west-2\.amazonaws\.com$/);
  });

  it('sends 100 requests and reports the spread; a walk to the NLB reaches a ui pod', async () => {
    const lb = (await api.traceTargets()).find((t) => t.kind === 'loadbalancer')!;
    const s = await api.spread({ from: 'external', to: lb.id, proto: 'tcp', dport: 80 }, 100);
    if (!s.ok) throw new Error(s.error);
    expect(s.spread.delivered).toBe(100);
    expect(s.spread.byEndpoint.map((e) => e.endpoint).every((e) => e.startsWith('ui/ui-'))).toBe(true);
    expect(await api.spread({ from: 'external', to: lb.id, proto: 'tcp', dport: 80 }, 0)).toEqual({ ok: false, error: 'count must be a whole number from 1 to 1000' });
    const w = await api.trace({ from: 'external', to: lb.id, proto: 'tcp', dport: 80 });
    expect('ok' in w && w.ok && w.result.endpoint?.pod).toMatch(/^ui\/ui-/);
  });

  it('answers typed commands: cluster-wide, and on a node', async () => {
    expect(await api.textView('command', { command: 'kubectl get svc -n ui' })).toMatch(/^NAME +TYPE/);
    const node = api.snapshot().nodes[0].name;
    expect(await api.textView('command', { node, command: 'iptables -t nat -L KUBE-SERVICES -n' })).toMatch(/^Chain KUBE-SERVICES \(2 references\)\n/);
    expect(await api.textView('command', { node, command: 'frob' })).toBe('unknown command: frob\n');
  });

  /** The text of an answer that had no ticket (so it cannot have been superseded). */
  const textOf = (t: string | { superseded: true }): string => {
    if (typeof t !== 'string') throw new Error('superseded without a ticket');
    return t;
  };

  it('iptables -Z names the zeroCounters change and zeroes nothing itself; applied, it zeroes the counters the traffic at 300 s moved', async () => {
    const node = api.snapshot().pods.find((p) => p.namespace === 'ui')!.node!;
    const listZ = { node, command: 'iptables -t nat -L PREROUTING -n -v -Z' };
    // A panel re-rendering the line, or a plain text view of it, must not zero (nor be left out of the record).
    expect(moved(textOf(await api.textView('command', listZ)))).toBe(true);
    const answer = await api.typedCommand(listZ);
    if ('superseded' in answer) throw new Error('superseded without a ticket');
    expect(moved(answer.text)).toBe(true);
    expect(answer.effect).toEqual({ type: 'zeroCounters', node, table: 'nat', chain: 'PREROUTING' });
    expect(moved(textOf(await api.textView('command', { node, command: 'iptables -t nat -L PREROUTING -n -v' })))).toBe(true);
    expect(api.recordedCommands().some((c) => c.command.type === 'zeroCounters')).toBe(false);
    expect(api.apply(answer.effect!).result.ok).toBe(true);
    expect(moved(textOf(await api.textView('command', { node, command: 'iptables -t nat -L PREROUTING -n -v' })))).toBe(false);
    expect(api.recordedCommands().at(-1)?.command).toEqual(answer.effect);
  });
});
