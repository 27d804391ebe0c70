/**
 * The shape of scenario format v2 as JSON, as valibot schemas. Shape only: whether names
 * are unique, CIDRs nest, or references resolve is checked later (semantic-checks.ts), so
 * that every problem can be reported together.
 */
import * as v from 'valibot';
import { said, schemaMessage } from './issues.ts';
import { MAX_TIMELINE_AT_S } from './moment.ts';
import { stepJsonSchema } from './step-json.ts';
import {
  AddonsJsonSchema, ClusterJsonSchema, ContainerPortJsonSchema, IngressJsonSchema, MAX_INGRESSES, MAX_SERVICES, NamespaceJsonSchema, ReadinessProbeJsonSchema,
  serviceCommandSchemas, ServiceJsonSchema,
} from './service-json.ts';

/** The scenario format version this build writes and reads natively. */
export const CURRENT_VERSION = 2;

const text = v.string();
const stringMap = v.record(v.string(), v.string());
const count = (max: number) =>
  v.pipe(v.number(), v.integer(schemaMessage(said`must be a whole number`)), v.minValue(0, schemaMessage(said`must not be negative`)), v.maxValue(max, schemaMessage(said`must be at most ${max}`)));

export const SubnetJsonSchema = v.object({
  id: v.optional(text),
  availabilityZone: v.optional(text),
  cidr: text,
  tags: v.optional(stringMap),
  /** `igw`, `none`, `nat` (the NAT gateway in the subnet's zone) or a NAT gateway id. */
  defaultRoute: v.optional(text),
  natGateway: v.optional(v.union([v.boolean(), v.object({ id: v.optional(text) })])),
});

export const NodeGroupJsonSchema = v.object({
  name: text,
  instanceType: text,
  count: count(5000),
  subnet: v.optional(text),
  maxPods: v.optional(v.pipe(v.number(), v.integer(schemaMessage(said`must be a whole number`)), v.minValue(1, schemaMessage(said`must be at least 1`)), v.maxValue(10000, schemaMessage(said`must be at most 10000`)))),
  labels: v.optional(stringMap),
  securityGroups: v.optional(v.array(text)),
  /** The EKS-optimised AMI family: AL2023 (default) or AL2. */
  amiFamily: v.optional(v.picklist(['AL2023', 'AL2'], 'must be "AL2023" or "AL2"')),
});

export const EniConfigJsonSchema = v.object({
  name: text,
  subnet: text,
  securityGroups: v.optional(v.array(text)),
});

export const DeploymentJsonSchema = v.object({
  name: text,
  namespace: v.optional(text),
  replicas: v.optional(count(10000)),
  labels: v.optional(stringMap),
  nodeSelector: v.optional(stringMap),
  ports: v.optional(v.pipe(v.array(ContainerPortJsonSchema), v.maxLength(20, schemaMessage(said`has more than 20 container ports`)))),
  readinessProbe: v.optional(ReadinessProbeJsonSchema),
});

const labelSelector = v.object({ matchLabels: v.optional(stringMap) });

/** A SecurityGroupPolicy (`vpcresources.k8s.aws/v1beta1`), flattened: `securityGroups` is its `spec.securityGroups.groupIds`. */
export const SecurityGroupPolicyJsonSchema = v.object({
  name: text,
  namespace: v.optional(text),
  podSelector: v.optional(labelSelector),
  serviceAccountSelector: v.optional(labelSelector),
  securityGroups: v.pipe(v.array(text), v.minLength(1, schemaMessage(said`needs at least one security group`))),
});

const bucket = v.object({
  capacity: v.optional(v.pipe(v.number(), v.integer(schemaMessage(said`must be a whole number`)), v.minValue(1, schemaMessage(said`must be at least 1`)), v.maxValue(1_000_000, schemaMessage(said`must be at most 1000000`)))),
  refillPerSecond: v.optional(v.pipe(v.number(), v.gtValue(0, schemaMessage(said`must be above 0`)), v.maxValue(1_000_000, schemaMessage(said`must be at most 1000000`)))),
});

export const Ec2JsonSchema = v.object({
  latencyScale: v.optional(v.pipe(v.number(), v.minValue(0, schemaMessage(said`must not be negative`)), v.maxValue(100, schemaMessage(said`must be at most 100`)))),
  mutating: v.optional(bucket),
  nonMutating: v.optional(bucket),
});

const namespace = v.optional(text);

export const CommandJsonSchema = v.variant('type', [
  v.object({ type: v.literal('scale'), deployment: text, namespace, replicas: count(10000) }),
  v.object({ type: v.literal('addDeployment'), deployment: DeploymentJsonSchema }),
  v.object({ type: v.literal('deleteDeployment'), deployment: text, namespace }),
  v.object({ type: v.literal('setEnv'), name: text, value: v.nullable(text) }),
  v.object({ type: v.literal('addNodes'), nodeGroup: text, count: v.pipe(count(5000), v.minValue(1, schemaMessage(said`must be at least 1`))) }),
  v.object({ type: v.literal('removeNodes'), nodeGroup: text, count: v.pipe(count(5000), v.minValue(1, schemaMessage(said`must be at least 1`))), node: v.optional(text) }),
  v.object({ type: v.literal('deletePod'), pod: text, namespace }),
  v.object({ type: v.literal('cordon'), node: text }),
  v.object({ type: v.literal('uncordon'), node: text }),
  v.object({
    type: v.literal('taint'),
    node: text,
    key: text,
    value: v.optional(text),
    effect: v.picklist(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
    remove: v.optional(v.boolean()),
  }),
  ...serviceCommandSchemas,
]);

export const TimedCommandJsonSchema = v.object({
  at: v.pipe(v.number(), v.minValue(0, schemaMessage(said`must not be negative (seconds from the start)`)), v.maxValue(MAX_TIMELINE_AT_S, schemaMessage(said`must be at most ${MAX_TIMELINE_AT_S} (one week)`))),
  command: CommandJsonSchema,
  /** v2: a scripted command the learner switched off; kept (and shown) but not run. */
  muted: v.optional(v.boolean()),
});

/** A lesson step (v2). */
export const StepJsonSchema = stepJsonSchema(CommandJsonSchema);

/** Scenario format v2, every field but `v` optional or defaulted (see docs/scenario-format.md). */
export const ScenarioJsonSchema = v.object({
  v: v.literal(CURRENT_VERSION),
  name: v.optional(text),
  description: v.optional(text),
  seed: v.optional(v.pipe(v.number(), v.integer(schemaMessage(said`must be a whole number`)), v.minValue(0, schemaMessage(said`must not be negative`)), v.maxValue(0xffffffff, schemaMessage(said`must fit in 32 bits (at most 4294967295)`)))),
  region: v.optional(text),
  accountId: v.optional(text),
  clusterName: v.optional(text),
  vpc: v.optional(v.object({ id: v.optional(text), cidrs: v.pipe(v.array(text), v.minLength(1, schemaMessage(said`needs at least one CIDR block`)), v.maxLength(5, schemaMessage(said`a VPC has at most 5 IPv4 CIDR blocks by default`))) })),
  subnets: v.optional(v.array(SubnetJsonSchema)),
  nodeGroups: v.optional(v.array(NodeGroupJsonSchema)),
  awsNode: v.optional(v.object({ env: v.optional(stringMap) })),
  eniConfigs: v.optional(v.array(EniConfigJsonSchema)),
  deployments: v.optional(v.array(DeploymentJsonSchema)),
  securityGroupPolicies: v.optional(v.array(SecurityGroupPolicyJsonSchema)),
  cluster: v.optional(ClusterJsonSchema),
  addons: v.optional(AddonsJsonSchema),
  namespaces: v.optional(v.pipe(v.array(NamespaceJsonSchema), v.maxLength(100, schemaMessage(said`has more than 100 namespaces`)))),
  services: v.optional(v.pipe(v.array(ServiceJsonSchema), v.maxLength(MAX_SERVICES, schemaMessage(said`has more than ${MAX_SERVICES} services`)))),
  ingresses: v.optional(v.pipe(v.array(IngressJsonSchema), v.maxLength(MAX_INGRESSES, schemaMessage(said`has more than ${MAX_INGRESSES} ingresses`)))),
  ec2: v.optional(Ec2JsonSchema),
  timeline: v.optional(v.array(TimedCommandJsonSchema)),
  steps: v.optional(v.array(StepJsonSchema)),
});

/** A scenario document in format v2, as written by hand or shared in a URL. */
export type ScenarioJson = Omit<v.InferInput<typeof ScenarioJsonSchema>, 'v'> & {
  /** Any version this build reads (older ones are migrated): a v1 document is a v2 one without steps. */
  v: number;
};
/** A command as written in a timeline (deployment fields may be left to their defaults). */
export type CommandJson = v.InferInput<typeof CommandJsonSchema>;
/** A lesson step as written in v2. */
export type StepJson = v.InferInput<typeof StepJsonSchema>;
/** A deployment as written in v1. */
export type DeploymentJson = v.InferInput<typeof DeploymentJsonSchema>;
