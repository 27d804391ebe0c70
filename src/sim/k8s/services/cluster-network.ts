/**
 * The service network EKS gives a cluster when `kubernetesNetworkConfig.serviceIpv4Cidr` is
 * not set: 10.100.0.0/16, or 172.20.0.0/16 when the VPC's addresses are inside 10.0.0.0/8
 * (EKS API reference, KubernetesNetworkConfigRequest), and the well-known addresses in it.
 */
import { cidrsOverlap, formatIpv4, mustCidr, parseCidr } from '../../net/ipv4.ts';
import type { ClusterNetworkSpec } from '../../spec.ts';

const TEN_SLASH_EIGHT = mustCidr('10.0.0.0/8');

/** EKS's default service CIDR for a VPC with these blocks. */
export function defaultServiceCidr(vpcCidrs: readonly string[]): string {
  const inTen = vpcCidrs.some((c) => {
    const r = parseCidr(c);
    return r.ok && cidrsOverlap(r.value, TEN_SLASH_EIGHT);
  });
  return inTen ? '172.20.0.0/16' : '10.100.0.0/16';
}

/** The cluster network a scenario gets when it names none. */
export function defaultClusterNetwork(vpcCidrs: readonly string[]): ClusterNetworkSpec {
  return { serviceIpv4Cidr: defaultServiceCidr(vpcCidrs), kubeProxyMode: 'iptables' };
}

/** `default/kubernetes` takes the first address of the range (the API server allocates it). */
export function kubernetesServiceIp(serviceCidr: string): string {
  return formatIpv4(mustCidr(serviceCidr).base + 1);
}

/** EKS gives `kube-system/kube-dns` the tenth address (x.x.0.10), which kubelet's clusterDNS names. */
export function kubeDnsServiceIp(serviceCidr: string): string {
  return formatIpv4(mustCidr(serviceCidr).base + 10);
}
