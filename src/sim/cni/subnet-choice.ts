/**
 * Which subnet a new ENI goes to (pkg/awsutils/awsutils.go: GetVpcSubnets,
 * isSubnetValidForENICreation, ValidSubnetTagsMatchingClusterName, IsSubnetExcluded). ipamd
 * asks EC2 for the subnets of its VPC and AZ (DescribeSubnets), sorts them by free
 * addresses, most first, and tries every valid one until CreateNetworkInterface succeeds.
 */
import type { Ec2State } from '../aws/ec2-state.ts';
import type { SubnetDescription } from '../aws/ec2-types.ts';
import { formatCidr } from '../net/ipv4.ts';

const CNI_TAG = 'kubernetes.io/role/cni';
const CLUSTER_TAG_PREFIX = 'cni.networking.k8s.aws/cluster/';

/** What DescribeSubnets answers for these filters, in the order EC2 lists them (scenario order here). */
export function describeSubnets(state: Ec2State, vpcId: string, availabilityZone: string): SubnetDescription[] {
  if (vpcId !== state.vpcId) return [];
  const out: SubnetDescription[] = [];
  for (const s of state.subnets.values()) {
    if (s.spec.availabilityZone !== availabilityZone) continue;
    out.push({
      subnetId: s.spec.id, availabilityZone: s.spec.availabilityZone, cidrBlock: formatCidr(s.pool.cidr),
      availableIpAddressCount: s.pool.free, tags: { ...s.spec.tags },
    });
  }
  return out;
}

/** GetVpcSubnets' sort.SliceStable: AvailableIpAddressCount descending, ties keep EC2's order. */
export function byFreeAddresses(subnets: readonly SubnetDescription[]): SubnetDescription[] {
  return subnets.toSorted((a, b) => b.availableIpAddressCount - a.availableIpAddressCount);
}

/** getTagValue: a missing tag and an empty value both read as "". */
function cniTag(subnet: SubnetDescription): string {
  return subnet.tags[CNI_TAG] ?? '';
}

/**
 * ValidSubnetTagsMatchingClusterName: with CLUSTER_NAME set, a subnet carrying any
 * `cni.networking.k8s.aws/cluster/…` tag must carry this cluster's.
 */
function matchesCluster(subnet: SubnetDescription, clusterName: string): boolean {
  if (clusterName === '') return true;
  const keys = Object.keys(subnet.tags).filter((k) => k.startsWith(CLUSTER_TAG_PREFIX));
  return keys.length === 0 || keys.includes(CLUSTER_TAG_PREFIX + clusterName);
}

/**
 * isSubnetValidForENICreation: `kubernetes.io/role/cni=0` excludes any subnet; without the tag
 * only the primary ENI's subnet is valid; with it, the cluster tags decide.
 */
export function validForEniCreation(subnet: SubnetDescription, isPrimary: boolean, clusterName: string): boolean {
  const tag = cniTag(subnet);
  if (tag === '0') return false;
  if (tag === '') return isPrimary;
  return matchesCluster(subnet, clusterName);
}

/** IsSubnetExcluded: tagged 0, or tagged for other clusters only; an unknown subnet is not excluded. */
export function isSubnetExcluded(subnets: readonly SubnetDescription[], subnetId: string, clusterName: string): boolean {
  const subnet = subnets.find((s) => s.subnetId === subnetId);
  if (!subnet) return false;
  const tag = cniTag(subnet);
  if (tag === '') return false;
  if (tag === '0') return true;
  return !matchesCluster(subnet, clusterName);
}
