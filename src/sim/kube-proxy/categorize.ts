/**
 * `CategorizeEndpoints` (pkg/proxy/topology.go, reference 1.5 step 1): which endpoints a node
 * sends Cluster-policy traffic to, which it keeps for Local policy, and which get a KUBE-SEP
 * chain. Topology hints are not modelled (EKS leaves them off unless a Service asks).
 */
import { type ProxyEndpoint, type ProxyServicePort, usesClusterEndpoints, usesLocalEndpoints } from './model.ts';

export interface Categorized {
  /** Ready endpoints anywhere, else serving+terminating ones (Cluster policy). */
  cluster: ProxyEndpoint[];
  /** This node's ready endpoints, else its serving+terminating ones (Local policy). */
  local: ProxyEndpoint[];
  /** Every endpoint some rule on this node may jump to: the union of the two. */
  reachable: ProxyEndpoint[];
  /** Some usable endpoint exists somewhere in the cluster. */
  hasAny: boolean;
}

const servingTerminating = (e: ProxyEndpoint) => e.serving && e.terminating;

/** Categorises `endpoints` (already sorted as strings) for `nodeName`. */
export function categorizeEndpoints(endpoints: readonly ProxyEndpoint[], svc: ProxyServicePort, nodeName: string): Categorized {
  let cluster: ProxyEndpoint[] = [];
  let hasAny = false;
  if (usesClusterEndpoints(svc)) {
    cluster = endpoints.filter((e) => e.ready);
    // No ready endpoint anywhere: fall back to ones still serving while they terminate.
    if (cluster.length === 0) cluster = endpoints.filter(servingTerminating);
    if (cluster.length > 0) hasAny = true;
  }
  if (!usesLocalEndpoints(svc)) return { cluster, local: [], reachable: cluster, hasAny };

  let localReady = false;
  let localServingTerminating = false;
  for (const e of endpoints) {
    const local = e.nodeName === nodeName;
    if (e.ready) {
      hasAny = true;
      if (local) localReady = true;
    } else if (servingTerminating(e)) {
      hasAny = true;
      if (local) localServingTerminating = true;
    }
  }
  let local: ProxyEndpoint[] = [];
  if (localReady) local = endpoints.filter((e) => e.nodeName === nodeName && e.ready);
  else if (localServingTerminating) local = endpoints.filter((e) => e.nodeName === nodeName && servingTerminating(e));

  if (!usesClusterEndpoints(svc) || local.length === 0) return { cluster, local, reachable: usesClusterEndpoints(svc) ? cluster : local, hasAny };
  const reachable = [...cluster];
  for (const e of local) if (!reachable.includes(e)) reachable.push(e);
  return { cluster, local, reachable, hasAny };
}
