/**
 * From the engine's Service objects to kube-proxy's view of them (`ProxyServicePort`,
 * `ProxyEndpoint`): one entry per service port, endpoints resolved to that port and sorted
 * as `ip:port` strings, de-duplicated (`endpointsMapFromEndpointInfo`).
 */
import type { ServiceObject } from '../k8s/services/objects.ts';
import { endpointString, type ProxyEndpoint, type ProxyServicePort } from './model.ts';

export interface ProxiedPort {
  port: ProxyServicePort;
  endpoints: ProxyEndpoint[];
}

/** Every port of a Service with its endpoints. Services without a ClusterIP are not proxied. */
export function proxiedPorts(svc: ServiceObject): ProxiedPort[] {
  const spec = svc.spec;
  return svc.ports.map((p, i) => {
    const port: ProxyServicePort = {
      namespace: svc.namespace,
      service: svc.name,
      ...(p.name !== undefined ? { portName: p.name } : {}),
      protocol: p.protocol === 'UDP' ? 'udp' : 'tcp',
      clusterIP: svc.clusterIP,
      port: p.port,
      nodePort: p.nodePort ?? 0,
      healthCheckNodePort: svc.healthCheckNodePort,
      externalPolicyLocal: spec.type !== 'ClusterIP' && spec.externalTrafficPolicy === 'Local',
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
      // AWS load balancers publish a hostname, never an IP: no load-balancer IP rules (4.2).
      loadBalancerVIPs: [],
      loadBalancerSourceRanges: [],
      externalIPs: [],
      ...(spec.sessionAffinity === 'ClientIP' ? { affinityTimeoutSeconds: spec.sessionAffinityTimeoutSeconds } : {}),
    };
    const byKey = new Map<string, ProxyEndpoint>();
    for (const e of svc.endpoints.values()) {
      const target = e.ports[i];
      if (target === undefined) continue;
      const ep: ProxyEndpoint = {
        ip: e.ip, port: target, ready: e.ready, serving: e.serving, terminating: e.terminating,
        ...(e.nodeName !== undefined ? { nodeName: e.nodeName } : {}), ...(e.zone !== undefined ? { zone: e.zone } : {}),
      };
      if (!byKey.has(endpointString(ep))) byKey.set(endpointString(ep), ep);
    }
    const endpoints = [...byKey.entries()].toSorted((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, e]) => e);
    return { port, endpoints };
  });
}
