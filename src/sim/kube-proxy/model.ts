/**
 * What kube-proxy reads (services-and-load-balancers.md 1.1, 1.5): its configuration, the
 * service ports it proxies and their endpoints from EndpointSlices, in the words of
 * `pkg/proxy` (ServicePort, Endpoint). The engine fills these in; the rule writers are pure.
 */
import type { Cidr } from '../net/ipv4.ts';

/** kube-proxy's configuration as far as the rules depend on it (EKS defaults in `EKS_PROXY_CONFIG`). */
export interface ProxyConfig {
  /** `mode`: iptables (EKS's default) or ipvs (`cluster.kubeProxyMode`). */
  mode?: 'iptables' | 'ipvs';
  /** `iptables.masqueradeBit` → mark 1<<bit (14 → 0x4000). */
  masqueradeBit: number;
  /** `iptables.masqueradeAll`: mark every ClusterIP packet for SNAT. */
  masqueradeAll: boolean;
  /**
   * The ClusterCIDR local-traffic detector's CIDR; undefined is EKS's `clusterCIDR: ""`, for
   * which the detector is a no-op and the `! -s <cidr>` / `-s <cidr>` rules are left out.
   */
  clusterCidr?: Cidr;
  /** `iptables.localhostNodePorts` (default true). */
  localhostNodePorts: boolean;
  /** The kernel's nfnetlink_acct is there, so kube-proxy adds its nfacct counters. */
  nfacct: boolean;
  /** `net.netfilter.nf_conntrack_tcp_be_liberal` is set: no INVALID drop rule. */
  conntrackTcpLiberal: boolean;
  /** iptables ≥ 1.6.2 (every EKS AMI): MASQUERADE gets `--random-fully`. */
  randomFully: boolean;
}

/** kube-proxy as EKS configures it (`kube-system/kube-proxy-config`, reference 1.1). */
export const EKS_PROXY_CONFIG: ProxyConfig = {
  masqueradeBit: 14,
  masqueradeAll: false,
  localhostNodePorts: true,
  nfacct: true,
  conntrackTcpLiberal: false,
  randomFully: true,
};

/** The masquerade mark of a configuration (0x4000 by default). */
export const masqueradeMark = (c: ProxyConfig): number => (1 << c.masqueradeBit) >>> 0;

/** One port of one Service, as kube-proxy's ServicePort sees it. */
export interface ProxyServicePort {
  namespace: string;
  service: string;
  /** `spec.ports[].name`, absent when unnamed. */
  portName?: string;
  protocol: 'tcp' | 'udp';
  clusterIP: string;
  port: number;
  /** 0 when the Service has no NodePort. */
  nodePort: number;
  /** `spec.healthCheckNodePort` (LoadBalancer with externalTrafficPolicy Local), else 0. */
  healthCheckNodePort: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** LoadBalancer ingress IPs; AWS load balancers publish a hostname, so always empty on EKS. */
  loadBalancerVIPs: readonly string[];
  loadBalancerSourceRanges: readonly string[];
  externalIPs: readonly string[];
  /** ClientIP session affinity timeout; undefined for `sessionAffinity: None`. */
  affinityTimeoutSeconds?: number;
}

/** One endpoint of a service port (an EndpointSlice entry with the port resolved). */
export interface ProxyEndpoint {
  ip: string;
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  zone?: string;
}

/** `ServicePort.ExternallyAccessible`: a NodePort, an external IP or a load-balancer IP. */
export function externallyAccessible(s: ProxyServicePort): boolean {
  return s.nodePort !== 0 || s.externalIPs.length > 0 || s.loadBalancerVIPs.length > 0;
}

/** `UsesClusterEndpoints`: internal traffic is Cluster, or external traffic is and exists. */
export function usesClusterEndpoints(s: ProxyServicePort): boolean {
  return !s.internalPolicyLocal || (externallyAccessible(s) && !s.externalPolicyLocal);
}

/** `UsesLocalEndpoints`: internal traffic is Local, or external traffic is and exists. */
export function usesLocalEndpoints(s: ProxyServicePort): boolean {
  return s.internalPolicyLocal || (externallyAccessible(s) && s.externalPolicyLocal);
}

/** `ip:port` as `net.JoinHostPort` writes it (IPv4 only here). */
export const endpointString = (e: ProxyEndpoint): string => `${e.ip}:${e.port}`;
