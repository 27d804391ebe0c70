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

export interface DeploymentSpec {
  name: string;
  namespace: string;
  replicas: number;
  labels: Readonly<Record<string, string>>;
  /** spec.template.spec.nodeSelector: its pods only go to nodes carrying all these labels. */
  nodeSelector?: Readonly<Record<string, string>>;
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
  | { type: 'taint'; node: string; key: string; value?: string; effect: TaintEffect; remove?: boolean };

export interface TimedCommand {
  /** Seconds from the start of the scenario. */
  at: number;
  command: Command;
  /** A scripted command the learner switched off: kept and shown, never run. */
  muted?: boolean;
  /** Index of the lesson step that carries this command (format v2 `steps[i].commands`). */
  step?: number;
}
