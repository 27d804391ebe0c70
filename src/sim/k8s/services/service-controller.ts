/**
 * Services and their endpoints: the API server's part (allocating ClusterIPs and NodePorts,
 * the load balancer controller's mutating webhook) and the EndpointSlice controller's (which
 * pods a Service selects, and each endpoint's ready/serving/terminating conditions).
 *
 * Endpoints are kept per pod and updated as pods change, so a pod event costs only the
 * Services of its namespace; EndpointSlices are cut from them when someone reads them.
 */
import type { EventQueue } from '../../clock/event-queue.ts';
import type { Random } from '../../clock/random.ts';
import { formatIpv4 } from '../../net/ipv4.ts';
import type { ClusterNetworkSpec, ServiceSpec } from '../../spec.ts';
import type { Cluster } from '../cluster.ts';
import { podReady, type Pod } from '../objects.ts';
import { ServiceAllocator } from './allocator.ts';
import { type EndpointState, sameEndpoint, selectorMatches, type ServiceObject } from './objects.ts';

/** The class the AWS Load Balancer Controller's webhook sets on new LoadBalancer Services. */
const LBC_WEBHOOK_CLASS = 'service.k8s.aws/nlb';

export type ServiceResult = { ok: true; service: ServiceObject } | { ok: false; error: string };

export class ServiceController {
  readonly services = new Map<string, ServiceObject>();
  private readonly byNamespace = new Map<string, Set<ServiceObject>>();
  readonly allocator: ServiceAllocator;
  /** Called after a Service or its endpoints changed (and with `deleted` once it is gone). */
  listeners: ((svc: ServiceObject, deleted: boolean) => void)[] = [];

  constructor(
    private readonly queue: EventQueue,
    private readonly random: Random,
    private readonly cluster: Cluster,
    readonly network: ClusterNetworkSpec,
  ) {
    this.allocator = new ServiceAllocator(network.serviceIpv4Cidr, random.fork('allocator'));
  }

  /** Creates a Service; the API server's answer when something is refused. */
  add(spec: ServiceSpec): ServiceResult {
    const key = `${spec.namespace}/${spec.name}`;
    if (this.services.has(key)) return { ok: false, error: `services "${spec.name}" already exists` };
    let clusterIP = spec.clusterIP;
    if (clusterIP !== undefined) {
      if (!this.allocator.takeIp(clusterIP)) return { ok: false, error: `Service "${spec.name}" is invalid: spec.clusterIPs: Invalid value: "${clusterIP}": failed to allocate IP ${clusterIP}: provided IP is already allocated or not in the valid range` };
    } else {
      clusterIP = this.allocator.allocateIp();
      if (!clusterIP) return { ok: false, error: `Internal error occurred: failed to allocate a serviceIP: range is full` };
    }
    const taken: number[] = [];
    const undo = (error: string): ServiceResult => {
      this.allocator.releaseIp(clusterIP);
      for (const p of taken) this.allocator.releaseNodePort(p);
      return { ok: false, error };
    };
    const external = spec.type !== 'ClusterIP';
    const ports = [];
    for (const p of spec.ports) {
      let nodePort: number | undefined;
      if (external) {
        nodePort = p.nodePort ?? this.allocator.allocateNodePort();
        if (nodePort === undefined) return undo('Internal error occurred: failed to allocate a nodePort: range is full');
        if (p.nodePort !== undefined && !this.allocator.takeNodePort(p.nodePort) && !taken.includes(p.nodePort)) {
          return undo(`Service "${spec.name}" is invalid: spec.ports[${ports.length}].nodePort: Invalid value: ${p.nodePort}: provided port is already allocated`);
        }
        if (!taken.includes(nodePort)) taken.push(nodePort);
      }
      ports.push({ ...p, ...(nodePort !== undefined ? { nodePort } : {}) });
    }
    let healthCheckNodePort = 0;
    if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
      const hc = this.allocator.allocateNodePort();
      if (hc === undefined) return undo('Internal error occurred: failed to allocate a healthCheckNodePort: range is full');
      healthCheckNodePort = hc;
    }
    const h = this.random.hex(32);
    const svc: ServiceObject = {
      key, namespace: spec.namespace, name: spec.name,
      uid: `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`,
      spec, clusterIP, ports, healthCheckNodePort, createdAtMs: this.queue.nowMs,
      ...(spec.type === 'LoadBalancer' ? { loadBalancerClass: spec.loadBalancerClass ?? LBC_WEBHOOK_CLASS } : {}),
      endpoints: new Map(), version: 1, changedAtMs: this.queue.nowMs,
    };
    this.services.set(key, svc);
    let ns = this.byNamespace.get(svc.namespace);
    if (!ns) this.byNamespace.set(svc.namespace, (ns = new Set()));
    ns.add(svc);
    if (spec.selector) {
      for (const pod of this.cluster.pods.values()) {
        if (pod.namespace !== svc.namespace || !selectorMatches(spec.selector, pod.labels)) continue;
        const e = this.endpointOf(svc, pod);
        if (e) svc.endpoints.set(pod.key, e);
      }
    }
    this.notify(svc, false);
    return { ok: true, service: svc };
  }

  /** Deletes a Service; false when there is none. */
  delete(key: string): boolean {
    const svc = this.services.get(key);
    if (!svc) return false;
    this.services.delete(key);
    this.byNamespace.get(svc.namespace)?.delete(svc);
    this.allocator.releaseIp(svc.clusterIP);
    for (const p of svc.ports) if (p.nodePort) this.allocator.releaseNodePort(p.nodePort);
    if (svc.healthCheckNodePort) this.allocator.releaseNodePort(svc.healthCheckNodePort);
    svc.version++;
    svc.changedAtMs = this.queue.nowMs;
    this.notify(svc, true);
    return true;
  }

  /** Endpoints a selector-less Service gets from elsewhere (the API servers of `default/kubernetes`). */
  setStaticEndpoints(svc: ServiceObject, endpoints: EndpointState[]): void {
    svc.endpoints = new Map(endpoints.map((e) => [e.ip, e]));
    this.bump(svc);
  }

  /** A pod changed: update its endpoint in every Service of its namespace that selects it. */
  podChanged(pod: Pod): void {
    const services = this.byNamespace.get(pod.namespace);
    if (!services) return;
    for (const svc of services) {
      if (!svc.spec.selector || !selectorMatches(svc.spec.selector, pod.labels)) continue;
      const next = this.endpointOf(svc, pod);
      const prev = svc.endpoints.get(pod.key);
      if (!next && !prev) continue;
      if (next && prev && sameEndpoint(prev, next)) continue;
      if (next) svc.endpoints.set(pod.key, next);
      else svc.endpoints.delete(pod.key);
      this.bump(svc);
    }
  }

  /** The pod object is gone: its endpoints go with it. */
  podGone(pod: Pod): void {
    for (const svc of this.byNamespace.get(pod.namespace) ?? []) {
      if (svc.endpoints.delete(pod.key)) this.bump(svc);
    }
  }

  /** The Services of a namespace that select these labels. */
  selecting(namespace: string, labels: Readonly<Record<string, string>>): ServiceObject[] {
    return [...(this.byNamespace.get(namespace) ?? [])].filter((s) => s.spec.selector && selectorMatches(s.spec.selector, labels));
  }

  /** Marks a Service changed (status updates included) and tells the listeners. */
  bump(svc: ServiceObject): void {
    svc.version++;
    svc.changedAtMs = this.queue.nowMs;
    this.notify(svc, false);
  }

  private notify(svc: ServiceObject, deleted: boolean): void {
    for (const l of this.listeners) l(svc, deleted);
  }

  /**
   * `ShouldPodBeInEndpoints` and the slice conditions: a pod with an address is an endpoint;
   * ready = Ready and not terminating, serving = Ready, terminating = being deleted.
   */
  private endpointOf(svc: ServiceObject, pod: Pod): EndpointState | undefined {
    if (pod.ip === undefined || pod.phase === 'Pending') return undefined;
    const node = pod.node ? this.cluster.nodes.get(pod.node) : undefined;
    const ready = (pod.phase === 'Running' || pod.phase === 'Terminating') && podReady(pod);
    const terminating = pod.phase === 'Terminating';
    return {
      podKey: pod.key, podName: pod.name, podUid: pod.uid,
      ip: formatIpv4(pod.ip),
      ...(pod.node ? { nodeName: pod.node } : {}),
      ...(node ? { zone: node.availabilityZone } : {}),
      ready: ready && !terminating,
      serving: ready,
      terminating,
      ports: svc.ports.map((p) => {
        if (typeof p.targetPort === 'number') return p.targetPort;
        return pod.containerPorts?.find((c) => c.name === p.targetPort && c.protocol === p.protocol)?.containerPort;
      }),
      createdAtMs: pod.createdAtMs,
    };
  }
}
