import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';
import { describeNetworkInterfaces, privateDnsName } from './aws-cli.ts';
import { eni, node, snapshot } from './fixtures.test-util.ts';

/**
 * Member order of botocore's ec2 2016-11-15 model (boto/botocore, shapes NetworkInterface,
 * NetworkInterfaceAttachment, GroupIdentifier, NetworkInterfacePrivateIpAddress): the CLI's
 * query-protocol parser fills each structure in this order, so printed keys follow it.
 */
const NETWORK_INTERFACE_MEMBERS = [
  'Association', 'Attachment', 'AvailabilityZone', 'ConnectionTrackingConfiguration', 'Description', 'Groups', 'InterfaceType',
  'Ipv6Addresses', 'MacAddress', 'NetworkInterfaceId', 'OutpostArn', 'OwnerId', 'PrivateDnsName', 'PublicDnsName',
  'PublicIpDnsNameOptions', 'PrivateIpAddress', 'PrivateIpAddresses', 'Ipv4Prefixes', 'Ipv6Prefixes', 'RequesterId',
  'RequesterManaged', 'SourceDestCheck', 'Status', 'SubnetId', 'TagSet', 'VpcId', 'DenyAllIgwTraffic', 'Ipv6Native',
  'Ipv6Address', 'Operator', 'AssociatedSubnets', 'AvailabilityZoneId',
];
const ATTACHMENT_MEMBERS = ['AttachTime', 'AttachmentId', 'DeleteOnTermination', 'DeviceIndex', 'NetworkCardIndex', 'InstanceId', 'InstanceOwnerId', 'Status', 'EnaSrdSpecification', 'EnaQueueCount'];

/** True when `keys` appear in `model` in the model's order (members EC2 leaves out are skipped). */
const inModelOrder = (keys: string[], model: string[]) => keys.every((k, i) => model.includes(k) && (i === 0 || model.indexOf(keys[i - 1]) < model.indexOf(k)));

describe('describeNetworkInterfaces', () => {
  const snap = snapshot({
    nodes: [node({
      enis: [
        eni(),
        eni({ id: 'eni-0feedfacecafe0001', kind: 'secondary', deviceIndex: 1, ifName: 'eth1', primaryIp: '10.0.2.10',
          description: 'aws-K8S-i-0123456789abcdef0', attachedAtMs: 60_000, createdAtMs: 59_000, secondaryIps: [{ ip: '10.0.2.11', state: 'warm' }],
          tags: { 'node.k8s.amazonaws.com/instance_id': 'i-0123456789abcdef0', 'eks:eni:owner': 'amazon-vpc-cni' } }),
      ],
    })],
  });
  const doc = JSON.parse(describeNetworkInterfaces(snap, { node: 'ip-10-0-1-23.us-west-2.compute.internal', accountId: '123456789012' }));
  const cni = doc.NetworkInterfaces[1];

  it('prints every structure in botocore member order', () => {
    expect(inModelOrder(Object.keys(cni), NETWORK_INTERFACE_MEMBERS)).toBe(true);
    expect(inModelOrder(Object.keys(cni.Attachment), ATTACHMENT_MEMBERS)).toBe(true);
    expect(Object.keys(cni.PrivateIpAddresses[0])).toEqual(['Primary', 'PrivateDnsName', 'PrivateIpAddress']);
    // GroupIdentifier is [GroupId, GroupName] since the model update of 2024-10-04 (botocore 1.35.34).
    expect(Object.keys(cni.Groups[0])).toEqual(['GroupId', 'GroupName']);
    expect(Object.keys(cni)).toContain('RequesterId');
    expect(cni.Operator).toEqual({ Managed: false });
  });

  it('carries the ENI\'s tags, CLI v2 timestamps and the requester of a CNI ENI', () => {
    expect(cni.Description).toBe('aws-K8S-i-0123456789abcdef0');
    expect(cni.Attachment.AttachTime).toBe('2026-11-25T09:01:00+00:00');
    expect(cni.TagSet).toEqual([
      { Key: 'eks:eni:owner', Value: 'amazon-vpc-cni' },
      { Key: 'node.k8s.amazonaws.com/instance_id', Value: 'i-0123456789abcdef0' },
    ]);
    expect(doc.NetworkInterfaces[0].TagSet).toEqual([]);
    // The principal that created it: aws-node's IRSA session (role id : UnixNano session name).
    expect(cni.RequesterId).toMatch(/^AROA[A-Z0-9]+:\d{19}$/);
    // The primary ENI came with the instance.
    expect(doc.NetworkInterfaces[0].RequesterId).toBeUndefined();
  });

  it('names the EKS cluster security group eks-cluster-sg-<cluster>-<10 digits>', () => {
    const clusterSg = snapshot({ vpc: { id: 'vpc-0abc', cidrs: ['10.0.0.0/16'] } });
    // sg-05add9f782e91184e is the id deriveClusterSecurityGroupId gives cluster "demo" in vpc-0abc.
    const one = snapshot({ ...clusterSg, nodes: [node({ enis: [eni({ securityGroups: ['sg-05add9f782e91184e', 'sg-0a11b22c33d44e55f'] })] })] });
    const groups = JSON.parse(describeNetworkInterfaces(one)).NetworkInterfaces[0].Groups;
    expect(groups[0].GroupName).toMatch(/^eks-cluster-sg-demo-\d{10}$/);
    expect(groups[1].GroupName).not.toMatch(/^eks-cluster-sg-/);
  });

  it('prints with a 4-space indent like the CLI', () => {
    const out = describeNetworkInterfaces(snap, { eniId: 'eni-0a1b2c3d4e5f60718' });
    expect(out.split('\n').slice(0, 4)).toEqual(['{', '    "NetworkInterfaces": [', '        {', '            "Attachment": {']);
  });

  it('names private DNS per region', () => {
    expect(privateDnsName('10.0.1.5', 'us-east-1')).toBe('ip-10-0-1-5.ec2.internal');
    expect(privateDnsName('10.0.1.5', 'eu-west-1')).toBe('ip-10-0-1-5.eu-west-1.compute.internal');
  });
});

const tags = (e: Record<string, any>) => Object.fromEntries((e.TagSet as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]));

describe('trunk and branch ENIs as EC2 describes them (reference c.2, c.3.4)', () => {
  const d = scenario().nodes('m5.large', 1).env({ ENABLE_POD_ENI: 'true' })
    .securityGroupPolicy('payments', { app: 'payments' }, ['sg-0123456789abcdef0'])
    .deployment('payments', 0).at(30).scale('payments', 1).runUntil(90);
  const n = d.node();
  const all: Record<string, unknown>[] = JSON.parse(describeNetworkInterfaces(d.snapshot(), { accountId: '111122223333' })).NetworkInterfaces;
  const byType = (t: string) => all.filter((e) => e.InterfaceType === t) as Record<string, any>[];
  const trunk = byType('trunk')[0];
  const branch = byType('branch')[0];

  it('a branch ENI has no Attachment (it is associated with the trunk, not attached) and the controller\'s tags', () => {
    expect(branch).toBeDefined();
    expect(branch.Attachment).toBeUndefined();
    expect(branch.Description).toBe('aws-k8s-branch-eni');
    expect(tags(branch)).toEqual({
      'vpcresources.k8s.aws/vlan-id': '1',
      'vpcresources.k8s.aws/trunk-eni-id': trunk.NetworkInterfaceId,
      'node.k8s.amazonaws.com/instance_id': n.instanceId,
      'eks:eni:owner': 'eks-vpc-resource-controller',
      'kubernetes.io/cluster/demo': 'owned',
    });
    expect(branch.Groups.map((g: { GroupId: string }) => g.GroupId)).toEqual(['sg-0123456789abcdef0']);
    expect(inModelOrder(Object.keys(branch), NETWORK_INTERFACE_MEMBERS)).toBe(true);
  });

  it('the trunk is attached, tagged by the controller, and both were requested by its AssumeRole session', () => {
    expect(trunk.Attachment.DeviceIndex).toBe(2);
    expect(tags(trunk)).toEqual({
      'node.k8s.amazonaws.com/instance_id': n.instanceId,
      'eks:eni:owner': 'eks-vpc-resource-controller',
      'kubernetes.io/cluster/demo': 'owned',
    });
    // RC pkg/aws/ec2/api/wrapper.go: RoleSessionName = "amazon-vpc-resource-controller-k8s".
    expect(trunk.RequesterId).toMatch(/:amazon-vpc-resource-controller-k8s$/);
    expect(branch.RequesterId).toBe(trunk.RequesterId);
  });
});
