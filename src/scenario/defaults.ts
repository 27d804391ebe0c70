/**
 * Defaults for everything a v1 scenario may leave out, and the deterministic ids given to
 * a VPC or subnet that has none (so a shared scenario shows the same ids everywhere).
 */
import type { TokenBucketSpec } from '../sim/spec.ts';

export const DEFAULT_NAME = 'untitled';
export const DEFAULT_SEED = 1;
export const DEFAULT_REGION = 'us-west-2';
export const DEFAULT_ACCOUNT_ID = '111122223333';
export const DEFAULT_CLUSTER_NAME = 'demo';
export const DEFAULT_NAMESPACE = 'default';
/** Kubernetes' own default for a Deployment without `replicas`. */
export const DEFAULT_REPLICAS = 1;
/** eksctl's default VPC block; also the one in the reference's worked example b.5. */
export const DEFAULT_VPC_CIDR = '192.168.0.0/16';
export const DEFAULT_SUBNET_CIDR = '192.168.0.0/19';
export const DEFAULT_LATENCY_SCALE = 1;

/**
 * EC2 request token buckets per action category, from "Request throttling for the Amazon
 * EC2 API", table "Request token bucket sizes and refill rates"
 * (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html).
 */
export const DEFAULT_MUTATING_BUCKET: TokenBucketSpec = { capacity: 200, refillPerSecond: 5 };
export const DEFAULT_NON_MUTATING_BUCKET: TokenBucketSpec = { capacity: 100, refillPerSecond: 20 };

/** The zone a subnet without one is placed in: the region's first. */
export function defaultAvailabilityZone(region: string): string {
  return `${region}a`;
}

/** Default labels of a deployment: the usual `app: <name>` selector label. */
export function defaultDeploymentLabels(name: string): Record<string, string> {
  return { app: name };
}

/** `vpc-0` + 16 hex digits derived from the VPC's CIDR blocks. */
export function deriveVpcId(cidrs: readonly string[]): string {
  return `vpc-0${hex16(`vpc|${cidrs.join(',')}`)}`;
}

/** `subnet-0` + 16 hex digits derived from the subnet's CIDR block (unique within a VPC). */
export function deriveSubnetId(cidr: string): string {
  return `subnet-0${hex16(`subnet|${cidr}`)}`;
}

/** `nat-0` + 16 hex digits derived from the subnet that holds the NAT gateway. */
export function deriveNatGatewayId(subnetId: string): string {
  return `nat-0${hex16(`nat|${subnetId}`)}`;
}

/**
 * The EKS cluster security group (`eks-cluster-sg-<cluster>-…`) that EKS gives managed node
 * groups when they name none (the engine's views name it from the same id).
 */
export { deriveClusterSecurityGroupId } from '../sim/aws/cluster-security-group.ts';

/** Two FNV-1a 32-bit hashes with different offsets, as 16 hex digits. */
function hex16(text: string): string {
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x050c5d1f);
}

function fnv1a(text: string, offset: number): string {
  let h = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
