/**
 * kube-proxy on every node, iptables mode: the rules each node's kube-proxy holds for the
 * cluster's Services at this moment. A sync writes only what changed (KEP-3453 partial
 * syncs): each service port's rules are kept until that Service or its endpoints change, and
 * a Cluster-policy service port's rules are the same on every node, so they are written once
 * and shared; only Local-policy ports differ per node (by the node's local endpoints).
 *
 * kube-proxy flushes a chain whenever it writes it, which resets its counters: the top-level
 * chains on every sync (any Service or endpoint change, and the hourly full sync), a
 * Service's own chains when that Service changes (`rewrittenAtMs`).
 */
import type { KubeIptablesInput } from '../linux/kube-iptables.ts';
import type { ServiceObject } from '../k8s/services/objects.ts';
import { proxiedPorts, type ProxiedPort } from './from-services.ts';
import { endpointString, type ProxyConfig, usesLocalEndpoints } from './model.ts';
import { kubeIptablesConfig } from './install.ts';
import { writeServicePort, type ServiceFragment } from './service-rules.ts';
import { serviceChainNames, servicePortName, endpointChainName } from './hash.ts';
import type { IpvsWriter } from './ipvs.ts';
import { IPVS_CHAINS } from '../linux/kube-ipvs.ts';

/** `largeClusterEndpointsThreshold`: above this many endpoints in all, per-endpoint comments go. */
export const LARGE_CLUSTER_ENDPOINTS = 1000;
/** `proxyutil.FullSyncPeriod`. */
export const FULL_SYNC_PERIOD_MS = 3_600_000;
/**
 * IPVS mode has no partial syncs: every `ipvs.syncPeriod` (30 s in EKS's kube-proxy-config,
 * reference 1.1) it rewrites all of its chains, which resets their counters.
 */
export const IPVS_SYNC_PERIOD_MS = 30_000;

interface CachedService {
  version: number;
  largeCluster: boolean;
  ports: ProxiedPort[];
  /** Fragments per port: the shared one under '', Local-policy ones by the node's local endpoints. */
  fragments: Map<string, ServiceFragment>[];
  /** The nat chains this service owns (for counter resets). */
  chains: string[];
  /** Each port's place in the sync order. */
  order: number[];
}

/** One sync's plan, shared by every node until a Service or endpoint changes. */
interface SyncPlan {
  /** Service ports in sync order. */
  ports: { c: CachedService; i: number; local: boolean }[];
  /** With no Local-policy port, every node's rules are the same list. */
  shared?: ServiceFragment[];
  /** Rules per node computed in this plan (Local-policy ports differ by node). */
  byNode: Map<string, KubeIptablesInput>;
}

/** A stable, scrambled order: Go ranges over a map, so a real node's order looks random. */
function orderKey(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class KubeProxy {
  private readonly cache = new Map<string, CachedService>();
  /** Time of the last change to any Service or endpoint (every node syncs then). */
  private lastChangeMs = 0;
  private readonly chainOwner = new Map<string, string>();
  private readonly changedAt = new Map<string, number>();
  private plan?: SyncPlan;
  private readonly iptablesConfig: KubeIptablesInput['config'];

  /** `ipvs`: the IPVS part (kube-proxy/ipvs.ts, loaded on demand), required in IPVS mode. */
  constructor(
    readonly config: ProxyConfig,
    private readonly services: () => Iterable<ServiceObject>,
    private readonly ipvs?: IpvsWriter,
  ) {
    this.iptablesConfig = kubeIptablesConfig(config);
    if (config.mode === 'ipvs' && !ipvs) throw new Error('kube-proxy runs in IPVS mode, but the IPVS part of the engine was not loaded (src/sim/index.ts loads it)');
  }

  /** Tells kube-proxy a Service changed (its informer fired). */
  changed(svc: ServiceObject, deleted: boolean, nowMs: number): void {
    this.lastChangeMs = Math.max(this.lastChangeMs, nowMs);
    this.changedAt.set(svc.key, nowMs);
    if (deleted) this.cache.delete(svc.key);
    this.plan = undefined;
  }

  /** Service ports in sync order, each with its endpoints and fragments (rebuilt if stale). */
  private current(): CachedService[] {
    const all = [...this.services()];
    let total = 0;
    for (const s of all) total += s.endpoints.size * s.ports.length;
    const largeCluster = total > LARGE_CLUSTER_ENDPOINTS;
    const out: CachedService[] = [];
    for (const svc of all) {
      let c = this.cache.get(svc.key);
      if (!c || c.version !== svc.version || c.largeCluster !== largeCluster) {
        const ports = proxiedPorts(svc);
        c = { version: svc.version, largeCluster, ports, fragments: ports.map(() => new Map()), chains: [], order: [] };
        for (const pp of ports) {
          const name = servicePortName(pp.port.namespace, pp.port.service, pp.port.portName);
          c.order.push(orderKey(name + pp.port.protocol));
          const names = serviceChainNames(name, pp.port.protocol);
          c.chains.push(names.svc, names.svl, names.ext, names.fw, ...pp.endpoints.map((e) => endpointChainName(name, pp.port.protocol, endpointString(e))));
        }
        for (const ch of c.chains) this.chainOwner.set(ch, svc.key);
        this.cache.set(svc.key, c);
      }
      out.push(c);
    }
    return out;
  }

  /** The sync order of every service port, worked out once per change. */
  private syncPlan(): SyncPlan {
    if (this.plan) return this.plan;
    const ports: SyncPlan['ports'] = [];
    for (const c of this.current()) c.ports.forEach((pp, i) => ports.push({ c, i, local: usesLocalEndpoints(pp.port) }));
    ports.sort((a, b) => a.c.order[a.i] - b.c.order[b.i]);
    const plan: SyncPlan = { ports, byNode: new Map() };
    if (this.config.mode !== 'ipvs' && !ports.some((p) => p.local)) plan.shared = ports.map((p) => this.fragment(p.c, p.i, '', ''));
    return (this.plan = plan);
  }

  private fragment(c: CachedService, i: number, key: string, nodeName: string): ServiceFragment {
    let fragment = c.fragments[i].get(key);
    if (!fragment) {
      fragment = writeServicePort(c.ports[i].port, c.ports[i].endpoints, { config: this.config, nodeName, largeCluster: c.largeCluster });
      c.fragments[i].set(key, fragment);
    }
    return fragment;
  }

  /**
   * The kube-proxy part of `nodeName`'s iptables (linux model input). Cluster-policy ports are
   * written once for all nodes; only Local-policy ports differ by the node's endpoints.
   */
  rulesFor(nodeName: string): KubeIptablesInput {
    const plan = this.syncPlan();
    if (this.config.mode === 'ipvs') {
      let rules = plan.byNode.get(nodeName);
      if (!rules) plan.byNode.set(nodeName, (rules = { config: this.iptablesConfig, services: [], ipvs: this.ipvs!(plan.ports.map(({ c, i }) => c.ports[i]), nodeName, this.config) }));
      return rules;
    }
    if (plan.shared) return { config: this.iptablesConfig, services: plan.shared };
    let rules = plan.byNode.get(nodeName);
    if (!rules) {
      const services = plan.ports.map(({ c, i, local }) => {
        if (!local) return this.fragment(c, i, '', nodeName);
        const key = c.ports[i].endpoints.filter((e) => e.nodeName === nodeName).map(endpointString).join(',') || '-';
        return this.fragment(c, i, key, nodeName);
      });
      plan.byNode.set(nodeName, (rules = { config: this.iptablesConfig, services }));
    }
    return rules;
  }

  /**
   * When kube-proxy last wrote (and so flushed) `chain` of `table` on a node that joined at
   * `joinedAtMs`, as of `nowMs`; 0 for chains it never rewrites (its jumps in built-in chains,
   * other owners' chains).
   */
  /** How often kube-proxy rewrites every chain of its own (and so resets their counters). */
  get fullSyncPeriodMs(): number {
    return this.config.mode === 'ipvs' ? IPVS_SYNC_PERIOD_MS : FULL_SYNC_PERIOD_MS;
  }

  rewrittenAtMs(table: string, chain: string, joinedAtMs: number, nowMs: number): number {
    const period = this.fullSyncPeriodMs;
    const fullSync = joinedAtMs + Math.floor(Math.max(0, nowMs - joinedAtMs) / period) * period;
    if (this.config.mode === 'ipvs') {
      const own = table === 'nat' || table === 'filter' ? IPVS_CHAINS[table].includes(chain) : false;
      return own ? Math.max(this.lastChangeMs, fullSync) : 0;
    }
    const topLevel = table === 'filter'
      ? ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-FIREWALL'].includes(chain)
      : table === 'nat' && ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'].includes(chain);
    if (topLevel) return Math.max(this.lastChangeMs, fullSync);
    if (table === 'nat' && /^KUBE-(SVC|SVL|EXT|FW|SEP)-/.test(chain)) {
      const owner = this.chainOwner.get(chain);
      return Math.max(owner ? this.changedAt.get(owner) ?? 0 : 0, fullSync);
    }
    return 0;
  }
}
