/**
 * Subnet choice for a new ENI (pkg/awsutils/awsutils.go v1.23.1): isSubnetValidForENICreation,
 * ValidSubnetTagsMatchingClusterName (the cases of upstream's
 * TestValidSubnetTagsMatchingClusterName), IsSubnetExcluded and GetVpcSubnets' stable sort.
 */
import { describe, expect, it } from 'vitest';
import type { SubnetDescription } from '../aws/ec2-types.ts';
import { byFreeAddresses, isSubnetExcluded, validForEniCreation } from './subnet-choice.ts';

const subnet = (subnetId: string, tags: Record<string, string> = {}, free = 100): SubnetDescription => ({
  subnetId, availabilityZone: 'us-west-2a', cidrBlock: '10.0.0.0/24', availableIpAddressCount: free, tags,
});
const CNI = 'kubernetes.io/role/cni';

describe('isSubnetValidForENICreation', () => {
  it.each<[Record<string, string>, boolean, boolean]>([
    // [tags, is the primary ENI's subnet, valid]
    [{}, true, true],
    [{}, false, false],
    [{ [CNI]: '' }, false, false],
    [{ [CNI]: '' }, true, true],
    [{ [CNI]: '0' }, true, false],
    [{ [CNI]: '0' }, false, false],
    [{ [CNI]: '1' }, false, true],
    [{ [CNI]: 'shared' }, false, true],
    [{ [CNI]: '00' }, false, true],
  ])('tags %j, primary %s → %s', (tags, primary, valid) => {
    expect(validForEniCreation(subnet('subnet-1', tags), primary, '')).toBe(valid);
  });

  it.each<[string, Record<string, string>, boolean]>([
    // TestValidSubnetTagsMatchingClusterName's cases, on a subnet tagged for the CNI.
    ['', { 'cni.networking.k8s.aws/cluster/some-cluster': 'shared' }, true],
    ['my-cluster', {}, true],
    ['my-cluster', { 'cni.networking.k8s.aws/cluster/my-cluster': 'shared' }, true],
    ['my-cluster', { 'cni.networking.k8s.aws/cluster/other-cluster': 'shared' }, false],
    ['my-cluster', { 'cni.networking.k8s.aws/cluster/my-cluster': 'shared', 'cni.networking.k8s.aws/cluster/other-cluster': 'shared' }, true],
  ])('CLUSTER_NAME %j with tags %j → %s', (cluster, tags, valid) => {
    expect(validForEniCreation(subnet('subnet-1', { [CNI]: '1', ...tags }), false, cluster)).toBe(valid);
  });
});

describe('IsSubnetExcluded', () => {
  const subnets = [
    subnet('subnet-plain'), subnet('subnet-zero', { [CNI]: '0' }), subnet('subnet-one', { [CNI]: '1' }),
    subnet('subnet-other', { [CNI]: '1', 'cni.networking.k8s.aws/cluster/other': 'shared' }),
  ];
  it.each<[string, string, boolean]>([
    ['subnet-plain', 'demo', false], ['subnet-zero', 'demo', true], ['subnet-one', 'demo', false],
    ['subnet-other', 'demo', true], ['subnet-other', '', false], ['subnet-unknown', 'demo', false],
  ])('%s with CLUSTER_NAME %j → %s', (id, cluster, excluded) => {
    expect(isSubnetExcluded(subnets, id, cluster)).toBe(excluded);
  });
});

describe('GetVpcSubnets: sort.SliceStable by AvailableIpAddressCount, most first', () => {
  it('ties keep the order EC2 answered in', () => {
    const sorted = byFreeAddresses([subnet('a', {}, 5), subnet('b', {}, 50), subnet('c', {}, 5), subnet('d', {}, 50)]);
    expect(sorted.map((s) => s.subnetId)).toEqual(['b', 'd', 'a', 'c']);
  });
});
