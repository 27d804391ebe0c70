/**
 * What a load balancer's health check of one target finds, from the cluster's state: an ip
 * target answers while its pod's container runs and the pod answers; an instance target
 * answers on its NodePort when kube-proxy there can send the connection to some endpoint
 * (externalTrafficPolicy Cluster), or, for Local with kube-proxy's `/healthz` on the
 * healthCheckNodePort, when the node has a local ready endpoint (200; otherwise 503).
 */
import type { Cluster } from '../k8s/cluster.ts';
import type { ServiceObject } from '../k8s/services/objects.ts';
import type { CheckOutcome, Target, TargetGroup } from '../elbv2/model.ts';
import { formatIpv4 } from '../net/ipv4.ts';

export function checkTarget(tg: TargetGroup, t: Target, cluster: Cluster, svc: ServiceObject | undefined): CheckOutcome {
  const timeout: CheckOutcome = tg.healthCheck.protocol === 'TCP' ? { ok: false, reason: 'Target.FailedHealthChecks' } : { ok: false, reason: 'Target.Timeout' };
  if (tg.targetType === 'ip') {
    for (const pod of cluster.pods.values()) {
      if (pod.ip === undefined || formatIpv4(pod.ip) !== t.id) continue;
      if ((pod.phase !== 'Running' && pod.phase !== 'Terminating') || pod.unresponsive) return timeout;
      return { ok: true };
    }
    return timeout;
  }
  const node = [...cluster.nodes.values()].find((n) => n.instanceId === t.id);
  if (!node?.ready || !svc) return timeout;
  const eps = [...svc.endpoints.values()];
  const answering = (e: (typeof eps)[number]) => {
    const pod = e.podKey ? cluster.pods.get(e.podKey) : undefined;
    return e.ready && !!pod && !pod.unresponsive;
  };
  if (svc.spec.externalTrafficPolicy === 'Local' && tg.healthCheck.protocol !== 'TCP') {
    // kube-proxy's health server: 200 with local ready endpoints, else 503.
    if (eps.some((e) => e.nodeName === node.name && e.ready)) return { ok: true };
    return tg.healthCheck.protocol === 'HTTP' && tg.protocol === 'HTTP' ? { ok: false, reason: 'Target.ResponseCodeMismatch', codes: '503' } : { ok: false, reason: 'Target.FailedHealthChecks' };
  }
  const usable = svc.spec.externalTrafficPolicy === 'Local' ? eps.filter((e) => e.nodeName === node.name) : eps;
  return usable.some(answering) ? { ok: true } : svc.spec.externalTrafficPolicy === 'Local' || !eps.some((e) => e.ready) ? { ok: false, reason: 'Target.FailedHealthChecks' } : timeout;
}
