/**
 * The lazy world against the eager one: the same walks, hop for hop, on every sample, while
 * building only the nodes a walk reaches.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, SAMPLE_SCENARIOS } from '../../scenario/index.ts';
import { createSimulation, type Engine } from '../index.ts';
import { formatIpv4, mustIpv4 } from '../net/ipv4.ts';
import { scenario } from '../testing/driver.ts';
import { tracePoints } from '../../worker/trace-api.ts';
import { NetworkCache } from './network-cache.ts';
import { tracePacket } from './tracer.ts';
import { defaultPublicIp, elasticIp, nodeIndexOfPublicIp } from './world.ts';
import { lazyWorldOf, worldFromSimulation } from './world-at.ts';

function sample(name: keyof typeof SAMPLE_SCENARIOS, atMs: number): Engine {
  const parsed = parseScenario(SAMPLE_SCENARIOS[name]);
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  const sim = createSimulation(parsed.spec);
  sim.runUntil(atMs);
  return sim;
}

const SAMPLES: [keyof typeof SAMPLE_SCENARIOS, number][] = [
  ['three-az', 130_000], ['prefix-delegation', 150_000], ['custom-networking', 150_000],
  ['security-groups-for-pods', 200_000], ['subnet-exhaustion', 200_000], ['default-m5-large', 60_000],
];

describe('lazy world', () => {
  for (const [name, at] of SAMPLES) {
    it(`walks every kind of pair in ${name} exactly as the eager world does`, () => {
      const sim = sample(name, at);
      const eager = worldFromSimulation(sim);
      const pods = [...eager.namespaces.values()].filter((r) => r.pod);
      const firstPods = eager.nodes.flatMap((n) => pods.filter((r) => r.node === n).slice(0, 2)).map((r) => `${r.pod!.namespace}/${r.pod!.pod}`);
      const ends = [...firstPods, ...eager.nodes.map((n) => n.nodeName), 'external'];
      const targets = [...firstPods, ...eager.nodes.map((n) => n.nodeName), '203.0.113.10', '192.168.0.77'];
      let walks = 0;
      // One cache for all walks, as the worker keeps one: the neighbours a walk learns stay in
      // the cached nodes, as they stay in the eager world's.
      const cache = new NetworkCache();
      for (const from of ends) {
        for (const to of targets) {
          if (from === 'external' && !/^\d/.test(to)) continue;
          for (const req of [{ proto: 'tcp' as const, dport: 443 }, { proto: 'icmp' as const }]) {
            const r = { from, to, ...req };
            // A fresh lazy world per walk, as the worker makes one per request.
            expect(tracePacket(lazyWorldOf(sim, cache), r), JSON.stringify(r)).toEqual(tracePacket(eager, r));
            walks++;
          }
        }
      }
      expect(walks).toBeGreaterThan(20);
    });
  }

  it('builds only the nodes on the walk’s path, and reuses them through the cache', () => {
    const sim = sample('three-az', 130_000);
    const cache = new NetworkCache();
    const [a, b] = sim.nodeNames();
    const podOn = (n: string) => sim.podsOn(n).find((p) => !p.hostNetwork && p.ip)!;
    const pa = podOn(a);
    const pb = podOn(b);
    const toInternet = lazyWorldOf(sim, cache);
    expect(tracePacket(toInternet, { from: `${pa.namespace}/${pa.name}`, to: '203.0.113.10', proto: 'icmp' }).replied).toBe(true);
    expect(toInternet.built()).toEqual([a]);
    const across = lazyWorldOf(sim, cache);
    expect(tracePacket(across, { from: `${pa.namespace}/${pa.name}`, to: `${pb.namespace}/${pb.name}`, proto: 'tcp', dport: 80 }).replied).toBe(true);
    expect(across.built().toSorted()).toEqual([a, b].toSorted());
    expect(cache.builds).toBe(2);
  });

  it('numbers public IPs past the 190 that fit in 198.51.100.0/24, both ways', () => {
    expect(formatIpv4(defaultPublicIp(0))).toBe('198.51.100.10');
    expect(formatIpv4(defaultPublicIp(189))).toBe('198.51.100.199');
    expect(formatIpv4(defaultPublicIp(190))).toBe('198.18.0.1');
    expect(formatIpv4(defaultPublicIp(999))).toBe('198.18.3.42');
    for (const i of [0, 189, 190, 555, 4999]) expect(nodeIndexOfPublicIp(defaultPublicIp(i))).toBe(i);
    expect(nodeIndexOfPublicIp(mustIpv4('198.51.100.200'))).toBe(-1);
  });

  it('gives each of 200 NAT gateways (one per subnet, at most 200 subnets) its own Elastic IP, never a node\'s or a load balancer\'s', () => {
    const eips = Array.from({ length: 200 }, (_, n) => elasticIp(n));
    expect(new Set(eips).size).toBe(200);
    expect(eips.filter((ip) => nodeIndexOfPublicIp(ip) !== -1).map(formatIpv4)).toEqual([]);
    // Load balancers' public addresses: 192.0.2.10 and up (src/sim/elbv2).
    expect(eips.map(formatIpv4).filter((ip) => ip.startsWith('192.0.2.'))).toEqual([]);
    expect(formatIpv4(elasticIp(54))).toBe('198.51.100.254');
    expect(formatIpv4(elasticIp(55))).toBe('198.19.255.254');
  });

  it('walks from the internet to a node past the 190th', () => {
    const d = scenario().nodes('t3.medium', 200).deployment('web', 0).start().runUntil(30);
    const sim = d.engine;
    const last = sim.nodeNames()[199];
    const w = lazyWorldOf(sim, new NetworkCache());
    const publicIp = w.enisOf(last).find((e) => e.publicIp !== undefined)?.publicIp;
    expect(formatIpv4(publicIp!)).toBe('198.18.0.10');
    const walk = tracePacket(w, { from: 'external', to: formatIpv4(publicIp!), proto: 'icmp' });
    expect(walk.delivered).toBe(true);
    expect(w.built()).toEqual([last]);
  });
});

describe('trace points from the engine’s views', () => {
  for (const [name, at] of SAMPLES) {
    it(`lists the same pods and nodes as the built world in ${name}`, () => {
      const sim = sample(name, at);
      const eager = worldFromSimulation(sim);
      const pods = [...eager.namespaces.values()].flatMap((r) => (r.pod ? [{ kind: 'pod', id: `${r.pod.namespace}/${r.pod.pod}`, ip: formatIpv4(r.pod.ip), node: r.node.nodeName }] : []));
      const nodes = eager.nodes.map((n) => {
        const a = n.host.addresses.find((x) => x.family === 'inet' && x.scope === 'global');
        return { kind: 'node', id: n.nodeName, ip: a ? formatIpv4(a.local as number) : '', node: n.nodeName };
      });
      expect(tracePoints(sim)).toEqual([...pods, ...nodes, { kind: 'external', id: 'external', ip: '203.0.113.10' }]);
    });
  }
});
