import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { mustIpv4 } from '../net/ipv4.ts';
import { exampleInputs } from './example-world.ts';
import { fibLookup, isLocalAddress, validateSource } from './routing.ts';

const node = buildNodeNetwork(exampleInputs()[0]).host;
const ip = mustIpv4;

describe('fibLookup', () => {
  it('rule 1536 sends a secondary-ENI pod to table 2, unless the connmark says main (rule 1024 first)', () => {
    const plain = fibLookup(node, { src: ip('192.168.25.7'), dst: ip('203.0.113.10'), iif: 'eni9fb0db7f13e', mark: 0 })!;
    expect([plain.rule.priority, plain.table, plain.route.dev]).toEqual([1536, 2, 'eth1']);
    const marked = fibLookup(node, { src: ip('192.168.25.7'), dst: ip('203.0.113.10'), iif: 'eni9fb0db7f13e', mark: 0x80 })!;
    expect([marked.rule.priority, marked.table, marked.route.dev]).toEqual([1024, 254, 'eth0']);
  });

  it('local addresses resolve in the local table (rule 0)', () => {
    const r = fibLookup(node, { src: ip('203.0.113.10'), dst: ip('192.168.9.201'), iif: 'eth0', mark: 0 })!;
    expect([r.rule.priority, r.route.type]).toEqual([0, 'local']);
    expect(isLocalAddress(node, ip('192.168.9.201'), 'eth1')).toBe(true);
    expect(isLocalAddress(node, ip('192.168.9.201'), 'eth0')).toBe(false);
  });
});

describe('validateSource (rp_filter, e.2/e.6)', () => {
  it('loose eth0 accepts an internet reply for a secondary-ENI pod; strict would not', () => {
    const ok = validateSource(node, ip('203.0.113.10'), ip('192.168.25.7'), 'eth0', 'eni9fb0db7f13e');
    expect(ok.ok).toBe(true);
    const strict = { ...node, sysctls: { ...node.sysctls, 'net.ipv4.conf.eth0.rp_filter': '1' } };
    const bad = validateSource(strict, ip('203.0.113.10'), ip('192.168.25.7'), 'eth0', 'eni9fb0db7f13e');
    expect(bad.ok).toBe(false);
  });

  it('a pod veth passes strict rp_filter: the route back to the pod is that veth', () => {
    expect(validateSource(node, ip('192.168.25.7'), ip('203.0.113.10'), 'eni9fb0db7f13e', 'eth0').ok).toBe(true);
  });
});
