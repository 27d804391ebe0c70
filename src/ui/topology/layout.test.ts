import { describe, expect, it } from 'vitest';
import type { NodeView, SubnetView } from '../../sim/view.ts';
import { layoutTopology, newSlotMemory } from './layout.ts';
import { nodeGeometry } from './node-geometry.ts';

const subnet = (id: string, az: string, cidr: string): SubnetView => ({ id, availabilityZone: az, cidr, usable: 250, used: 10, free: 240, tags: {} });
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
});
