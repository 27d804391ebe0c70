/**
 * The Kubernetes control plane and kubelets, as far as pod networking goes: deployments
 * and their pods, DaemonSet pods (aws-node, kube-proxy) on every node, cordon and taints,
 * the scheduler (./scheduler.ts), and each kubelet's sandbox creation through the CNI
 * (ipamd), with its retries and events.
 */
import { IGNORE_CHANGES, type ChangeSink } from '../changes.ts';
import type { EventQueue } from '../clock/event-queue.ts';
import type { Random } from '../clock/random.ts';
import { formatIpv4 } from '../net/ipv4.ts';
import type { DeploymentSpec } from '../spec.ts';
import type { PodPhase } from '../view.ts';
import { pluginConfError, pluginHostVeth } from '../cni/plugin-veth.ts';
import { failedCreatePodSandBoxMessage, scheduledMessage, type SandboxFailure } from '../views/k8s-messages.ts';
import { podKey, safeString, sandboxId } from './names.ts';
import { tolerates, UNSCHEDULABLE_TAINT, type Taint } from './node-filters.ts';
import { podReady, type Deployment, type KNode, type Pod } from './objects.ts';
import { POD_ENI_RESOURCE, Scheduler } from './scheduler.ts';

/** kubelet's back-off after a failed pod sync (backOffPeriod). */
const KUBELET_RETRY_MS = 10_000;
const TERMINATION_MS = 1_500;

export interface K8sEventSink {
  (e: { type: 'Normal' | 'Warning'; reason: string; object: string; message: string; source: string; node?: string; touches: string[] }): void;
}

/**
 * client-go's EventSourceObjectSpamFilter: per source and object, a token bucket of 25
 * events refilled at one per five minutes; events beyond it are dropped.
 */
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;

export { POD_ENI_RESOURCE };

/** Controllers outside the kubelet and scheduler that watch pods (the VPC resource controller). */
export interface ClusterHooks {
  /** Mutating admission of a new pod (the resource controller's pod webhook). */
  admit?(pod: Pod): void;
  /** The scheduler bound the pod to a node. */
  bound?(pod: Pod, node: KNode): void;
  /** The pod object is gone (after CNI DEL, or never scheduled). */
  gone?(pod: Pod, node: KNode | undefined): void;
  /** Something endpoints depend on changed: the pod's IP, phase, or Ready condition. */
  changed?(pod: Pod): void;
}

interface SpamBucket {
  tokens: number;
  atMs: number;
}

export class Cluster {
  /** Spam-filter buckets by source, then object. */
  private readonly spam = new Map<string, Map<string, SpamBucket>>();
  readonly nodes = new Map<string, KNode>();
  readonly pods = new Map<string, Pod>();
  readonly deployments = new Map<string, Deployment>();
  /** Pods of each deployment (by deployment key), so the ReplicaSet controller never scans all pods. */
  private readonly podsOf = new Map<string, Set<string>>();
  /** Terminating pods per deployment key (still in podsOf until they are gone). */
  private readonly terminating = new Map<string, number>();
  /** Running pods per deployment key (a deployment's ready count, kept as phases change). */
  private readonly running = new Map<string, number>();
  /** Pods created so far: each pod's ordinal, its place in creation order. */
  private created = 0;
  /** Pod watchers (set once by the engine). */
  hooks: ClusterHooks = {};

  private readonly sink: K8sEventSink;
  /**
   * Names and uids of kube-system add-on pods (CoreDNS) come from a stream of their own, so
   * the add-ons EKS installs do not shift the names of a scenario's own pods.
   */
  private readonly addonRandom: Random;

  private readonly scheduler: Scheduler;
  /** Pods waiting for the scheduler, in creation order. */
  private readonly unscheduled: Set<string>;

  constructor(
    private readonly queue: EventQueue,
    private readonly random: Random,
    sink: K8sEventSink,
    /** Where every change to a pod, node or deployment view is reported. */
    private readonly changes: ChangeSink = IGNORE_CHANGES,
  ) {
    this.sink = sink;
    this.scheduler = new Scheduler({
      queue, random, nodes: this.nodes, pods: this.pods,
      emit: (e, pod) => this.emit(e, pod),
      setReason: (pod, reason, message) => this.setReason(pod, reason, message),
      bind: (pod, node) => this.bind(pod, node),
      bindDaemonPod: (pod, node) => this.bindDaemonPod(pod, node),
    });
    this.unscheduled = this.scheduler.waiting;
    this.addonRandom = random.fork('kube-system');
  }

  // ---- readiness ---------------------------------------------------------------

  /**
   * The kubelet's readiness verdict `delayMs` from now: without a probe the container is ready
   * once it runs; with one, it is ready while the pod answers (a probe that starts failing takes
   * periodSeconds × failureThreshold to turn it NotReady, one period to turn it back).
   */
  private probeReadiness(pod: Pod, delayMs: number): void {
    const decide = () => {
      if (this.pods.get(pod.key) !== pod || (pod.phase !== 'Running' && pod.phase !== 'Terminating')) return;
      const ready = !pod.readinessProbe || !pod.unresponsive;
      if (pod.containersReady === ready) return;
      pod.containersReady = ready;
      if (!ready) {
        const port = pod.containerPorts?.[0]?.containerPort ?? 80;
        const ip = pod.ip === undefined ? '' : formatIpv4(pod.ip);
        this.emit({ type: 'Warning', reason: 'Unhealthy', object: `pod/${pod.key}`, message: `Readiness probe failed: Get "http://${ip}:${port}/": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, source: 'kubelet', node: pod.node, touches: [pod.key] }, pod);
      }
      this.podChanged(pod);
    };
    if (delayMs <= 0) decide();
    else this.queue.after(delayMs, decide);
  }

  /** A pod stops (or starts again) answering its probes and its load balancers' health checks. */
  setPodHealth(key: string, healthy: boolean): boolean {
    const pod = this.pods.get(key);
    if (!pod || pod.hostNetwork) return false;
    pod.unresponsive = !healthy;
    const probe = pod.readinessProbe;
    if (probe) this.probeReadiness(pod, (healthy ? probe.periodSeconds : probe.periodSeconds * probe.failureThreshold) * 1000);
    this.podChanged(pod);
    return true;
  }

  /** A controller changed a readiness-gate condition of the pod. */
  setReadinessGate(pod: Pod, condition: string, status: boolean, reason?: string, message?: string): void {
    const gates = (pod.readinessGates ??= {});
    const was = gates[condition];
    if (was && was.status === status && was.reason === reason && was.message === message) return;
    gates[condition] = { status, ...(reason !== undefined ? { reason } : {}), ...(message !== undefined ? { message } : {}), atMs: was && was.status === status ? was.atMs : this.queue.nowMs };
    this.podChanged(pod);
  }

  /**
   * Something the pod's watchers see changed (readiness, a gate, deletion, health): its view
   * and its deployment's ready count are stale, and the Service and load balancer controllers
   * are told.
   */
  private podChanged(pod: Pod): void {
    this.changes.changed('pod', pod.key);
    if (pod.deployment !== undefined) this.changes.changed('deployment', podKey(pod.namespace, pod.deployment));
    this.hooks.changed?.(pod);
  }

  /** Running pods of a deployment that are Ready (containers ready, every readiness gate True). */
  readyPodsOf(namespace: string, name: string): number {
    let ready = 0;
    for (const k of this.podsOf.get(podKey(namespace, name)) ?? []) {
      const p = this.pods.get(k);
      if (p && p.phase === 'Running' && podReady(p)) ready++;
    }
    return ready;
  }

  /** Pods waiting for the scheduler (no node yet, phase Pending). */
  get pendingCount(): number {
    return this.unscheduled.size;
  }

  /** Running pods of a deployment: its ready (and available) replicas. */
  runningPodsOf(namespace: string, name: string): number {
    return this.running.get(podKey(namespace, name)) ?? 0;
  }

  /** Pods bound to a node, in creation order (which fixes their veths' ifindexes on the node). */
  podsOn(node: KNode): Pod[] {
    const out: Pod[] = [];
    for (const k of node.pods) {
      const p = this.pods.get(k);
      if (p) out.push(p);
    }
    return out.toSorted((a, b) => a.ordinal - b.ordinal);
  }

  /** Changes a pod's phase, keeping its deployment's running count. */
  private setPhase(pod: Pod, phase: PodPhase): void {
    if (pod.phase === phase) return;
    const dk = pod.deployment === undefined ? undefined : podKey(pod.namespace, pod.deployment);
    if (dk !== undefined && (pod.phase === 'Running' || phase === 'Running')) {
      this.running.set(dk, (this.running.get(dk) ?? 0) + (phase === 'Running' ? 1 : -1));
      this.changes.changed('deployment', dk);
    }
    pod.phase = phase;
    this.changes.changed('pod', pod.key);
  }

  /** A pod's reason and message, reported only when they differ (retries repeat them). */
  private setReason(pod: Pod, reason: string | undefined, message: string | undefined): void {
    if (pod.reason === reason && pod.message === message) return;
    pod.reason = reason;
    pod.message = message;
    this.changes.changed('pod', pod.key);
  }

  /**
   * Records an event through client-go's spam filter. A pod's buckets live on the pod
   * (they go with it); other objects' in a map by source, then object.
   */
  private emit(e: Parameters<K8sEventSink>[0], pod?: Pod): void {
    const now = this.queue.nowMs;
    let b: SpamBucket | undefined;
    if (pod) {
      const budgets = (pod.eventBudget ??= {});
      b = budgets[e.source] ??= { tokens: SPAM_BURST, atMs: now };
    } else {
      let bySource = this.spam.get(e.source);
      if (!bySource) this.spam.set(e.source, (bySource = new Map()));
      b = bySource.get(e.object);
      if (!b) bySource.set(e.object, (b = { tokens: SPAM_BURST, atMs: now }));
    }
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.atMs) / SPAM_REFILL_MS);
    b.atMs = now;
    if (b.tokens < 1) return;
    b.tokens -= 1;
    this.sink(e);
  }

  // ---- nodes ---------------------------------------------------------------

  /**
   * A node registered: the DaemonSet controller creates its aws-node and kube-proxy pods,
   * pinned to it by node affinity. They count against the node's max pods like any pod
   * (kubelet's `pods` capacity, the scheduler's NodeResourcesFit): one that does not fit
   * stays Pending ("Too many pods") while the node still becomes Ready. They are scheduled
   * in creation order, aws-node first, so the node gets its CNI even with max pods 1.
   */
  addNode(node: KNode): void {
    this.nodes.set(node.name, node);
    this.changes.added('node', node.name);
    let pending = false;
    for (const ds of ['aws-node', 'kube-proxy']) {
      const pod = this.newPod('kube-system', this.generateName('kube-system', `${ds}-`), undefined, true, { 'k8s-app': ds });
      pod.pinnedNode = node.name;
      if (node.pods.size < node.maxPods) this.bindDaemonPod(pod, node);
      else {
        this.unscheduled.add(pod.key);
        pending = true;
      }
    }
    if (pending) this.requestScheduling();
  }

  /** A DaemonSet pod on its node: host network, so it runs at once with the node's address. */
  private bindDaemonPod(pod: Pod, node: KNode): void {
    this.scheduler.waiting.delete(pod.key);
    pod.node = node.name;
    pod.ip = node.nodeIp;
    this.setPhase(pod, 'Running');
    this.setReason(pod, undefined, undefined);
    this.changes.changed('pod', pod.key);
    node.pods.add(pod.key);
    this.changes.changed('node', node.name);
  }

  /** A node left (instance terminated): its pods are gone; controllers replace theirs. */
  removeNode(name: string): void {
    const node = this.nodes.get(name);
    if (!node) return;
    for (const key of node.pods) this.forget(key);
    // Its DaemonSet pods still waiting for room go too (pod GC deletes pods bound to a gone node's affinity).
    for (const key of this.unscheduled) if (this.pods.get(key)?.pinnedNode === name) this.forget(key);
    this.nodes.delete(name);
    this.changes.removed('node', name, name);
    for (const d of this.deployments.values()) this.reconcileDeployment(d);
  }

  /** aws-node became ready (or not): the node's Ready condition follows. */
  setNodeReady(name: string, ready: boolean): void {
    const node = this.nodes.get(name);
    if (!node) return;
    // The aws-node pod's status follows even when the node's Ready condition does not
    // change: a node that never became ready still shows aws-node in CrashLoopBackOff.
    const awsNode = [...node.pods].map((k) => this.pods.get(k)!).find((p) => p.name.startsWith('aws-node-'));
    if (awsNode) this.setReason(awsNode, ready ? undefined : node.ipamd.status === 'crash-loop' ? 'CrashLoopBackOff' : undefined, awsNode.message);
    if (node.ready === ready) return;
    node.ready = ready;
    node.readyChangedAtMs = this.queue.nowMs;
    this.changes.changed('node', name);
    if (ready) this.requestScheduling();
  }

  /**
   * kubectl cordon / uncordon: spec.unschedulable, the node lifecycle controller's
   * node.kubernetes.io/unschedulable:NoSchedule taint, and the kubelet's NodeNotSchedulable /
   * NodeSchedulable event (kubelet_node_status.go, recordNodeSchedulableEvent).
   */
  setUnschedulable(node: KNode, unschedulable: boolean): void {
    if (node.unschedulable === unschedulable) return;
    node.unschedulable = unschedulable;
    this.changes.changed('node', node.name);
    node.taints = node.taints.filter((t) => !(t.key === UNSCHEDULABLE_TAINT.key && t.effect === UNSCHEDULABLE_TAINT.effect));
    if (unschedulable) node.taints.push({ ...UNSCHEDULABLE_TAINT });
    const status = unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable';
    this.emit({ type: 'Normal', reason: status, object: `node/${node.name}`, message: `Node ${node.name} status is now: ${status}`, source: 'kubelet', node: node.name, touches: [node.name] });
    if (!unschedulable && this.unscheduled.size) this.requestScheduling();
  }

  /**
   * kubectl taint: adds the taint (replacing one with the same key and effect, as
   * --overwrite does) or removes it. A NoExecute taint evicts the pods that do not tolerate
   * it (the taint-eviction controller's TaintManagerEviction event, then the pod is deleted
   * and its ReplicaSet makes a new one elsewhere). Returns an error text when there is
   * nothing to remove.
   */
  setTaint(node: KNode, taint: Taint, remove: boolean): string | undefined {
    const i = node.taints.findIndex((t) => t.key === taint.key && t.effect === taint.effect);
    this.changes.changed('node', node.name);
    if (remove) {
      if (i < 0) return `taint "${taint.key}:${taint.effect}" not found`;
      node.taints.splice(i, 1);
      if (this.unscheduled.size) this.requestScheduling();
      return undefined;
    }
    if (i >= 0) node.taints[i] = { ...taint };
    else node.taints.push({ ...taint });
    if (taint.effect === 'NoExecute') {
      for (const key of node.pods) {
        const pod = this.pods.get(key);
        if (!pod || pod.phase === 'Terminating' || tolerates(pod, taint)) continue;
        this.emit({ type: 'Normal', reason: 'TaintManagerEviction', object: `pod/${key}`, message: `Marking for deletion Pod ${key}`, source: 'taint-eviction-controller', node: node.name, touches: [key] }, pod);
        this.deletePod(key);
      }
    }
    return undefined;
  }

  // ---- deployments -----------------------------------------------------------

  addDeployment(spec: DeploymentSpec): void {
    for (const _ of this.addDeploymentInSteps(spec)) { /* all at once */ }
  }

  /**
   * addDeployment one slice at a time: yields the number of pods created so far every
   * `chunk` pods, so a loader can pause between slices. Draining it is `addDeployment`.
   */
  *addDeploymentInSteps(spec: DeploymentSpec, chunk = 500): Generator<number, void> {
    const d: Deployment = { ...spec, labels: { ...spec.labels }, ...(spec.nodeSelector ? { nodeSelector: { ...spec.nodeSelector } } : {}), templateHash: safeString(spec.namespace === 'kube-system' && spec.name === 'coredns' ? this.addonRandom : this.random, 10) };
    const key = podKey(spec.namespace, spec.name);
    // Replacing a key keeps its place in the Map; only a new key joins at the end.
    if (this.deployments.has(key)) this.changes.changed('deployment', key);
    else this.changes.added('deployment', key);
    this.deployments.set(key, d);
    yield* this.reconcileDeploymentInSteps(d, chunk);
  }

  deleteDeployment(namespace: string, name: string): boolean {
    const d = this.deployments.get(podKey(namespace, name));
    if (!d) return false;
    d.replicas = 0;
    this.reconcileDeployment(d);
    this.deployments.delete(podKey(namespace, name));
    this.changes.removed('deployment', podKey(namespace, name), podKey(namespace, name));
    return true;
  }

  scale(namespace: string, name: string, replicas: number): boolean {
    const d = this.deployments.get(podKey(namespace, name));
    if (!d) return false;
    d.replicas = replicas;
    this.changes.changed('deployment', podKey(namespace, name));
    this.reconcileDeployment(d);
    return true;
  }

  /** ReplicaSet controller: create or delete pods to match replicas. */
  private reconcileDeployment(d: Deployment): void {
    for (const _ of this.reconcileDeploymentInSteps(d, Infinity)) { /* all at once */ }
  }

  private *reconcileDeploymentInSteps(d: Deployment, chunk: number): Generator<number, void> {
    const keys = this.podsOf.get(podKey(d.namespace, d.name)) ?? new Set<string>();
    const active = keys.size - (this.terminating.get(podKey(d.namespace, d.name)) ?? 0);
    if (active === d.replicas) return;
    const owned: Pod[] = [];
    if (active > d.replicas) {
      for (const k of keys) {
        const p = this.pods.get(k);
        if (p && p.phase !== 'Terminating') owned.push(p);
      }
    }
    if (active < d.replicas) {
      for (let i = active; i < d.replicas; i++) {
        const name = this.generateName(d.namespace, `${d.name}-${d.templateHash}-`, d.namespace === 'kube-system' ? this.addonRandom : this.random);
        this.newPod(d.namespace, name, d.name, false, { ...d.labels, 'pod-template-hash': d.templateHash }, d);
        if ((i - active + 1) % chunk === 0) yield i - active + 1;
      }
      this.requestScheduling();
    } else {
      // getPodsToDelete: unscheduled first, then not running, then the newest.
      const rank = (p: Pod) => (p.node ? 1 : 0) * 10 + (p.phase === 'Running' ? 2 : 0);
      owned.sort((a, b) => rank(a) - rank(b) || b.createdAtMs - a.createdAtMs || (a.name < b.name ? 1 : -1));
      for (const p of owned.slice(0, owned.length - d.replicas)) this.deletePod(p.key, true);
    }
  }

  /**
   * metadata.generateName: a 5-character random suffix; on a clash the API server answers
   * AlreadyExists and the controller tries another name (at 8,000 pods clashes do happen).
   */
  private generateName(namespace: string, prefix: string, random: Random = this.random): string {
    for (;;) {
      const name = prefix + safeString(random, 5);
      if (!this.pods.has(podKey(namespace, name))) return name;
    }
  }

  private newPod(namespace: string, name: string, deployment: string | undefined, hostNetwork: boolean, labels: Record<string, string>, d?: Deployment): Pod {
    const key = podKey(namespace, name);
    const h = (namespace === 'kube-system' ? this.addonRandom : this.random).hex(32);
    const uid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
    const pod: Pod = { namespace, name, key, uid, deployment, phase: 'Pending', hostNetwork, labels, createdAtMs: this.queue.nowMs, restarts: 0, ordinal: this.created++ };
    if (d?.nodeSelector && Object.keys(d.nodeSelector).length > 0) pod.nodeSelector = d.nodeSelector;
    if (d?.ports) pod.containerPorts = d.ports;
    if (d?.readinessProbe) pod.readinessProbe = d.readinessProbe;
    if (!hostNetwork) this.hooks.admit?.(pod);
    this.pods.set(key, pod);
    this.changes.added('pod', key);
    if (!hostNetwork) this.unscheduled.add(key);
    if (deployment) {
      const dk = podKey(namespace, deployment);
      if (!this.podsOf.has(dk)) this.podsOf.set(dk, new Set());
      this.podsOf.get(dk)!.add(key);
    }
    return pod;
  }

  /** Drops a pod object from every index. */
  private forget(key: string): void {
    const pod = this.pods.get(key);
    if (!pod) return;
    this.pods.delete(key);
    this.changes.removed('pod', key, pod.uid);
    this.unscheduled.delete(key);
    if (pod.deployment) {
      const dk = podKey(pod.namespace, pod.deployment);
      this.podsOf.get(dk)?.delete(key);
      if (pod.phase === 'Terminating') this.terminating.set(dk, (this.terminating.get(dk) ?? 1) - 1);
      if (pod.phase === 'Running') {
        this.running.set(dk, (this.running.get(dk) ?? 1) - 1);
        this.changes.changed('deployment', dk);
      }
    }
  }

  // ---- pod deletion ------------------------------------------------------------

  /** kubectl delete pod: Terminating, then the kubelet tears the sandbox down (CNI DEL). */
  deletePod(key: string, byController = false): boolean {
    const pod = this.pods.get(key);
    if (!pod || pod.phase === 'Terminating' || pod.hostNetwork) return false;
    if (!pod.node) {
      this.forget(key);
      this.hooks.gone?.(pod, undefined);
      // The ReplicaSet itself deleting surplus pods must not reconcile again (it is mid-way).
      if (!byController) this.afterPodGone(pod);
      return true;
    }
    this.setPhase(pod, 'Terminating');
    pod.deletionAtMs = this.queue.nowMs;
    this.podChanged(pod);
    if (pod.deployment) {
      const dk = podKey(pod.namespace, pod.deployment);
      this.terminating.set(dk, (this.terminating.get(dk) ?? 0) + 1);
    }
    this.emit({ type: 'Normal', reason: 'Killing', object: `pod/${key}`, message: 'Stopping container app', source: 'kubelet', node: pod.node, touches: [key] }, pod);
    this.queue.after(TERMINATION_MS + this.random.int(1000), () => {
      const node = pod.node ? this.nodes.get(pod.node) : undefined;
      if (node) {
        if (pod.ip !== undefined && !pod.hostNetwork && !pod.branchEniId) node.ipamd.delNetwork(key);
        node.pods.delete(key);
        this.changes.changed('node', node.name);
      }
      this.forget(key);
      this.hooks.gone?.(pod, node);
      this.afterPodGone(pod);
    });
    return true;
  }

  private afterPodGone(pod: Pod): void {
    if (pod.deployment) {
      const d = this.deployments.get(podKey(pod.namespace, pod.deployment));
      if (d) this.reconcileDeployment(d);
    }
    if (this.unscheduled.size) this.requestScheduling();
  }

  // ---- scheduler ---------------------------------------------------------------

  requestScheduling(): void {
    this.scheduler.request();
  }

  /** `vpc.amazonaws.com/pod-eni` requested by the pods bound to a node. */
  podEniUsed(node: KNode): number {
    return this.scheduler.podEniUsed(node);
  }

  private bind(pod: Pod, node: KNode): void {
    this.scheduler.waiting.delete(pod.key);
    pod.node = node.name;
    this.setReason(pod, undefined, undefined);
    this.changes.changed('pod', pod.key);
    node.pods.add(pod.key);
    this.changes.changed('node', node.name);
    this.hooks.bound?.(pod, node);
    this.emit({ type: 'Normal', reason: 'Scheduled', object: `pod/${pod.key}`, message: scheduledMessage(pod.namespace, pod.name, node.name), source: 'default-scheduler', node: node.name, touches: [pod.key, node.name] }, pod);
    this.setPhase(pod, 'ContainerCreating');
    pod.kubeletBusy = true;
    this.queue.after(200 + this.random.int(400), () => this.createSandbox(pod));
  }

  // ---- kubelet -------------------------------------------------------------------

  /** RunPodSandbox → CNI ADD → ipamd AddNetwork. */
  private createSandbox(pod: Pod): void {
    pod.kubeletBusy = false;
    if (this.pods.get(pod.key) !== pod || pod.phase !== 'ContainerCreating') return;
    const node = this.nodes.get(pod.node!);
    if (!node) return;
    const env = node.ipamd.env;
    const confError = node.ipamd.status === 'running' ? pluginConfError(env) : undefined;
    if (confError) return this.sandboxFailed(pod, node, { cniError: confError });
    const result = pod.podEni
      ? node.ipamd.addBranchNetwork(pod.key, pod.annotations?.[POD_ENI_RESOURCE])
      : node.ipamd.addNetwork(pod.key);
    if (!result.ok) return this.sandboxFailed(pod, node, node.ipamd.status === 'running' ? 'no-ip' : 'ipamd-unreachable');
    const veth = pluginHostVeth(env, pod.namespace, pod.name, 'branch' in result);
    if (!veth.ok) {
      // The plugin hands the address back (DelNetwork, reason SetupNSFailed) before failing.
      if (!('branch' in result)) node.ipamd.delNetwork(pod.key, 'SetupNSFailed');
      return this.sandboxFailed(pod, node, { cniError: veth.error });
    }
    pod.hostVethPrefix = veth.prefix;
    if ('branch' in result) {
      pod.ip = result.branch.ip;
      pod.eniId = result.branch.eniId;
      pod.branchEniId = result.branch.eniId;
    } else {
      pod.ip = result.assignment.addr.ip;
      pod.eniId = result.assignment.eni.id;
    }
    pod.sandboxFailure = undefined;
    this.setReason(pod, undefined, undefined);
    this.changes.changed('pod', pod.key);
    // Its address: the node's network (a veth, routes, rules) and its NoIpAvailable count.
    this.changes.changed('node', node.name);
    pod.kubeletBusy = true;
    this.podChanged(pod);
    // Image already cached: the container starts a moment after the sandbox.
    this.queue.after(800 + this.random.int(1200), () => {
      pod.kubeletBusy = false;
      if (this.pods.get(pod.key) === pod && pod.phase === 'ContainerCreating') {
        this.setPhase(pod, 'Running');
        this.emit({ type: 'Normal', reason: 'Started', object: `pod/${pod.key}`, message: 'Started container app', source: 'kubelet', node: node.name, touches: [pod.key, formatIpv4(pod.ip!)] }, pod);
        this.probeReadiness(pod, (pod.readinessProbe?.initialDelaySeconds ?? 0) * 1000);
        this.podChanged(pod);
      }
    });
  }

  /** CNI ADD failed: FailedCreatePodSandBox with a new sandbox id, and kubelet retries. */
  private sandboxFailed(pod: Pod, node: KNode, cause: SandboxFailure): void {
    // A new sandbox per attempt; its id only surfaces in the failure event.
    pod.sandboxId = sandboxId(this.random);
    pod.sandboxFailure = cause;
    // The node's NoIpAvailable warning counts the pods stuck here (by reason and cause).
    this.changes.changed('node', node.name);
    const message = failedCreatePodSandBoxMessage(pod.sandboxId, cause);
    this.setReason(pod, 'FailedCreatePodSandBox', message);
    this.emit({ type: 'Warning', reason: 'FailedCreatePodSandBox', object: `pod/${pod.key}`, message, source: 'kubelet', node: node.name, touches: [pod.key, node.name] }, pod);
    pod.kubeletBusy = true;
    this.queue.after(KUBELET_RETRY_MS + this.random.int(2000), () => this.createSandbox(pod));
  }
}
