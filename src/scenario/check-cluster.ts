/**
 * Semantic checks of the cluster: account and region, node groups (instance types, subnet
 * references, sane counts), ENIConfigs, deployments and the aws-node environment.
 */
import type { ScenarioSpec } from '../sim/spec.ts';
import { goParseBool } from '../sim/cni/go-parse.ts';
import { isKnownAwsNodeEnv, KNOWN_AWS_NODE_ENV } from './aws-node-env.ts';
import { createSuggester, didYouMean, type Suggester } from './did-you-mean.ts';
import { suggestInstanceTypes, type InstanceTypeLookup } from './instance-types.ts';
import { issue, joinPath, said, type Said, type ScenarioIssue } from './issues.ts';
import { quoteForMessage as q } from './quote.ts';
import * as rules from './name-rules.ts';

/**
 * At most this many nodes in a scenario, counting every node group (and addNodes commands):
 * Kubernetes' "Considerations for large clusters" (no more than 5,000 nodes).
 */
export const MAX_TOTAL_NODES = 5000;
/** At most this many pods (replicas of all deployments at any moment): the same page's 150,000 pods. */
export const MAX_TOTAL_PODS = 150_000;

/** Names the input mentions, even in entries that failed the shape check (no false "unknown" errors). */
export interface KnownNames {
  subnetIds: ReadonlySet<string>;
}

interface Sink {
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
}

function labels(map: Readonly<Record<string, string>>, path: string, out: ScenarioIssue[]): void {
  for (const [key, value] of Object.entries(map)) {
    const problem = rules.checkLabelKey(key) ?? rules.checkLabelValue(value);
    if (problem) out.push(issue(joinPath(path, key), problem));
  }
}

function securityGroups(groups: readonly string[], path: string, out: ScenarioIssue[]): void {
  groups.forEach((sg, i) => {
    const problem = rules.checkResourceId(sg, 'sg');
    if (problem) out.push(issue(`${path}[${i}]`, problem));
  });
  if (groups.length > 5) out.push(issue(path, said`has ${groups.length} security groups; an ENI takes at most 5 by default`));
}

/** Where `key` was first seen; records `index` (and returns undefined) when this is the first time. */
function earlierIndex(seen: Map<string, number>, key: string, index: number): number | undefined {
  const dup = seen.get(key);
  if (dup === undefined) seen.set(key, index);
  return dup;
}

type Origin = { nodeGroups: readonly number[]; eniConfigs: readonly number[]; deployments: readonly number[]; securityGroupPolicies?: readonly number[] };

/** Errors and warnings about everything but the network and the timeline. */
/** `suggest` is the parse's suggestion budget (did-you-mean.ts). */
export function checkCluster(spec: ScenarioSpec, origin: Origin, known: KnownNames, lookup: InstanceTypeLookup, suggest: Suggester = createSuggester()): Sink {
  const sink: Sink = { errors: [], warnings: [] };
  const error = (path: string, s: Said) => sink.errors.push(issue(path, s));
  const warn = (path: string, s: Said) => sink.warnings.push(issue(path, s));

  const top: [string, Said | undefined][] = [
    ['region', rules.checkRegion(spec.region)],
    ['accountId', rules.checkAccountId(spec.accountId)],
    ['clusterName', rules.checkClusterName(spec.clusterName)],
  ];
  for (const [path, problem] of top) if (problem) error(path, problem);

  const groupNames = new Map<string, number>();
  let total = 0;
  spec.nodeGroups.forEach((g, k) => {
    const path = joinPath('nodeGroups', origin.nodeGroups[k]);
    const nameProblem = rules.checkDns1123Label(g.name);
    if (nameProblem) error(`${path}.name`, nameProblem);
    const dup = earlierIndex(groupNames, g.name, origin.nodeGroups[k]);
    if (dup !== undefined) error(`${path}.name`, said`${q(g.name)} is already the name of nodeGroups[${dup}]`);
    if (lookup(g.instanceType) === undefined) {
      const near = suggest.spend(() => suggestInstanceTypes(g.instanceType, lookup));
      error(`${path}.instanceType`, said`${q(g.instanceType)} is not an EC2 instance type the simulator knows${didYouMean(near)}`);
    }
    if (g.subnet === '') error(`${path}.subnet`, said`no subnet given and the scenario has none to default to`);
    else if (!known.subnetIds.has(g.subnet)) {
      const near = suggest.closest(g.subnet, known.subnetIds);
      error(`${path}.subnet`, said`${q(g.subnet)} is not the id of a subnet in this scenario${didYouMean(near)}`);
    }
    labels(g.labels, `${path}.labels`, sink.errors);
    securityGroups(g.securityGroups, `${path}.securityGroups`, sink.errors);
    total += g.count;
  });
  if (total > MAX_TOTAL_NODES) error('nodeGroups', said`${total} nodes in all; a scenario may have at most ${MAX_TOTAL_NODES}`);

  const eniNames = new Map<string, number>();
  spec.eniConfigs.forEach((e, k) => {
    const path = joinPath('eniConfigs', origin.eniConfigs[k]);
    const nameProblem = rules.checkDns1123Subdomain(e.name);
    if (nameProblem) error(`${path}.name`, nameProblem);
    const dup = earlierIndex(eniNames, e.name, origin.eniConfigs[k]);
    if (dup !== undefined) error(`${path}.name`, said`${q(e.name)} is already the name of eniConfigs[${dup}]`);
    if (!known.subnetIds.has(e.subnet)) {
      const near = suggest.closest(e.subnet, known.subnetIds);
      error(`${path}.subnet`, said`${q(e.subnet)} is not the id of a subnet in this scenario${didYouMean(near)}`);
    }
    securityGroups(e.securityGroups, `${path}.securityGroups`, sink.errors);
  });

  // The labels each group's nodes get (the engine adds these to the group's own; the host
  // name is per node, so a selector on it is not judged here).
  const zoneOf = new Map(spec.subnets.map((sn) => [sn.id, sn.availabilityZone]));
  const groupLabels = spec.nodeGroups.map((g): Record<string, string> => ({
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': g.instanceType,
    'topology.kubernetes.io/zone': zoneOf.get(g.subnet) ?? '',
    'topology.kubernetes.io/region': spec.region,
    'eks.amazonaws.com/nodegroup': g.name,
    ...g.labels,
  }));
  const selects = (selector: Readonly<Record<string, string>>, nodeLabels: Record<string, string>) =>
    Object.entries(selector).every(([k, v]) => k === 'kubernetes.io/hostname' || nodeLabels[k] === v);

  const depKeys = new Map<string, number>();
  spec.deployments.forEach((dep, k) => {
    const path = joinPath('deployments', origin.deployments[k]);
    const nameProblem = rules.checkDns1123Label(dep.name);
    if (nameProblem) error(`${path}.name`, nameProblem);
    const nsProblem = rules.checkDns1123Label(dep.namespace);
    if (nsProblem) error(`${path}.namespace`, nsProblem);
    const key = `${dep.namespace}/${dep.name}`;
    const dup = earlierIndex(depKeys, key, origin.deployments[k]);
    if (dup !== undefined) error(`${path}.name`, said`deployment ${q(key)} is already defined by deployments[${dup}]`);
    labels(dep.labels, `${path}.labels`, sink.errors);
    if (dep.nodeSelector) {
      const before = sink.errors.length;
      labels(dep.nodeSelector, `${path}.nodeSelector`, sink.errors);
      if (sink.errors.length === before && !groupLabels.some((l) => selects(dep.nodeSelector!, l))) {
        warn(`${path}.nodeSelector`, said`no node group's nodes carry these labels: the pods of ${q(key)} stay Pending ("didn't match Pod's node affinity/selector")`);
      }
    }
  });
  const pods = spec.deployments.reduce((sum, dep) => sum + dep.replicas, 0);
  if (pods > MAX_TOTAL_PODS) error('deployments', said`${pods.toLocaleString('en-US')} replicas in all; a scenario may have at most ${MAX_TOTAL_PODS.toLocaleString('en-US')} pods`);

  const sgpKeys = new Map<string, number>();
  (spec.securityGroupPolicies ?? []).forEach((p, k) => {
    const index = origin.securityGroupPolicies?.[k] ?? k;
    const path = joinPath('securityGroupPolicies', index);
    const nameProblem = rules.checkDns1123Subdomain(p.name);
    if (nameProblem) error(`${path}.name`, nameProblem);
    const nsProblem = rules.checkDns1123Label(p.namespace);
    if (nsProblem) error(`${path}.namespace`, nsProblem);
    const key = `${p.namespace}/${p.name}`;
    const dup = earlierIndex(sgpKeys, key, index);
    if (dup !== undefined) error(`${path}.name`, said`SecurityGroupPolicy ${q(key)} is already defined by securityGroupPolicies[${dup}]`);
    if (p.podSelector) labels(p.podSelector.matchLabels, `${path}.podSelector.matchLabels`, sink.errors);
    if (p.serviceAccountSelector) labels(p.serviceAccountSelector.matchLabels, `${path}.serviceAccountSelector.matchLabels`, sink.errors);
    securityGroups(p.securityGroups, `${path}.securityGroups`, sink.errors);
    if (!p.podSelector && !p.serviceAccountSelector) {
      warn(path, said`SecurityGroupPolicy ${q(key)} has neither podSelector nor serviceAccountSelector: the resource controller ignores it`);
    }
  });
  if ((spec.securityGroupPolicies ?? []).length > 0 && goParseBool(spec.awsNode.env.ENABLE_POD_ENI ?? '') !== true) {
    warn('securityGroupPolicies', said`SecurityGroupPolicies need ENABLE_POD_ENI=true in awsNode.env: without a trunk ENI, pods they select stay Pending (Insufficient vpc.amazonaws.com/pod-eni)`);
  }

  for (const name of Object.keys(spec.awsNode.env)) {
    const path = joinPath('awsNode.env', name);
    const problem = rules.checkEnvName(name);
    if (problem) error(path, problem);
    else if (!isKnownAwsNodeEnv(name)) {
      const near = suggest.closest(name, KNOWN_AWS_NODE_ENV);
      warn(path, said`${q(name)} is not a variable the simulator models; it is kept but has no effect${didYouMean(near)}`);
    }
  }
  const env = spec.awsNode.env;
  // aws-node reads both flags with strconv.ParseBool: "1" and "T" are true, "tRue" is not.
  if (goParseBool(env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG ?? '') === true && spec.eniConfigs.length === 0) {
    warn('eniConfigs', said`custom networking is on (AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true) but there are no ENIConfigs: nodes will get no pod addresses`);
  }
  return sink;
}
