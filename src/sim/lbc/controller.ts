/**
 * The AWS Load Balancer Controller (services-and-load-balancers.md 4): for each LoadBalancer
 * Service of class `service.k8s.aws/nlb` an NLB, and for each Ingress of class `alb` an ALB,
 * with one target group and one TargetGroupBinding per backend port; the TargetGroupBinding
 * reconciler registers and deregisters targets as endpoints come and go, and keeps the pods'
 * readiness-gate conditions in step with target health (it polls ELB every 15 s while a gate
 * is pending). Its ELBv2 calls are CloudTrail records; its verdicts are Kubernetes events
 * (`SuccessfullyReconciled`, `FailedBuildModel`) from `service`, `ingress`, `targetGroupBinding`.
 *
 * It acts only while one of its pods runs (the Helm chart's Deployment in kube-system).
 */
import type { EventQueue } from '../clock/event-queue.ts';
import type { Cluster } from '../k8s/cluster.ts';
import { selectorMatches, type ServiceObject } from '../k8s/services/objects.ts';
import type { ServiceController } from '../k8s/services/service-controller.ts';
import type { Pod } from '../k8s/objects.ts';
import type { Elbv2 } from '../elbv2/elbv2.ts';
import type { LoadBalancer, Target, TargetGroup } from '../elbv2/model.ts';
import type { IngressSpec } from '../spec.ts';
import { deregistrationDelaySeconds, NLB_CLASS, parseIngressAnnotations, parseServiceAnnotations, preserveClientIp, type LbConfig } from './annotations.ts';
import { ingressLoadBalancerName, ingressTargetGroupName, serviceLoadBalancerName, serviceTargetGroupName } from './names.ts';
import { chooseSubnets, type SubnetFacts } from './subnets.ts';
import { wantedTargets } from './targets.ts';

/** The readiness-gate condition prefix and the namespace label that turns injection on (4.6). */
export const GATE_PREFIX = 'target-health.elbv2.k8s.aws/';
export const GATE_INJECT_LABEL = 'elbv2.k8s.aws/pod-readiness-gate-inject';
/** `--targetgroupbinding-requeue-duration`. */
export const REQUEUE_MS = 15_000;
/** How long after a change the controller's work queue gets to it. */
const QUEUE_DELAY_MS = 1_000;

/** A `elbv2.k8s.aws/v1beta1` TargetGroupBinding. */
export interface TargetGroupBinding {
  name: string;
  namespace: string;
  serviceName: string;
  /** `spec.serviceRef.port`: the Service port's number or name. */
  servicePort: number | string;
  portIndex: number;
  targetType: 'ip' | 'instance';
  targetGroupArn: string;
  createdAtMs: number;
  /** `service/<ns>/<name>` or `ingress/<ns>/<name>`. */
  owner: string;
  /** Endpoints + spec the last reconcile worked from (the controller's checkpoint). */
  checkpoint?: string;
}

/** An Ingress the controller knows, with what it built. */
export interface IngressObject {
  spec: IngressSpec;
  key: string;
  uid: string;
  createdAtMs: number;
  hostname?: string;
}

export interface LbcDeps {
  queue: EventQueue;
  cluster: Cluster;
  services: ServiceController;
  elbv2: Elbv2;
  clusterName: string;
  /** Subnets as the controller sees them (tags, AZ, free addresses). */
  subnets(): SubnetFacts[];
  namespaceLabels(ns: string): Readonly<Record<string, string>>;
  /** One of the controller's pods runs. */
  running(): boolean;
  /** The security groups it gives a load balancer (frontend + shared backend). */
  securityGroups(lbName: string): string[];
  event(e: { type: 'Normal' | 'Warning'; reason: string; object: string; message: string; source: string; touches: string[] }): void;
}

interface Built {
  lbArn?: string;
  tgbs: string[];
}

export class LoadBalancerController {
  readonly tgbs = new Map<string, TargetGroupBinding>();
  readonly ingresses = new Map<string, IngressObject>();
  private readonly built = new Map<string, Built>();
  private readonly pending = new Set<string>();
  /** When each binding's next reconcile is due (a sooner trigger does not wait for a requeue). */
  private readonly pendingTgb = new Map<string, number>();

  constructor(private readonly d: LbcDeps) {}

  // ---- triggers ---------------------------------------------------------------------

  /** A Service changed (spec, endpoints, or deleted). */
  serviceChanged(svc: ServiceObject, deleted: boolean): void {
    const owner = `service/${svc.key}`;
    if (deleted || this.handles(svc)) this.schedule(owner);
    for (const t of this.tgbs.values()) if (`${t.namespace}/${t.serviceName}` === svc.key) this.scheduleTgb(`${t.namespace}/${t.name}`);
    // An Ingress waiting for this Service may build now.
    for (const ing of this.ingresses.values()) if (!this.built.has(`ingress/${ing.key}`) && ing.spec.namespace === svc.namespace) this.schedule(`ingress/${ing.key}`);
  }

  /**
   * A pod changed: ip bindings of Services selecting it look again (the controller watches pods
   * too: ContainersReady decides registration of gated pods, which the endpoint does not show).
   */
  podChanged(pod: Pod): void {
    for (const t of this.tgbs.values()) {
      if (t.targetType !== 'ip' || t.namespace !== pod.namespace) continue;
      const svc = this.d.services.services.get(`${t.namespace}/${t.serviceName}`);
      if (svc?.spec.selector && selectorMatches(svc.spec.selector, pod.labels)) this.scheduleTgb(`${t.namespace}/${t.name}`);
    }
  }

  /** Nodes came, went, or changed readiness: instance targets follow. */
  nodesChanged(): void {
    for (const t of this.tgbs.values()) if (t.targetType === 'instance') this.scheduleTgb(`${t.namespace}/${t.name}`);
  }

  /** The controller's pod started running: it catches up with everything. */
  started(): void {
    for (const svc of this.d.services.services.values()) if (this.handles(svc)) this.schedule(`service/${svc.key}`);
    for (const ing of this.ingresses.values()) this.schedule(`ingress/${ing.key}`);
  }

  addIngress(spec: IngressSpec, uid: string): string | undefined {
    const key = `${spec.namespace}/${spec.name}`;
    if (this.ingresses.has(key)) return `ingresses.networking.k8s.io "${spec.name}" already exists`;
    this.ingresses.set(key, { spec, key, uid, createdAtMs: this.d.queue.nowMs });
    this.schedule(`ingress/${key}`);
    return undefined;
  }

  deleteIngress(key: string): boolean {
    if (!this.ingresses.delete(key)) return false;
    this.schedule(`ingress/${key}`);
    return true;
  }

  /** The mutating pod webhook: readiness gates for ip TargetGroupBindings whose Service selects the pod. */
  admitPod(pod: Pod): void {
    if (!this.d.running() || this.d.namespaceLabels(pod.namespace)[GATE_INJECT_LABEL] !== 'enabled') return;
    for (const t of this.tgbs.values()) {
      if (t.targetType !== 'ip' || t.namespace !== pod.namespace) continue;
      const svc = this.d.services.services.get(`${t.namespace}/${t.serviceName}`);
      if (!svc?.spec.selector || !selectorMatches(svc.spec.selector, pod.labels)) continue;
      (pod.readinessGates ??= {})[GATE_PREFIX + t.name] = { status: false, atMs: this.d.queue.nowMs };
    }
  }

  /** Does the controller take this Service (4.1)? */
  handles(svc: ServiceObject): boolean {
    return svc.spec.type === 'LoadBalancer' && svc.loadBalancerClass === NLB_CLASS;
  }

  private schedule(owner: string): void {
    if (this.pending.has(owner)) return;
    this.pending.add(owner);
    this.d.queue.after(QUEUE_DELAY_MS, () => {
      this.pending.delete(owner);
      if (!this.d.running()) return;
      if (owner.startsWith('service/')) this.reconcileService(owner.slice('service/'.length));
      else this.reconcileIngress(owner.slice('ingress/'.length));
    });
  }

  private scheduleTgb(key: string, delay = QUEUE_DELAY_MS): void {
    const due = this.d.queue.nowMs + delay;
    const pending = this.pendingTgb.get(key);
    if (pending !== undefined && pending <= due) return;
    this.pendingTgb.set(key, due);
    this.d.queue.at(due, () => {
      if (this.pendingTgb.get(key) === due) this.pendingTgb.delete(key);
      else return;
      if (this.d.running()) this.reconcileTgb(key);
    });
  }

  // ---- Services (NLB) -------------------------------------------------------------------

  private reconcileService(key: string): void {
    const owner = `service/${key}`;
    const svc = this.d.services.services.get(key);
    if (!svc || !this.handles(svc)) return this.teardown(owner);
    if (this.built.has(owner)) return;
    const parsed = parseServiceAnnotations(svc.spec.annotations, { etpLocal: svc.spec.externalTrafficPolicy === 'Local', healthCheckNodePort: svc.healthCheckNodePort });
    const fail = (why: string) => this.d.event({ type: 'Warning', reason: 'FailedBuildModel', object: owner, message: `Failed build model due to ${why}`, source: 'service', touches: [key] });
    if (parsed.errors.length) return fail(parsed.errors.map((e) => `failed to parse annotation ${e.key}: ${e.message}`).join('; '));
    const c = parsed.config;
    if (c.targetType === 'instance' && svc.ports.some((p) => !p.nodePort)) return fail("TargetGroup port is empty. When using Instance targets, your service be must of type 'NodePort' or 'LoadBalancer'");
    const subnets = chooseSubnets(this.d.subnets(), c.scheme, this.d.clusterName, 'network');
    if (!subnets.ok) return fail(subnets.error);
    const lbName = c.name ?? serviceLoadBalancerName(this.d.clusterName, svc.namespace, svc.name, svc.uid, c.scheme);
    const tags = { 'elbv2.k8s.aws/cluster': this.d.clusterName, 'service.k8s.aws/resource': 'LoadBalancer', 'service.k8s.aws/stack': key };
    const tgs: { tg: TargetGroup; index: number }[] = [];
    for (const [index, p] of svc.ports.entries()) {
      if (c.targetType === 'ip' && typeof p.targetPort === 'string' && !svc.spec.selector) return fail(`TargetGroup port is empty. Are you using the correct service type?`);
      const tgPort = c.targetType === 'instance' ? p.nodePort! : typeof p.targetPort === 'number' ? p.targetPort : 1;
      const protocol = p.protocol === 'UDP' ? 'UDP' : 'TCP';
      const name = serviceTargetGroupName(this.d.clusterName, svc.namespace, svc.name, svc.uid, {
        tgPort, svcPort: p.port, targetType: c.targetType, protocol, hcProtocol: c.healthCheck.protocol, hcInterval: c.healthCheck.intervalSeconds,
      });
      const tg = this.d.elbv2.createTargetGroup({
        name, protocol, port: tgPort, targetType: c.targetType, healthCheck: c.healthCheck, healthCheckPort: resolveHealthCheckPort(c, svc, index),
        tags: { ...tags, 'service.k8s.aws/resource': `${svc.namespace}/${svc.name}:${p.port}` },
      });
      const attrs = { ...c.tgAttributes };
      if (Object.keys(attrs).length) this.d.elbv2.modifyTargetGroupAttributes(tg, attrs);
      tg.deregistrationDelaySeconds = deregistrationDelaySeconds(c);
      tg.preserveClientIp = preserveClientIp(c);
      tgs.push({ tg, index });
    }
    const lb = this.d.elbv2.createLoadBalancer({
      name: lbName, type: 'network', scheme: c.scheme, subnets: subnets.subnets.map((s) => ({ id: s.id, zone: s.zone })),
      securityGroups: this.d.securityGroups(lbName), tags, crossZone: c.tgAttributes['load_balancing.cross_zone.enabled'] === 'true',
    });
    if (!lb) return this.d.event({ type: 'Warning', reason: 'FailedDeployModel', object: owner, message: 'Failed deploy model due to operation error Elastic Load Balancing v2: CreateLoadBalancer, InvalidSubnet: Not enough IP space available in subnet', source: 'service', touches: [key] });
    for (const { tg, index } of tgs) {
      const p = svc.ports[index];
      this.d.elbv2.createListener(lb, p.port, p.protocol === 'UDP' ? 'UDP' : 'TCP', tg);
    }
    const built: Built = { lbArn: lb.arn, tgbs: [] };
    for (const { tg, index } of tgs) built.tgbs.push(this.addTgb(tg, svc, index, svc.ports[index].name ?? svc.ports[index].port, c, owner));
    this.built.set(owner, built);
    svc.loadBalancerHostname = lb.dnsName;
    this.d.services.bump(svc);
    this.d.event({ type: 'Normal', reason: 'SuccessfullyReconciled', object: owner, message: 'Successfully reconciled', source: 'service', touches: [key] });
  }

  private addTgb(tg: TargetGroup, svc: ServiceObject, portIndex: number, servicePort: number | string, c: LbConfig, owner: string): string {
    const tgb: TargetGroupBinding = {
      name: tg.name, namespace: svc.namespace, serviceName: svc.name, servicePort, portIndex, targetType: c.targetType,
      targetGroupArn: tg.arn, createdAtMs: this.d.queue.nowMs, owner,
    };
    const key = `${tgb.namespace}/${tgb.name}`;
    this.tgbs.set(key, tgb);
    this.scheduleTgb(key, 0);
    return key;
  }

  private teardown(owner: string): void {
    const b = this.built.get(owner);
    if (!b) return;
    this.built.delete(owner);
    const lb = b.lbArn ? this.d.elbv2.loadBalancers.get(b.lbArn) : undefined;
    if (lb) this.d.elbv2.deleteLoadBalancer(lb);
    for (const key of b.tgbs) {
      const t = this.tgbs.get(key);
      if (!t) continue;
      this.tgbs.delete(key);
      const tg = this.d.elbv2.targetGroups.get(t.targetGroupArn);
      if (tg) this.d.elbv2.deleteTargetGroup(tg);
      // On TGB deletion the controller sets the gated pods' conditions True (4.6).
      for (const pod of this.d.cluster.pods.values()) if (pod.readinessGates?.[GATE_PREFIX + t.name]) this.d.cluster.setReadinessGate(pod, GATE_PREFIX + t.name, true);
    }
  }

  // ---- Ingresses (ALB) -------------------------------------------------------------------

  private reconcileIngress(key: string): void {
    const owner = `ingress/${key}`;
    const ing = this.ingresses.get(key);
    if (!ing) return this.teardown(owner);
    if (this.built.has(owner)) return;
    const spec = ing.spec;
    if ((spec.ingressClassName ?? spec.annotations['kubernetes.io/ingress.class']) !== 'alb') return;
    const fail = (why: string) => this.d.event({ type: 'Warning', reason: 'FailedBuildModel', object: owner, message: `Failed build model due to ${why}`, source: 'ingress', touches: [key] });
    const parsed = parseIngressAnnotations(spec.annotations);
    if (parsed.errors.length) return fail(parsed.errors.map((e) => `failed to parse annotation ${e.key}: ${e.message}`).join('; '));
    const c = parsed.config;
    const backends = [...spec.paths.map((p) => ({ service: p.service, port: p.port, path: p.path, exact: p.pathType === 'Exact' })),
      ...(spec.defaultBackend ? [{ service: spec.defaultBackend.service, port: spec.defaultBackend.port, path: '', exact: false }] : [])];
    const resolved: { svc: ServiceObject; index: number; path: string; exact: boolean }[] = [];
    for (const b of backends) {
      const svc = this.d.services.services.get(`${spec.namespace}/${b.service}`);
      if (!svc) return fail(`ingress: ${key}: services "${b.service}" not found`);
      const index = svc.ports.findIndex((p) => (typeof b.port === 'number' ? p.port === b.port : p.name === b.port));
      if (index < 0) return fail(`ingress: ${key}: unable to find port ${b.port} on service ${svc.key}`);
      if (c.targetType === 'instance' && !svc.ports[index].nodePort) return fail("TargetGroup port is empty. When using Instance targets, your service be must of type 'NodePort' or 'LoadBalancer'");
      resolved.push({ svc, index, path: b.path, exact: b.exact });
    }
    const subnets = chooseSubnets(this.d.subnets(), c.scheme, this.d.clusterName, 'application');
    if (!subnets.ok) return fail(`couldn't auto-discover subnets: ${subnets.error}`);
    const lbName = c.name ?? ingressLoadBalancerName(this.d.clusterName, spec.namespace, spec.name, c.scheme);
    const tags = { 'elbv2.k8s.aws/cluster': this.d.clusterName, 'ingress.k8s.aws/resource': 'LoadBalancer', 'ingress.k8s.aws/stack': key };
    const byTg = new Map<string, { tg: TargetGroup; svc: ServiceObject; index: number }>();
    for (const r of resolved) {
      const p = r.svc.ports[r.index];
      const tgPort = c.targetType === 'instance' ? p.nodePort! : typeof p.targetPort === 'number' ? p.targetPort : 1;
      const name = ingressTargetGroupName(this.d.clusterName, spec.namespace, spec.name, r.svc.namespace, r.svc.name, r.svc.uid, {
        svcPort: p.name ?? p.port, tgPort, targetType: c.targetType, protocol: 'HTTP', protocolVersion: 'HTTP1',
      });
      if (byTg.has(name)) continue;
      const tg = this.d.elbv2.createTargetGroup({
        name, protocol: 'HTTP', port: tgPort, targetType: c.targetType, healthCheck: c.healthCheck,
        healthCheckPort: resolveHealthCheckPort(c, r.svc, r.index), tags: { ...tags, 'ingress.k8s.aws/resource': `${spec.namespace}/${spec.name}-${r.svc.name}:${p.port}` },
      });
      if (Object.keys(c.tgAttributes).length) this.d.elbv2.modifyTargetGroupAttributes(tg, c.tgAttributes);
      tg.deregistrationDelaySeconds = deregistrationDelaySeconds(c);
      tg.preserveClientIp = false;
      byTg.set(name, { tg, svc: r.svc, index: r.index });
    }
    const lb = this.d.elbv2.createLoadBalancer({
      name: lbName, type: 'application', scheme: c.scheme, subnets: subnets.subnets.map((s) => ({ id: s.id, zone: s.zone })),
      securityGroups: this.d.securityGroups(lbName), tags, crossZone: true,
    });
    if (!lb) return this.d.event({ type: 'Warning', reason: 'FailedDeployModel', object: owner, message: 'Failed deploy model due to operation error Elastic Load Balancing v2: CreateLoadBalancer, InvalidSubnet: Not enough IP space available in subnet', source: 'ingress', touches: [key] });
    this.buildAlbListeners(lb, c.listenPorts, resolved, byTg, spec);
    const built: Built = { lbArn: lb.arn, tgbs: [] };
    for (const { tg, svc, index } of byTg.values()) built.tgbs.push(this.addTgb(tg, svc, index, svc.ports[index].name ?? svc.ports[index].port, c, owner));
    this.built.set(owner, built);
    ing.hostname = lb.dnsName;
    this.d.event({ type: 'Normal', reason: 'SuccessfullyReconciled', object: owner, message: 'Successfully reconciled', source: 'ingress', touches: [key] });
  }

  private buildAlbListeners(lb: LoadBalancer, ports: number[], resolved: { svc: ServiceObject; index: number; path: string; exact: boolean }[], byTg: Map<string, { tg: TargetGroup; svc: ServiceObject; index: number }>, spec: IngressSpec): void {
    const tgOf = (svc: ServiceObject, index: number) => [...byTg.values()].find((x) => x.svc === svc && x.index === index)!.tg;
    const fallback = spec.defaultBackend ? resolved[resolved.length - 1] : undefined;
    for (const port of ports) {
      const first = resolved[0];
      const l = this.d.elbv2.createListener(lb, port, 'HTTP', fallback ? tgOf(fallback.svc, fallback.index) : tgOf(first.svc, first.index));
      // Without a default backend the controller answers 404 for unmatched paths.
      if (!fallback) l.targetGroupArn = undefined;
      let priority = 1;
      for (const r of resolved) if (r.path) this.d.elbv2.createRule(lb, l, priority++, r.path, r.exact, tgOf(r.svc, r.index));
    }
  }

  // ---- TargetGroupBindings -------------------------------------------------------------------

  private reconcileTgb(key: string): void {
    const t = this.tgbs.get(key);
    if (!t) return;
    const svc = this.d.services.services.get(`${t.namespace}/${t.serviceName}`);
    const tg = this.d.elbv2.targetGroups.get(t.targetGroupArn);
    if (!svc || !tg) return;
    const wanted = wantedTargets(svc, t.portIndex, t.targetType, this.d.cluster);
    const checkpoint = wanted.map((w) => `${w.id}:${w.port}`).join(',');
    const gated = this.gatedPods(t, svc);
    const gatePending = gated.some((p) => !p.readinessGates?.[GATE_PREFIX + t.name]?.status);
    if (checkpoint === t.checkpoint && !gatePending) return;
    const current = this.d.elbv2.describeTargetHealth(tg);
    // Draining targets count as absent: a returning address is registered again.
    const live = new Map(current.filter((x) => x.state !== 'draining' && x.state !== 'unhealthy.draining').map((x) => [`${x.id}:${x.port}`, x]));
    const wantedKeys = new Set(wanted.map((w) => `${w.id}:${w.port}`));
    const toRegister = wanted.filter((w) => !live.has(`${w.id}:${w.port}`));
    const toDeregister = [...live.entries()].filter(([k]) => !wantedKeys.has(k)).map(([, x]) => x);
    this.d.elbv2.registerTargets(tg, toRegister.map((w) => ({ id: w.id, port: w.port, ...(w.zone ? { zone: w.zone } : {}) })));
    this.d.elbv2.deregisterTargets(tg, toDeregister);
    if (toRegister.length || toDeregister.length) {
      this.d.event({ type: 'Normal', reason: 'SuccessfullyReconciled', object: `targetgroupbinding/${key}`, message: 'Successfully reconciled', source: 'targetGroupBinding', touches: [key] });
    }
    t.checkpoint = checkpoint;
    let stillPending = false;
    for (const pod of gated) {
      const target = pod.ip === undefined ? undefined : [...tg.targets.values()].find((x) => wanted.some((w) => w.podKey === pod.key && w.id === x.id && w.port === x.port));
      const cond = GATE_PREFIX + t.name;
      if (!target) this.d.cluster.setReadinessGate(pod, cond, false, 'Elb.RegistrationInProgress', 'Target registration is in progress');
      else if (target.state === 'healthy') this.d.cluster.setReadinessGate(pod, cond, true);
      else this.d.cluster.setReadinessGate(pod, cond, false, target.reason, target.description);
      if (!pod.readinessGates?.[cond]?.status) stillPending = true;
    }
    if (stillPending) this.scheduleTgb(key, REQUEUE_MS);
  }

  /** Pods carrying this binding's readiness gate. */
  private gatedPods(t: TargetGroupBinding, svc: ServiceObject): Pod[] {
    if (t.targetType !== 'ip') return [];
    const out: Pod[] = [];
    for (const e of svc.endpoints.values()) {
      const pod = e.podKey ? this.d.cluster.pods.get(e.podKey) : undefined;
      if (pod?.readinessGates && GATE_PREFIX + t.name in pod.readinessGates) out.push(pod);
    }
    return out;
  }

  /** The target group of a Service port, for the data path. */
  targetGroupOf(owner: string): TargetGroup[] {
    const b = this.built.get(owner);
    return (b?.tgbs ?? []).flatMap((k) => {
      const tg = this.tgbs.get(k) && this.d.elbv2.targetGroups.get(this.tgbs.get(k)!.targetGroupArn);
      return tg ? [tg] : [];
    });
  }

  loadBalancerOf(owner: string): LoadBalancer | undefined {
    const arn = this.built.get(owner)?.lbArn;
    return arn ? this.d.elbv2.loadBalancers.get(arn) : undefined;
  }
}

/** `HealthCheckPort`: traffic-port, a number, or a Service port name (→ NodePort for instance, targetPort for ip). */
function resolveHealthCheckPort(c: LbConfig, svc: ServiceObject, index: number): string {
  const port = c.healthCheck.port;
  if (port === 'traffic-port' || /^\d+$/.test(port)) return port;
  const p = svc.ports.find((x) => x.name === port) ?? svc.ports[index];
  return String(c.targetType === 'instance' ? p.nodePort ?? 'traffic-port' : typeof p.targetPort === 'number' ? p.targetPort : 'traffic-port');
}

export type { Target };
