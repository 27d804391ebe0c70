/**
 * The simulation: EC2 (VPC, subnets, ENIs, the API), an ipamd per node and the
 * Kubernetes side, driven by one virtual clock and one seeded random source.
 */
import { et } from '../engine-text.ts';
import type { IpvsWriter } from '../kube-proxy/ipvs.ts';
import { EPOCH_ISO } from '../clock/epoch.ts';
import { EventQueue } from '../clock/event-queue.ts';
import { Random } from '../clock/random.ts';
import { Ec2Api } from '../aws/ec2-api.ts';
import { Ec2State } from '../aws/ec2-state.ts';
import { eniMaxPods, getInstanceType, isPrefixDelegationSupported } from '../catalog/index.ts';
import { Ipamd, newCounters } from '../cni/ipamd.ts';
import { Cluster } from '../k8s/cluster.ts';
import { privateDnsName, podKey } from '../k8s/names.ts';
import { hasUnschedulableTaint } from '../k8s/node-filters.ts';
import type { KNode } from '../k8s/objects.ts';
import { formatIpv4, parseIpv4 } from '../net/ipv4.ts';
import type { ChangeSink } from '../changes.ts';
import type { NodeNetworkInput } from '../linux/input.ts';
import type { ApplyResult, LoadProgress, NetworkInputs, Simulation } from '../simulation-api.ts';
import type { Command, EniConfigSpec, NodeGroupSpec, ScenarioSpec } from '../spec.ts';
import type { ClusterObjects, NodeView, PodView, SimDelta, SimEvent, SimSnapshot } from '../view.ts';
import { buildClusterObjects } from './cluster-objects.ts';
import { fabricInputs } from './fabric-inputs.ts';
import { Traffic, udpConntrackCleanup } from './traffic.ts';
import type { TrafficWalks } from './traffic-walks.ts';
import { ResourceController } from '../rc/resource-controller.ts';
import { nodeNetworkInput } from '../trace/snapshot-input.ts';
import { ServiceController } from '../k8s/services/service-controller.ts';
import { defaultClusterNetwork } from '../k8s/services/cluster-network.ts';
import { installClusterAddons } from '../k8s/services/install-addons.ts';
import { KubeProxy } from '../kube-proxy/proxier.ts';
import { EKS_PROXY_CONFIG } from '../kube-proxy/model.ts';
import type { ClusterNetworkSpec, IngressSpec } from '../spec.ts';
import type { LoadBalancing, LoadBalancingFactory } from './load-balancing.ts';
import type { Elbv2 } from '../elbv2/elbv2.ts';
import type { LoadBalancerController } from '../lbc/controller.ts';
import { EventLog } from './event-log.ts';
import { LiveViews } from './live-views.ts';

/** EC2 boot until the kubelet registers the node. */
const NODE_BOOT_MS = 20_000;

export class Engine implements Simulation {
  readonly queue = new EventQueue();
  readonly random: Random;
  readonly ec2State: Ec2State;
  readonly ec2: Ec2Api;
  readonly cluster: Cluster;
  readonly log: EventLog;
  /** The VPC resource controller (security groups for pods: trunk and branch ENIs). */
  readonly rc: ResourceController;
  env: Record<string, string>;
  readonly eniConfigs = new Map<string, EniConfigSpec>();
  /** The cluster's service network (EKS defaults when the scenario names none). */
  readonly network: ClusterNetworkSpec;
  /** Services and their endpoints (API server + EndpointSlice controller). */
  readonly services: ServiceController;
  /** kube-proxy's rules on every node (iptables mode). */
  readonly kubeProxy: KubeProxy;
  /** The API server endpoints of `default/kubernetes` (EKS's cross-account ENIs in the VPC). */
  apiServerIps: string[] = [];
  /**
   * Elastic Load Balancing v2 of the account, when the scenario installs the AWS Load Balancer
   * Controller (nothing else creates a load balancer, so without it there is none to show).
   */
  readonly elbv2?: Elbv2;
  /** The AWS Load Balancer Controller, when the scenario installs it. */
  readonly lbc?: LoadBalancerController;
  /** Traffic the scenario sent and what it left on the nodes (counters, conntrack). */
  readonly traffic: Traffic;
  private readonly applied: { atMs: number; command: Command }[] = [];
  private readonly nodeSeq = new Map<string, number>();
  /** Node name by EC2 instance id (EC2 reports changes by instance). */
  private readonly nodeOfInstance = new Map<string, string>();
  /** The views, rebuilt from what the parts report changed. */
  readonly views: LiveViews;
  /** ELBv2 and the load balancer controller, wired to the cluster (installed by populate). */
  private readonly loadBalancing: LoadBalancing | undefined;

  /**
   * Builds the world of `spec` at t=0. With `populate: false` it is left empty, and
   * `populate()` builds it one slice at a time (a loader that must stay responsive).
   */
  constructor(readonly spec: ScenarioSpec, opts: EngineOptions & { populate?: boolean } = {}) {
    this.random = new Random(spec.seed);
    this.log = new EventLog(() => this.queue.nowMs, opts.eventLimit);
    this.env = { ...spec.awsNode.env };
    for (const c of spec.eniConfigs) this.eniConfigs.set(c.name, c);
    // The parts report changes to this sink; the views exist once the parts do.
    const sink: ChangeSink = {
      changed: (kind, key) => this.views.changed(kind, key),
      added: (kind, key) => this.views.added(kind, key),
      removed: (kind, key, id) => this.views.removed(kind, key, id),
    };
    this.ec2State = new Ec2State(spec.vpc.id, spec.subnets, this.random.fork('ec2'), {
      instance: (id) => {
        const node = this.nodeOfInstance.get(id);
        if (node !== undefined) this.views.changed('node', node);
      },
      subnet: (id) => this.views.changed('subnet', id),
    });
    this.ec2 = new Ec2Api(this.queue, this.random.fork('ec2-api'), spec.ec2,
      { region: spec.region, accountId: spec.accountId, epochIso: EPOCH_ISO, clusterName: spec.clusterName },
      ({ caller, makeRecord, latencyMs, touches }) => this.log.pushEc2(caller.node, latencyMs, makeRecord, [...touches, caller.node]),
      (caller) => this.views.changed('node', caller.node));
    this.cluster = new Cluster(this.queue, this.random.fork('k8s'), (e) => this.log.push(Object.assign(e, { kind: 'k8s' as const })), sink);
    this.rc = new ResourceController({
      queue: this.queue, random: this.random.fork('rc'), ec2: this.ec2, state: this.ec2State, cluster: this.cluster,
      accountId: spec.accountId, region: spec.region, clusterName: spec.clusterName, changes: sink,
      say: (node, message, touches = [], text) => this.log.push({ kind: 'controller', node, message, touches: [...touches, node], text }),
      event: (e) => this.log.push({ kind: 'k8s', source: 'vpc-resource-controller', ...e }),
    }, spec.securityGroupPolicies ?? []);
    this.network = spec.cluster ?? defaultClusterNetwork(spec.vpc.cidrs);
    this.services = new ServiceController(this.queue, this.random.fork('services'), this.cluster, this.network);
    this.kubeProxy = new KubeProxy({ ...EKS_PROXY_CONFIG, mode: this.network.kubeProxyMode }, () => this.services.services.values(), opts.ipvs);
    this.services.listeners.push((svc, deleted) => {
      this.kubeProxy.changed(svc, deleted, this.queue.nowMs);
      // Every node's kube-proxy rewrites its rules for the Service (Cluster policy reaches every
      // node; Local changes which nodes DNAT): each node's network, and so its cache entry, is stale.
      for (const n of this.cluster.nodes.keys()) this.views.changed('node', n);
    });
    this.traffic = new Traffic({
      now: () => this.queue.nowMs,
      seed: spec.seed,
      inputs: () => this.networkInputs(),
      walks: opts.trafficWalks ?? (() => undefined),
      joinedAtMs: (node) => this.cluster.nodes.get(node)?.joinedAtMs,
      say: (message, touches, text) => this.log.push({ kind: 'controller', node: '', message, touches, text }),
      changed: (node) => { if (this.cluster.nodes.has(node)) this.views.changed('node', node); },
    }, this.kubeProxy, this.random.fork('traffic'));
    this.services.listeners.push(udpConntrackCleanup(this.traffic));
    if (spec.addons?.awsLoadBalancerController) {
      // Its code is a part of its own (the worker loads it on demand, only for such scenarios).
      if (!opts.loadBalancing) throw new Error('this scenario installs the AWS Load Balancer Controller, but the load-balancing part of the engine was not loaded (src/sim/index.ts loads it)');
      this.loadBalancing = opts.loadBalancing(this);
      this.elbv2 = this.loadBalancing.elbv2;
      this.lbc = this.loadBalancing.lbc;
    }
    const lb = this.loadBalancing;
    this.cluster.hooks = {
      admit: (pod) => {
        this.rc.admit(pod);
        this.lbc?.admitPod(pod);
      },
      bound: (pod, node) => this.rc.bound(pod, node),
      gone: (pod, node) => {
        this.rc.gone(pod, node);
        this.services.podGone(pod);
        lb?.podChanged(pod);
      },
      changed: (pod) => {
        this.services.podChanged(pod);
        lb?.podChanged(pod);
      },
    };
    this.views = new LiveViews(this);
    if (opts.populate !== false) for (const _ of this.populate()) { /* all at once */ }
  }

  /**
   * The scenario's nodes, the cluster's add-ons (kubernetes, kube-dns, CoreDNS), its
   * services, deployments (and their pods) and timeline, yielding after each node and every
   * few hundred pods. Draining it is what the constructor does; slicing it changes nothing
   * but when the work happens.
   */
  *populate(): Generator<LoadProgress, void> {
    const nodes = this.spec.nodeGroups.reduce((n, g) => n + g.count, 0);
    const pods = this.spec.deployments.reduce((n, d) => n + d.replicas, 0);
    let done = 0;
    for (const g of this.spec.nodeGroups) {
      for (let i = 0; i < g.count; i++) {
        this.launchNode(g, 0);
        yield { phase: 'nodes', done: ++done, total: nodes };
      }
    }
    installClusterAddons(this);
    this.loadBalancing?.install();
    for (const s of this.spec.services ?? []) this.addService(s);
    for (const i of this.spec.ingresses ?? []) this.addIngress(i);
    let created = 0;
    for (const d of this.spec.deployments) {
      for (const n of this.cluster.addDeploymentInSteps(d)) yield { phase: 'pods', done: created + n, total: pods };
      created += d.replicas;
    }
    for (const t of this.spec.timeline) {
      if (t.muted) continue;
      this.queue.at(t.at * 1000, () => this.execute(t.command));
    }
  }

  get nowMs(): number {
    return this.queue.nowMs;
  }

  advance(ms: number): void {
    this.queue.runUntil(this.queue.nowMs + Math.max(0, ms));
  }

  /**
   * Runs every event up to atMs. With `maxEvents` (a work budget, e.g. the CLI's), stops
   * after that many if more are due, leaving the clock at the last event run; returns how
   * many ran. `nextEventTime() <= atMs` afterwards means the budget ran out.
   */
  runUntil(atMs: number, maxEvents = Infinity): number {
    return this.queue.runUntil(atMs, maxEvents);
  }

  runSome(atMs: number, maxEvents: number): boolean {
    return this.queue.runSome(atMs, maxEvents);
  }

  nextEventTime(): number | undefined {
    return this.queue.peekTime();
  }

  apply(command: Command): ApplyResult {
    const result = this.execute(command);
    if (result.ok) this.applied.push({ atMs: this.queue.nowMs, command });
    return result;
  }

  appliedCommands(): { atMs: number; command: Command }[] {
    return this.applied.slice();
  }

  snapshot(): SimSnapshot {
    return this.views.snapshot();
  }

  delta(full = false): SimDelta {
    return this.views.delta(full);
  }

  prepareViews(): Generator<LoadProgress, void> {
    return this.views.refreshInSteps();
  }

  node(name: string): { view: NodeView; version: number } | undefined {
    this.views.refresh();
    const view = this.views.nodes.get(name);
    const version = this.views.nodes.version(name);
    return view && version !== undefined ? { view, version } : undefined;
  }

  nodeNames(): string[] {
    return [...this.cluster.nodes.keys()];
  }

  addressHolder(ip: string): string | undefined {
    const parsed = parseIpv4(ip);
    const eni = parsed.ok ? this.ec2State.ownerOf(parsed.value) : undefined;
    if (!eni) return undefined;
    const trunk = eni.trunkAssociation ? this.ec2State.enis.get(eni.trunkAssociation.trunkEniId) : undefined;
    const instance = eni.attachment?.instanceId ?? trunk?.attachment?.instanceId;
    return instance === undefined ? undefined : this.nodeOfInstance.get(instance);
  }

  podsOn(name: string): PodView[] {
    const node = this.cluster.nodes.get(name);
    if (!node) return [];
    this.views.refresh();
    const out: PodView[] = [];
    for (const p of this.cluster.podsOn(node)) {
      const v = this.views.pods.get(p.key);
      if (v) out.push(v);
    }
    return out;
  }

  pod(namespace: string, name: string): PodView | undefined {
    this.views.refresh();
    return this.views.pods.get(podKey(namespace, name));
  }

  networkInput(name: string): NodeNetworkInput | undefined {
    const node = this.cluster.nodes.get(name);
    const built = this.node(name);
    if (!node || !built) return undefined;
    const input = nodeNetworkInput(built.view, this.podsOn(name), {
      env: node.ipamd.networkEnv, vpcCidrs: this.spec.vpc.cidrs, scenarioName: this.spec.name,
    });
    input.kubeProxy = this.kubeProxy.rulesFor(name);
    this.traffic.decorateNode(input);
    return input;
  }

  eventsSince(afterSeq: number): SimEvent[] {
    return this.log.since(afterSeq);
  }

  clusterObjects(): ClusterObjects {
    return buildClusterObjects(this);
  }

  networkInputs(): NetworkInputs {
    const inputs: NetworkInputs = {
      vpcCidrs: [...this.spec.vpc.cidrs], nodes: this.nodeNames().flatMap((n) => this.networkInput(n) ?? []),
      ...this.fabricInputs(),
    };
    return inputs;
  }

  /** The tracer's fabric beyond the nodes: subnet route tables, load balancers, API server hosts, Services, seed, time, affinity lists. */
  fabricInputs(): Omit<NetworkInputs, 'vpcCidrs' | 'nodes'> {
    return { subnets: this.spec.subnets, ...fabricInputs(this), seed: this.spec.seed, nowMs: this.queue.nowMs, recentSeen: this.traffic.recentSeen() };
  }

  private execute(c: Command): ApplyResult {
    switch (c.type) {
      case 'scale':
        return this.cluster.scale(c.namespace ?? 'default', c.deployment, c.replicas)
          ? { ok: true } : { ok: false, error: `deployment "${c.namespace ?? 'default'}/${c.deployment}" not found` };
      case 'addDeployment':
        if (this.cluster.deployments.has(podKey(c.deployment.namespace, c.deployment.name))) {
          return { ok: false, error: `deployment "${c.deployment.namespace}/${c.deployment.name}" already exists` };
        }
        this.cluster.addDeployment(c.deployment);
        return { ok: true };
      case 'deleteDeployment':
        return this.cluster.deleteDeployment(c.namespace ?? 'default', c.deployment)
          ? { ok: true } : { ok: false, error: `deployment "${c.namespace ?? 'default'}/${c.deployment}" not found` };
      case 'setEnv':
        return this.setEnv(c.name, c.value);
      case 'addNodes': {
        const g = this.spec.nodeGroups.find((n) => n.name === c.nodeGroup);
        if (!g) return { ok: false, error: `node group "${c.nodeGroup}" not found` };
        for (let i = 0; i < c.count; i++) this.launchNode(g, NODE_BOOT_MS);
        return { ok: true };
      }
      case 'removeNodes':
        return this.removeNodes(c.nodeGroup, c.count, c.node);
      case 'deletePod':
        return this.cluster.deletePod(podKey(c.namespace ?? 'default', c.pod))
          ? { ok: true } : { ok: false, error: `pod "${c.namespace ?? 'default'}/${c.pod}" not found or not deletable` };
      case 'cordon':
      case 'uncordon': {
        const node = this.findNode(c.node);
        if (!node) return { ok: false, error: `node "${c.node}" not found` };
        this.cluster.setUnschedulable(node, c.type === 'cordon');
        return { ok: true };
      }
      case 'taint': {
        const node = this.findNode(c.node);
        if (!node) return { ok: false, error: `node "${c.node}" not found` };
        const error = this.cluster.setTaint(node, { key: c.key, ...(c.value ? { value: c.value } : {}), effect: c.effect }, c.remove === true);
        return error ? { ok: false, error: `node "${c.node}": ${error}` } : { ok: true };
      }
      case 'addService':
        return this.addService(c.service);
      case 'deleteService': {
        const key = `${c.namespace ?? 'default'}/${c.service}`;
        if (key === 'default/kubernetes' || key === 'kube-system/kube-dns') return { ok: false, error: `${key} belongs to the cluster and is not deleted here` };
        return this.services.delete(key) ? { ok: true } : { ok: false, error: `services "${c.service}" not found in namespace ${c.namespace ?? 'default'}` };
      }
      case 'setPodHealth':
        return this.setPodHealth(c.healthy, c.namespace ?? 'default', c.pod, c.deployment);
      case 'addIngress':
        return this.addIngress(c.ingress);
      case 'deleteIngress':
        return this.lbc?.deleteIngress(`${c.namespace ?? 'default'}/${c.ingress}`) || (!this.lbc && this.ingresses.delete(`${c.namespace ?? 'default'}/${c.ingress}`))
          ? { ok: true } : { ok: false, error: `ingresses.networking.k8s.io "${c.ingress}" not found` };
      case 'traffic':
        return this.traffic.send(c);
      case 'zeroCounters':
        return this.traffic.zero(c);
    }
  }

  /** A registered node by name, or by `<node group>/<index>` (its launch order in the group, from 0). */
  findNode(ref: string): KNode | undefined {
    const byName = this.cluster.nodes.get(ref);
    if (byName) return byName;
    const slash = ref.lastIndexOf('/');
    if (slash < 0) return undefined;
    const group = ref.slice(0, slash);
    const index = Number(ref.slice(slash + 1));
    for (const n of this.cluster.nodes.values()) if (n.nodeGroup === group && n.groupIndex === index) return n;
    return undefined;
  }

  /** Ingresses, when no load balancer controller keeps them (it keeps its own). */
  readonly ingresses = new Map<string, { spec: IngressSpec; uid: string; createdAtMs: number }>();

  private addIngress(spec: IngressSpec): ApplyResult {
    const key = `${spec.namespace}/${spec.name}`;
    const h = this.random.hex(32);
    const uid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
    if (this.lbc) {
      const error = this.lbc.addIngress(spec, uid);
      return error ? { ok: false, error } : { ok: true };
    }
    if (this.ingresses.has(key)) return { ok: false, error: `ingresses.networking.k8s.io "${spec.name}" already exists` };
    this.ingresses.set(key, { spec, uid, createdAtMs: this.queue.nowMs });
    return { ok: true };
  }

  /** Creates a Service through the API server; a refusal is logged as kubectl would print it. */
  addService(spec: import('../spec.ts').ServiceSpec): ApplyResult {
    const r = this.services.add(spec);
    if (r.ok) return { ok: true };
    this.log.push({ kind: 'k8s', type: 'Warning', reason: 'FailedCreate', object: `service/${spec.namespace}/${spec.name}`, message: r.error, source: 'kube-apiserver', touches: [] });
    return { ok: false, error: r.error };
  }

  private setPodHealth(healthy: boolean, namespace: string, pod: string | undefined, deployment: string | undefined): ApplyResult {
    let key = pod !== undefined ? podKey(namespace, pod) : undefined;
    if (deployment !== undefined) {
      const oldest = [...this.cluster.pods.values()]
        .filter((p) => p.namespace === namespace && p.deployment === deployment && p.phase === 'Running')
        .toSorted((a, b) => a.createdAtMs - b.createdAtMs || (a.name < b.name ? -1 : 1))[0];
      if (!oldest) return { ok: false, error: `deployment "${namespace}/${deployment}" has no running pod` };
      key = oldest.key;
    }
    return key !== undefined && this.cluster.setPodHealth(key, healthy) ? { ok: true } : { ok: false, error: `pod "${key ?? '?'}" not found` };
  }

  private setEnv(name: string, value: string | null): ApplyResult {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { ok: false, error: `"${name}" is not an environment variable name` };
    if (value === null) delete this.env[name];
    else this.env[name] = value;
    this.views.envEdited();
    this.log.push({
      kind: 'ipamd', node: '', message: `aws-node DaemonSet env ${value === null ? `${name} removed` : `${name}=${value}`}: aws-node restarts on every node`, touches: [],
      text: value === null ? et('sim.ipamd.envRemoved', { name }) : et('sim.ipamd.envChanged', { name, value }),
    });
    // The DaemonSet rolls out node by node.
    let delay = 0;
    for (const node of this.cluster.nodes.values()) {
      delay += 1000 + this.random.int(2000);
      // The rollout converges on the DaemonSet's latest template: a node restarts with the env
      // as it is when its turn comes, so two quick edits cannot leave it on the older one.
      this.queue.after(delay, () => node.ipamd.restart({ ...this.env }));
    }
    return { ok: true };
  }

  private removeNodes(group: string, count: number, name?: string): ApplyResult {
    const nodes = [...this.cluster.nodes.values()].filter((n) => n.nodeGroup === group && (!name || n.name === name));
    if (!nodes.length) return { ok: false, error: name ? `node "${name}" not found in group "${group}"` : `node group "${group}" has no nodes` };
    nodes.sort((a, b) => b.joinedAtMs - a.joinedAtMs);
    for (const n of nodes.slice(0, name ? 1 : count)) {
      n.ipamd.stop();
      this.ec2State.terminateInstance(n.instanceId);
      this.nodeOfInstance.delete(n.instanceId);
      this.cluster.removeNode(n.name);
      this.rc.nodeRemoved(n.name);
      this.traffic.removeNode(n.name);
      this.lbc?.nodesChanged();
    }
    return { ok: true };
  }

  private launchNode(g: NodeGroupSpec, bootMs: number): void {
    const type = getInstanceType(g.instanceType)!;
    const launched = this.ec2State.launchInstance(g.instanceType, g.subnet, [...g.securityGroups], this.queue.nowMs);
    const subnet = this.ec2State.subnets.get(g.subnet)!;
    if (!launched.ok) {
      this.log.push({ kind: 'ipamd', node: '', message: `could not launch a ${g.instanceType} in ${g.subnet}: ${launched.code}`, touches: [g.subnet], text: et('sim.ipamd.launchFailed', { type: g.instanceType, subnet: g.subnet, code: launched.code }) });
      return;
    }
    const inst = launched.value;
    const ip = formatIpv4(inst.privateIp);
    const name = privateDnsName(ip, this.spec.region);
    this.nodeOfInstance.set(inst.id, name);
    const groupIndex = this.nodeSeq.get(g.name) ?? 0;
    this.nodeSeq.set(g.name, groupIndex + 1);
    const labels: Record<string, string> = {
      'kubernetes.io/os': 'linux',
      'kubernetes.io/hostname': name,
      'node.kubernetes.io/instance-type': g.instanceType,
      'topology.kubernetes.io/zone': subnet.spec.availabilityZone,
      'topology.kubernetes.io/region': this.spec.region,
      'eks.amazonaws.com/nodegroup': g.name,
      ...g.labels,
    };
    const counters = newCounters(this.queue.nowMs);
    const ipamd: Ipamd = new Ipamd({
      queue: this.queue,
      random: this.random.fork(`ipamd:${inst.id}`),
      ec2: this.ec2,
      state: this.ec2State,
      caller: { node: name, instanceId: inst.id, sourceIp: ip, counters },
      node: {
        name, instanceId: inst.id, instanceType: g.instanceType, nodeIp: ip, subnetId: g.subnet,
        availabilityZone: subnet.spec.availabilityZone, maxPods: g.maxPods ?? eniMaxPods(type), labels, annotations: {},
        securityGroups: g.securityGroups, amiFamily: g.amiFamily ?? 'AL2023',
      },
      limits: {
        enis: type.enis, ipv4PerEni: type.ipv4PerEni,
        prefixDelegationSupported: isPrefixDelegationSupported(type), trunkingCompatible: type.trunkingCompatible,
      },
      eniConfigs: this.eniConfigs,
      accountId: this.spec.accountId,
      region: this.spec.region,
      say: (message, touches = [], text) => this.log.push({ kind: 'ipamd', node: name, message, touches: [...touches, name], text }),
      changed: () => this.views.changed('node', name),
      readinessChanged: (ready) => {
        this.cluster.setNodeReady(name, ready);
        this.lbc?.nodesChanged();
      },
      isNodeNonSchedulable: () => {
        const n = this.cluster.nodes.get(name);
        return n !== undefined && hasUnschedulableTaint(n);
      },
      cniNodeFeature: () => {
        const n = this.cluster.nodes.get(name);
        if (n) this.rc.featureAdded(n);
      },
    });
    const node: KNode = {
      name, instanceId: inst.id, nodeGroup: g.name, groupIndex, instanceType: g.instanceType, amiFamily: g.amiFamily ?? 'AL2023', availabilityZone: subnet.spec.availabilityZone,
      subnetId: g.subnet, nodeIp: inst.privateIp, maxPods: g.maxPods ?? eniMaxPods(type), labels, ready: false, unschedulable: false, taints: [],
      pods: new Set(), podEniCapacity: 0, ipamd, joinedAtMs: this.queue.nowMs + bootMs,
    };
    const register = () => {
      if (!this.ec2State.instances.has(inst.id)) return;
      this.cluster.addNode(node);
      this.log.push({ kind: 'k8s', type: 'Normal', reason: 'RegisteredNode', object: `node/${name}`, message: `Node ${name} event: Registered Node ${name} in Controller`, source: 'node-controller', node: name, touches: [name] });
      ipamd.start(this.env);
    };
    // Nodes of the initial scenario are there at t=0; added ones boot first.
    if (bootMs === 0) register();
    else this.queue.after(bootMs, register);
  }
}

/** How an engine is built: its event log's bound, and the parts loaded on demand. */
export interface EngineOptions {
  eventLimit?: number;
  /**
   * ELBv2 and the AWS Load Balancer Controller (load-balancing.ts): required when the scenario
   * installs the controller. src/sim/index.ts always passes it; the worker imports it only then.
   */
  loadBalancing?: LoadBalancingFactory;
  /**
   * The packet walks a `traffic` command runs (traffic-walks.ts), when they are loaded: a getter,
   * since the worker loads them on the first such command. src/sim/index.ts always has them.
   */
  trafficWalks?: () => TrafficWalks | undefined;
  /**
   * kube-proxy's IPVS mode (kube-proxy/ipvs.ts): required when `cluster.kubeProxyMode` is `ipvs`.
   * src/sim/index.ts always passes it; the worker imports it only then.
   */
  ipvs?: IpvsWriter;
}

/** Creates a simulation from a validated scenario. */
export function createSimulation(spec: ScenarioSpec, opts: EngineOptions = {}): Engine {
  return new Engine(spec, opts);
}

/** Builds a simulation one slice at a time (see `Engine.populate`) and returns it. */
export function* createSimulationInSteps(spec: ScenarioSpec, opts: EngineOptions = {}): Generator<LoadProgress, Engine> {
  const engine = new Engine(spec, { ...opts, populate: false });
  yield* engine.populate();
  return engine;
}
