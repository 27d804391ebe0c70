/**
 * Services as the API server holds them once created (ClusterIP and NodePorts allocated,
 * the load balancer controller's webhook applied), and their endpoints as the EndpointSlice
 * controller derives them from pods.
 */
import type { ServicePortSpec, ServiceSpec } from '../../spec.ts';

/** One service port with its NodePort allocated (0: none). */
export interface ServicePort extends ServicePortSpec {
  nodePort?: number;
}

/** One endpoint: a selected pod with an address (or, for `default/kubernetes`, an API server). */
export interface EndpointState {
  /** `namespace/name` of the pod; absent for endpoints no pod backs (the API servers). */
  podKey?: string;
  podName?: string;
  podUid?: string;
  ip: string;
  nodeName?: string;
  zone?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The resolved target port per service port index; undefined where a named port does not resolve. */
  ports: (number | undefined)[];
  /** When the pod was created (EndpointSlice order). */
  createdAtMs: number;
}

export interface ServiceObject {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  spec: ServiceSpec;
  /** After the LBC webhook (LoadBalancer Services without a class get `service.k8s.aws/nlb`). */
  loadBalancerClass?: string;
  clusterIP: string;
  ports: ServicePort[];
  /** `spec.healthCheckNodePort` (LoadBalancer + externalTrafficPolicy Local), else 0. */
  healthCheckNodePort: number;
  createdAtMs: number;
  /** `status.loadBalancer.ingress[0].hostname`, once the load balancer controller has one. */
  loadBalancerHostname?: string;
  /** Endpoints by pod key (or API server address). */
  endpoints: Map<string, EndpointState>;
  /** Bumped whenever the spec or an endpoint changes; consumers cache by it. */
  version: number;
  /** Simulated time of the last change (kube-proxy rewrites the service's chains then). */
  changedAtMs: number;
}

/** Endpoint equality on what consumers read (conditions, address, node, ports). */
export function sameEndpoint(a: EndpointState, b: EndpointState): boolean {
  return a.ip === b.ip && a.ready === b.ready && a.serving === b.serving && a.terminating === b.terminating
    && a.nodeName === b.nodeName && a.zone === b.zone && a.ports.length === b.ports.length && a.ports.every((p, i) => p === b.ports[i]);
}

/** `metadata.labels` ⊇ selector. */
export function selectorMatches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}
