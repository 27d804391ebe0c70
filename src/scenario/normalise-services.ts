/**
 * Defaults of the Kubernetes networking part of the format (docs/scenario-format.md,
 * "Services and Ingresses"), and the way back to a compact document. The Service defaults are
 * the API server's (type ClusterIP, protocol TCP, targetPort = port, traffic policies Cluster,
 * affinity None with a 10800 s timeout); a missing selector means `{app: <name>}`, as a
 * deployment's default labels do, and `{}` means none.
 */
import { defaultClusterNetwork } from '../sim/k8s/services/cluster-network.ts';
import type {
  ClusterNetworkSpec, ContainerPortSpec, DeploymentSpec, IngressSpec, NamespaceSpec, ReadinessProbeSpec, ServicePortSpec, ServiceSpec,
} from '../sim/spec.ts';
import type { IngressJson, ServiceJson } from './service-json.ts';
import { DEFAULT_NAMESPACE } from './defaults.ts';

export const DEFAULT_AFFINITY_TIMEOUT = 10800;
/** Kubernetes' probe defaults. */
export const DEFAULT_PROBE: ReadinessProbeSpec = { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 };

type Dict = Readonly<Record<string, string>>;
const sameDict = (a: Dict, b: Dict) => Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => b[k] === a[k]);
const nonEmpty = (m: Dict) => (Object.keys(m).length ? { ...m } : undefined);
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as T;
}

export function normaliseService(s: ServiceJson): ServiceSpec {
  const selector = s.selector ?? { app: s.name };
  return {
    name: s.name,
    namespace: s.namespace ?? DEFAULT_NAMESPACE,
    type: s.type ?? 'ClusterIP',
    ...(s.clusterIP !== undefined ? { clusterIP: s.clusterIP } : {}),
    ...(Object.keys(selector).length ? { selector: { ...selector } } : {}),
    ports: s.ports.map((p): ServicePortSpec => ({
      ...(p.name !== undefined ? { name: p.name } : {}),
      protocol: p.protocol ?? 'TCP',
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
    })),
    externalTrafficPolicy: s.externalTrafficPolicy ?? 'Cluster',
    internalTrafficPolicy: s.internalTrafficPolicy ?? 'Cluster',
    sessionAffinity: s.sessionAffinity ?? 'None',
    sessionAffinityTimeoutSeconds: s.sessionAffinityTimeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT,
    ...(s.loadBalancerClass !== undefined ? { loadBalancerClass: s.loadBalancerClass } : {}),
    labels: { ...s.labels },
    annotations: { ...s.annotations },
  };
}

export function serviceJson(s: ServiceSpec): ServiceJson {
  return compact({
    name: s.name,
    namespace: s.namespace === DEFAULT_NAMESPACE ? undefined : s.namespace,
    type: s.type === 'ClusterIP' ? undefined : s.type,
    clusterIP: s.clusterIP,
    selector: s.selector === undefined ? {} : sameDict(s.selector, { app: s.name }) ? undefined : { ...s.selector },
    ports: s.ports.map((p) => compact({
      name: p.name,
      protocol: p.protocol === 'TCP' ? undefined : p.protocol,
      port: p.port,
      targetPort: p.targetPort === p.port ? undefined : p.targetPort,
      nodePort: p.nodePort,
    })),
    externalTrafficPolicy: s.externalTrafficPolicy === 'Cluster' ? undefined : s.externalTrafficPolicy,
    internalTrafficPolicy: s.internalTrafficPolicy === 'Cluster' ? undefined : s.internalTrafficPolicy,
    sessionAffinity: s.sessionAffinity === 'None' ? undefined : s.sessionAffinity,
    sessionAffinityTimeoutSeconds: s.sessionAffinityTimeoutSeconds === DEFAULT_AFFINITY_TIMEOUT ? undefined : s.sessionAffinityTimeoutSeconds,
    loadBalancerClass: s.loadBalancerClass,
    labels: nonEmpty(s.labels),
    annotations: nonEmpty(s.annotations),
  });
}

type BackendJson = { service: { name: string; port: { number?: number; name?: string } } };
const backendPort = (b: BackendJson): number | string => b.service.port.number ?? b.service.port.name ?? 0;
const backendJson = (service: string, port: number | string): BackendJson =>
  ({ service: { name: service, port: typeof port === 'number' ? { number: port } : { name: port } } });

export function normaliseIngress(i: IngressJson): IngressSpec {
  return {
    name: i.name,
    namespace: i.namespace ?? DEFAULT_NAMESPACE,
    ...(i.ingressClassName !== undefined ? { ingressClassName: i.ingressClassName } : {}),
    annotations: { ...i.annotations },
    ...(i.defaultBackend ? { defaultBackend: { service: i.defaultBackend.service.name, port: backendPort(i.defaultBackend) } } : {}),
    paths: (i.rules ?? []).flatMap((r) => r.http.paths.map((p) => ({
      ...(r.host !== undefined ? { host: r.host } : {}),
      path: p.path ?? '/',
      pathType: p.pathType ?? 'Prefix',
      service: p.backend.service.name,
      port: backendPort(p.backend),
    }))),
  };
}

export function ingressJson(i: IngressSpec): IngressJson {
  // Paths of the same host are one rule again, in their order.
  const rules: NonNullable<IngressJson['rules']> = [];
  for (const p of i.paths) {
    const path = compact({ path: p.path === '/' ? undefined : p.path, pathType: p.pathType === 'Prefix' ? undefined : p.pathType, backend: backendJson(p.service, p.port) });
    const last = rules[rules.length - 1];
    if (last && last.host === p.host) last.http.paths.push(path);
    else rules.push(compact({ host: p.host, http: { paths: [path] } }));
  }
  return compact({
    name: i.name,
    namespace: i.namespace === DEFAULT_NAMESPACE ? undefined : i.namespace,
    ingressClassName: i.ingressClassName,
    annotations: nonEmpty(i.annotations),
    defaultBackend: i.defaultBackend ? backendJson(i.defaultBackend.service, i.defaultBackend.port) : undefined,
    rules: rules.length ? rules : undefined,
  });
}

export function normaliseNamespace(n: { name: string; labels?: Record<string, string> }): NamespaceSpec {
  return { name: n.name, labels: { ...n.labels } };
}

export function normaliseCluster(c: { serviceIpv4Cidr?: string; kubeProxyMode?: 'iptables' | 'ipvs'; controlPlaneSubnets?: string[] } | undefined, vpcCidrs: readonly string[]): ClusterNetworkSpec {
  const d = defaultClusterNetwork(vpcCidrs);
  return {
    serviceIpv4Cidr: c?.serviceIpv4Cidr ?? d.serviceIpv4Cidr,
    kubeProxyMode: c?.kubeProxyMode ?? d.kubeProxyMode,
    ...(c?.controlPlaneSubnets ? { controlPlaneSubnets: [...c.controlPlaneSubnets] } : {}),
  };
}

export function clusterJson(c: ClusterNetworkSpec | undefined, vpcCidrs: readonly string[]) {
  if (!c) return undefined;
  const d = defaultClusterNetwork(vpcCidrs);
  const out = compact({
    serviceIpv4Cidr: c.serviceIpv4Cidr === d.serviceIpv4Cidr ? undefined : c.serviceIpv4Cidr,
    kubeProxyMode: c.kubeProxyMode === d.kubeProxyMode ? undefined : c.kubeProxyMode,
    controlPlaneSubnets: c.controlPlaneSubnets ? [...c.controlPlaneSubnets] : undefined,
  });
  return Object.keys(out).length ? out : undefined;
}

/** A deployment's container ports and readiness probe with their defaults. */
export function normaliseDeploymentExtras(dep: { ports?: { name?: string; containerPort: number; protocol?: 'TCP' | 'UDP' }[]; readinessProbe?: Partial<ReadinessProbeSpec> }): Pick<DeploymentSpec, 'ports' | 'readinessProbe'> {
  return {
    ...(dep.ports ? { ports: dep.ports.map((p): ContainerPortSpec => ({ ...(p.name !== undefined ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })) } : {}),
    ...(dep.readinessProbe ? { readinessProbe: { ...DEFAULT_PROBE, ...compact(dep.readinessProbe) } } : {}),
  };
}

export function deploymentExtrasJson(dep: DeploymentSpec) {
  return {
    ports: dep.ports?.map((p) => compact({ name: p.name, containerPort: p.containerPort, protocol: p.protocol === 'TCP' ? undefined : p.protocol })),
    readinessProbe: dep.readinessProbe ? compact({
      initialDelaySeconds: dep.readinessProbe.initialDelaySeconds === DEFAULT_PROBE.initialDelaySeconds ? undefined : dep.readinessProbe.initialDelaySeconds,
      periodSeconds: dep.readinessProbe.periodSeconds === DEFAULT_PROBE.periodSeconds ? undefined : dep.readinessProbe.periodSeconds,
      failureThreshold: dep.readinessProbe.failureThreshold === DEFAULT_PROBE.failureThreshold ? undefined : dep.readinessProbe.failureThreshold,
    }) : undefined,
  };
}

/**
 * The add-ons part: CoreDNS's replica count when given, and whether the AWS Load Balancer
 * Controller runs — as given, else yes exactly when the scenario has a LoadBalancer Service or
 * an Ingress (at the start or in its timeline): the workshop installs it before either.
 */
export function normaliseAddons(
  a: { coredns?: { replicaCount: number }; awsLoadBalancerController?: boolean } | undefined,
  services: readonly { type?: string }[], ingresses: boolean, commands: readonly { type: string; service?: unknown }[],
): { addons?: NonNullable<import('../sim/spec.ts').ScenarioSpec['addons']> } {
  const wantsLbc = ingresses || services.some((s) => s.type === 'LoadBalancer')
    || commands.some((c) => c.type === 'addIngress' || (c.type === 'addService' && (c.service as { type?: string }).type === 'LoadBalancer'));
  const lbc = a?.awsLoadBalancerController ?? wantsLbc;
  if (!a?.coredns && !lbc) return {};
  return { addons: { ...(a?.coredns ? { coredns: { replicaCount: a.coredns.replicaCount } } : {}), ...(lbc ? { awsLoadBalancerController: true } : {}) } };
}

/** The add-ons as a compact document: the controller only when it differs from what the scenario implies. */
export function addonsJson(spec: import('../sim/spec.ts').ScenarioSpec): { coredns?: { replicaCount: number }; awsLoadBalancerController?: boolean } | undefined {
  const implied = normaliseAddons(undefined, spec.services ?? [], (spec.ingresses ?? []).length > 0, spec.timeline.map((t) => t.command as { type: string; service?: unknown })).addons?.awsLoadBalancerController ?? false;
  const lbc = spec.addons?.awsLoadBalancerController ?? false;
  const out = { ...(spec.addons?.coredns ? { coredns: { replicaCount: spec.addons.coredns.replicaCount } } : {}), ...(lbc !== implied ? { awsLoadBalancerController: lbc } : {}) };
  return Object.keys(out).length ? out : undefined;
}
