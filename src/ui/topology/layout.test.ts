import { describe, expect, it } from 'vitest';
import type { NodeView, SubnetView } from '../../sim/view.ts';
import { layoutTopology, MAX_COLS, newSlotMemory, sameLayoutInputs } from './layout.ts';
import { nodeGeometry } from './node-geometry.ts';

const subnet = (id: string, az: string, cidr: string): SubnetView => ({ id, availabilityZone: az, cidr, usable: 250, used: 10, free: 240, tags: {}, defaultRoute: 'igw' });
const node = (name: string, subnetId: string, az: string, maxENIs = 3, maxIPs = 15): NodeView => ({
  name, subnetId, availabilityZone: az, instanceId: 'i-1', instanceType: 't3.medium', nodeGroup: 'ng', nodeIp: '10.0.0.1', maxPods: 17, podCount: 0,
  mode: 'secondary-ip', ipamd: { status: 'running' }, enis: [], warnings: [],
  pool: { totalIPs: 0, assignedIPs: 0, cooldownIPs: 0, availableIPs: 0, totalPrefixes: 0, freePrefixes: 0, maxIPs, maxENIs },
  counters: { addIpRequests: 0, delIpRequests: {}, noAvailableIpAddresses: 0, ec2ApiRequests: {}, ec2ApiErrors: {}, awsApiErrors: {}, awsApiLatency: {}, reconcile: {}, ipamdErrors: {}, forceRemovedEnis: 0, forceRemovedIps: 0, startedAtMs: 0 },
});
const subnets = [subnet('s-a', 'us-west-2a', '10.0.0.0/24'), subnet('s-b', 'us-west-2b', '10.0.1.0/24')];

describe('topology layout', () => {
  it('sizes a card by capacity, not by what is allocated', () => {
    const t3 = nodeGeometry(node('a', 's-a', 'us-west-2a'));
    expect(t3.maxEnis).toBe(3);
    expect(t3.slotsPerEni).toBe(5);
    expect(t3.eniRows).toHaveLength(3);
    const big = nodeGeometry(node('b', 's-a', 'us-west-2a', 15, 15 * 49));
    expect(big.h).toBeGreaterThan(t3.h);
  });

  it('puts AZs side by side and nodes inside their subnet', () => {
    const l = layoutTopology({ subnets, nodes: [node('n1', 's-a', 'us-west-2a'), node('n2', 's-b', 'us-west-2b')] }, newSlotMemory());
    expect(l.azs.map((a) => a.name)).toEqual(['us-west-2a', 'us-west-2b']);
    const [a, b] = l.subnets;
    const n1 = l.nodes.get('n1');
    const n2 = l.nodes.get('n2');
    expect(n1 && n1.x >= a.x && n1.y >= a.y && n1.x + n1.w <= a.x + a.w).toBe(true);
    expect(n2 && n2.x >= b.x).toBe(true);
  });

  it('keeps existing nodes in place when others are added or removed', () => {
    const mem = newSlotMemory();
    const three = ['n1', 'n2', 'n3'].map((n) => node(n, 's-a', 'us-west-2a'));
    const first = layoutTopology({ subnets, nodes: three }, mem);
    const later = layoutTopology({ subnets, nodes: [three[0], three[2], node('n0', 's-a', 'us-west-2a')] }, mem);
    expect(later.nodes.get('n1')).toMatchObject({ x: first.nodes.get('n1')?.x, y: first.nodes.get('n1')?.y });
    expect(later.nodes.get('n3')).toMatchObject({ x: first.nodes.get('n3')?.x, y: first.nodes.get('n3')?.y });
    // the newcomer takes the freed slot of n2
    expect(later.nodes.get('n0')).toMatchObject({ x: first.nodes.get('n2')?.x, y: first.nodes.get('n2')?.y });
  });

  it('widens a subnet while its nodes fit in one row, without moving anyone', () => {
    const mem = newSlotMemory();
    const one = layoutTopology({ subnets, nodes: [node('n1', 's-a', 'us-west-2a')] }, mem);
    const three = layoutTopology({ subnets, nodes: ['n1', 'n2', 'n3'].map((n) => node(n, 's-a', 'us-west-2a')) }, mem);
    expect(three.nodes.get('n1')).toMatchObject({ x: one.nodes.get('n1')?.x, y: one.nodes.get('n1')?.y });
    const ys = new Set(['n1', 'n2', 'n3'].map((n) => three.nodes.get(n)?.y));
    expect(ys.size).toBe(1);
  });

  it('lays out 100 nodes without overlaps', () => {
    const many = Array.from({ length: 100 }, (_, i) => node(`n${i}`, i % 2 ? 's-a' : 's-b', i % 2 ? 'us-west-2a' : 'us-west-2b'));
    const l = layoutTopology({ subnets, nodes: many }, newSlotMemory());
    const boxes = [...l.nodes.values()];
    const overlap = boxes.some((p, i) => boxes.some((q, j) => i < j && p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h));
    expect(overlap).toBe(false);
  });

  it('lays out 1,000 nodes in three AZs about a screen’s shape, without overlaps, and keeps a small cluster at five columns', () => {
    const three = [...subnets, subnet('s-c', 'us-west-2c', '10.0.2.0/24')];
    const many = Array.from({ length: 1000 }, (_, i) => node(`n${i}`, ['s-a', 's-b', 's-c'][i % 3], `us-west-2${'abc'[i % 3]}`));
    const l = layoutTopology({ subnets: three, nodes: many }, newSlotMemory());
    expect(l.nodes.size).toBe(1000);
    const ratio = l.vpc.w / l.vpc.h;
    expect(ratio).toBeGreaterThan(1.2);
    expect(ratio).toBeLessThan(2.2);
    // Overlaps, checked per row of cards (sorted by x), not over all pairs.
    const rows = new Map<number, { x: number; w: number }[]>();
    for (const b of l.nodes.values()) rows.set(b.y, [...(rows.get(b.y) ?? []), b]);
    for (const row of rows.values()) {
      const sorted = row.toSorted((a, b) => a.x - b.x);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].x).toBeGreaterThanOrEqual(sorted[i - 1].x + sorted[i - 1].w);
    }
    const small = layoutTopology({ subnets, nodes: Array.from({ length: 12 }, (_, i) => node(`m${i}`, 's-a', 'us-west-2a')) }, newSlotMemory());
    expect(new Set([...small.nodes.values()].map((b) => b.x)).size).toBe(MAX_COLS);
  });

  it('needs a new layout only when nodes, their subnets or their card sizes change', () => {
    const a = node('n1', 's-a', 'us-west-2a');
    const snap = { subnets, nodes: [a, node('n2', 's-b', 'us-west-2b')] };
    expect(sameLayoutInputs(undefined, snap)).toBe(false);
    expect(sameLayoutInputs(snap, snap)).toBe(true);
    // A node that gained pods and addresses is a new object with the same capacity.
    expect(sameLayoutInputs(snap, { subnets, nodes: [{ ...a, podCount: 9, pool: { ...a.pool, assignedIPs: 9 } }, snap.nodes[1]] })).toBe(true);
    expect(sameLayoutInputs(snap, { subnets, nodes: [{ ...a, maxPods: 58 }, snap.nodes[1]] })).toBe(false);
    expect(sameLayoutInputs(snap, { subnets, nodes: [{ ...a, pool: { ...a.pool, maxENIs: 4 } }, snap.nodes[1]] })).toBe(false);
    expect(sameLayoutInputs(snap, { subnets, nodes: [snap.nodes[1], a] })).toBe(false);
    expect(sameLayoutInputs(snap, { subnets, nodes: [a] })).toBe(false);
    expect(sameLayoutInputs(snap, { subnets: [subnets[0], { ...subnets[1], cidr: '10.0.9.0/24' }], nodes: snap.nodes })).toBe(false);
  });
});
