import { describe, expect, it } from 'vitest';
import { describeNetworkInterfaces, privateDnsName } from './aws-cli.ts';
import { eni, node, snapshot } from './fixtures.test-util.ts';

describe('describeNetworkInterfaces', () => {
  const snap = snapshot({
    nodes: [node({
      enis: [
        eni(),
        eni({ id: 'eni-0feedfacecafe0001', kind: 'secondary', deviceIndex: 1, ifName: 'eth1', primaryIp: '10.0.2.10',
          description: 'aws-K8S-i-0123456789abcdef0', attachedAtMs: 60_000, secondaryIps: [{ ip: '10.0.2.11', state: 'warm' }] }),
      ],
    })],
  });
  const doc = JSON.parse(describeNetworkInterfaces(snap, { node: 'ip-10-0-1-23.us-west-2.compute.internal', accountId: '123456789012' }));
  const cni = doc.NetworkInterfaces[1];

  it('uses botocore member order (cf. the aws-K8S ENI pasted in issues and the EC2 user guide example)', () => {
    expect(Object.keys(cni)).toEqual([
      'Attachment', 'AvailabilityZone', 'Description', 'Groups', 'InterfaceType', 'Ipv6Addresses', 'MacAddress',
      'NetworkInterfaceId', 'OwnerId', 'PrivateDnsName', 'PrivateIpAddress', 'PrivateIpAddresses', 'RequesterManaged',
      'SourceDestCheck', 'Status', 'SubnetId', 'TagSet', 'VpcId',
    ]);
    expect(Object.keys(cni.Attachment)).toEqual([
      'AttachTime', 'AttachmentId', 'DeleteOnTermination', 'DeviceIndex', 'NetworkCardIndex', 'InstanceId', 'InstanceOwnerId', 'Status',
    ]);
    expect(Object.keys(cni.PrivateIpAddresses[0])).toEqual(['Primary', 'PrivateDnsName', 'PrivateIpAddress']);
  });

  it('carries the CNI description, tags and CLI v2 timestamps', () => {
    expect(cni.Description).toBe('aws-K8S-i-0123456789abcdef0');
    expect(cni.Attachment.AttachTime).toBe('2026-11-25T09:01:00+00:00');
    expect(cni.TagSet.map((t: { Key: string }) => t.Key)).toEqual([
      'cluster.k8s.amazonaws.com/name', 'eks:eni:owner', 'node.k8s.amazonaws.com/createdAt', 'node.k8s.amazonaws.com/instance_id',
    ]);
    expect(doc.NetworkInterfaces[0].TagSet).toEqual([]);
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
