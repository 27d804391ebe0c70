/**
 * From an engine ScenarioSpec back to a compact v2 document, leaving out whatever equals
 * its default, so that a scenario edited in the UI can be shared in a short URL.
 * parseScenario(specToScenarioJson(spec)) gives back an equal spec.
 */
import type { Command, DeploymentSpec, ScenarioSpec, TokenBucketSpec } from '../sim/spec.ts';
import * as d from './defaults.ts';
import { addonsJson, clusterJson, deploymentExtrasJson, ingressJson, serviceJson } from './normalise-services.ts';
import { CURRENT_VERSION, type CommandJson, type DeploymentJson, type ScenarioJson, type StepJson } from './scenario-json.ts';

type Dict = Readonly<Record<string, string>>;

function sameDict(a: Dict, b: Dict): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function nonEmpty(map: Dict): Record<string, string> | undefined {
  return Object.keys(map).length > 0 ? { ...map } : undefined;
}

function list<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? [...items] : undefined;
}

/** Drops keys whose value is undefined, so the JSON carries no noise. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as T;
}

function deploymentJson(dep: DeploymentSpec): DeploymentJson {
  return compact({
    name: dep.name,
    namespace: dep.namespace === d.DEFAULT_NAMESPACE ? undefined : dep.namespace,
    replicas: dep.replicas === d.DEFAULT_REPLICAS ? undefined : dep.replicas,
    labels: sameDict(dep.labels, d.defaultDeploymentLabels(dep.name)) ? undefined : { ...dep.labels },
    nodeSelector: dep.nodeSelector ? nonEmpty(dep.nodeSelector) : undefined,
    ...deploymentExtrasJson(dep),
  });
}

function commandJson(c: Command): CommandJson {
  switch (c.type) {
    case 'addDeployment':
      return { type: 'addDeployment', deployment: deploymentJson(c.deployment) };
    case 'addService':
      return { type: 'addService', service: serviceJson(c.service) };
    case 'addIngress':
      return { type: 'addIngress', ingress: ingressJson(c.ingress) };
    case 'traffic':
      return compact({ ...c, count: c.count === 1 ? undefined : c.count });
    default:
      return compact({ ...c });
  }
}

function bucketJson(b: TokenBucketSpec, fallback: TokenBucketSpec) {
  if (b.capacity === fallback.capacity && b.refillPerSecond === fallback.refillPerSecond) return undefined;
  return compact({
    capacity: b.capacity === fallback.capacity ? undefined : b.capacity,
    refillPerSecond: b.refillPerSecond === fallback.refillPerSecond ? undefined : b.refillPerSecond,
  });
}

/** Lesson steps back in their own shape, each with the commands the timeline holds for it. */
function stepsJson(spec: ScenarioSpec): StepJson[] | undefined {
  return list((spec.steps ?? []).map((s, k) => compact({
    at: s.at,
    title: s.title,
    narration: s.narration === '' ? undefined : s.narration,
    view: nonEmpty(s.view),
    commands: list(spec.timeline.filter((t) => t.step === k).map((t) => commandJson(t.command))),
  })));
}

/** A compact v2 document for `spec` (defaults and derived ids omitted). */
export function specToScenarioJson(spec: ScenarioSpec): ScenarioJson {
  const defaultZone = d.defaultAvailabilityZone(spec.region);
  const defaultNetwork =
    spec.vpc.cidrs.length === 1 && spec.vpc.cidrs[0] === d.DEFAULT_VPC_CIDR && spec.vpc.id === d.deriveVpcId(spec.vpc.cidrs) &&
    spec.subnets.length === 1 && spec.subnets[0].cidr === d.DEFAULT_SUBNET_CIDR && spec.subnets[0].id === d.deriveSubnetId(d.DEFAULT_SUBNET_CIDR) &&
    spec.subnets[0].availabilityZone === defaultZone && Object.keys(spec.subnets[0].tags).length === 0 &&
    spec.subnets[0].defaultRoute === undefined && spec.subnets[0].natGateway === undefined;
  const firstSubnet = spec.subnets[0]?.id;
  const ec2 = compact({
    latencyScale: spec.ec2.latencyScale === d.DEFAULT_LATENCY_SCALE ? undefined : spec.ec2.latencyScale,
    mutating: bucketJson(spec.ec2.mutating, d.DEFAULT_MUTATING_BUCKET),
    nonMutating: bucketJson(spec.ec2.nonMutating, d.DEFAULT_NON_MUTATING_BUCKET),
  });
  const clusterSg = d.deriveClusterSecurityGroupId(spec.clusterName, spec.vpc.id);
  return compact({
    v: CURRENT_VERSION as 2,
    name: spec.name === d.DEFAULT_NAME ? undefined : spec.name,
    description: spec.description === '' ? undefined : spec.description,
    seed: spec.seed === d.DEFAULT_SEED ? undefined : spec.seed,
    region: spec.region === d.DEFAULT_REGION ? undefined : spec.region,
    accountId: spec.accountId === d.DEFAULT_ACCOUNT_ID ? undefined : spec.accountId,
    clusterName: spec.clusterName === d.DEFAULT_CLUSTER_NAME ? undefined : spec.clusterName,
    vpc: defaultNetwork ? undefined : compact({ id: spec.vpc.id === d.deriveVpcId(spec.vpc.cidrs) ? undefined : spec.vpc.id, cidrs: [...spec.vpc.cidrs] }),
    subnets: defaultNetwork ? undefined : spec.subnets.map((s) =>
      compact({
        id: s.id === d.deriveSubnetId(s.cidr) ? undefined : s.id,
        availabilityZone: s.availabilityZone === defaultZone ? undefined : s.availabilityZone,
        cidr: s.cidr,
        tags: nonEmpty(s.tags),
        defaultRoute: s.defaultRoute,
        natGateway: s.natGateway ? (s.natGateway.id === d.deriveNatGatewayId(s.id) ? true : { id: s.natGateway.id }) : undefined,
      }),
    ),
    nodeGroups: list(spec.nodeGroups.map((g) =>
      compact({
        name: g.name,
        instanceType: g.instanceType,
        count: g.count,
        subnet: g.subnet === firstSubnet ? undefined : g.subnet,
        maxPods: g.maxPods,
        amiFamily: g.amiFamily === 'AL2' ? 'AL2' : undefined,
        labels: nonEmpty(g.labels),
        // The cluster security group is the default; anything else (even none) is kept.
        securityGroups: g.securityGroups.length === 1 && g.securityGroups[0] === clusterSg ? undefined : [...g.securityGroups],
      }),
    )),
    awsNode: Object.keys(spec.awsNode.env).length > 0 ? { env: { ...spec.awsNode.env } } : undefined,
    eniConfigs: list(spec.eniConfigs.map((e) => compact({ name: e.name, subnet: e.subnet, securityGroups: list(e.securityGroups) }))),
    deployments: list(spec.deployments.map(deploymentJson)),
    securityGroupPolicies: list((spec.securityGroupPolicies ?? []).map((p) => compact({
      name: p.name,
      namespace: p.namespace === d.DEFAULT_NAMESPACE ? undefined : p.namespace,
      podSelector: p.podSelector ? { matchLabels: { ...p.podSelector.matchLabels } } : undefined,
      serviceAccountSelector: p.serviceAccountSelector ? { matchLabels: { ...p.serviceAccountSelector.matchLabels } } : undefined,
      securityGroups: [...p.securityGroups],
    }))),
    cluster: clusterJson(spec.cluster, spec.vpc.cidrs),
    addons: addonsJson(spec),
    namespaces: list((spec.namespaces ?? []).map((n) => compact({ name: n.name, labels: nonEmpty(n.labels) }))),
    services: list((spec.services ?? []).map(serviceJson)),
    ingresses: list((spec.ingresses ?? []).map(ingressJson)),
    ec2: Object.keys(ec2).length > 0 ? ec2 : undefined,
    timeline: list(spec.timeline.filter((t) => t.step === undefined).map((t) => ({ at: t.at, command: commandJson(t.command), ...(t.muted ? { muted: true } : {}) }))),
    steps: stepsJson(spec),
  });
}
