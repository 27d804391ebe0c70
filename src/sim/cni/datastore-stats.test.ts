/**
 * The datastore keeps running totals so ipamd's 5 s cycle costs O(1); they must always
 * equal a full recount (GetIPStats walks every CIDR), whatever sequence of operations ran.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../clock/random.ts';
import type { Ipv4 } from '../net/ipv4.ts';
import { Datastore, type DsEni } from './datastore.ts';

function recount(ds: Datastore) {
  const pd = ds.prefixMode;
  let total = 0;
  let assigned = 0;
  let prefixes = 0;
  let free = 0;
  for (const e of ds.enis) {
    if (e.isTrunk) continue;
    for (const c of e.cidrs) {
      if (c.isPrefix !== pd) continue;
      total += pd ? 16 : 1;
      assigned += c.assigned;
      if (pd) {
        prefixes++;
        if (c.assigned === 0) free++;
      }
    }
  }
  return { totalIPs: total, assignedIPs: assigned, available: total - assigned, totalPrefixes: prefixes, freePrefixes: free };
}

const op = fc.oneof(
  fc.record({ k: fc.constant('addEni' as const) }),
  fc.record({ k: fc.constant('removeEni' as const), i: fc.nat(5) }),
  fc.record({ k: fc.constant('addCidrs' as const), i: fc.nat(5), n: fc.integer({ min: 1, max: 3 }), prefix: fc.boolean() }),
  fc.record({ k: fc.constant('removeFree' as const), i: fc.nat(5) }),
  fc.record({ k: fc.constant('assign' as const) }),
  fc.record({ k: fc.constant('unassign' as const), i: fc.nat(40) }),
  fc.record({ k: fc.constant('mode' as const), prefix: fc.boolean() }),
);

describe('datastore running totals', () => {
  it('always equal a full recount of the active kind', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const ds = new Datastore(new Random(7));
        let next = 0x0a000010;
        let dev = 0;
        const pods: string[] = [];
        let t = 0;
        for (const o of ops) {
          t += 1000;
          if (o.k === 'addEni') {
            const eni: DsEni = { id: `eni-${dev}`, deviceIndex: dev++, networkCard: 0, isPrimary: dev === 1, isTrunk: false, createdAtMs: t, primaryIp: (next++ as Ipv4), subnetId: 's', cidrs: [] };
            ds.addEni(eni);
          } else if (o.k === 'removeEni' && ds.enis.length) {
            ds.removeEni(ds.enis[o.i % ds.enis.length].id);
          } else if (o.k === 'addCidrs' && ds.enis.length) {
            const eni = ds.enis[o.i % ds.enis.length];
            const bases: Ipv4[] = [];
            for (let j = 0; j < o.n; j++) {
              bases.push((next as Ipv4));
              next += o.prefix ? 16 : 1;
            }
            ds.addCidrs(eni, bases, o.prefix);
          } else if (o.k === 'removeFree' && ds.enis.length) {
            const eni = ds.enis[o.i % ds.enis.length];
            const c = eni.cidrs.find((x) => x.assigned === 0);
            if (c) ds.removeCidr(eni, c);
          } else if (o.k === 'assign') {
            const pod = `p${pods.length}`;
            if (ds.assignPodIp(pod, t, 30_000)) pods.push(pod);
          } else if (o.k === 'unassign' && pods.length) {
            ds.unassignPodIp(pods[o.i % pods.length], t);
          } else if (o.k === 'mode') {
            ds.prefixMode = o.prefix;
          }
          const fast = ds.stats(t, 30_000, false);
          const full = recount(ds);
          expect({ totalIPs: fast.totalIPs, assignedIPs: fast.assignedIPs, available: fast.available, totalPrefixes: fast.totalPrefixes, freePrefixes: fast.freePrefixes }).toEqual(full);
        }
      }),
      { numRuns: 300 },
    );
  });
});
