/**
 * Meaning checks of Services, Ingresses, namespaces and the cluster's service network: names as
 * the API server validates them, addresses inside the service CIDR, NodePorts unique, named
 * targetPorts that some container port could match, and the AWS Load Balancer Controller
 * annotations the simulator models. Deployments' container ports are check-container-ports.ts
 * (every scenario needs those; the worker loads this file only for scenarios with Services).
 */
import { cidrContains, cidrsOverlap, cidrWithin, formatCidr, mustCidr, parseCidr } from '../sim/net/ipv4.ts';
import { readCidr, readIpv4 } from './addresses.ts';
import type { DeploymentSpec, IngressSpec, ScenarioSpec, ServiceSpec } from '../sim/spec.ts';
import { kubeDnsServiceIp, kubernetesServiceIp } from '../sim/k8s/services/cluster-network.ts';
import { checkLbcAnnotations } from './check-lbc-annotations.ts';
import { checkPortName } from './check-container-ports.ts';
import { issue, joinPath, said, type Said, type ScenarioIssue } from './issues.ts';
import * as rules from './name-rules.ts';
import { cutForMessage, quoteForMessage as q } from './quote.ts';

interface Sink {
  errors: ScenarioIssue[];
  warnings: ScenarioIssue[];
}

/** The objects every EKS cluster has; a scenario cannot define them again. */
export const RESERVED_SERVICES = new Set(['default/kubernetes', 'kube-system/kube-dns']);

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Kubernetes' check of a Service name (DNS-1035 label). */
export function checkServiceName(name: string): Said | undefined {
  if (name.length === 0) return said`must not be empty`;
  if (name.length > 63) return said`is ${name.length} characters; a Service name has at most 63`;
  if (!DNS1035_LABEL.test(name)) return said`${q(name)} is not a valid Service name (DNS-1035 label: lower-case letters, digits and "-", starting with a letter)`;
  return undefined;
}

function labels(map: Readonly<Record<string, string>>, path: string, out: ScenarioIssue[]): void {
  for (const [key, value] of Object.entries(map)) {
    const problem = rules.checkLabelKey(key) ?? rules.checkLabelValue(value);
    if (problem) out.push(issue(joinPath(path, key), problem));
  }
}

/** What a Service is checked against: the service CIDR and the NodePorts and IPs taken so far. */
export interface ServiceContext {
  serviceCidr?: string;
  /** ClusterIPs already taken, with who took them. */
  clusterIps: Map<string, string>;
  /** NodePorts already taken, with who took them. */
  nodePorts: Map<number, string>;
  deployments: readonly DeploymentSpec[];
}

/** Problems of one Service at `path`; records its ClusterIP and NodePorts in `ctx`. */
export function checkService(svc: ServiceSpec, path: string, ctx: ServiceContext, sink: Sink): void {
  const error = (p: string, s: Said) => sink.errors.push(issue(p, s));
  const warn = (p: string, s: Said) => sink.warnings.push(issue(p, s));
  const key = `${svc.namespace}/${svc.name}`;
  /** The key as messages show it (a hostile name is cut). */
  const shown = cutForMessage(key);
  const nameProblem = checkServiceName(svc.name);
  if (nameProblem) error(`${path}.name`, nameProblem);
  const nsProblem = rules.checkDns1123Label(svc.namespace);
  if (nsProblem) error(`${path}.namespace`, nsProblem);
  if (RESERVED_SERVICES.has(key)) error(`${path}.name`, said`${shown} is one of the Services every EKS cluster has; it cannot be defined again`);
  if (svc.selector) labels(svc.selector, `${path}.selector`, sink.errors);
  labels(svc.labels, `${path}.labels`, sink.errors);

  if (svc.clusterIP !== undefined) {
    const ip = readIpv4(svc.clusterIP);
    const range = ctx.serviceCidr ? parseCidr(ctx.serviceCidr) : undefined;
    if (!ip.ok) error(`${path}.clusterIP`, ip.error);
    else if (range?.ok && !cidrContains(range.value, ip.value)) error(`${path}.clusterIP`, said`${svc.clusterIP} is not inside the cluster's service CIDR ${ctx.serviceCidr ?? ''}`);
    else {
      const owner = ctx.clusterIps.get(svc.clusterIP);
      if (owner) error(`${path}.clusterIP`, said`${svc.clusterIP} is already the ClusterIP of ${owner}`);
      else ctx.clusterIps.set(svc.clusterIP, key);
    }
  }

  const names = new Set<string>();
  const portProto = new Set<string>();
  svc.ports.forEach((p, i) => {
    const pp = `${path}.ports[${i}]`;
    if (svc.ports.length > 1 && p.name === undefined) error(`${pp}.name`, said`is required when a Service has more than one port`);
    if (p.name !== undefined) {
      const problem = rules.checkDns1123Label(p.name);
      if (problem) error(`${pp}.name`, problem);
      if (names.has(p.name)) error(`${pp}.name`, said`${q(p.name)} names another port of this Service too`);
      names.add(p.name);
    }
    if (portProto.has(`${p.port}/${p.protocol}`)) error(`${pp}.port`, said`${p.port}/${p.protocol} is already a port of this Service`);
    portProto.add(`${p.port}/${p.protocol}`);
    if (typeof p.targetPort === 'string') {
      const problem = checkPortName(p.targetPort);
      if (problem) error(`${pp}.targetPort`, problem);
      else if (svc.selector && !ctx.deployments.some((d) => d.namespace === svc.namespace && selects(svc.selector!, d.labels) && d.ports?.some((c) => c.name === p.targetPort))) {
        warn(`${pp}.targetPort`, said`no deployment selected by ${shown} has a container port named ${q(p.targetPort)}: its pods get no endpoint for this port`);
      }
    }
    if (p.nodePort !== undefined) {
      if (svc.type === 'ClusterIP') error(`${pp}.nodePort`, said`a ClusterIP Service has no NodePorts; use type NodePort or LoadBalancer`);
      const owner = ctx.nodePorts.get(p.nodePort);
      if (owner && owner !== key) error(`${pp}.nodePort`, said`NodePort ${p.nodePort} is already allocated to ${cutForMessage(owner)}`);
      ctx.nodePorts.set(p.nodePort, key);
    }
  });
  if (svc.type === 'ClusterIP' && svc.externalTrafficPolicy === 'Local') {
    error(`${path}.externalTrafficPolicy`, said`may only be set on a NodePort or LoadBalancer Service`);
  }
  if (!svc.selector) warn(`${path}.selector`, said`${shown} has no selector: nothing creates its EndpointSlices, so it has no endpoints`);
  checkLbcAnnotations(svc.annotations, `${path}.annotations`, svc.type === 'LoadBalancer', sink);
  if (svc.type !== 'LoadBalancer' && svc.loadBalancerClass !== undefined) error(`${path}.loadBalancerClass`, said`may only be set on a LoadBalancer Service`);
}

function selects(selector: Readonly<Record<string, string>>, podLabels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => podLabels[k] === v);
}

/** Problems of one Ingress; `services` are the Service keys known at its time. */
export function checkIngress(ing: IngressSpec, path: string, services: ReadonlySet<string>, sink: Sink): void {
  const error = (p: string, s: Said) => sink.errors.push(issue(p, s));
  const warn = (p: string, s: Said) => sink.warnings.push(issue(p, s));
  const nameProblem = rules.checkDns1123Subdomain(ing.name);
  if (nameProblem) error(`${path}.name`, nameProblem);
  const nsProblem = rules.checkDns1123Label(ing.namespace);
  if (nsProblem) error(`${path}.namespace`, nsProblem);
  const cls = ing.ingressClassName ?? ing.annotations['kubernetes.io/ingress.class'];
  if (cls !== 'alb') {
    const name = cutForMessage(`${ing.namespace}/${ing.name}`);
    warn(path, cls === undefined ? said`Ingress ${name} has no ingress class: only the AWS Load Balancer Controller (class "alb") runs in this cluster, so nothing serves it`
      : said`Ingress ${name} has class ${q(cls)}: only the AWS Load Balancer Controller (class "alb") runs in this cluster, so nothing serves it`);
  }
  const backends = [...ing.paths.map((p, i) => ({ p: `${path}.paths[${i}]`, service: p.service, port: p.port, path: p.path, type: p.pathType })),
    ...(ing.defaultBackend ? [{ p: `${path}.defaultBackend`, service: ing.defaultBackend.service, port: ing.defaultBackend.port, path: '/', type: 'Prefix' }] : [])];
  if (backends.length === 0) error(path, said`has neither rules nor a defaultBackend`);
  for (const b of backends) {
    if (b.type !== 'ImplementationSpecific' && !b.path.startsWith('/')) error(`${b.p}.path`, said`${q(b.path)} must start with "/"`);
    if (b.port === 0 || b.port === '') error(`${b.p}.backend.service.port`, said`needs a number or a name`);
    if (!services.has(`${ing.namespace}/${b.service}`)) warn(`${b.p}.backend.service.name`, said`no Service ${cutForMessage(`${ing.namespace}/${b.service}`)} exists (yet): the controller cannot build its target group`);
  }
  checkLbcAnnotations(ing.annotations, `${path}.annotations`, true, sink);
}

/** Problems of the cluster network, namespaces, Services, Ingresses and deployments' ports. */
export function checkServices(spec: ScenarioSpec, origin: { services: readonly number[]; ingresses: readonly number[]; namespaces: readonly number[]; deployments: readonly number[] }): Sink {
  const sink: Sink = { errors: [], warnings: [] };
  const error = (p: string, s: Said) => sink.errors.push(issue(p, s));
  const cidr = spec.cluster?.serviceIpv4Cidr;
  let cidrOk = false;
  if (cidr !== undefined) {
    const r = readCidr(cidr);
    if (!r.ok) error('cluster.serviceIpv4Cidr', r.error);
    else if (r.value.prefixLength < 12 || r.value.prefixLength > 24) error('cluster.serviceIpv4Cidr', said`${cidr} is a /${r.value.prefixLength}; EKS takes a /12 to a /24`);
    else if (!['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].some((p) => cidrWithin(r.value, mustCidr(p)))) {
      error('cluster.serviceIpv4Cidr', said`${cidr} is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16`);
    } else {
      const clash = spec.vpc.cidrs.find((v) => {
        const vr = parseCidr(v);
        return vr.ok && cidrsOverlap(vr.value, r.value);
      });
      if (clash) error('cluster.serviceIpv4Cidr', said`${formatCidr(r.value)} overlaps the VPC block ${clash}`);
      else cidrOk = true;
    }
  }

  const subnetIds = new Set(spec.subnets.map((s) => s.id));
  (spec.cluster?.controlPlaneSubnets ?? []).forEach((id, i) => {
    if (!subnetIds.has(id)) error(`cluster.controlPlaneSubnets[${i}]`, said`${q(id)} is not the id of a subnet in this scenario`);
  });

  /** The first definition of a name wins; a later one is an error at its own `.name`, naming the first. */
  const once = (seen: Map<string, number>, key: string, at: number, path: string, already: (dup: number) => Said) => {
    const dup = seen.get(key);
    if (dup !== undefined) error(`${path}.name`, already(dup));
    else seen.set(key, at);
  };
  const nsNames = new Map<string, number>();
  (spec.namespaces ?? []).forEach((n, k) => {
    const path = joinPath('namespaces', origin.namespaces[k]);
    const problem = rules.checkDns1123Label(n.name);
    if (problem) error(`${path}.name`, problem);
    once(nsNames, n.name, origin.namespaces[k], path, (dup) => said`${q(n.name)} is already defined by namespaces[${dup}]`);
    labels(n.labels, `${path}.labels`, sink.errors);
  });

  const ctx: ServiceContext = { serviceCidr: cidrOk ? cidr : undefined, clusterIps: new Map(), nodePorts: new Map(), deployments: spec.deployments };
  if (cidrOk && cidr) {
    ctx.clusterIps.set(kubernetesServiceIp(cidr), 'default/kubernetes');
    ctx.clusterIps.set(kubeDnsServiceIp(cidr), 'kube-system/kube-dns');
  }
  const keys = new Map<string, number>();
  (spec.services ?? []).forEach((svc, k) => {
    const path = joinPath('services', origin.services[k]);
    const key = `${svc.namespace}/${svc.name}`;
    once(keys, key, origin.services[k], path, (dup) => said`Service ${cutForMessage(key)} is already defined by services[${dup}]`);
    checkService(svc, path, ctx, sink);
  });
  const serviceKeys = new Set([...keys.keys(), ...RESERVED_SERVICES]);
  for (const c of spec.timeline) if (c.command.type === 'addService') serviceKeys.add(`${c.command.service.namespace}/${c.command.service.name}`);
  const ingKeys = new Map<string, number>();
  (spec.ingresses ?? []).forEach((ing, k) => {
    const path = joinPath('ingresses', origin.ingresses[k]);
    const key = `${ing.namespace}/${ing.name}`;
    once(ingKeys, key, origin.ingresses[k], path, (dup) => said`Ingress ${cutForMessage(key)} is already defined by ingresses[${dup}]`);
    checkIngress(ing, path, serviceKeys, sink);
  });
  return sink;
}
