/**
 * What the tracer's VPC fabric needs from the engine besides the nodes: the load balancers
 * (their nodes, listeners and the targets' health now), EKS's API server ENIs, and the
 * Services' ClusterIPs for DNS names.
 */
import { formatIpv4, mustIpv4 } from '../net/ipv4.ts';
import type { Listener, LoadBalancer, TargetGroup } from '../elbv2/model.ts';
import type { FabricHost, FabricListener, FabricLoadBalancer, FabricService, FabricTarget } from '../trace/world.ts';
import type { Engine } from './simulation.ts';

/** The target group a listener forwards `/` to: an ALB's first matching path rule, else its default action. */
function targetGroupOf(l: Listener): string | undefined {
  const rule = l.rules.find((r) => (r.exact ? r.pathPrefix === '/' : '/'.startsWith(r.pathPrefix)));
  return rule?.targetGroupArn ?? l.targetGroupArn;
}

function targets(e: Engine, tg: TargetGroup): FabricTarget[] {
  const byIp = new Map<string, string>();
  for (const p of e.cluster.pods.values()) if (p.ip !== undefined && !p.hostNetwork) byIp.set(formatIpv4(p.ip), p.key);
  const out: FabricTarget[] = [];
  for (const t of tg.targets.values()) {
    let ip: number | undefined;
    let label: string;
    let zone = t.zone;
    if (tg.targetType === 'ip') {
      ip = mustIpv4(t.id);
      label = byIp.has(t.id) ? `pod ${byIp.get(t.id)}` : `ip ${t.id}`;
    } else {
      const node = [...e.cluster.nodes.values()].find((n) => n.instanceId === t.id);
      if (!node) continue;
      ip = node.nodeIp;
      zone ??= node.availabilityZone;
      label = `instance ${t.id} (${node.name})`;
    }
    // Fail-open takes targets that are registered and past their first checks, not draining.
    const failOpen = t.state === 'unhealthy' || t.state === 'unavailable';
    out.push({ ip: ip as FabricTarget['ip'], port: t.port, ...(zone ? { zone } : {}), healthy: t.state === 'healthy', registered: failOpen, label });
  }
  return out;
}

function loadBalancer(e: Engine, lb: LoadBalancer): FabricLoadBalancer {
  const listeners: FabricListener[] = [];
  for (const l of lb.listeners) {
    const arn = targetGroupOf(l);
    const tg = arn ? e.elbv2?.targetGroups.get(arn) : undefined;
    listeners.push({
      port: l.port, protocol: l.protocol === 'UDP' ? 'udp' : 'tcp',
      ...(tg ? { targetGroup: tg.name } : {}),
      targets: tg ? targets(e, tg) : [],
      preserveClientIp: tg?.preserveClientIp ?? false,
    });
  }
  return {
    name: lb.name, dnsName: lb.dnsName, type: lb.type, scheme: lb.scheme, crossZone: lb.crossZone,
    active: e.nowMs >= lb.activeAtMs,
    nodes: lb.nodes.map((n) => ({ zone: n.zone, eniId: n.eniId, privateIp: mustIpv4(n.privateIp), ...(n.publicIp ? { publicIp: mustIpv4(n.publicIp) } : {}) })),
    listeners,
  };
}

/** The fabric's load balancers, API server hosts and Service addresses now. */
export function fabricInputs(e: Engine): { loadBalancers: FabricLoadBalancer[]; hosts: FabricHost[]; services: FabricService[] } {
  return {
    loadBalancers: [...(e.elbv2?.loadBalancers.values() ?? [])].map((lb) => loadBalancer(e, lb)),
    hosts: e.apiServerIps.map((ip) => ({ ip: mustIpv4(ip), label: `the EKS API server (cross-account ENI ${ip})` })),
    services: [
      ...[...e.services.services.values()].map((s): FabricService => ({
        kind: 'service', namespace: s.namespace, name: s.name, clusterIP: s.clusterIP, ...(s.loadBalancerHostname ? { loadBalancerHostname: s.loadBalancerHostname } : {}),
      })),
      ...(e.lbc ? [...e.lbc.ingresses.values()] : []).map((i): FabricService => ({
        kind: 'ingress', namespace: i.spec.namespace, name: i.spec.name, ...(i.hostname ? { loadBalancerHostname: i.hostname } : {}),
      })),
    ],
  };
}
