import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario.ts';
import { specToScenarioJson } from './spec-to-json.ts';

// Subnet route tables (docs/scenario-format.md, VPC and subnets): igw by default, none, a NAT
// gateway by id or "nat" (the one of the subnet's zone); a NAT gateway needs a public subnet.
const group = { name: 'ng', instanceType: 'm5.large', count: 1, subnet: 'subnet-0000000000000000b' };
const doc = (subnets: object[]) => ({ v: 1, vpc: { cidrs: ['10.0.0.0/16'] }, subnets, nodeGroups: [group] });
const pub = (extra: object = {}) => ({ id: 'subnet-0000000000000000a', availabilityZone: 'us-west-2a', cidr: '10.0.0.0/24', ...extra });
const priv = (extra: object = {}) => ({ id: 'subnet-0000000000000000b', availabilityZone: 'us-west-2a', cidr: '10.0.64.0/19', ...extra });
const issues = (input: unknown) => {
  const r = parseScenario(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('subnet route tables', () => {
  it('"nat" resolves to the NAT gateway of the subnet\'s zone; ids derive from the subnet; the JSON round-trips', () => {
    const r = parseScenario(doc([pub({ natGateway: true }), priv({ defaultRoute: 'nat' })]));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const [p, q] = r.spec.subnets;
    expect(p.natGateway?.id).toMatch(/^nat-0[0-9a-f]{16}$/);
    expect(q.defaultRoute).toBe(p.natGateway?.id);
    const again = parseScenario(specToScenarioJson(r.spec));
    expect(again.ok && again.spec.subnets).toEqual(r.spec.subnets);
  });

  it('leaves scenarios without route tables as they were: no defaultRoute (igw) and no NAT gateway', () => {
    const r = parseScenario(doc([pub(), priv()]));
    expect(r.ok && r.spec.subnets.map((s) => [s.defaultRoute, s.natGateway])).toEqual([[undefined, undefined], [undefined, undefined]]);
  });

  it('refuses what AWS would not route, naming the path', () => {
    expect(issues(doc([pub(), priv({ defaultRoute: 'nat' })]))).toEqual(['subnets[1].defaultRoute: "nat" needs a subnet with "natGateway": true']);
    expect(issues(doc([pub(), priv({ defaultRoute: 'nat-0123456789abcdef0' })]))).toEqual(['subnets[1].defaultRoute: "nat-0123456789abcdef0" is not "igw", "none", "nat" or the id of a NAT gateway of this scenario']);
    expect(issues(doc([pub({ natGateway: true, defaultRoute: 'none' }), priv()]))).toEqual(['subnets[0].natGateway: a NAT gateway needs a public subnet: this subnet\'s defaultRoute must be "igw"']);
    expect(issues(doc([pub({ natGateway: { id: 'nat-xyz' } }), priv()]))).toEqual(['subnets[0].natGateway.id: "nat-xyz" is not a NAT gateway id (nat- followed by 8 or 17 hex digits)']);
    const other = { id: 'subnet-0000000000000000c', availabilityZone: 'us-west-2b', cidr: '10.0.1.0/24', natGateway: true };
    expect(issues(doc([other, priv({ defaultRoute: 'nat' }), { ...pub(), id: 'subnet-0000000000000000d', cidr: '10.0.2.0/24', availabilityZone: 'us-west-2c', natGateway: true }]))).toEqual([
      'subnets[1].defaultRoute: "nat" needs a NAT gateway in "us-west-2a" (there are 2, in other zones): name one by id',
    ]);
  });

  it('takes the only NAT gateway for "nat" when the zone has none', () => {
    const other = { id: 'subnet-0000000000000000c', availabilityZone: 'us-west-2b', cidr: '10.0.1.0/24', natGateway: true };
    const r = parseScenario(doc([other, priv({ defaultRoute: 'nat' })]));
    expect(r.ok && r.spec.subnets[1].defaultRoute).toBe(r.ok && r.spec.subnets[0].natGateway?.id);
  });
});
