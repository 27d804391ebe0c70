import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../../sim/index.ts';
import { tracePoints, traceWalk } from '../../worker/trace-api.ts';
import { layoutDatapath, type Box } from './datapath-layout.ts';
import { nodeContext } from './DatapathView.tsx';
import { focusNodes, stationOf } from './hop-model.ts';

/** security-groups-for-pods at 120 s: payments scaled to 12 at 90 s, of which 9 fit the m5.large's branch ENIs. */
function world(to: string, at = 120_000) {
  const parsed = parseScenario(SAMPLE_SCENARIOS['security-groups-for-pods']);
  if (!parsed.ok) throw new Error('parse');
  const sim = createSimulation(parsed.spec);
  sim.runUntil(at);
  const snap = sim.snapshot();
  const points = tracePoints(sim);
  const pay = points.find((p) => p.kind === 'pod' && p.id.startsWith('default/payments-'))!;
  const web = points.find((p) => p.kind === 'pod' && p.id.startsWith('default/web-'))!;
  const walk = (from: string) => {
    const w = traceWalk(sim, { from, to, proto: 'tcp', dport: 443 });
    if (!w.ok) throw new Error(w.error);
    return w;
  };
  return { snap, pay, web, walk };
}

const inside = (b: Box, w: number, h: number) => b.x >= 0 && b.y >= 0 && b.x + b.w <= w && b.y + b.h <= h;

describe('datapath layout sized from content', () => {
  const { snap, pay, web, walk } = world('8.8.8.8');
  const w = walk(pay.id);
  const node = pay.node!;
  const ctx = nodeContext(snap, node);
  const l = layoutDatapath(w, node, ctx);

  it('draws all nine vlan.eth.N devices of the branch ENIs, each inside the picture', () => {
    const vlans = l.boxes.filter((b) => b.kind === 'vlan');
    expect(vlans).toHaveLength(9);
    expect(vlans.every((b) => /^vlan\.eth\.\d+$/.test(b.title))).toBe(true);
    expect(vlans.every((b) => b.lines[1].startsWith('branch ENI · VLAN '))).toBe(true);
    expect(l.boxes.filter((b) => !inside(b, l.width, l.height)).map((b) => b.id)).toEqual([]);
    expect(l.height).toBeGreaterThan(620);
  });

  it('draws every running pod on the node, and the walked one with its vlan veth', () => {
    const running = snap.pods.filter((p) => p.node === node && !p.hostNetwork && p.phase === 'Running');
    // 13 workload pods and the 2 CoreDNS pods every cluster runs.
    expect(running.length).toBe(15);
    expect(running.filter((p) => p.namespace === 'kube-system')).toHaveLength(2);
    expect(l.boxes.filter((b) => b.kind === 'pod')).toHaveLength(15);
    const mine = w.namespaces.find((n) => n.pod?.name === pay.id.split('/')[1])!;
    expect(mine.pod?.hostVeth).toMatch(/^vlan[0-9a-f]{11}$/);
    expect(l.boxes.find((b) => b.id === `dev:${mine.pod?.hostVeth}`)?.kind).toBe('veth');
  });

  it('puts every hop of the walk on a station inside the picture', () => {
    const focus = focusNodes(w.result.hops);
    for (const [i, h] of w.result.hops.entries()) {
      const st = stationOf(h, focus[i]);
      const pt = l.stations.get(st);
      expect(pt, `hop ${i + 1} at ${st}`).toBeDefined();
      expect(pt![0] >= 0 && pt![0] <= l.width && pt![1] >= 0 && pt![1] <= l.height).toBe(true);
    }
  });

  it('names the internet end by the address the packet went to, not the stand-in host', () => {
    const inet = l.boxes.find((b) => b.id === 'internet')!;
    expect(inet.lines[0]).toBe('8.8.8.8:443');
    const two = layoutDatapath([w, walk(web.id)], node, ctx);
    expect(two.boxes.filter((b) => b.id === 'internet')).toHaveLength(1);
  });
});
