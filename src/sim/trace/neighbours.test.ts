/**
 * What traffic leaves in the neighbour tables (reference e.4, checked on a kernel): a node that
 * sends on-link across the subnet ARPs for the remote address and the VPC answers with the MAC
 * of the ENI that holds it; `ip neigh` and `arp -n` then show that entry.
 */
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { renderView } from '../linux/render/index.ts';
import { exampleInputs } from './example-world.ts';
import { tracePacket } from './tracer.ts';
import { buildWorld } from './world.ts';

describe('neighbours learned by a walk', () => {
  it('a primary-ENI pod to a pod on another node: node A learns the remote pod IP with node B\'s ENI MAC', () => {
    const nodes = exampleInputs().map(buildNodeNetwork);
    const w = buildWorld(nodes, {});
    const before = renderView(nodes[0], 'ip neigh');
    expect(before).not.toContain('192.168.16.6');
    const r = tracePacket(w, { from: 'default/web-1', to: 'default/api-2', proto: 'icmp' });
    expect(r.hops.at(-1)?.step).toBe('deliver');
    // api-2 (192.168.16.6) is a secondary IP of node B's eth1, MAC 0a:5b:3c:d1:f2:02 (example-world.ts).
    expect(renderView(nodes[0], 'ip neigh')).toContain('192.168.16.6 dev eth0 lladdr 0a:5b:3c:d1:f2:02 REACHABLE \n');
    expect(renderView(nodes[0], 'arp -n')).toContain('192.168.16.6             ether   0a:5b:3c:d1:f2:02   C                     eth0\n');
    // The reply leaves node B's eth1 through table 2's default route: node B learns its router there.
    const routerMac = nodes[1].host.neighbours.find((n) => n.dev === 'eth0')!.lladdr!;
    expect(renderView(nodes[1], 'ip neigh')).toContain(`192.168.0.1 dev eth1 lladdr ${routerMac} REACHABLE \n`);
  });

  it('a second walk resolves from the table instead of asking again', () => {
    const nodes = exampleInputs().map(buildNodeNetwork);
    const w = buildWorld(nodes, {});
    tracePacket(w, { from: 'default/web-1', to: 'default/api-2', proto: 'icmp' });
    const again = tracePacket(w, { from: 'default/web-1', to: 'default/api-2', proto: 'icmp' });
    const hop = again.hops.find((h) => h.step === 'neighbour' && h.where.ns === 'node-a')!;
    expect(hop.note).toContain('resolved from the neighbour table');
    expect(hop.entry).toBe('192.168.16.6 dev eth0 lladdr 0a:5b:3c:d1:f2:02 REACHABLE');
    // One entry per address: the second walk added none.
    expect(nodes[0].host.neighbours.filter((n) => n.dev === 'eth0')).toHaveLength(2);
  });
});
