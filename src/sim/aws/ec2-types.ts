/**
 * The EC2 API calls the simulator makes, in a normalised form (camelCase, plain arrays).
 * cloudtrail.ts turns one into the record CloudTrail would show; ec2-api.ts executes them.
 */

export interface NetworkInterfaceDescription {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  macAddress: string;
  privateIpAddress: string;
  privateDnsName: string;
  privateIpAddresses: { privateIpAddress: string; primary: boolean }[];
  ipv4Prefixes: string[];
  groups: { groupId: string; groupName: string }[];
  description: string;
  tags: Record<string, string>;
  ownerId: string;
  requesterId?: string;
  interfaceType: 'interface' | 'trunk' | 'branch';
  status: 'available' | 'in-use' | 'attaching' | 'detaching';
  sourceDestCheck: boolean;
  attachment?: {
    attachmentId: string;
    instanceId: string;
    instanceOwnerId: string;
    deviceIndex: number;
    networkCardIndex: number;
    status: 'attaching' | 'attached' | 'detaching';
    attachTime: string;
    deleteOnTermination: boolean;
  };
}

/** One subnet as DescribeSubnets returns it (the fields ipamd reads). */
export interface SubnetDescription {
  subnetId: string;
  availabilityZone: string;
  cidrBlock: string;
  availableIpAddressCount: number;
  tags: Record<string, string>;
}

export type Ec2Call =
  | {
      api: 'CreateNetworkInterface';
      request: {
        subnetId: string;
        description: string;
        groups: string[];
        secondaryPrivateIpAddressCount?: number;
        ipv4PrefixCount?: number;
        tags: Record<string, string>;
        interfaceType?: 'trunk' | 'branch';
      };
      response?: { networkInterface: NetworkInterfaceDescription };
    }
  | {
      api: 'AttachNetworkInterface';
      request: { networkInterfaceId: string; instanceId: string; deviceIndex: number; networkCardIndex: number };
      response?: { attachmentId: string; networkCardIndex: number };
    }
  | {
      api: 'ModifyNetworkInterfaceAttribute';
      request: { networkInterfaceId: string; attachmentId: string; deleteOnTermination: boolean };
      response?: Record<string, never>;
    }
  | {
      api: 'AssignPrivateIpAddresses';
      request: { networkInterfaceId: string; secondaryPrivateIpAddressCount?: number; ipv4PrefixCount?: number };
      response?: { assignedPrivateIpAddresses: string[]; assignedIpv4Prefixes: string[] };
    }
  | {
      api: 'UnassignPrivateIpAddresses';
      request: { networkInterfaceId: string; privateIpAddresses?: string[]; ipv4Prefixes?: string[] };
      response?: Record<string, never>;
    }
  | { api: 'DetachNetworkInterface'; request: { attachmentId: string; force?: boolean }; response?: Record<string, never> }
  | { api: 'DeleteNetworkInterface'; request: { networkInterfaceId: string }; response?: Record<string, never> }
  | {
      api: 'DescribeNetworkInterfaces';
      request: { networkInterfaceIds?: string[]; filters?: { name: string; values: string[] }[] };
      response?: { networkInterfaces: NetworkInterfaceDescription[] };
    }
  | { api: 'DescribeInstances'; request: { instanceIds: string[] }; response?: Record<string, never> }
  | {
      api: 'DescribeSubnets';
      request: { filters: { name: string; values: string[] }[] };
      response?: { subnets: SubnetDescription[] };
    }
  | { api: 'CreateTags'; request: { resources: string[]; tags: Record<string, string> }; response?: Record<string, never> }
  | {
      api: 'CreateNetworkInterfacePermission';
      request: { networkInterfaceId: string; awsAccountId: string; permission: 'INSTANCE-ATTACH' };
      response?: { networkInterfacePermissionId: string };
    }
  | {
      api: 'AssociateTrunkInterface';
      request: { branchInterfaceId: string; trunkInterfaceId: string; vlanId: number };
      response?: { associationId: string };
    }
  | { api: 'DisassociateTrunkInterface'; request: { associationId: string }; response?: Record<string, never> };

export type Ec2ApiName = Ec2Call['api'];

/** Context CloudTrail adds around a call. */
export interface CallContext {
  timeMs: number;
  /** ISO time of simulated t=0. */
  epochIso: string;
  region: string;
  accountId: string;
  instanceId: string;
  /** Source address of the caller (the node's primary IP). */
  sourceIp: string;
  requestId: string;
  eventId: string;
  userAgent: string;
  /** The EKS cluster, whose IAM OIDC provider federates aws-node's IRSA sessions. */
  clusterName?: string;
  errorCode?: string;
  errorMessage?: string;
}
