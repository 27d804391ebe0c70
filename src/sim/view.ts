/**
 * What the engine shows the outside world: plain, serialisable data (it crosses the
 * worker boundary with structured clone). The UI imports only these types.
 */
import type { EngineText } from './engine-text.ts';

export type { EngineText } from './engine-text.ts';

export type SlotState = 'assigned' | 'warm' | 'cooling';

export interface AddressView {
  ip: string;
  state: SlotState;
  /** namespace/name of the pod holding it. */
  pod?: string;
  /** Simulated ms when its cooldown ends (state 'cooling'). */
  coolingUntilMs?: number;
}

export interface PrefixView {
  /** e.g. 10.0.32.16/28 */
  cidr: string;
  /** Addresses handed out or tracked inside the prefix (untracked ones are free). */
  addresses: AddressView[];
}

export type EniKind = 'primary' | 'secondary' | 'trunk' | 'branch';

export interface EniView {
  id: string;
  kind: EniKind;
  deviceIndex: number;
  networkCard: number;
  mac: string;
  subnetId: string;
  subnetCidr: string;
  primaryIp: string;
  description: string;
  securityGroups: string[];
  attachmentState: 'attaching' | 'attached' | 'detaching';
  /** Simulated ms of CreateNetworkInterface (absent in hand-made fixtures). */
  createdAtMs?: number;
  /** When the attachment started (a branch ENI: when it was associated with the trunk). */
  attachedAtMs: number;
  /** Linux interface name on the node (eth0, eth1, ...). */
  ifName: string;
  /** Secondary IPs in secondary-IP mode. */
  secondaryIps: AddressView[];
  /** /28 prefixes in prefix-delegation mode. */
  prefixes: PrefixView[];
  /** Branch ENIs (security groups for pods): the VLAN id on the trunk. */
  vlanId?: number;
  /** Branch ENIs: namespace/name of the pod it serves (absent while it waits in the delete queue). */
  pod?: string;
  /** The ENI's EC2 tags (absent in hand-made fixtures: no tags). */
  tags?: Record<string, string>;
}

export interface PoolStatsView {
  totalIPs: number;
  assignedIPs: number;
  cooldownIPs: number;
  availableIPs: number;
  totalPrefixes: number;
  freePrefixes: number;
  /** maxIPsPerENI × ENIs that ipamd may use: the node's address ceiling. */
  maxIPs: number;
  maxENIs: number;
}

/** A node taint (`kubectl taint`), e.g. node.kubernetes.io/unschedulable:NoSchedule. */
export interface TaintView {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeView {
  name: string;
  instanceId: string;
  instanceType: string;
  nodeGroup: string;
  /** Launch order within the node group, from 0: `ng-1/0` is the group's first node. */
  groupIndex?: number;
  /** `spec.unschedulable` (kubectl cordon). */
  unschedulable?: boolean;
  /** spec.taints, cordon's node.kubernetes.io/unschedulable:NoSchedule included. */
  taints?: TaintView[];
  /** The node group's AMI family (absent in hand-made fixtures: AL2023). */
  amiFamily?: 'AL2023' | 'AL2';
  /** metadata.labels the engine set (host name, instance type, zone, node group) plus the group's own. */
  labels?: Record<string, string>;
  availabilityZone: string;
  subnetId: string;
  nodeIp: string;
  maxPods: number;
  /** Allocatable `vpc.amazonaws.com/pod-eni` the resource controller advertises once the trunk is attached. */
  podEniCapacity?: number;
  /** When the node registered (metadata.creationTimestamp; absent in hand-made fixtures). */
  joinedAtMs?: number;
  /** When its Ready condition last changed (absent: never Ready yet, or a hand-made fixture). */
  readyChangedAtMs?: number;
  /** The instance's public IPv4 address (absent: none; the simulator's nodes have none yet). */
  publicIp?: string;
  /** Pods bound to the node, hostNetwork daemons included (what counts against max pods). */
  podCount: number;
  mode: 'secondary-ip' | 'prefix-delegation';
  ipamd: { status: 'running' | 'starting' | 'crash-loop'; message?: string };
  enis: EniView[];
  pool: PoolStatsView;
  /** Plain-language warnings: max pods reached, ENI limit hit, subnet exhausted, throttled. */
  warnings: WarningView[];
  /** ipamd's Prometheus counters, the raw material of the :61678/metrics page. */
  counters: IpamdCounters;
}

/** Counters ipamd keeps since it last started (they reset when aws-node restarts). */
export interface IpamdCounters {
  addIpRequests: number;
  /** awscni_del_ip_req_count by reason label (PodDeleted, SetupNSFailed, ...). */
  delIpRequests: Record<string, number>;
  noAvailableIpAddresses: number;
  /** awscni_ec2api_req_count by fn label (the EC2 API name). */
  ec2ApiRequests: Record<string, number>;
  /** awscni_ec2api_error_count by fn label. */
  ec2ApiErrors: Record<string, number>;
  /** awscni_aws_api_error_count keyed "api|errorCode". */
  awsApiErrors: Record<string, number>;
  /** awscni_aws_api_latency_ms keyed "api|error|status" (error "false"/"true", status HTTP code). */
  awsApiLatency: Record<string, { count: number; sumMs: number; samples: number[] }>;
  /** awscni_reconcile_count keyed by fn label. */
  reconcile: Record<string, number>;
  ipamdErrors: Record<string, number>;
  forceRemovedEnis: number;
  forceRemovedIps: number;
  startedAtMs: number;
}

export interface WarningView {
  code: 'MaxPodsReached' | 'EniLimitReached' | 'SubnetExhausted' | 'Throttled' | 'NoIpAvailable' | 'IpamdNotRunning' | 'Ipv6NotModelled';
  message: string;
  /** The message as a text to translate (engine-text.ts, ids `sim.warning.*`); `message` is what the CLI prints. */
  text: EngineText;
}

export type PodPhase = 'Pending' | 'ContainerCreating' | 'Running' | 'Terminating';

export interface PodView {
  namespace: string;
  name: string;
  uid: string;
  deployment?: string;
  node?: string;
  phase: PodPhase;
  ip?: string;
  hostNetwork: boolean;
  eniId?: string;
  /** The branch ENI the pod's address comes from (security groups for pods). */
  branchEniId?: string;
  /** The resource controller's webhook gave its first container `vpc.amazonaws.com/pod-eni: 1` (limit and request). */
  podEni?: boolean;
  /** The prefix of the host-side veth the CNI plugin created for the pod's sandbox (`eni`, `vlan`). */
  hostVethPrefix?: string;
  /** spec.nodeSelector, when the pod has one. */
  nodeSelector?: Record<string, string>;
  /** metadata.annotations the simulator sets (the resource controller's `vpc.amazonaws.com/pod-eni`). */
  annotations?: Record<string, string>;
  /** Why the pod is not running yet (FailedScheduling / FailedCreatePodSandBox). */
  reason?: string;
  message?: string;
  createdAtMs: number;
  restarts: number;
  /** ContainersReady (the READY column counts the container once its readiness probe passes). */
  containersReady?: boolean;
  /** `spec.readinessGates` with their conditions' status. */
  readinessGates?: { type: string; status: boolean; reason?: string; message?: string }[];
}

export interface SubnetView {
  id: string;
  availabilityZone: string;
  cidr: string;
  /** Usable addresses (size minus the 5 AWS reserves). */
  usable: number;
  /** Addresses held by ENIs (primary, secondary IPs and prefixes; trunk and branch ENIs too). */
  used: number;
  free: number;
  tags: Record<string, string>;
  /** The route table's 0.0.0.0/0 target: `igw`, `none` or a NAT gateway id (scenario `defaultRoute`). */
  defaultRoute: string;
  /** The NAT gateway that lives in this subnet. */
  natGatewayId?: string;
}

export interface DeploymentView {
  namespace: string;
  name: string;
  replicas: number;
  ready: number;
  available: number;
}

export interface SimSnapshot {
  timeMs: number;
  scenarioName: string;
  region: string;
  clusterName: string;
  vpc: { id: string; cidrs: string[] };
  subnets: SubnetView[];
  nodes: NodeView[];
  pods: PodView[];
  deployments: DeploymentView[];
  env: Record<string, string>;
  ec2: { calls: number; throttled: number; errors: number };
  /** Sequence number of the newest event in the log. */
  lastEventSeq: number;
}

/** What changes on every tick: the clock, the EC2 call counters, the newest event. */
export interface SnapshotHead {
  timeMs: number;
  ec2: { calls: number; throttled: number; errors: number };
  lastEventSeq: number;
}

/** The scenario's fixed facts. */
export interface ScenarioFacts {
  scenarioName: string;
  region: string;
  clusterName: string;
  vpc: { id: string; cidrs: string[] };
}

/**
 * What changed since the previous delta (the engine records it as it changes things). The
 * first delta is `full`: every view, in order. After that, order needs no array: the engine's
 * collections only append and delete, so a reader removes the `removed*` ids, replaces the
 * views it knows in place and appends the others, in the order given.
 */
export interface SimDelta {
  full: boolean;
  head: SnapshotHead;
  /** With a full delta only. */
  scenario?: ScenarioFacts;
  /** The aws-node DaemonSet env: with a full delta, and after it was edited. */
  env?: Record<string, string>;
  changedNodes: NodeView[];
  /** Node names. */
  removedNodes: string[];
  changedPods: PodView[];
  /** Pod uids. */
  removedPods: string[];
  changedDeployments: DeploymentView[];
  /** `namespace/name`. */
  removedDeployments: string[];
  /** Subnets are never added or removed. */
  changedSubnets: SubnetView[];
}

/** A CloudTrail-style record of one EC2 API call, the record engineers read when debugging. */
/** CloudTrail's `userIdentity` for a call signed with an assumed role's temporary credentials. */
export interface CloudTrailUserIdentity {
  type: 'AssumedRole';
  principalId: string;
  arn: string;
  accountId: string;
  accessKeyId: string;
  sessionContext: {
    sessionIssuer: { type: 'Role'; principalId: string; arn: string; accountId: string; userName: string };
    /** IRSA sessions: the cluster's IAM OIDC provider; plain AssumeRole sessions: `{}`. */
    webIdFederationData: { federatedProvider: string; attributes: Record<string, string> } | Record<string, never>;
    attributes: { creationDate: string; mfaAuthenticated: 'false' };
  };
}

export interface CloudTrailRecord {
  eventVersion: '1.09';
  userIdentity: CloudTrailUserIdentity;
  eventTime: string;
  eventSource: 'ec2.amazonaws.com' | 'elasticloadbalancing.amazonaws.com';
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  requestParameters: Record<string, unknown>;
  responseElements: Record<string, unknown> | null;
  errorCode?: string;
  errorMessage?: string;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  eventType: 'AwsApiCall';
  managementEvent: true;
  recipientAccountId: string;
}

export type SimEvent =
  | { seq: number; timeMs: number; kind: 'ec2'; node?: string; latencyMs: number; record: CloudTrailRecord; touches: string[] }
  /** `text`: the same decision as a message id and values, for the UI to translate (engine-text.ts). */
  | { seq: number; timeMs: number; kind: 'ipamd'; node: string; message: string; touches: string[]; text?: EngineText }
  /**
   * A decision of the VPC resource controller (trunk and branch ENIs for security groups for
   * pods), or what traffic the scenario sent did (`node` empty).
   */
  | { seq: number; timeMs: number; kind: 'controller'; node: string; message: string; touches: string[]; text?: EngineText }
  | {
      seq: number;
      timeMs: number;
      kind: 'k8s';
      type: 'Normal' | 'Warning';
      reason: string;
      /** e.g. pod/default/web-7d4b9c8f6-x2x9k or node/ip-10-0-1-23.us-west-2.compute.internal */
      object: string;
      message: string;
      source: string;
      node?: string;
      touches: string[];
    };

// ------------------------------------------------------------------- Services and load balancers

export interface ServicePortView {
  name?: string;
  protocol: 'TCP' | 'UDP';
  port: number;
  targetPort: number | string;
  nodePort?: number;
}

/** A Service as the API server holds it. */
export interface ServiceView {
  namespace: string;
  name: string;
  uid: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  clusterIP: string;
  ports: ServicePortView[];
  selector?: Record<string, string>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  externalTrafficPolicy: 'Cluster' | 'Local';
  internalTrafficPolicy: 'Cluster' | 'Local';
  sessionAffinity: 'None' | 'ClientIP';
  healthCheckNodePort: number;
  loadBalancerClass?: string;
  /** `status.loadBalancer.ingress[0].hostname`. */
  loadBalancerHostname?: string;
  createdAtMs: number;
}

export interface EndpointView {
  address: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  zone?: string;
  /** The pod behind it (namespace/name). */
  pod?: string;
}

export interface EndpointSliceView {
  namespace: string;
  name: string;
  service: string;
  addressType: 'IPv4';
  /** null: the placeholder slice of a Service that selects nothing. */
  ports: { name?: string; port: number; protocol: 'TCP' | 'UDP' }[] | null;
  endpoints: EndpointView[];
  createdAtMs: number;
}

/** `v1` Endpoints (ready addresses apart from not-ready ones). */
export interface EndpointsView {
  namespace: string;
  name: string;
  subsets: { addresses: string[]; notReadyAddresses: string[]; ports: { name?: string; port: number; protocol: 'TCP' | 'UDP' }[] }[];
  createdAtMs: number;
}

export interface IngressView {
  namespace: string;
  name: string;
  className?: string;
  hosts: string[];
  /** `status.loadBalancer.ingress[0].hostname`. */
  address?: string;
  annotations: Record<string, string>;
  paths: { host?: string; path: string; pathType: string; service: string; port: number | string }[];
  defaultBackend?: { service: string; port: number | string };
  createdAtMs: number;
}

export interface TargetGroupBindingView {
  namespace: string;
  name: string;
  serviceName: string;
  servicePort: number | string;
  targetType: 'ip' | 'instance';
  targetGroupArn: string;
  createdAtMs: number;
}

export interface LoadBalancerView {
  arn: string;
  name: string;
  dnsName: string;
  canonicalHostedZoneId: string;
  type: 'network' | 'application';
  scheme: 'internal' | 'internet-facing';
  vpcId: string;
  state: 'provisioning' | 'active';
  createdAtMs: number;
  /** One node (ENI) per enabled AZ. */
  zones: { zone: string; subnetId: string; privateIp: string; publicIp?: string; eniId: string }[];
  securityGroups: string[];
  listeners: { arn: string; port: number; protocol: string; targetGroupArn?: string; rules: { pathPrefix: string; exact: boolean; targetGroupArn: string }[] }[];
  crossZone: boolean;
}

export interface TargetView {
  id: string;
  port: number;
  zone?: string;
  state: string;
  reason?: string;
  description?: string;
}

export interface TargetGroupView {
  arn: string;
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: 'ip' | 'instance';
  healthCheck: { protocol: string; port: string; path?: string; intervalSeconds: number; timeoutSeconds: number; healthyThreshold: number; unhealthyThreshold: number; matcher?: string };
  loadBalancerArns: string[];
  attributes: Record<string, string>;
  deregistrationDelaySeconds: number;
  preserveClientIp: boolean;
  targets: TargetView[];
}

/** The cluster's networking objects and the account's load balancers, read on demand. */
export interface ClusterObjects {
  timeMs: number;
  region: string;
  accountId: string;
  services: ServiceView[];
  endpointSlices: EndpointSliceView[];
  endpoints: EndpointsView[];
  ingresses: IngressView[];
  targetGroupBindings: TargetGroupBindingView[];
  loadBalancers: LoadBalancerView[];
  targetGroups: TargetGroupView[];
}
