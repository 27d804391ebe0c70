/**
 * The engine's input: a normalised scenario (every default filled in) and the typed
 * commands a user or a timeline can apply. src/scenario turns the versioned JSON format
 * into this; the engine never sees unvalidated input.
 */

/** Environment of the aws-node DaemonSet container, by the real variable names. */
export type AwsNodeEnv = Readonly<Record<string, string>>;

export interface SubnetSpec {
  /** AWS subnet id, e.g. subnet-0a1b2c3d. */
  id: string;
  availabilityZone: string;
  cidr: string;
  tags: Readonly<Record<string, string>>;
  /**
   * The subnet route table's 0.0.0.0/0 target: `igw` (a public subnet: instances get a
   * public IP), `none` (no default route), or the id of a NAT gateway. Undefined = `igw`.
   */
  defaultRoute?: string;
  /** A NAT gateway that lives in this (public) subnet. */
  natGateway?: { id: string };
}

/**
 * The node group's EKS-optimised AMI family: `AL2023` (what EKS launches today, the default) or
 * `AL2` (Amazon Linux 2; its last EKS AMIs are for Kubernetes 1.32). It decides the OS the node
 * reports, its interface names (ens5… or eth0…), its routes and its iptables backend.
 */
export type AmiFamily = 'AL2023' | 'AL2';

export interface NodeGroupSpec {
  name: string;
  instanceType: string;
  /** Absent means AL2023. */
  amiFamily?: AmiFamily;
  count: number;
  /** Subnet id of the nodes' primary ENIs. */
  subnet: string;
  /** kubelet --max-pods; undefined means what nodeadm computes for the type. */
  maxPods?: number;
  labels: Readonly<Record<string, string>>;
  securityGroups: readonly string[];
}

export interface EniConfigSpec {
  name: string;
  subnet: string;
  securityGroups: readonly string[];
}

/** A container port of a deployment's pods (`spec.containers[].ports[]`): what a named targetPort resolves to. */
export interface ContainerPortSpec {
  name?: string;
  containerPort: number;
  protocol: 'TCP' | 'UDP';
}

/**
 * A readinessProbe, as far as endpoints care: the container becomes ready `initialDelaySeconds`
 * after it starts, and stops being ready `periodSeconds × failureThreshold` after it stops
 * answering. Kubernetes' own defaults: period 10 s, failure threshold 3.
 */
export interface ReadinessProbeSpec {
  initialDelaySeconds: number;
  periodSeconds: number;
  failureThreshold: number;
}

export interface DeploymentSpec {
  name: string;
  namespace: string;
  replicas: number;
  labels: Readonly<Record<string, string>>;
  /** spec.template.spec.nodeSelector: its pods only go to nodes carrying all these labels. */
  nodeSelector?: Readonly<Record<string, string>>;
  /** Container ports (absent: none declared, so only numeric targetPorts reach these pods). */
  ports?: readonly ContainerPortSpec[];
  /** Absent: no readiness probe, so a pod is Ready as soon as its container runs and stays Ready. */
  readinessProbe?: ReadinessProbeSpec;
}

/** A namespace and its labels (`elbv2.k8s.aws/pod-readiness-gate-inject: enabled` turns readiness gates on). */
export interface NamespaceSpec {
  name: string;
  labels: Readonly<Record<string, string>>;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** One entry of a Service's `spec.ports`. */
export interface ServicePortSpec {
  /** Required (DNS-1123 label) when the Service has more than one port. */
  name?: string;
  protocol: 'TCP' | 'UDP';
  port: number;
  /** A number, or the name of a container port; defaults to `port`. */
  targetPort: number | string;
  /** NodePort/LoadBalancer only; allocated from 30000-32767 when absent. */
  nodePort?: number;
}

/** A `v1` Service (what `kubectl apply` would send; the API server fills in clusterIP and nodePorts). */
export interface ServiceSpec {
  name: string;
  namespace: string;
  type: ServiceType;
  /** Allocated from the cluster's service CIDR when absent. */
  clusterIP?: string;
  /** Absent: a Service without selector (its endpoints are managed elsewhere, as for `default/kubernetes`). */
  selector?: Readonly<Record<string, string>>;
  ports: readonly ServicePortSpec[];
  externalTrafficPolicy: 'Cluster' | 'Local';
  internalTrafficPolicy: 'Cluster' | 'Local';
  sessionAffinity: 'None' | 'ClientIP';
  /** `sessionAffinityConfig.clientIP.timeoutSeconds` (API default 10800). */
  sessionAffinityTimeoutSeconds: number;
  /** `spec.loadBalancerClass` (the AWS Load Balancer Controller's webhook sets `service.k8s.aws/nlb`). */
  loadBalancerClass?: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
}

/** One path of an Ingress rule, flattened: `spec.rules[].http.paths[]` with its host. */
export interface IngressPathSpec {
  host?: string;
  path: string;
  pathType: 'Prefix' | 'Exact' | 'ImplementationSpecific';
  service: string;
  /** Service port number or name. */
  port: number | string;
}

/** A `networking.k8s.io/v1` Ingress. */
export interface IngressSpec {
  name: string;
  namespace: string;
  /** `spec.ingressClassName` (`alb` is the AWS Load Balancer Controller's IngressClass). */
  ingressClassName?: string;
  annotations: Readonly<Record<string, string>>;
  /** `spec.defaultBackend`: where requests no path matches go. */
  defaultBackend?: { service: string; port: number | string };
  paths: readonly IngressPathSpec[];
}

/** Cluster-wide settings EKS chooses at creation. */
export interface ClusterNetworkSpec {
  /** `kubernetesNetworkConfig.serviceIpv4Cidr`: 10.100.0.0/16, or 172.20.0.0/16 when the VPC is inside 10.0.0.0/8. */
  serviceIpv4Cidr: string;
  /** kube-proxy's mode (`kube-system/kube-proxy-config`): EKS ships iptables. */
  kubeProxyMode: 'iptables' | 'ipvs';
  /**
   * `resourcesVpcConfig.subnetIds`: where EKS places the API server's cross-account ENIs (the
   * first two get one each). Absent: the scenario's subnets.
   */
  controlPlaneSubnets?: readonly string[];
}

/** A node taint's effect (NoSchedule and NoExecute filter pods out; NoExecute also evicts them). */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** A Kubernetes LabelSelector, as far as SecurityGroupPolicies use it (matchLabels only). */
export interface LabelSelectorSpec {
  matchLabels: Readonly<Record<string, string>>;
}

/**
 * A SecurityGroupPolicy (`vpcresources.k8s.aws/v1beta1`, namespaced): pods it selects get a
 * branch ENI with these security groups. A policy with neither selector is ignored; with
 * both, both must match; an empty selector matches everything.
 */
export interface SecurityGroupPolicySpec {
  name: string;
  namespace: string;
  podSelector?: LabelSelectorSpec;
  serviceAccountSelector?: LabelSelectorSpec;
  /** spec.securityGroups.groupIds (at least one). */
  securityGroups: readonly string[];
}

/** EC2 request token bucket of one action category (docs: "Request token bucket sizes"). */
export interface TokenBucketSpec {
  capacity: number;
  refillPerSecond: number;
}

export interface Ec2Spec {
  /** Extra latency multiplier (1 = typical figures). */
  latencyScale: number;
  mutating: TokenBucketSpec;
  nonMutating: TokenBucketSpec;
}

export interface ScenarioSpec {
  name: string;
  description: string;
  seed: number;
  region: string;
  accountId: string;
  clusterName: string;
  vpc: { id: string; cidrs: readonly string[] };
  subnets: readonly SubnetSpec[];
  nodeGroups: readonly NodeGroupSpec[];
  awsNode: { env: AwsNodeEnv };
  eniConfigs: readonly EniConfigSpec[];
  deployments: readonly DeploymentSpec[];
  /** SecurityGroupPolicies (security groups for pods); absent means none. */
  securityGroupPolicies?: readonly SecurityGroupPolicySpec[];
  /** Namespaces with labels; any other namespace exists without labels. Absent means none. */
  namespaces?: readonly NamespaceSpec[];
  /** Services besides the ones every EKS cluster has (`default/kubernetes`, `kube-system/kube-dns`). */
  services?: readonly ServiceSpec[];
  ingresses?: readonly IngressSpec[];
  /** Absent: EKS defaults derived from the VPC (see `defaultClusterNetwork`). */
  cluster?: ClusterNetworkSpec;
  /**
   * EKS add-on configuration values (absent: the add-ons' defaults, CoreDNS `replicaCount` 2), and
   * whether the AWS Load Balancer Controller is installed (not an EKS default; without it a
   * LoadBalancer Service stays `<pending>` here, as the legacy in-tree CLB path is not modelled).
   */
  addons?: { coredns?: { replicaCount: number }; awsLoadBalancerController?: boolean };
  ec2: Ec2Spec;
  timeline: readonly TimedCommand[];
  /**
   * Lesson steps (format v2): moments with a title, narration and what the picture shows.
   * The engine ignores them; a step's commands are already in `timeline` (marked `step`).
   */
  steps?: readonly LessonStep[];
}

/** One step of a lesson: a moment and what a trainer shows and says about it. */
export interface LessonStep {
  /** Seconds from the start. */
  at: number;
  title: string;
  narration: string;
  /** What is shown: the share link's view state (`sel`, `cam`, `pw`, `term`, …), key to value. */
  view: Readonly<Record<string, string>>;
}

export type Command =
  | { type: 'scale'; deployment: string; namespace?: string; replicas: number }
  | { type: 'addDeployment'; deployment: DeploymentSpec }
  | { type: 'deleteDeployment'; deployment: string; namespace?: string }
  /** Set (value string) or unset (value null) an aws-node env var; aws-node restarts on every node. */
  | { type: 'setEnv'; name: string; value: string | null }
  | { type: 'addNodes'; nodeGroup: string; count: number }
  /** Removes count nodes of the group, newest first, or the named node. */
  | { type: 'removeNodes'; nodeGroup: string; count: number; node?: string }
  | { type: 'deletePod'; pod: string; namespace?: string }
  /**
   * kubectl cordon / uncordon. `node` is a node name or `<node group>/<index>` (ng-1/0: the
   * group's first node launched).
   */
  | { type: 'cordon'; node: string }
  | { type: 'uncordon'; node: string }
  /** kubectl taint nodes <node> key[=value]:effect, or with `remove` key:effect- . */
  | { type: 'taint'; node: string; key: string; value?: string; effect: TaintEffect; remove?: boolean }
  | { type: 'addService'; service: ServiceSpec }
  | { type: 'deleteService'; service: string; namespace?: string }
  | { type: 'addIngress'; ingress: IngressSpec }
  | { type: 'deleteIngress'; ingress: string; namespace?: string }
  /**
   * A pod stops (healthy false) or starts again (true) answering: its readiness probe and the
   * load balancers' health checks fail. Names the pod, or the oldest running pod of a deployment.
   */
  | { type: 'setPodHealth'; healthy: boolean; pod?: string; deployment?: string; namespace?: string }
  /**
   * `count` new connections (or ICMP echoes) from a pod, a node or the internet to an address,
   * a pod, a ClusterIP or a load balancer's DNS name: they leave conntrack entries and move
   * the iptables counters of the rules they meet, as real traffic would.
   */
  | { type: 'traffic'; from: string; to: string; proto: 'tcp' | 'udp' | 'icmp'; dport?: number; count: number }
  /** `iptables [-t table] -Z [chain]` on one node, or on every node. */
  | { type: 'zeroCounters'; node?: string; table?: 'raw' | 'mangle' | 'nat' | 'filter'; chain?: string };

export interface TimedCommand {
  /** Seconds from the start of the scenario. */
  at: number;
  command: Command;
  /** A scripted command the learner switched off: kept and shown, never run. */
  muted?: boolean;
  /** Index of the lesson step that carries this command (format v2 `steps[i].commands`). */
  step?: number;
}
