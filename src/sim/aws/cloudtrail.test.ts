import { describe, expect, it } from 'vitest';
import { cloudTrailErrorCode, RESOURCE_CONTROLLER_IDENTITY, toCloudTrailRecord, VPC_CNI_USER_AGENT } from './cloudtrail.ts';
import type { CallContext } from './ec2-types.ts';

const ctx: CallContext = {
  timeMs: 61_789, epochIso: '2026-11-25T09:00:00Z', region: 'us-west-2', accountId: '123456789012',
  instanceId: 'i-0123456789abcdef0', sourceIp: '10.0.1.23', requestId: 'req-1', eventId: 'evt-1', userAgent: '', clusterName: 'demo',
};

describe('toCloudTrailRecord', () => {
  it('builds the envelope: second-precision Z time, IRSA assumed-role identity, VPC CNI user agent', () => {
    const r = toCloudTrailRecord({ api: 'DeleteNetworkInterface', request: { networkInterfaceId: 'eni-1' } }, ctx);
    expect(r.eventTime).toBe('2026-11-25T09:01:01Z');
    expect(r.userIdentity.arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/AmazonEKSVPCCNIRole\/\d+$/);
    expect(r.userIdentity.principalId.split(':')[1]).toBe(r.userIdentity.arn.split('/').at(-1));
    // Form from aws/amazon-vpc-cni-k8s PR #3556: "... api/ec2#1.254.1 amazon-vpc-cni-k8s/v1.21.0 m/0,E".
    expect(r.userAgent).toBe(VPC_CNI_USER_AGENT);
    expect(VPC_CNI_USER_AGENT).toMatch(/^aws-sdk-go-v2\/\S+ ua\/2\.1 os\/linux lang\/go#\S+ md\/GOOS#linux md\/GOARCH#amd64 api\/ec2#\S+ amazon-vpc-cni-k8s\/v1\.23\.1 m\/\S+$/);
    expect(r.responseElements).toEqual({ requestId: 'req-1', _return: true });
    expect(r.readOnly).toBe(false);
  });

  it('AssignPrivateIpAddresses: count in the request, assignedPrivateIpAddressSetType in the response', () => {
    const r = toCloudTrailRecord({
      api: 'AssignPrivateIpAddresses',
      request: { networkInterfaceId: 'eni-1', secondaryPrivateIpAddressCount: 2 },
      response: { assignedPrivateIpAddresses: ['10.0.1.5', '10.0.1.6'], assignedIpv4Prefixes: [] },
    }, ctx);
    expect(r.requestParameters).toEqual({ networkInterfaceId: 'eni-1', privateIpAddressesSet: {}, secondaryPrivateIpAddressCount: 2, ipv4Prefixes: {} });
    // IP mode still answers an (empty) assignedIpv4PrefixSet, which CloudTrail keeps as {}.
    expect(r.responseElements).toEqual({
      requestId: 'req-1', networkInterfaceId: 'eni-1',
      assignedPrivateIpAddressesSet: { assignedPrivateIpAddressSetType: [{ privateIpAddress: '10.0.1.5' }, { privateIpAddress: '10.0.1.6' }] },
      assignedIpv4PrefixSet: {},
      _return: true,
    });
    expect(Object.keys(r.responseElements!)).toEqual(['requestId', 'networkInterfaceId', 'assignedPrivateIpAddressesSet', 'assignedIpv4PrefixSet', '_return']);
  });

  it('CreateNetworkInterface: groupSet/tagSpecificationSet items; response member order as in the EFS guide sample', () => {
    const r = toCloudTrailRecord({
      api: 'CreateNetworkInterface',
      request: { subnetId: 'subnet-1', description: 'aws-K8S-i-0123456789abcdef0', groups: ['sg-1'], secondaryPrivateIpAddressCount: 9, tags: { 'node.k8s.amazonaws.com/instance_id': 'i-0123456789abcdef0' } },
      response: { networkInterface: {
        networkInterfaceId: 'eni-2', subnetId: 'subnet-1', vpcId: 'vpc-1', availabilityZone: 'us-west-2a', macAddress: '02:00:00:00:00:01',
        privateIpAddress: '10.0.1.7', privateDnsName: 'ip-10-0-1-7.us-west-2.compute.internal',
        privateIpAddresses: [{ privateIpAddress: '10.0.1.7', primary: true }], ipv4Prefixes: [], groups: [{ groupId: 'sg-1', groupName: 'eks-cluster-sg' }],
        description: 'aws-K8S-i-0123456789abcdef0', tags: {}, ownerId: '123456789012', interfaceType: 'interface', status: 'available', sourceDestCheck: true,
      } },
    }, ctx);
    expect(r.requestParameters).toEqual({
      subnetId: 'subnet-1', description: 'aws-K8S-i-0123456789abcdef0', groupSet: { items: [{ groupId: 'sg-1' }] }, privateIpAddressesSet: {},
      secondaryPrivateIpAddressCount: 9,
      tagSpecificationSet: { items: [{ resourceType: 'network-interface', tags: [{ key: 'node.k8s.amazonaws.com/instance_id', value: 'i-0123456789abcdef0' }] }] },
    });
    const ni = (r.responseElements as { networkInterface: Record<string, unknown> }).networkInterface;
    expect(Object.keys(ni).slice(0, 14)).toEqual([
      'networkInterfaceId', 'subnetId', 'vpcId', 'availabilityZone', 'description', 'ownerId', 'requesterManaged', 'status',
      'macAddress', 'privateIpAddress', 'privateDnsName', 'sourceDestCheck', 'groupSet', 'privateIpAddressesSet',
    ]);
    expect(ni.privateIpAddressesSet).toEqual({ item: [{ privateIpAddress: '10.0.1.7', primary: true }] });
    expect(ni.tagSet).toEqual({});
  });

  it('Describe calls are read-only with null responseElements', () => {
    const r = toCloudTrailRecord({ api: 'DescribeInstances', request: { instanceIds: ['i-1'] } }, ctx);
    expect(r.readOnly).toBe(true);
    expect(r.responseElements).toBeNull();
    expect(r.requestParameters).toEqual({ instancesSet: { items: [{ instanceId: 'i-1' }] }, filterSet: {} });
  });

  it('throttled calls: Client.RequestLimitExceeded, "Request limit exceeded.", null response, fields in CloudTrail order', () => {
    const r = toCloudTrailRecord({ api: 'AssignPrivateIpAddresses', request: { networkInterfaceId: 'eni-1', ipv4PrefixCount: 1 } }, { ...ctx, errorCode: 'RequestLimitExceeded' });
    expect(r.errorCode).toBe('Client.RequestLimitExceeded');
    expect(r.errorMessage).toBe('Request limit exceeded.');
    expect(r.responseElements).toBeNull();
    const keys = Object.keys(r);
    expect(keys.slice(keys.indexOf('userAgent'), keys.indexOf('userAgent') + 4)).toEqual(['userAgent', 'errorCode', 'errorMessage', 'requestParameters']);
  });

  it('prefixes EC2 error codes the way CloudTrail does', () => {
    expect(cloudTrailErrorCode('InsufficientFreeAddressesInSubnet')).toBe('Client.InsufficientFreeAddressesInSubnet');
    expect(cloudTrailErrorCode('InternalError')).toBe('Server.InternalError');
    expect(cloudTrailErrorCode('Client.UnauthorizedOperation')).toBe('Client.UnauthorizedOperation');
  });
});

describe('userIdentity of an IRSA-configured aws-node', () => {
  // Shape and member order of the CloudTrail User Guide's "userIdentity element" (AssumedRole with
  // temporary credentials) and of the AWS Marketplace guide's EKS IRSA RegisterUsage record:
  // sessionContext { sessionIssuer, webIdFederationData { federatedProvider, attributes }, attributes }.
  const r = toCloudTrailRecord({ api: 'DeleteNetworkInterface', request: { networkInterfaceId: 'eni-1' } }, ctx);
  const id = r.userIdentity;

  it('names the role, the session and temporary ASIA credentials', () => {
    expect(Object.keys(id)).toEqual(['type', 'principalId', 'arn', 'accountId', 'accessKeyId', 'sessionContext']);
    expect(id.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const session = id.arn.split('/').at(-1)!;
    // The Go SDK's web-identity provider names the session strconv.FormatInt(time.Now().UnixNano(), 10).
    expect(session).toMatch(/^\d{19}$/);
    expect(BigInt(session) / 1_000_000n).toBe(BigInt(Date.parse('2026-11-25T09:00:00Z')));
    expect(id.principalId).toBe(`AROAQXPZ6V4EXAMPLE7NK:${session}`);
  });

  it('carries the session issuer, the cluster OIDC provider and the session attributes', () => {
    expect(Object.keys(id.sessionContext)).toEqual(['sessionIssuer', 'webIdFederationData', 'attributes']);
    expect(id.sessionContext.sessionIssuer).toEqual({
      type: 'Role', principalId: 'AROAQXPZ6V4EXAMPLE7NK', arn: 'arn:aws:iam::123456789012:role/AmazonEKSVPCCNIRole',
      accountId: '123456789012', userName: 'AmazonEKSVPCCNIRole',
    });
    const fed = id.sessionContext.webIdFederationData as { federatedProvider: string; attributes: object };
    expect(Object.keys(fed)).toEqual(['federatedProvider', 'attributes']);
    // EKS issuers: oidc.eks.<region>.amazonaws.com/id/<32 upper-case hex> (EKS User Guide, IAM OIDC provider).
    expect(fed.federatedProvider).toMatch(/^arn:aws:iam::123456789012:oidc-provider\/oidc\.eks\.us-west-2\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    expect(fed.attributes).toEqual({});
    expect(id.sessionContext.attributes).toEqual({ creationDate: '2026-11-25T09:00:00Z', mfaAuthenticated: 'false' });
  });

  it('starts a new session when the hour-long credentials run out, and each node has its own', () => {
    const later = toCloudTrailRecord({ api: 'DeleteNetworkInterface', request: { networkInterfaceId: 'eni-1' } }, { ...ctx, timeMs: 3_700_000 });
    expect(later.userIdentity.sessionContext.attributes.creationDate).toBe('2026-11-25T10:00:00Z');
    expect(later.userIdentity.arn).not.toBe(id.arn);
    const other = toCloudTrailRecord({ api: 'DeleteNetworkInterface', request: { networkInterfaceId: 'eni-1' } }, { ...ctx, instanceId: 'i-0fedcba9876543210' });
    expect(other.userIdentity.arn).not.toBe(id.arn);
    expect(other.userIdentity.sessionContext.webIdFederationData).toEqual(id.sessionContext.webIdFederationData);
  });

  it('the resource controller: plain AssumeRole of the cluster role, session amazon-vpc-resource-controller-k8s', () => {
    // RC pkg/aws/ec2/api/wrapper.go getClientUsingAssumedRole: RoleSessionName = AppName.
    const rc = toCloudTrailRecord({ api: 'DeleteNetworkInterface', request: { networkInterfaceId: 'eni-1' } }, ctx, RESOURCE_CONTROLLER_IDENTITY).userIdentity;
    expect(rc.arn).toBe('arn:aws:sts::123456789012:assumed-role/AmazonEKSClusterRole/amazon-vpc-resource-controller-k8s');
    expect(rc.sessionContext.webIdFederationData).toEqual({});
  });
});
