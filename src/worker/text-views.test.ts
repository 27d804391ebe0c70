/**
 * The inspectors' text views as the worker renders them: one node's Linux view follows the env
 * that node's own aws-node set it up with, and is built once per change of that node.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../scenario/sample-index.ts';
import { createSimulation, type Engine } from '../sim/index.ts';
import { NetworkCache } from '../sim/trace/network-cache.ts';
import { renderText } from './text-views.ts';

function threeAz(atMs: number): Engine {
  const parsed = parseScenario(SAMPLE_SCENARIOS['three-az']);
  if (!parsed.ok) throw new Error('three-az does not parse');
  const sim = createSimulation(parsed.spec);
  sim.runUntil(atMs);
  return sim;
}

/** The SNAT rule and the POSTROUTING jump to it (vpc-cni-behaviour.md: both go with EXTERNALSNAT=true). */
const snats = (nat: string) => nat.split('\n').filter((l) => /^-A AWS-SNAT-CHAIN-0 .* -j SNAT /.test(l) || l === '-A POSTROUTING -m comment --comment "AWS SNAT CHAIN" -j AWS-SNAT-CHAIN-0');

/** When each node's aws-node finished starting (nodeInit ran: `ipamd started in …`) after `afterSeq`. */
function restartedAt(sim: Engine, afterSeq: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of sim.eventsSince(afterSeq)) {
    if (e.kind === 'ipamd' && e.message.startsWith('ipamd started in') && !out.has(e.node)) out.set(e.node, e.timeMs);
  }
  return out;
}

describe('a node’s Linux view follows its own aws-node', () => {
  it('AWS_VPC_K8S_CNI_EXTERNALSNAT=true changes `iptables -t nat -S` on a node only once that node’s aws-node restarted', () => {
    const sim = threeAz(130_000);
    const networks = new NetworkCache();
    const nat = (node: string) => renderText(sim, 'iptables -t nat -S', { node }, networks);
    const nodes = sim.nodeNames();
    expect(nodes).toHaveLength(3);
    for (const n of nodes) expect(snats(nat(n))).toHaveLength(2);

    const seq = sim.log.lastSeq;
    expect(sim.apply({ type: 'setEnv', name: 'AWS_VPC_K8S_CNI_EXTERNALSNAT', value: 'true' })).toEqual({ ok: true });
    // The DaemonSet is edited, but no node runs the new env yet.
    for (const n of nodes) expect(snats(nat(n)), n).toHaveLength(2);

    // Event by event: each node's view changes exactly when that node's aws-node set it up again.
    let changed = new Set<string>();
    while (changed.size < nodes.length && sim.nowMs < 140_000) {
      const next = sim.nextEventTime();
      if (next === undefined) break;
      sim.runSome(next, 1);
      const restarted = restartedAt(sim, seq);
      for (const n of nodes) {
        const after = snats(nat(n)).length === 0;
        expect(after, `${n} at ${sim.nowMs} ms`).toBe(restarted.has(n));
        if (after && !changed.has(n)) {
          changed = new Set([...changed, n]);
          // The moment it changed, the others that have not restarted still SNAT.
          expect(nat(n)).toContain('-N AWS-SNAT-CHAIN-0');
        }
      }
    }
    expect(changed.size).toBe(3);
    // The rollout is staggered (1–3 s per node): at some moment one node had changed and another not.
    const times = [...restartedAt(sim, seq).values()];
    expect(new Set(times).size).toBe(3);
  });

  it('builds a node’s network once per change of that node, and only the node asked about', () => {
    const sim = threeAz(130_000);
    const networks = new NetworkCache();
    const [a, b] = sim.nodeNames();
    renderText(sim, 'ip rule', { node: a }, networks);
    renderText(sim, 'iptables -t nat -S', { node: a }, networks);
    renderText(sim, 'ip route show table all', { node: a }, networks);
    expect(networks.builds).toBe(1);
    renderText(sim, 'ip rule', { node: b }, networks);
    expect(networks.builds).toBe(2);
    // A change on node a (an error counted) makes its next view rebuild it; b stays cached.
    sim.cluster.nodes.get(a)!.ipamd.countError('test');
    renderText(sim, 'ip rule', { node: b }, networks);
    expect(networks.builds).toBe(2);
    renderText(sim, 'ip rule', { node: a }, networks);
    expect(networks.builds).toBe(3);
  });

  it('reads one node, not the cluster, for kubectl and the ENI view', () => {
    const sim = threeAz(130_000);
    const [a] = sim.nodeNames();
    const pods = renderText(sim, 'kubectl-get-pods', { node: a });
    const rows = pods.split('\n').slice(1);
    expect(rows.length).toBe(sim.podsOn(a).length);
    expect(rows.every((r) => r.includes(a))).toBe(true);
    const eni = sim.node(a)!.view.enis[0];
    const json = JSON.parse(renderText(sim, 'describe-network-interfaces', { node: a, eni: eni.id })) as { NetworkInterfaces: { NetworkInterfaceId: string }[] };
    expect(json.NetworkInterfaces.map((n) => n.NetworkInterfaceId)).toEqual([eni.id]);
    const [pod] = sim.podsOn(a).filter((p) => !p.hostNetwork);
    expect(renderText(sim, 'kubectl-describe-pod', { pod: `${pod.namespace}/${pod.name}` })).toMatch(new RegExp(`^Node:\\s+${a.replaceAll('.', '\\.')}/`, 'm'));
  });
});

describe('Services through the network cache', () => {
  function nlb(atMs: number): Engine {
    const parsed = parseScenario(SAMPLE_SCENARIOS['nlb-ip-targets']);
    if (!parsed.ok) throw new Error('nlb-ip-targets does not parse');
    const sim = createSimulation(parsed.spec);
    sim.runUntil(atMs);
    return sim;
  }
  /** The endpoint jumps of the ui-nlb Service's KUBE-SVC chain (one per ready endpoint, reference §2). */
  const uiEndpoints = (nat: string) => nat.split('\n').filter((l) => /^-A KUBE-SVC-\S+ .*-m comment --comment "ui\/ui-nlb:http -> [\d.]+:8080" .*-j KUBE-SEP-/.test(l));

  it('scaling the deployment behind a Service changes a node’s cached `iptables -t nat -S` (its version moves, the delta carries it)', () => {
    const sim = nlb(200_000);
    const networks = new NetworkCache();
    const [node] = sim.nodeNames();
    const before = renderText(sim, 'iptables -t nat -S', { node }, networks);
    expect(uiEndpoints(before)).toHaveLength(2);
    const version = sim.node(node)!.version;
    sim.delta();
    expect(sim.apply({ type: 'scale', namespace: 'ui', deployment: 'ui', replicas: 4 })).toEqual({ ok: true });
    // Pods start, pass their readiness probe (10 s delay), join the EndpointSlice.
    sim.runUntil(260_000);
    const after = renderText(sim, 'iptables -t nat -S', { node }, networks);
    expect(uiEndpoints(after)).toHaveLength(4);
    expect(sim.node(node)!.version).toBeGreaterThan(version);
    expect(sim.delta().changedNodes.map((n) => n.name)).toContain(node);
  });

  it('traffic leaves conntrack entries a cached node shows, and they go when TIME_WAIT ends', () => {
    const sim = nlb(299_000);
    const networks = new NetworkCache();
    const nodes = sim.nodeNames();
    const conntrack = () => nodes.map((node) => renderText(sim, 'command', { node, command: 'conntrack -L' }, networks) as string).join('');
    expect(conntrack()).not.toMatch(/dport=8080/);
    sim.runUntil(301_000); // the sample's traffic at 300 s: the NLB to the ui pods' 8080
    expect(conntrack()).toMatch(/TIME_WAIT .* dport=8080/);
    sim.runUntil(301_000 + 121_000);
    expect(conntrack()).not.toMatch(/dport=8080/);
  });
});
