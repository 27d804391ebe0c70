/**
 * The CloudTrail record of one EC2 call made by ipamd (aws-node), in the shapes CloudTrail
 * logs for the EC2 query API: lower-camel member names, lists wrapped as {"items": [...]}
 * (request side), "item" for a response's privateIpAddressesSet, "assignedPrivateIpAddressSetType"
 * for AssignPrivateIpAddresses' response list, "{}" for an empty list, "_return": true for
 * calls whose XML answer is <return>true</return>, and responseElements null for Describe*
 * calls and for failed calls.
 *
 * Sources (read for facts): the CreateNetworkInterface record in the Amazon EFS user guide's
 * CloudTrail page (responseElements.networkInterface member order, groupSet.items,
 * privateIpAddressesSet.item, tagSet {}); a pasted CreateNetworkInterface DryRun record
 * (groupSet.items[].groupId, tagSpecificationSet.items[].resourceType/tags[].key/value); the
 * EC2 API reference (Detach/Unassign answer requestId + return); aws/amazon-vpc-cni-k8s PR
 * #3556 (userAgent with "amazon-vpc-cni-k8s/<version>" before the m/ feature list); error code
 * spellings "Client.RequestLimitExceeded", "Client.UnauthorizedOperation" from CloudTrail
 * datasets and tooling that match on them.
 */
import type { CloudTrailRecord } from '../view.ts';
import { userIdentity as identityElement, type CallerIdentity } from './caller-identity.ts';
import type { CallContext, Ec2Call, NetworkInterfaceDescription } from './ec2-types.ts';

export type { CallerIdentity } from './caller-identity.ts';

/** aws-node's IRSA role: the role the EKS docs create for the VPC CNI, assumed with web identity. */
export const DEFAULT_IDENTITY: CallerIdentity = { roleName: 'AmazonEKSVPCCNIRole', roleId: 'AROAQXPZ6V4EXAMPLE7NK', via: 'web-identity' };

/**
 * Who the VPC resource controller runs as: it runs in the EKS control plane and assumes the
 * cluster IAM role (the one carrying the AmazonEKSVPCResourceController policy) with the
 * session name `amazon-vpc-resource-controller-k8s` (RC pkg/aws/ec2/api/wrapper.go).
 */
export const RESOURCE_CONTROLLER_IDENTITY: CallerIdentity = {
  roleName: 'AmazonEKSClusterRole', roleId: 'AROAQXPZ6V4EXAMPLE2RC', via: 'assume-role', sessionName: 'amazon-vpc-resource-controller-k8s',
};

/**
 * Source of the resource controller's calls: EKS makes them from its own account, which we
 * show as the service principal (our assumption, not from a record).
 */
export const RESOURCE_CONTROLLER_SOURCE = 'eks.amazonaws.com';

/**
 * The userAgent of the resource controller's EC2 client: aws-sdk-go-v2 v1.39.2 and service/ec2
 * v1.207.1 (its go.mod), Go 1.26 (.go-version names no patch release: .1 is our pick), the `amazon-vpc-resource-controller-k8s/<version>`
 * key it adds (wrapper.go `AddUserAgentKeyValue(AppName, version.GitVersion)`, release v1.7.19)
 * and the SDK's feature list: E (standard retry mode), i (AssumeRole credentials).
 */
export const RESOURCE_CONTROLLER_USER_AGENT =
  'aws-sdk-go-v2/1.39.2 ua/2.1 os/linux lang/go#1.26.1 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.207.1 amazon-vpc-resource-controller-k8s/v1.7.19 m/E,i';

/**
 * The userAgent of ipamd v1.23.1's EC2 client: aws-sdk-go-v2 core and EC2 module versions from
 * its go.mod (aws v1.43.4, service/ec2 v1.321.0), Go 1.26 from .go-version, the
 * "amazon-vpc-cni-k8s/<VPC_CNI_VERSION>" key added by awsutils.New, and the SDK's feature
 * list: E (standard retry mode), h (web identity token from env vars), k (AssumeRoleWithWebIdentity).
 */
export const VPC_CNI_USER_AGENT =
  'aws-sdk-go-v2/1.43.4 ua/2.1 os/linux lang/go#1.26.4 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.321.0 amazon-vpc-cni-k8s/v1.23.1 m/E,h,k';

/** CloudTrail's errorMessage for the EC2 errors the simulator produces. */
export const EC2_ERROR_MESSAGES: Record<string, string> = {
  RequestLimitExceeded: 'Request limit exceeded.',
  UnauthorizedOperation: 'You are not authorized to perform this operation.',
  InsufficientFreeAddressesInSubnet: 'The specified subnet does not have enough free addresses to satisfy the request.',
  InternalError: 'An internal error has occurred',
};

const SERVER_ERRORS = new Set(['InternalError', 'Unavailable', 'ServiceUnavailable', 'InsufficientInstanceCapacity']);

/** CloudTrail prefixes EC2 error codes with "Client." or "Server.". */
export function cloudTrailErrorCode(code: string): string {
  if (code.startsWith('Client.') || code.startsWith('Server.')) return code;
  return `${SERVER_ERRORS.has(code) ? 'Server' : 'Client'}.${code}`;
}

type Json = Record<string, unknown>;
const items = <T>(xs: T[], key = 'items'): Json => (xs.length ? { [key]: xs } : {});

function tagList(tags: Record<string, string>): { key: string; value: string }[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

function requestParameters(call: Ec2Call): Json {
  switch (call.api) {
    case 'CreateNetworkInterface': {
      const r = call.request;
      const p: Json = { subnetId: r.subnetId, description: r.description, groupSet: items(r.groups.map((groupId) => ({ groupId }))), privateIpAddressesSet: {} };
      if (r.secondaryPrivateIpAddressCount !== undefined) p.secondaryPrivateIpAddressCount = r.secondaryPrivateIpAddressCount;
      if (r.ipv4PrefixCount !== undefined) p.ipv4PrefixCount = r.ipv4PrefixCount;
      if (r.interfaceType) p.interfaceType = r.interfaceType;
      if (Object.keys(r.tags).length) p.tagSpecificationSet = { items: [{ resourceType: 'network-interface', tags: tagList(r.tags) }] };
      return p;
    }
    case 'AttachNetworkInterface':
      return { ...call.request };
    case 'ModifyNetworkInterfaceAttribute':
      return { networkInterfaceId: call.request.networkInterfaceId, attachment: { attachmentId: call.request.attachmentId, deleteOnTermination: call.request.deleteOnTermination } };
    case 'AssignPrivateIpAddresses': {
      const r = call.request;
      const p: Json = { networkInterfaceId: r.networkInterfaceId, privateIpAddressesSet: {} };
      if (r.secondaryPrivateIpAddressCount !== undefined) p.secondaryPrivateIpAddressCount = r.secondaryPrivateIpAddressCount;
      p.ipv4Prefixes = {};
      if (r.ipv4PrefixCount !== undefined) p.ipv4PrefixCount = r.ipv4PrefixCount;
      return p;
    }
    case 'UnassignPrivateIpAddresses': {
      const r = call.request;
      return {
        networkInterfaceId: r.networkInterfaceId,
        privateIpAddressesSet: items((r.privateIpAddresses ?? []).map((privateIpAddress) => ({ privateIpAddress }))),
        ipv4Prefixes: items((r.ipv4Prefixes ?? []).map((ipv4Prefix) => ({ ipv4Prefix }))),
      };
    }
    case 'DetachNetworkInterface':
      return call.request.force === undefined ? { attachmentId: call.request.attachmentId } : { attachmentId: call.request.attachmentId, force: call.request.force };
    case 'DeleteNetworkInterface':
      return { networkInterfaceId: call.request.networkInterfaceId };
    case 'DescribeNetworkInterfaces': {
      const r = call.request;
      return {
        networkInterfaceIdSet: items((r.networkInterfaceIds ?? []).map((networkInterfaceId) => ({ networkInterfaceId }))),
        filterSet: items((r.filters ?? []).map((f) => ({ name: f.name, valueSet: items(f.values.map((value) => ({ value }))) }))),
      };
    }
    case 'DescribeInstances':
      return { instancesSet: items(call.request.instanceIds.map((instanceId) => ({ instanceId }))), filterSet: {} };
    case 'DescribeSubnets':
      // The same list shapes as DescribeNetworkInterfaces: subnetSet (SubnetId.N) and filterSet.
      return {
        subnetSet: {},
        filterSet: items(call.request.filters.map((f) => ({ name: f.name, valueSet: items(f.values.map((value) => ({ value }))) }))),
      };
    case 'CreateTags':
      return { resourcesSet: items(call.request.resources.map((resourceId) => ({ resourceId }))), tagSet: items(tagList(call.request.tags)) };
    case 'CreateNetworkInterfacePermission':
      return { ...call.request };
    case 'AssociateTrunkInterface':
      return { ...call.request };
    case 'DisassociateTrunkInterface':
      return { associationId: call.request.associationId };
  }
}

function networkInterface(n: NetworkInterfaceDescription): Json {
  const doc: Json = {
    networkInterfaceId: n.networkInterfaceId,
    subnetId: n.subnetId,
    vpcId: n.vpcId,
    availabilityZone: n.availabilityZone,
    description: n.description,
    ownerId: n.ownerId,
  };
  if (n.requesterId) doc.requesterId = n.requesterId;
  Object.assign(doc, {
    requesterManaged: false,
    status: 'pending',
    macAddress: n.macAddress,
    privateIpAddress: n.privateIpAddress,
    privateDnsName: n.privateDnsName,
    sourceDestCheck: n.sourceDestCheck,
    groupSet: items(n.groups.map((g) => ({ groupId: g.groupId, groupName: g.groupName }))),
    privateIpAddressesSet: items(n.privateIpAddresses.map((a) => ({ privateIpAddress: a.privateIpAddress, primary: a.primary })), 'item'),
  });
  if (n.ipv4Prefixes.length) doc.ipv4PrefixSet = items(n.ipv4Prefixes.map((ipv4Prefix) => ({ ipv4Prefix })));
  doc.ipv6AddressesSet = {};
  doc.tagSet = items(tagList(n.tags).map((t) => ({ key: t.key, value: t.value })));
  doc.interfaceType = n.interfaceType;
  return doc;
}

function responseElements(call: Ec2Call, requestId: string): Json | null {
  switch (call.api) {
    case 'DescribeNetworkInterfaces':
    case 'DescribeInstances':
    case 'DescribeSubnets':
      return null;
    case 'CreateNetworkInterface':
      return call.response ? { requestId, networkInterface: networkInterface(call.response.networkInterface) } : { requestId };
    case 'AttachNetworkInterface':
      return call.response ? { requestId, attachmentId: call.response.attachmentId, networkCardIndex: call.response.networkCardIndex } : { requestId };
    case 'CreateNetworkInterfacePermission':
      return call.response
        ? { requestId, interfacePermission: { networkInterfacePermissionId: call.response.networkInterfacePermissionId, networkInterfaceId: call.request.networkInterfaceId, awsAccountId: call.request.awsAccountId, permission: call.request.permission, permissionState: { state: 'GRANTED' } } }
        : { requestId };
    case 'AssociateTrunkInterface':
      return call.response
        ? { requestId, interfaceAssociation: { associationId: call.response.associationId, branchInterfaceId: call.request.branchInterfaceId, trunkInterfaceId: call.request.trunkInterfaceId, interfaceProtocol: 'VLAN', vlanId: call.request.vlanId } }
        : { requestId };
    case 'AssignPrivateIpAddresses': {
      const r = call.response ?? { assignedPrivateIpAddresses: [], assignedIpv4Prefixes: [] };
      const doc: Json = { requestId, networkInterfaceId: call.request.networkInterfaceId };
      // EC2's XML answer carries both sets, an empty one as an empty element, which CloudTrail
      // keeps as {} (an IP-mode answer still has assignedIpv4PrefixSet: {}).
      doc.assignedPrivateIpAddressesSet = items(r.assignedPrivateIpAddresses.map((privateIpAddress) => ({ privateIpAddress })), 'assignedPrivateIpAddressSetType');
      doc.assignedIpv4PrefixSet = items(r.assignedIpv4Prefixes.map((ipv4Prefix) => ({ ipv4Prefix })));
      doc._return = true;
      return doc;
    }
    default:
      return { requestId, _return: true };
  }
}

/**
 * The CloudTrail record for `call` made by ipamd in the context `ctx`. A failed call
 * (ctx.errorCode set) gets CloudTrail's "Client."/"Server."-prefixed errorCode, its
 * errorMessage, and responseElements null.
 */
export function toCloudTrailRecord(call: Ec2Call, ctx: CallContext, identity: CallerIdentity = DEFAULT_IDENTITY): CloudTrailRecord {
  const failed = ctx.errorCode !== undefined;
  const eventTime = new Date(Date.parse(ctx.epochIso) + ctx.timeMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const record: CloudTrailRecord = {
    eventVersion: '1.09',
    userIdentity: identityElement(identity, ctx),
    eventTime,
    eventSource: 'ec2.amazonaws.com',
    eventName: call.api,
    awsRegion: ctx.region,
    sourceIPAddress: ctx.sourceIp,
    userAgent: ctx.userAgent || VPC_CNI_USER_AGENT,
    requestParameters: requestParameters(call),
    responseElements: failed ? null : responseElements(call, ctx.requestId),
    requestID: ctx.requestId,
    eventID: ctx.eventId,
    readOnly: call.api.startsWith('Describe'),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ctx.accountId,
  };
  if (!failed) return record;
  const code = ctx.errorCode as string;
  const bare = code.replace(/^(Client|Server)\./, '');
  // errorCode/errorMessage sit between userAgent and requestParameters in real records.
  const { requestParameters: rp, responseElements: re, ...head } = record;
  const { eventVersion, userIdentity, eventTime: et, eventSource, eventName, awsRegion, sourceIPAddress, userAgent, ...tail } = head;
  return {
    eventVersion, userIdentity, eventTime: et, eventSource, eventName, awsRegion, sourceIPAddress, userAgent,
    errorCode: cloudTrailErrorCode(code),
    errorMessage: ctx.errorMessage ?? EC2_ERROR_MESSAGES[bare] ?? '',
    requestParameters: rp,
    responseElements: re,
    ...tail,
  };
}
