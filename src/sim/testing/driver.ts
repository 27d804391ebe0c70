/**
 * A small chainable headless driver for engine tests (tldraw's TestEditor idea):
 *
 *   scenario().nodes('m5.large', 1).env({ WARM_IP_TARGET: '5' }).deployment('web', 0)
 *     .at(10).scale('web', 5).runUntil(120).check((d) => expect(d.pool().totalIPs).toBe(10));
 *
 * The builder fills a ScenarioSpec with plain defaults (no src/scenario import: the engine
 * realm may not depend on it). The first time verb (`at`, `runUntil`, `start`) creates the
 * engine; from then on commands apply at the current simulated time. Times are seconds.
 */
import { writeIpvs } from '../kube-proxy/ipvs.ts';
import { Engine } from '../engine/simulation.ts';
import { createLoadBalancing } from '../engine/load-balancing.ts';
import { trafficWalks } from '../engine/traffic-walks.ts';
import type { Ipamd } from '../cni/ipamd.ts';
import type {
  Command, DeploymentSpec, EniConfigSpec, IngressSpec, NamespaceSpec, NodeGroupSpec, ScenarioSpec, SecurityGroupPolicySpec, ServiceSpec, SubnetSpec, TaintEffect, TokenBucketSpec,
} from '../spec.ts';
import type { CloudTrailRecord, NodeView, PodView, PoolStatsView, SimEvent, SimSnapshot } from '../view.ts';

export const DEFAULT_SG = 'sg-0a1b2c3d4e5f60718';

export interface NodeOpts {
  group?: string;
  subnet?: string;
  maxPods?: number;
  labels?: Record<string, string>;
  securityGroups?: string[];
  /** The node group's AMI family (absent: EKS's default, AL2023). */
  amiFamily?: NodeGroupSpec['amiFamily'];
}

export class ScenarioBuilder {
  private readonly s: {
    seed: number; clusterName: string; vpcCidrs: string[]; subnets: SubnetSpec[]; groups: NodeGroupSpec[];
    env: Record<string, string>; eniConfigs: EniConfigSpec[]; deployments: DeploymentSpec[];
    policies: SecurityGroupPolicySpec[]; mutating: TokenBucketSpec; nonMutating: TokenBucketSpec;
    coreDns?: number; lbc?: boolean; controlPlaneSubnets?: string[]; kubeProxyMode?: 'iptables' | 'ipvs'; services: ServiceSpec[]; namespaces: NamespaceSpec[]; ingresses: IngressSpec[];
  } = {
    seed: 1, clusterName: 'demo', vpcCidrs: ['192.168.0.0/16', '100.64.0.0/16'], subnets: [], groups: [], env: {},
    eniConfigs: [], deployments: [], policies: [], mutating: { capacity: 200, refillPerSecond: 5 }, nonMutating: { capacity: 100, refillPerSecond: 20 },
    services: [], namespaces: [], ingresses: [],
  };

  /**
   * The CoreDNS add-on's replica count (EKS default 2). The reference's warm-pool examples
   * count only the pods they place, so those tests scale CoreDNS to 0, as
   * `kubectl -n kube-system scale deploy/coredns --replicas=0` would.
   */
  coreDns(replicas: number): this {
    this.s.coreDns = replicas;
    return this;
  }

  /** Installs the AWS Load Balancer Controller (its Deployment, webhook Service and reconcilers). */
  loadBalancerController(): this {
    this.s.lbc = true;
    return this;
  }

  /** The subnets EKS puts the API server's ENIs in (default: the scenario's). */
  /** `cluster.kubeProxyMode` (default iptables). */
  kubeProxyMode(mode: 'iptables' | 'ipvs'): this {
    this.s.kubeProxyMode = mode;
    return this;
  }

  controlPlaneSubnets(...ids: string[]): this {
    this.s.controlPlaneSubnets = ids;
    return this;
  }

  /** A Service (fields not given take the API server's defaults). */
  service(spec: Partial<ServiceSpec> & Pick<ServiceSpec, 'name' | 'ports'>): this {
    this.s.services.push({
      namespace: 'default', type: 'ClusterIP', selector: { app: spec.name }, externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None', sessionAffinityTimeoutSeconds: 10800, labels: {}, annotations: {}, ...spec,
    });
    return this;
  }

  ingress(spec: IngressSpec): this {
    this.s.ingresses.push(spec);
    return this;
  }

  namespace(name: string, labels: Record<string, string>): this {
    this.s.namespaces.push({ name, labels });
    return this;
  }

  /** A deployment with every field given (ports, readiness probe). */
  deploymentSpec(d: Partial<DeploymentSpec> & Pick<DeploymentSpec, 'name' | 'replicas'>): this {
    this.s.deployments.push({ namespace: 'default', labels: { app: d.name }, ...d });
    return this;
  }

  seed(seed: number): this {
    this.s.seed = seed;
    return this;
  }

  /** Adds a subnet; the first one is where node groups go unless told otherwise. */
  subnet(id: string, cidr: string, opts: { az?: string; tags?: Record<string, string> } = {}): this {
    this.s.subnets.push({ id, cidr, availabilityZone: opts.az ?? 'us-west-2a', tags: opts.tags ?? {} });
    return this;
  }

  nodes(instanceType: string, count: number, opts: NodeOpts = {}): this {
    this.s.groups.push({
      name: opts.group ?? `ng-${this.s.groups.length + 1}`, instanceType, count,
      subnet: opts.subnet ?? '', maxPods: opts.maxPods, labels: opts.labels ?? {}, securityGroups: opts.securityGroups ?? [DEFAULT_SG],
      ...(opts.amiFamily ? { amiFamily: opts.amiFamily } : {}),
    });
    return this;
  }

  /** aws-node env overrides (on top of the shipped manifest values). */
  env(vars: Record<string, string>): this {
    Object.assign(this.s.env, vars);
    return this;
  }

  eniConfig(name: string, subnet: string, securityGroups: string[] = []): this {
    this.s.eniConfigs.push({ name, subnet, securityGroups });
    return this;
  }

  deployment(name: string, replicas: number, opts: { nodeSelector?: Record<string, string> } = {}): this {
    this.s.deployments.push({ name, namespace: 'default', replicas, labels: { app: name }, ...(opts.nodeSelector ? { nodeSelector: opts.nodeSelector } : {}) });
    return this;
  }

  /** A SecurityGroupPolicy in `default` selecting pods by labels. */
  securityGroupPolicy(name: string, matchLabels: Record<string, string>, securityGroups: string[]): this {
    this.s.policies.push({ name, namespace: 'default', podSelector: { matchLabels }, securityGroups });
    return this;
  }

  ec2Buckets(mutating: TokenBucketSpec, nonMutating?: TokenBucketSpec): this {
    this.s.mutating = mutating;
    if (nonMutating) this.s.nonMutating = nonMutating;
    return this;
  }

  spec(): ScenarioSpec {
    const subnets = this.s.subnets.length ? this.s.subnets : [{ id: 'subnet-0aaaaaaaaaaaaaaa1', cidr: '192.168.0.0/19', availabilityZone: 'us-west-2a', tags: {} }];
    return {
      name: 'driver', description: '', seed: this.s.seed, region: 'us-west-2', accountId: '111122223333',
      clusterName: this.s.clusterName, vpc: { id: 'vpc-0aaaaaaaaaaaaaaa1', cidrs: this.s.vpcCidrs }, subnets,
      nodeGroups: this.s.groups.map((g) => ({ ...g, subnet: g.subnet || subnets[0].id })),
      awsNode: { env: { ...this.s.env } }, eniConfigs: this.s.eniConfigs, deployments: this.s.deployments,
      securityGroupPolicies: this.s.policies,
      services: this.s.services, namespaces: this.s.namespaces, ingresses: this.s.ingresses,
      ...(this.s.controlPlaneSubnets || this.s.kubeProxyMode
        ? { cluster: { serviceIpv4Cidr: '10.100.0.0/16', kubeProxyMode: this.s.kubeProxyMode ?? 'iptables', ...(this.s.controlPlaneSubnets ? { controlPlaneSubnets: this.s.controlPlaneSubnets } : {}) } }
        : {}),
      ...(this.s.coreDns !== undefined || this.s.lbc
        ? { addons: { ...(this.s.coreDns !== undefined ? { coredns: { replicaCount: this.s.coreDns } } : {}), ...(this.s.lbc ? { awsLoadBalancerController: true } : {}) } }
        : {}),
      ec2: { latencyScale: 1, mutating: this.s.mutating, nonMutating: this.s.nonMutating }, timeline: [],
    };
  }

  start(): Driver {
    return new Driver(new Engine(this.spec(), { loadBalancing: createLoadBalancing, trafficWalks: () => trafficWalks, ipvs: writeIpvs }));
  }

  /** Starts the engine and runs to t seconds. */
  at(seconds: number): Driver {
    return this.start().at(seconds);
  }

  runUntil(seconds: number): Driver {
    return this.start().runUntil(seconds);
  }
}

export function scenario(): ScenarioBuilder {
  return new ScenarioBuilder();
}

/** A running engine with chainable commands and small read helpers. */
export class Driver {
  /** Commands the engine refused (a test usually expects none). */
  readonly refused: string[] = [];

  constructor(readonly engine: Engine) {}

  get seconds(): number {
    return this.engine.nowMs / 1000;
  }

  /** Runs to absolute time t seconds (an alias of runUntil that reads well before a command). */
  at(seconds: number): this {
    return this.runUntil(seconds);
  }

  runUntil(seconds: number): this {
    this.engine.runUntil(seconds * 1000);
    return this;
  }

  advance(seconds: number): this {
    this.engine.advance(seconds * 1000);
    return this;
  }

  apply(command: Command): this {
    const r = this.engine.apply(command);
    if (!r.ok) this.refused.push(r.error);
    return this;
  }

  scale(deployment: string, replicas: number): this {
    return this.apply({ type: 'scale', deployment, replicas });
  }

  setEnv(name: string, value: string | null): this {
    return this.apply({ type: 'setEnv', name, value });
  }

  deletePod(name: string): this {
    return this.apply({ type: 'deletePod', pod: name });
  }

  addNodes(nodeGroup: string, count: number): this {
    return this.apply({ type: 'addNodes', nodeGroup, count });
  }

  removeNodes(nodeGroup: string, count: number): this {
    return this.apply({ type: 'removeNodes', nodeGroup, count });
  }

  /** kubectl cordon; `node` is a name or `<group>/<index>`. */
  cordon(node: string): this {
    return this.apply({ type: 'cordon', node });
  }

  uncordon(node: string): this {
    return this.apply({ type: 'uncordon', node });
  }

  /** kubectl taint nodes <node> key[=value]:effect (or key:effect- with remove). */
  taint(node: string, key: string, effect: TaintEffect, opts: { value?: string; remove?: boolean } = {}): this {
    return this.apply({ type: 'taint', node, key, effect, ...opts });
  }

  /** Runs an assertion callback and keeps the chain going. */
  check(fn: (d: this) => void): this {
    fn(this);
    return this;
  }

  snapshot(): SimSnapshot {
    return this.engine.snapshot();
  }

  node(i = 0): NodeView {
    const n = this.snapshot().nodes[i];
    if (!n) throw new Error(`no node ${i}`);
    return n;
  }

  pool(i = 0): PoolStatsView {
    return this.node(i).pool;
  }

  ipamd(i = 0): Ipamd {
    const n = [...this.engine.cluster.nodes.values()][i];
    if (!n) throw new Error(`no node ${i}`);
    return n.ipamd;
  }

  /** Pods of a deployment (or all non-hostNetwork pods). */
  pods(deployment?: string): PodView[] {
    return this.snapshot().pods.filter((p) => !p.hostNetwork && (deployment === undefined || p.deployment === deployment));
  }

  podsIn(phase: PodView['phase'], deployment?: string): PodView[] {
    return this.pods(deployment).filter((p) => p.phase === phase);
  }

  events(): SimEvent[] {
    return this.engine.eventsSince(0);
  }

  /** CloudTrail records (every attempt), optionally of one API, with their times in seconds. */
  calls(api?: string): { t: number; record: CloudTrailRecord; node?: string }[] {
    return this.events().flatMap((e) => (e.kind === 'ec2' && (api === undefined || e.record.eventName === api) ? [{ t: e.timeMs / 1000, record: e.record, node: e.node }] : []));
  }

  /** Successful calls only. */
  okCalls(api?: string): { t: number; record: CloudTrailRecord; node?: string }[] {
    return this.calls(api).filter((c) => c.record.errorCode === undefined);
  }

  k8sEvents(reason?: string): Extract<SimEvent, { kind: 'k8s' }>[] {
    return this.events().flatMap((e) => (e.kind === 'k8s' && (reason === undefined || e.reason === reason) ? [e] : []));
  }

  ipamdMessages(): string[] {
    return this.events().flatMap((e) => (e.kind === 'ipamd' ? [e.message] : []));
  }
}
