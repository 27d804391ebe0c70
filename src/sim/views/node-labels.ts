/**
 * The labels an EKS managed node group's node carries, as `kubectl get nodes --show-labels`
 * lists them on a real EKS 1.34 node (2026): kubelet's (`kubernetes.io/*`, the `beta.*` copies,
 * `node.kubernetes.io/instance-type`), the AWS cloud provider's (`topology.*`,
 * `failure-domain.beta.*`, `topology.k8s.aws/zone-id`, `k8s.io/cloud-provider-aws`) and the
 * managed node group's `--node-labels` (`eks.amazonaws.com/*`), plus the group's own labels.
 *
 * No `vpc.amazonaws.com/has-trunk-attached`: only CNI versions before CNINode wrote it; with VPC
 * CNI v1.23.1 ipamd signals security groups for pods through the CNINode feature
 * `SecurityGroupsForPods`, and the resource controller reads the label but never writes it
 * (RC pkg/node/manager/manager.go `canAttachTrunk`; reference c.1).
 */
import type { NodeView, SimSnapshot } from '../view.ts';
import { hexFrom } from './kubectl-describe.ts';

/** EC2's zone id prefix for a region: us-west-2 → usw2, ap-southeast-1 → apse1, eu-central-1 → euc1. */
function zoneIdPrefix(region: string): string {
  const [area, direction, n] = region.split('-');
  const dir = direction?.replace(/^(north|south)(east|west)$/, (_m, a: string, b: string) => a[0] + b[0]).replace(/^(east|west|north|south|central)$/, (w) => w[0]);
  return `${area}${dir ?? ''}${n ?? ''}`;
}

/**
 * The zone id of an availability zone. Which physical zone a letter maps to differs per account;
 * we map a → az1, b → az2, … (illustrative).
 */
export function zoneId(region: string, az: string): string {
  const letter = az.slice(region.length);
  return `${zoneIdPrefix(region)}-az${letter.charCodeAt(0) - 96}`;
}

/** Every label of the node, by key. */
export function nodeLabels(snap: SimSnapshot, n: NodeView): Record<string, string> {
  const arch = 'amd64';
  return {
    'beta.kubernetes.io/arch': arch,
    'beta.kubernetes.io/instance-type': n.instanceType,
    'beta.kubernetes.io/os': 'linux',
    'eks.amazonaws.com/capacityType': 'ON_DEMAND',
    'eks.amazonaws.com/nodegroup': n.nodeGroup,
    'eks.amazonaws.com/nodegroup-image': `ami-0${hexFrom(`${snap.region}/${n.amiFamily ?? 'AL2023'}`, 16)}`,
    'eks.amazonaws.com/sourceLaunchTemplateId': `lt-0${hexFrom(`${snap.clusterName}/${n.nodeGroup}`, 16)}`,
    'eks.amazonaws.com/sourceLaunchTemplateVersion': '1',
    'failure-domain.beta.kubernetes.io/region': snap.region,
    'failure-domain.beta.kubernetes.io/zone': n.availabilityZone,
    'k8s.io/cloud-provider-aws': hexFrom(`cloud-provider/${snap.clusterName}`, 32),
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': n.instanceType,
    'topology.k8s.aws/zone-id': zoneId(snap.region, n.availabilityZone),
    'topology.kubernetes.io/region': snap.region,
    'topology.kubernetes.io/zone': n.availabilityZone,
    ...n.labels,
  };
}

/** Allocatable `vpc.amazonaws.com/pod-eni`: advertised once the node has a trunk ENI, else absent. */
export function podEniCapacity(n: NodeView): number | undefined {
  return n.podEniCapacity;
}
