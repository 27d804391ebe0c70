/**
 * `aws ec2 describe-network-interfaces` as AWS CLI v2 prints it by default: JSON with a
 * 4-space indent, keys in the order of botocore's NetworkInterface shape members (the CLI's
 * parser fills a dict member by member), timestamps in CLI v2's iso8601 form (+00:00).
 *
 * Key order checked against CLI output pasted in aws/amazon-vpc-cni-k8s-adjacent issues
 * (an "aws-K8S-i-…" ENI: Attachment{AttachTime, AttachmentId, DeleteOnTermination,
 * DeviceIndex, Status}, Description, Groups, InterfaceType, Ipv6Addresses, MacAddress,
 * NetworkInterfaceId, OwnerId, PrivateDnsName, PrivateIpAddress, PrivateIpAddresses,
 * SourceDestCheck, Status, SubnetId, VpcId) and the EC2 user guide's create-network-interface
 * example (… PrivateIpAddresses, Ipv4Prefixes, RequesterId, RequesterManaged, SourceDestCheck,
 * Status, SubnetId, TagSet, VpcId).
 */
import { EPOCH_ISO } from '../clock/epoch.ts';
import type { EniView, NodeView, SimSnapshot } from '../view.ts';
import { hexFrom } from './kubectl-describe.ts';

export interface DescribeNetworkInterfacesOptions {
  /** Only this node's ENIs (`--filters Name=attachment.instance-id,Values=<id>`). */
  node?: string;
  /** Only this ENI (`--network-interface-ids <id>`). */
  eniId?: string;
  /** Facts the snapshot does not carry. */
  accountId?: string;
  epochIso?: string;
  /** GroupName by security group id; defaults to the id-derived EKS cluster SG name. */
  groupNames?: Record<string, string>;
}

/** EC2's private DNS name for an address: ec2.internal in us-east-1, <region>.compute.internal elsewhere. */
export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replace(/\./g, '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

const isoCli = (epochIso: string, ms: number): string =>
  new Date(Date.parse(epochIso) + ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const isoRfc3339 = (epochIso: string, ms: number): string =>
  new Date(Date.parse(epochIso) + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The tags ipamd puts on ENIs it creates (buildENITags), sorted by key as we print them. */
function cniTags(snap: SimSnapshot, node: NodeView, eni: EniView, epochIso: string): { Key: string; Value: string }[] {
  if (eni.kind !== 'secondary') return [];
  const tags: Record<string, string> = {
    'node.k8s.amazonaws.com/instance_id': node.instanceId,
    'node.k8s.amazonaws.com/createdAt': isoRfc3339(epochIso, Math.max(0, eni.attachedAtMs - 1000)),
  };
  if (snap.clusterName) {
    tags['cluster.k8s.amazonaws.com/name'] = snap.clusterName;
    tags['eks:eni:owner'] = 'amazon-vpc-cni';
  }
  return Object.keys(tags).toSorted().map((k) => ({ Key: k, Value: tags[k] }));
}

/** EKS names its cluster security group eks-cluster-sg-<cluster>-<10 digits>. */
function defaultGroupName(cluster: string, groupId: string): string {
  return `eks-cluster-sg-${cluster}-${String(parseInt(hexFrom(groupId, 8), 16)).padStart(10, '0').slice(-10)}`;
}

function eniJson(snap: SimSnapshot, node: NodeView, eni: EniView, o: Required<Omit<DescribeNetworkInterfacesOptions, 'node' | 'eniId'>>): Record<string, unknown> {
  const addresses = [eni.primaryIp, ...eni.secondaryIps.map((a) => a.ip)];
  const doc: Record<string, unknown> = {
    Attachment: {
      AttachTime: isoCli(o.epochIso, eni.attachedAtMs),
      AttachmentId: `eni-attach-${hexFrom(eni.id, 17)}`,
      DeleteOnTermination: true,
      DeviceIndex: eni.deviceIndex,
      NetworkCardIndex: eni.networkCard,
      InstanceId: node.instanceId,
      InstanceOwnerId: o.accountId,
      Status: eni.attachmentState,
    },
    AvailabilityZone: node.availabilityZone,
    Description: eni.description,
    Groups: eni.securityGroups.map((g) => ({ GroupId: g, GroupName: o.groupNames[g] ?? defaultGroupName(snap.clusterName, g) })),
    InterfaceType: eni.kind === 'trunk' ? 'trunk' : eni.kind === 'branch' ? 'branch' : 'interface',
    Ipv6Addresses: [],
    MacAddress: eni.mac,
    NetworkInterfaceId: eni.id,
    OwnerId: o.accountId,
    PrivateDnsName: privateDnsName(eni.primaryIp, snap.region),
    PrivateIpAddress: eni.primaryIp,
    PrivateIpAddresses: addresses.map((ip, i) => ({ Primary: i === 0, PrivateDnsName: privateDnsName(ip, snap.region), PrivateIpAddress: ip })),
  };
  if (eni.prefixes.length) doc.Ipv4Prefixes = eni.prefixes.map((p) => ({ Ipv4Prefix: p.cidr }));
  Object.assign(doc, {
    RequesterManaged: false,
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: eni.subnetId,
    TagSet: cniTags(snap, node, eni, o.epochIso),
    VpcId: snap.vpc.id,
  });
  return doc;
}

/**
 * What `aws ec2 describe-network-interfaces` prints for the simulated ENIs (all nodes, one
 * node, or one ENI), each node's ENIs in device-index order. Branch ENIs are listed too;
 * detached ENIs are not in the snapshot and so never appear.
 */
export function describeNetworkInterfaces(snap: SimSnapshot, filter: DescribeNetworkInterfacesOptions = {}): string {
  const o = {
    accountId: filter.accountId ?? '111122223333',
    epochIso: filter.epochIso ?? EPOCH_ISO,
    groupNames: filter.groupNames ?? {},
  };
  const list: Record<string, unknown>[] = [];
  for (const node of snap.nodes) {
    if (filter.node && node.name !== filter.node && node.instanceId !== filter.node) continue;
    const enis = node.enis.toSorted((a, b) => a.networkCard - b.networkCard || a.deviceIndex - b.deviceIndex);
    for (const eni of enis) if (!filter.eniId || eni.id === filter.eniId) list.push(eniJson(snap, node, eni, o));
  }
  return JSON.stringify({ NetworkInterfaces: list }, null, 4);
}
