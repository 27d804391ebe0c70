// Expectations from the AWS Load Balancer Controller's "Subnet Auto-Discovery" page: role tags
// first, reachability when no subnet has the scheme's role tag (2.12.1+), at least 8 free
// addresses, not tagged for another cluster, one subnet per AZ (this cluster's tag, else the
// lowest id), two AZs for an ALB.
import { describe, expect, it } from 'vitest';
import { chooseSubnets, type SubnetFacts } from './subnets.ts';

const subnet = (id: string, zone: string, more: Partial<SubnetFacts> = {}): SubnetFacts => ({ id, zone, tags: {}, free: 250, public: true, ...more });
const ids = (r: ReturnType<typeof chooseSubnets>) => (r.ok ? r.subnets.map((s) => s.id) : r.error);

describe('LBC subnet discovery', () => {
  const publicA = subnet('subnet-0a', 'us-west-2a');
  const publicB = subnet('subnet-0b', 'us-west-2b');
  const privateA = subnet('subnet-1a', 'us-west-2a', { public: false });
  const privateB = subnet('subnet-1b', 'us-west-2b', { public: false });
  const untagged = [privateA, publicA, privateB, publicB];

  it('without role tags, an internet-facing load balancer goes in the public subnets and an internal one in the private subnets', () => {
    expect(ids(chooseSubnets(untagged, 'internet-facing', 'c', 'network'))).toEqual(['subnet-0a', 'subnet-0b']);
    expect(ids(chooseSubnets(untagged, 'internal', 'c', 'application'))).toEqual(['subnet-1a', 'subnet-1b']);
  });

  it('role tags win over reachability: a tagged subnet is a candidate whatever its route table says', () => {
    const tagged = [{ ...privateA, tags: { 'kubernetes.io/role/elb': '1' } }, publicA, publicB];
    expect(ids(chooseSubnets(tagged, 'internet-facing', 'c', 'network'))).toEqual(['subnet-1a']);
    const empty = [{ ...publicB, tags: { 'kubernetes.io/role/internal-elb': '' } }, privateA];
    expect(ids(chooseSubnets(empty, 'internal', 'c', 'network'))).toEqual(['subnet-0b']);
  });

  it('an internet-facing load balancer in a VPC of private subnets only finds no subnet', () => {
    const r = chooseSubnets([privateA, privateB], 'internet-facing', 'c', 'network');
    expect(r.ok).toBe(false);
    expect(ids(r)).toMatch(/^unable to resolve at least one subnet/);
  });

  it('one subnet per AZ: this cluster\'s tag first, else the lowest id; fewer than 8 free addresses or another cluster\'s tag rules a subnet out', () => {
    const zoneA = [subnet('subnet-0c', 'us-west-2a'), subnet('subnet-0a', 'us-west-2a'), subnet('subnet-0d', 'us-west-2a', { tags: { 'kubernetes.io/cluster/c': 'shared' } })];
    expect(ids(chooseSubnets(zoneA, 'internet-facing', 'c', 'network'))).toEqual(['subnet-0d']);
    const short = [subnet('subnet-0a', 'us-west-2a', { free: 7 }), subnet('subnet-0b', 'us-west-2a', { tags: { 'kubernetes.io/cluster/other': 'owned' } }), subnet('subnet-0c', 'us-west-2a', { free: 8 })];
    expect(ids(chooseSubnets(short, 'internet-facing', 'c', 'network'))).toEqual(['subnet-0c']);
  });

  it('an ALB needs subnets in two AZs', () => {
    expect(ids(chooseSubnets([publicA], 'internet-facing', 'c', 'application'))).toBe('subnets count less than minimal required count: 1 < 2');
    expect(ids(chooseSubnets([publicA], 'internet-facing', 'c', 'network'))).toEqual(['subnet-0a']);
  });
});
