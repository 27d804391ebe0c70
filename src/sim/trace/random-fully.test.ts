import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { exampleInputs } from './example-world.ts';
import type { TraceResult } from './hop.ts';
import { tracePacket } from './tracer.ts';
import { buildWorld } from './world.ts';

// Expectations: vpc-cni-behaviour.md b.4 (AWS_VPC_K8S_CNI_RANDOMIZESNAT: prng → --random-fully,
// hashrandom → --random, none → neither) and e.10 (a real kernel: every SNATed connection
// left with another source port, the conntrack reply tuple carries it, the ICMP echo id
// changes the same way). Without a flag the kernel keeps a port whose tuple is free
// (nf_nat get_unique_tuple); its ranges when none is given: <512 → 1–511, <1024 → 600–1023,
// else 1024–65535, ICMP ids 0–65535 (nf_nat_l4proto_unique_tuple).
const INTERNET = '203.0.113.10';
function world(env: Record<string, string> = {}, seed = 7, nowMs = 0) {
  const inputs = exampleInputs(env);
  return buildWorld(inputs.map(buildNodeNetwork), { inputs, seed, nowMs });
}
const snatHop = (r: TraceResult) => r.hops.find((h) => h.step === 'netfilter' && h.where.chain === 'POSTROUTING' && h.after.src !== h.before.src)!;
const portAt = (seed: number, nowMs: number) => snatHop(tracePacket(world({}, seed, nowMs), { from: 'default/web-2', to: INTERNET, proto: 'udp', dport: 53 })).after.sport;
const tuples = (line: string) => [...line.matchAll(/(sport|dport|id)=(\d+)/g)].map((m) => `${m[1]}=${m[2]}`);

describe('SNAT source port (AWS_VPC_K8S_CNI_RANDOMIZESNAT)', () => {
  it('prng (default, --random-fully): a new source port on the SNAT hop, carried by the conntrack reply tuple, restored on the reply', () => {
    const r = tracePacket(world(), { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 443 });
    const hop = snatHop(r);
    expect(hop.entry).toMatch(/-j SNAT --to-source 192\.168\.1\.64 --random-fully$/);
    expect(hop.before.sport).toBe(40000);
    const port = hop.after.sport!;
    expect(port).not.toBe(40000);
    expect(port).toBeGreaterThanOrEqual(1024);
    expect(hop.note).toContain(`source port 40000 → ${port} (--random-fully`);
    expect(r.conntrack).toHaveLength(1);
    expect(tuples(r.conntrack[0].line)).toEqual(['sport=40000', 'dport=443', 'sport=443', `dport=${port}`]);
    const internet = r.hops.find((h) => h.step === 'deliver' && h.where.ns === 'internet')!;
    expect(internet.after.sport).toBe(port);
    const home = r.hops[r.hops.length - 1];
    expect([home.step, home.after.dst, home.after.dport]).toEqual(['deliver', '192.168.25.7', 40000]);
  });

  it('prng: the ICMP echo id changes and the reply tuple carries it', () => {
    const r = tracePacket(world(), { from: 'default/web-1', to: INTERNET, proto: 'icmp' });
    const hop = snatHop(r);
    expect(hop.before.id).toBe(1);
    expect(hop.after.id).not.toBe(1);
    expect(hop.note).toContain(`echo id 1 → ${hop.after.id}`);
    expect(tuples(r.conntrack[0].line)).toEqual(['id=1', `id=${hop.after.id}`]);
    expect(r.replied).toBe(true);
  });

  it('prng: the port is drawn from the seed (scenario and moment), the same for the same moment', () => {
    expect(portAt(7, 1000)).toBe(portAt(7, 1000));
    const ports = new Set(([[7, 0], [7, 1000], [7, 2000], [7, 3000], [8, 0]] as const).map(([seed, at]) => portAt(seed, at)));
    expect(ports.size).toBeGreaterThan(1);
  });

  it('hashrandom (--random): the port changes too', () => {
    const r = tracePacket(world({ AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'hashrandom' }), { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 443 });
    const hop = snatHop(r);
    expect(hop.entry).toMatch(/--random$/);
    expect(hop.after.sport).not.toBe(40000);
    expect(r.replied).toBe(true);
  });

  it('none: no flag, the port (and ICMP id) is kept', () => {
    const w = world({ AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'none' });
    const tcp = tracePacket(w, { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 443 });
    expect(snatHop(tcp).entry).toMatch(/--to-source 192\.168\.1\.64$/);
    expect(snatHop(tcp).after.sport).toBe(40000);
    expect(tuples(tcp.conntrack[0].line)).toEqual(['sport=40000', 'dport=443', 'sport=443', 'dport=40000']);
    expect(snatHop(tracePacket(w, { from: 'default/web-1', to: INTERNET, proto: 'icmp' })).after.id).toBe(1);
  });

  it('property: any seed and source port — the new port stays in the kernel\'s range and the reply reaches the pod on its own port', () => {
    const w0 = world();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 65535 }), fc.constantFrom('tcp' as const, 'udp' as const), (seed, sport, proto) => {
        const w = { ...w0, seed };
        const r = tracePacket(w, { from: 'default/web-2', to: INTERNET, proto, dport: 443, sport });
        const port = snatHop(r).after.sport!;
        const [lo, hi] = sport < 512 ? [1, 511] : sport < 1024 ? [600, 1023] : [1024, 65535];
        expect(port).toBeGreaterThanOrEqual(lo);
        expect(port).toBeLessThanOrEqual(hi);
        const home = r.hops[r.hops.length - 1];
        expect([r.replied, home.after.dport]).toEqual([true, sport]);
      }),
      { numRuns: 200 },
    );
  });
});
