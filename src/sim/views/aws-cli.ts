/**
 * `aws ec2 describe-network-interfaces` as AWS CLI v2 prints it by default: JSON with a
 * 4-space indent, keys in the order of botocore's shapes (the CLI's query-protocol parser fills
 * each structure member by member in model order), timestamps in CLI v2's iso8601 form (+00:00).
 *
 * Orders checked against botocore's ec2 2016-11-15 service model (boto/botocore HEAD, 2026):
 * NetworkInterface [Association, Attachment, AvailabilityZone, ConnectionTrackingConfiguration,
 * Description, Groups, InterfaceType, Ipv6Addresses, MacAddress, NetworkInterfaceId, OutpostArn,
 * OwnerId, PrivateDnsName, PublicDnsName, PublicIpDnsNameOptions, PrivateIpAddress,
 * PrivateIpAddresses, Ipv4Prefixes, Ipv6Prefixes, RequesterId, RequesterManaged, SourceDestCheck,
 * Status, SubnetId, TagSet, VpcId, DenyAllIgwTraffic, Ipv6Native, Ipv6Address, Operator, …];
 * NetworkInterfaceAttachment [AttachTime, AttachmentId, DeleteOnTermination, DeviceIndex,
 * NetworkCardIndex, InstanceId, InstanceOwnerId, Status, …]; GroupIdentifier [GroupId,
 * GroupName] (GroupName came first until the model update of 2024-10-04, botocore 1.35.34).
 * Members EC2 leaves out for these ENIs (no public IP, no Outpost, IPv4 only) are absent.
 */
import { sessionOf } from '../aws/caller-identity.ts';
import { DEFAULT_IDENTITY, RESOURCE_CONTROLLER_IDENTITY } from '../aws/cloudtrail.ts';
import { clusterSecurityGroupName, deriveClusterSecurityGroupId } from '../aws/cluster-security-group.ts';
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

/** EC2 lists an ENI's tags; we print them sorted by key. */
function tagSet(eni: EniView): { Key: string; Value: string }[] {
  const tags = eni.tags ?? {};
  return Object.keys(tags).toSorted().map((k) => ({ Key: k, Value: tags[k] }));
}

/**
 * GroupName of a security group: the EKS cluster security group's own name pattern; any other
 * group is one the user made, whose name the scenario does not carry, so it is derived from its id.
 */
function groupName(snap: SimSnapshot, groupId: string, names: Record<string, string>): string {
  if (names[groupId]) return names[groupId];
  if (groupId === deriveClusterSecurityGroupId(snap.clusterName, snap.vpc.id)) return clusterSecurityGroupName(snap.clusterName, groupId);
  return `${snap.clusterName}-sg-${groupId.slice(-8)}`;
}

/**
 * RequesterId: the principal that created the ENI, as `<role id>:<session name>`. ipamd creates
 * secondary ENIs under aws-node's IRSA session of that moment; the VPC resource controller creates
 * trunk and branch ENIs under its AssumeRole session. The primary ENI comes with the instance and
 * carries none here.
 */
function requesterId(snap: SimSnapshot, node: NodeView, eni: EniView, epochIso: string, accountId: string): string | undefined {
  if (eni.kind === 'primary') return undefined;
  const identity = eni.kind === 'secondary' ? DEFAULT_IDENTITY : RESOURCE_CONTROLLER_IDENTITY;
  const session = sessionOf(identity, { epochIso, timeMs: eni.createdAtMs ?? eni.attachedAtMs, accountId, region: snap.region, instanceId: node.instanceId });
  return `${identity.roleId}:${session.name}`;
}

function eniJson(snap: SimSnapshot, node: NodeView, eni: EniView, o: Required<Omit<DescribeNetworkInterfacesOptions, 'node' | 'eniId'>>): Record<string, unknown> {
  const addresses = [eni.primaryIp, ...eni.secondaryIps.map((a) => a.ip)];
  const doc: Record<string, unknown> = {};
  // A branch ENI is associated with its trunk (AssociateTrunkInterface), never attached to the instance.
  if (eni.kind !== 'branch') {
    doc.Attachment = {
      AttachTime: isoCli(o.epochIso, eni.attachedAtMs),
      AttachmentId: `eni-attach-${hexFrom(eni.id, 17)}`,
      DeleteOnTermination: true,
      DeviceIndex: eni.deviceIndex,
      NetworkCardIndex: eni.networkCard,
      InstanceId: node.instanceId,
      InstanceOwnerId: o.accountId,
      Status: eni.attachmentState,
    };
  }
  Object.assign(doc, {
    AvailabilityZone: node.availabilityZone,
    Description: eni.description,
    Groups: eni.securityGroups.map((g) => ({ GroupId: g, GroupName: groupName(snap, g, o.groupNames) })),
    InterfaceType: eni.kind === 'trunk' ? 'trunk' : eni.kind === 'branch' ? 'branch' : 'interface',
    Ipv6Addresses: [],
    MacAddress: eni.mac,
    NetworkInterfaceId: eni.id,
    OwnerId: o.accountId,
    PrivateDnsName: privateDnsName(eni.primaryIp, snap.region),
    PrivateIpAddress: eni.primaryIp,
    PrivateIpAddresses: addresses.map((ip, i) => ({ Primary: i === 0, PrivateDnsName: privateDnsName(ip, snap.region), PrivateIpAddress: ip })),
  });
  if (eni.prefixes.length) doc.Ipv4Prefixes = eni.prefixes.map((p) => ({ Ipv4Prefix: p.cidr }));
  const requester = requesterId(snap, node, eni, o.epochIso, o.accountId);
  if (requester) doc.RequesterId = requester;
  Object.assign(doc, {
    RequesterManaged: false,
    SourceDestCheck: true,
    Status: 'in-use',
    SubnetId: eni.subnetId,
    TagSet: tagSet(eni),
    VpcId: snap.vpc.id,
    Operator: { Managed: false },
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
