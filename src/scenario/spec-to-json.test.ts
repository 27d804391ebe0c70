import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from './sample-index.ts';
import { specToScenarioJson } from './spec-to-json.ts';
import { decodeFragment, encodeFragment } from './url-codec.ts';

function specOf(input: unknown) {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.spec;
}

describe('specToScenarioJson', () => {
  it.each(SAMPLE_NAMES)('gives back an equal spec for fixture %s', (name) => {
    const spec = specOf(SAMPLE_SCENARIOS[name]);
    expect(specOf(specToScenarioJson(spec))).toEqual(spec);
  });

  it('omits every default', () => {
    expect(specToScenarioJson(specOf({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }], deployments: [{ name: 'web', namespace: 'default', replicas: 1, labels: { app: 'web' } }] }))).toEqual({
      v: 2,
      nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }],
      deployments: [{ name: 'web' }],
    });
  });

  it('keeps what differs from the defaults', () => {
    const json = specToScenarioJson(specOf({ v: 1, seed: 7, region: 'eu-west-1', nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }], ec2: { mutating: { capacity: 10 } } }));
    expect(json).toEqual({ v: 2, seed: 7, region: 'eu-west-1', nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }], ec2: { mutating: { capacity: 10 } } });
    const moved = specToScenarioJson(specOf({ v: 1, vpc: { cidrs: ['10.0.0.0/16'] }, subnets: [{ cidr: '10.0.0.0/20', availabilityZone: 'us-west-2b' }] }));
    expect(moved).toEqual({ v: 2, vpc: { cidrs: ['10.0.0.0/16'] }, subnets: [{ cidr: '10.0.0.0/20', availabilityZone: 'us-west-2b' }] });
  });

  it('round-trips edited specs through a share link', () => {
    const base = specOf(SAMPLE_SCENARIOS['three-az']);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 3600 }), replicas: fc.integer({ min: 0, max: 10000 }) }), { maxLength: 8 }),
        fc.dictionary(fc.constantFrom('WARM_IP_TARGET', 'MINIMUM_IP_TARGET', 'WARM_ENI_TARGET', 'MAX_ENI'), fc.string({ maxLength: 6 })),
        fc.integer({ min: 0, max: 100 }),
        (seed, scales, env, count) => {
          const edited = {
            ...base,
            seed,
            awsNode: { env },
            nodeGroups: base.nodeGroups.map((g, i) => (i === 0 ? { ...g, count } : g)),
            timeline: scales.map((s) => ({ at: s.at, command: { type: 'scale' as const, deployment: 'web', replicas: s.replicas } })).toSorted((a, b) => a.at - b.at),
          };
          const r = decodeFragment(encodeFragment({ scenario: specToScenarioJson(edited) }));
          if (!r.ok) throw new Error(r.error);
          expect(r.spec).toEqual(edited);
        },
      ),
      { numRuns: 200 },
    );
  });
});
