/**
 * Which targets a TargetGroupBinding wants registered (services-and-load-balancers.md 4.3;
 * LBC pkg/backend/endpoint_resolver.go): for ip targets, the Service's endpoints that are
 * ready, or not ready but with ContainersReady on a Ready node and not terminating (so pods
 * held back by a readiness gate get registered); for instance targets, every Ready node, at
 * the NodePort, wherever the pods run.
 */
import type { Cluster } from '../k8s/cluster.ts';
import type { ServiceObject } from '../k8s/services/objects.ts';

export interface WantedTarget {
  id: string;
  port: number;
  zone?: string;
  /** The pod behind an ip target. */
  podKey?: string;
}

/** Nodes the controller leaves out: labelled for exclusion, or not Ready. */
const EXCLUDE_LABELS = ['node.kubernetes.io/exclude-from-external-load-balancers', 'alpha.service-controller.kubernetes.io/exclude-balancer', 'node-role.kubernetes.io/master'];

export function wantedTargets(svc: ServiceObject, portIndex: number, targetType: 'ip' | 'instance', cluster: Cluster): WantedTarget[] {
  const out: WantedTarget[] = [];
  if (targetType === 'instance') {
    const nodePort = svc.ports[portIndex]?.nodePort;
    if (!nodePort) return out;
    for (const n of [...cluster.nodes.values()].toSorted((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!n.ready || EXCLUDE_LABELS.some((l) => l in n.labels)) continue;
      out.push({ id: n.instanceId, port: nodePort });
    }
    return out;
  }
  for (const e of svc.endpoints.values()) {
    const port = e.ports[portIndex];
    if (port === undefined || !e.podKey) continue;
    let wanted = e.ready;
    if (!wanted && !e.terminating) {
      const pod = cluster.pods.get(e.podKey);
      const node = pod?.node ? cluster.nodes.get(pod.node) : undefined;
      wanted = !!pod?.containersReady && !!node?.ready;
    }
    if (wanted) out.push({ id: e.ip, port, ...(e.zone ? { zone: e.zone } : {}), podKey: e.podKey });
  }
  return out.toSorted((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.port - b.port));
}
