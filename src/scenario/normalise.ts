/**
 * From a (possibly partly invalid) v2 document to a ScenarioSpec with every default filled
 * in. Entries that fail the shape check are left out and the rest kept, so that semantic
 * checks can still run on them and the user sees every problem in one pass.
 */
import * as v from 'valibot';
import type { Command, DeploymentSpec, LessonStep, NodeGroupSpec, ScenarioSpec, SubnetSpec, TimedCommand, TokenBucketSpec } from '../sim/spec.ts';
import * as d from './defaults.ts';
import { normaliseAddons, normaliseCluster, normaliseDeploymentExtras, normaliseIngress, normaliseNamespace, normaliseService } from './normalise-services.ts';
import { AddonsJsonSchema, ClusterJsonSchema, IngressJsonSchema, NamespaceJsonSchema, ServiceJsonSchema } from './service-json.ts';
import { DeploymentJsonSchema, EniConfigJsonSchema, SecurityGroupPolicyJsonSchema, NodeGroupJsonSchema, SubnetJsonSchema, StepJsonSchema, TimedCommandJsonSchema, Ec2JsonSchema, type CommandJson, type DeploymentJson } from './scenario-json.ts';

/** The spec built from the valid parts, and where each list entry came from in the input. */
export interface Salvaged {
  spec: ScenarioSpec;
  /** origin.nodeGroups[k] is the input index of spec.nodeGroups[k]; likewise for the other lists. */
  origin: {
    subnets: number[]; nodeGroups: number[]; eniConfigs: number[]; deployments: number[]; securityGroupPolicies: number[]; timeline: TimelineOrigin[];
    services: number[]; ingresses: number[]; namespaces: number[];
  };
  /** True when every timeline entry passed the shape check (reference checks need all of them). */
  timelineComplete: boolean;
  /** Whether the input gave these sections or they were defaulted. */
  given: { vpc: boolean; subnets: boolean };
}

type Doc = Record<string, unknown>;

/** Where a timeline entry came from: its index in `timeline`, or the path of a step's command (`steps[1].commands[0]`). */
export type TimelineOrigin = number | string;

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function parsed<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> | undefined {
  const r = v.safeParse(schema, value);
  return r.success ? r.output : undefined;
}

function items<S extends v.GenericSchema>(schema: S, value: unknown): { index: number; item: v.InferOutput<S> }[] {
  if (!Array.isArray(value)) return [];
  const out: { index: number; item: v.InferOutput<S> }[] = [];
  value.forEach((raw, index) => {
    const item = parsed(schema, raw);
    if (item !== undefined) out.push({ index, item });
  });
  return out;
}

/** A deployment with its defaults filled in. */
export function normaliseDeployment(dep: DeploymentJson): DeploymentSpec {
  return {
    name: dep.name,
    namespace: dep.namespace ?? d.DEFAULT_NAMESPACE,
    replicas: dep.replicas ?? d.DEFAULT_REPLICAS,
    labels: { ...(dep.labels ?? d.defaultDeploymentLabels(dep.name)) },
    ...(dep.nodeSelector && Object.keys(dep.nodeSelector).length > 0 ? { nodeSelector: { ...dep.nodeSelector } } : {}),
    ...normaliseDeploymentExtras(dep),
  };
}

function normaliseCommand(c: CommandJson): Command {
  switch (c.type) {
    case 'addDeployment':
      return { type: 'addDeployment', deployment: normaliseDeployment(c.deployment) };
    case 'addService':
      return { type: 'addService', service: normaliseService(c.service) };
    case 'addIngress':
      return { type: 'addIngress', ingress: normaliseIngress(c.ingress) };
    case 'traffic':
      return { ...c, count: c.count ?? 1 };
    default:
      return { ...c };
  }
}

function normaliseBucket(b: { capacity?: number; refillPerSecond?: number } | undefined, fallback: TokenBucketSpec): TokenBucketSpec {
  return { capacity: b?.capacity ?? fallback.capacity, refillPerSecond: b?.refillPerSecond ?? fallback.refillPerSecond };
}

/** Builds the spec from whatever parts of `doc` are well-formed. */
export function salvage(doc: Doc): Salvaged {
  const region = str(doc.region, d.DEFAULT_REGION);
  const vpcRaw = doc.vpc as Doc | undefined;
  const given = { vpc: doc.vpc !== undefined, subnets: doc.subnets !== undefined };
  const vpcCidrs =
    vpcRaw !== null && typeof vpcRaw === 'object' && Array.isArray(vpcRaw.cidrs)
      ? vpcRaw.cidrs.filter((c): c is string => typeof c === 'string')
      : given.vpc ? [] : [d.DEFAULT_VPC_CIDR];
  const vpcId = vpcRaw !== null && typeof vpcRaw === 'object' && typeof vpcRaw.id === 'string' ? vpcRaw.id : d.deriveVpcId(vpcCidrs);

  const subnetItems = given.subnets ? items(SubnetJsonSchema, doc.subnets) : given.vpc ? [] : [{ index: 0, item: { cidr: d.DEFAULT_SUBNET_CIDR } }];
  const subnets: SubnetSpec[] = subnetItems.map(({ item }) => ({
    id: item.id ?? d.deriveSubnetId(item.cidr),
    availabilityZone: item.availabilityZone ?? d.defaultAvailabilityZone(region),
    cidr: item.cidr,
    tags: { ...item.tags },
    ...(item.defaultRoute !== undefined ? { defaultRoute: item.defaultRoute } : {}),
    ...(item.natGateway ? { natGateway: { id: (typeof item.natGateway === 'object' ? item.natGateway.id : undefined) ?? d.deriveNatGatewayId(item.id ?? d.deriveSubnetId(item.cidr)) } } : {}),
  }));
  resolveNatRoutes(subnets);
  const firstSubnet = subnets[0]?.id ?? '';

  const groupItems = items(NodeGroupJsonSchema, doc.nodeGroups);
  const clusterSg = d.deriveClusterSecurityGroupId(str(doc.clusterName, d.DEFAULT_CLUSTER_NAME), vpcId);
  const nodeGroups: NodeGroupSpec[] = groupItems.map(({ item }) => ({
    name: item.name,
    instanceType: item.instanceType,
    count: item.count,
    subnet: item.subnet ?? firstSubnet,
    ...(item.maxPods !== undefined ? { maxPods: item.maxPods } : {}),
    amiFamily: item.amiFamily ?? 'AL2023',
    labels: { ...item.labels },
    securityGroups: item.securityGroups ? [...item.securityGroups] : [clusterSg],
  }));

  const eniItems = items(EniConfigJsonSchema, doc.eniConfigs);
  const depItems = items(DeploymentJsonSchema, doc.deployments);
  const sgpItems = items(SecurityGroupPolicyJsonSchema, doc.securityGroupPolicies);
  const serviceItems = items(ServiceJsonSchema, doc.services);
  const ingressItems = items(IngressJsonSchema, doc.ingresses);
  const namespaceItems = items(NamespaceJsonSchema, doc.namespaces);
  const timelineItems = items(TimedCommandJsonSchema, doc.timeline);
  const timelineLength = Array.isArray(doc.timeline) ? doc.timeline.length : 0;
  const stepItems = items(StepJsonSchema, doc.steps);
  const stepsLength = Array.isArray(doc.steps) ? doc.steps.length : 0;
  // A step's commands run at the step's moment, after the timeline's entries of that second.
  const entries: { origin: TimelineOrigin; order: number; entry: TimedCommand }[] = timelineItems.map(({ index, item }) => ({
    origin: index,
    order: index,
    entry: { at: item.at, command: normaliseCommand(item.command), ...(item.muted ? { muted: true } : {}) },
  }));
  stepItems.forEach(({ index, item }, k) => {
    (item.commands ?? []).forEach((command, c) => entries.push({
      origin: `steps[${index}].commands[${c}]`,
      order: timelineLength + entries.length,
      entry: { at: item.at, command: normaliseCommand(command), step: k },
    }));
  });
  // Stable sort by time: entries at the same second keep their order in the file.
  const sorted = entries.toSorted((a, b) => a.entry.at - b.entry.at || a.order - b.order);
  const timeline: TimedCommand[] = sorted.map((e) => e.entry);
  const steps: LessonStep[] = stepItems.map(({ item }) => ({ at: item.at, title: item.title, narration: item.narration ?? '', view: { ...item.view } }));

  const ec2 = parsed(Ec2JsonSchema, doc.ec2);
  const awsNode = doc.awsNode as Doc | undefined;
  const envRaw = awsNode !== null && typeof awsNode === 'object' ? (awsNode.env as Doc | undefined) : undefined;
  const env: Record<string, string> = {};
  if (envRaw !== null && typeof envRaw === 'object' && !Array.isArray(envRaw)) {
    for (const [k, value] of Object.entries(envRaw)) if (typeof value === 'string') env[k] = value;
  }
  const seed = doc.seed;

  const spec: ScenarioSpec = {
    name: str(doc.name, d.DEFAULT_NAME),
    description: str(doc.description, ''),
    seed: typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff ? seed : d.DEFAULT_SEED,
    region,
    accountId: str(doc.accountId, d.DEFAULT_ACCOUNT_ID),
    clusterName: str(doc.clusterName, d.DEFAULT_CLUSTER_NAME),
    vpc: { id: vpcId, cidrs: vpcCidrs },
    subnets,
    nodeGroups,
    awsNode: { env },
    eniConfigs: eniItems.map(({ item }) => ({ name: item.name, subnet: item.subnet, securityGroups: [...(item.securityGroups ?? [])] })),
    deployments: depItems.map(({ item }) => normaliseDeployment(item)),
    securityGroupPolicies: sgpItems.map(({ item }) => ({
      name: item.name,
      namespace: item.namespace ?? d.DEFAULT_NAMESPACE,
      ...(item.podSelector ? { podSelector: { matchLabels: { ...item.podSelector.matchLabels } } } : {}),
      ...(item.serviceAccountSelector ? { serviceAccountSelector: { matchLabels: { ...item.serviceAccountSelector.matchLabels } } } : {}),
      securityGroups: [...item.securityGroups],
    })),
    namespaces: namespaceItems.map(({ item }) => normaliseNamespace(item)),
    services: serviceItems.map(({ item }) => normaliseService(item)),
    ingresses: ingressItems.map(({ item }) => normaliseIngress(item)),
    cluster: normaliseCluster(parsed(ClusterJsonSchema, doc.cluster), vpcCidrs),
    ...normaliseAddons(parsed(AddonsJsonSchema, doc.addons), serviceItems.map((x) => x.item), ingressItems.length > 0, timelineItems.map((x) => x.item.command)),
    ec2: {
      latencyScale: ec2?.latencyScale ?? d.DEFAULT_LATENCY_SCALE,
      mutating: normaliseBucket(ec2?.mutating, d.DEFAULT_MUTATING_BUCKET),
      nonMutating: normaliseBucket(ec2?.nonMutating, d.DEFAULT_NON_MUTATING_BUCKET),
    },
    timeline,
    ...(steps.length > 0 ? { steps } : {}),
  };
  return {
    spec,
    origin: {
      subnets: subnetItems.map((s) => s.index),
      nodeGroups: groupItems.map((s) => s.index),
      eniConfigs: eniItems.map((s) => s.index),
      deployments: depItems.map((s) => s.index),
      securityGroupPolicies: sgpItems.map((s) => s.index),
      timeline: sorted.map((e) => e.origin),
      services: serviceItems.map((s) => s.index),
      ingresses: ingressItems.map((s) => s.index),
      namespaces: namespaceItems.map((s) => s.index),
    },
    timelineComplete: timelineItems.length === timelineLength && stepItems.length === stepsLength,
    given,
  };
}

/**
 * `defaultRoute: "nat"` names the NAT gateway of the subnet's own zone (the EKS pattern: one
 * per zone), else the only one; left as `nat` when neither exists (check-network says why).
 */
function resolveNatRoutes(subnets: SubnetSpec[]): void {
  const gateways = subnets.filter((s) => s.natGateway);
  for (const s of subnets) {
    if (s.defaultRoute !== 'nat') continue;
    const pick = gateways.find((g) => g.availabilityZone === s.availabilityZone) ?? (gateways.length === 1 ? gateways[0] : undefined);
    if (pick?.natGateway) s.defaultRoute = pick.natGateway.id;
  }
}
