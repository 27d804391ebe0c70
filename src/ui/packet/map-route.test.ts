import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../../sim/index.ts';
import { tracePoints, traceWalk } from '../../worker/trace-api.ts';
import { anchorKey, calloutFor, mapAnchorOf } from './map-route.ts';

function sim(id: 'three-az' | 'security-groups-for-pods', at: number) {
  const parsed = parseScenario(SAMPLE_SCENARIOS[id]);
  if (!parsed.ok) throw new Error('parse');
  const s = createSimulation(parsed.spec);
  s.runUntil(at);
  return s;
}

/** Consecutive anchors with repeats folded: the places the marker visits, in order. */
const places = (keys: string[]) => keys.filter((k, i) => k !== keys[i - 1]);

describe('the packet on the map', () => {
  it('pod to a pod on another node: pod, veth, host, ENI, VPC fabric, the other ENI, host, veth, pod, and back', () => {
    const s = sim('three-az', 130_000);
    const pods = tracePoints(s).filter((p) => p.kind === 'pod' && p.id.startsWith('default/web-'));
    const a = pods[0];
    const b = pods.find((p) => p.node !== a.node)!;
    const w = traceWalk(s, { from: a.id, to: b.ip, proto: 'tcp', dport: 80 });
    if (!w.ok) throw new Error(w.error);
    const kinds = places(w.result.hops.map((h) => mapAnchorOf(h).kind));
    const request = kinds.slice(0, kinds.indexOf('pod', 1) + 1);
    expect(request).toEqual(['pod', 'veth', 'host', 'device', 'vpc', 'device', 'host', 'veth', 'pod']);
    const keys = places(w.result.hops.map((h) => anchorKey(mapAnchorOf(h))));
    expect(keys[0]).toBe(`pod:${a.node}/${a.id}`);
    expect(keys).toContain(`pod:${b.node}/${b.id}`);
    expect(keys.at(-1)).toBe(`pod:${a.node}/${a.id}`);
    // The source pod's ENI device is the node's own (eth0/eth1…), named as on the node.
    expect(keys.find((k) => k.startsWith(`dev:${a.node}:`))).toMatch(/:(eth|ens)\d+$/);
  });

  it('names the device, the deciding rule and the route table in the callout, as the tools print them', () => {
    const s = sim('three-az', 130_000);
    const pod = tracePoints(s).find((p) => p.kind === 'pod')!;
    const w = traceWalk(s, { from: pod.id, to: '203.0.113.10', proto: 'tcp', dport: 443 });
    if (!w.ok) throw new Error(w.error);
    const hops = w.result.hops;
    const route = hops.findIndex((h) => h.step === 'route' && h.where.ns === pod.node && h.direction === 'request');
    const veth = hops[route - 1].where.device ?? hops.slice(0, route).toReversed().find((h) => h.where.ns === pod.node && h.where.device)!.where.device!;
    // The host decided by `1024: from all fwmark 0x80/0x80 lookup main` (hop-model.test), then table main.
    expect(calloutFor(hops, route)).toBe(`route · ${veth.length > 12 ? `${veth.slice(0, 10)}…` : veth} → rule 1024 → table main`);
    const snat = hops.findIndex((h) => h.step === 'netfilter' && h.where.table === 'nat' && h.where.chain === 'POSTROUTING');
    expect(calloutFor(hops, snat)).toMatch(/^nat POSTROUTING · .* → rule 1024 → table main$/);
  });

  it('a branch-ENI pod leaves by its vlan.eth.N device (rule 10 → its VLAN table)', () => {
    const s = sim('security-groups-for-pods', 60_000);
    const pod = tracePoints(s).find((p) => p.kind === 'pod' && p.id.startsWith('default/payments-'))!;
    const w = traceWalk(s, { from: pod.id, to: '8.8.8.8', proto: 'tcp', dport: 443 });
    if (!w.ok) throw new Error(w.error);
    const anchors = w.result.hops.map(mapAnchorOf);
    const dev = anchors.find((a) => a.kind === 'device');
    expect(dev && 'device' in dev ? dev.device : '').toMatch(/^vlan\.eth\.\d+$/);
    const route = w.result.hops.findIndex((h) => h.step === 'route' && h.where.ns === pod.node);
    expect(calloutFor(w.result.hops, route)).toMatch(/^route · vlan[0-9a-f]{6}… → rule 10 → table 10\d$/);
    expect(anchors.some((a) => a.kind === 'gateway')).toBe(true);
    // On the node, the VLAN device is an ENI's place and the host veth a veth's (named as the CNI names them).
    const onNode = anchors.filter((a) => a.kind === 'device' || a.kind === 'veth').map((a) => `${a.kind} ${'device' in a ? a.device : ''}`);
    expect(onNode.every((t) => /^device (eth\d+|ens\d+|vlan\.eth\.\d+)$|^veth (eni|vlan)[0-9a-f]{11}$/.test(t))).toBe(true);
    expect(onNode.some((t) => t.startsWith('device vlan.eth.'))).toBe(true);
  });
});
