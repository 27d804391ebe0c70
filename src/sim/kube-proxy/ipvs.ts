/**
 * kube-proxy in IPVS mode: what one node's `syncProxyRules` asks of IPVS, ipset and the dummy
 * device for the cluster's service ports (services-and-load-balancers.md 2.1; upstream
 * pkg/proxy/ipvs/proxier.go `syncProxyRules`, `syncEndpoint`). `linux/kube-ipvs.ts` installs it.
 *
 * - every ClusterIP is bound to kube-ipvs0 and gets a virtual server (scheduler `rr`,
 *   `persistent <timeout>` for ClientIP affinity) and a `KUBE-CLUSTER-IP` entry;
 * - a NodePort gets `KUBE-NODE-PORT-TCP/UDP` (and `-LOCAL-` for externalTrafficPolicy Local)
 *   and one virtual server per node address;
 * - real servers (weight 1) are `CategorizeEndpoints`' Cluster endpoints, or, for a Local policy,
 *   the node's local ones when it has any (else the Cluster ones: kubernetes#97081). Endpoints
 *   that leave the list are removed (graceful deletion keeps them at weight 0 only while IPVS
 *   still counts connections to them, which the simulation does not track);
 * - `KUBE-LOOP-BACK` holds `ip,proto:port,ip` for each endpoint on this node (hairpin).
 * AWS load balancers publish a hostname, never an IP, so the external-IP and load-balancer sets
 * stay empty on EKS.
 */
import type { KubeIpvsInput } from '../linux/kube-ipvs.ts';
import { formatCidr } from '../net/ipv4.ts';
import { categorizeEndpoints } from './categorize.ts';
import type { ProxiedPort } from './from-services.ts';
import { servicePortName } from './hash.ts';
import { ipvsIptables, ipvsSets } from './ipvs-rules.ts';
import { EKS_PROXY_CONFIG, masqueradeMark, type ProxyConfig, type ProxyEndpoint } from './model.ts';

/** What the engine needs of the IPVS part (passed in as `EngineOptions.ipvs`). */
export type IpvsWriter = (ports: readonly ProxiedPort[], nodeName: string, config: ProxyConfig) => KubeIpvsInput;

export const IPVS_SCHEDULER = 'rr';

/** The real servers of one virtual server (`syncEndpoint`), sorted as `ip:port` strings. */
function realServers(pp: ProxiedPort, nodeName: string, onlyNodeLocal: boolean): { ip: string; port: number; weight: number }[] {
  const cat = categorizeEndpoints(pp.endpoints, pp.port, nodeName);
  const chosen: ProxyEndpoint[] = onlyNodeLocal && cat.local.length > 0 ? cat.local : cat.cluster;
  return chosen.map((e) => ({ ip: e.ip, port: e.port, weight: 1 }));
}

/** The IPVS-mode state of `nodeName` for `ports` (in sync order). */
export function writeIpvs(ports: readonly ProxiedPort[], nodeName: string, config: ProxyConfig = EKS_PROXY_CONFIG): KubeIpvsInput {
  const sets: Record<string, Set<string>> = {};
  const add = (set: string, entry: string) => (sets[set] ??= new Set()).add(entry);
  const bound: string[] = [];
  const virtualServers: KubeIpvsInput['virtualServers'] = [];
  for (const pp of ports) {
    const s = pp.port;
    const proto = s.protocol;
    const name = servicePortName(s.namespace, s.service, s.portName);
    for (const e of pp.endpoints) if (e.nodeName === nodeName) add('KUBE-LOOP-BACK', `${e.ip},${proto}:${e.port},${e.ip}`);
    add('KUBE-CLUSTER-IP', `${s.clusterIP},${proto}:${s.port}`);
    const base = { protocol: proto, port: s.port, scheduler: IPVS_SCHEDULER, service: name, ...(s.affinityTimeoutSeconds !== undefined ? { persistentTimeout: s.affinityTimeoutSeconds } : {}) };
    virtualServers.push({ ...base, address: s.clusterIP, realServers: realServers(pp, nodeName, s.internalPolicyLocal) });
    if (!bound.includes(s.clusterIP)) bound.push(s.clusterIP);
    if (s.nodePort !== 0) {
      const suffix = proto === 'udp' ? 'UDP' : 'TCP';
      add(`KUBE-NODE-PORT-${suffix}`, String(s.nodePort));
      if (s.externalPolicyLocal) add(`KUBE-NODE-PORT-LOCAL-${suffix}`, String(s.nodePort));
      virtualServers.push({ ...base, port: s.nodePort, realServers: realServers(pp, nodeName, s.externalPolicyLocal) });
    }
    if (s.healthCheckNodePort !== 0) add('KUBE-HEALTH-CHECK-NODE-PORT', String(s.healthCheckNodePort));
  }
  sets['KUBE-IPVS-IPS'] = new Set(bound);
  const entries: Record<string, string[]> = {};
  for (const [set, members] of Object.entries(sets)) {
    // Entries are added in sorted order (`activeEntries.Difference(current).List()`); bitmap:port lists by port.
    entries[set] = /^KUBE-(NODE-PORT|HEALTH-CHECK)/.test(set) ? [...members].toSorted((a, b) => Number(a) - Number(b)) : [...members].toSorted();
  }
  const rules = ipvsIptables(entries, {
    masqueradeMark: masqueradeMark(config), randomFully: config.randomFully, masqueradeAll: config.masqueradeAll,
    ...(config.clusterCidr ? { clusterCidr: formatCidr(config.clusterCidr) } : {}),
  });
  return { bound, virtualServers, sets: ipvsSets(entries), ...rules };
}
