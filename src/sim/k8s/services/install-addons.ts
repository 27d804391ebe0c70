/**
 * Puts in what EKS gives every cluster (addons.ts): the API server's endpoints (addresses EKS
 * takes from the cluster's subnets for its cross-account ENIs, one per subnet for the first
 * two), `default/kubernetes`, `kube-system/kube-dns` and the CoreDNS Deployment.
 */
import { formatIpv4 } from '../../net/ipv4.ts';
import type { Cluster } from '../cluster.ts';
import type { Ec2State } from '../../aws/ec2-state.ts';
import { API_SERVER_ENDPOINTS, COREDNS, kubeDnsService, kubernetesService } from './addons.ts';
import type { ServiceController } from './service-controller.ts';

export interface AddonHost {
  readonly spec: { addons?: { coredns?: { replicaCount: number }; awsLoadBalancerController?: boolean } };
  readonly cluster: Cluster;
  readonly services: ServiceController;
  readonly ec2State: Ec2State;
  apiServerIps: string[];
}

export function installClusterAddons(host: AddonHost): void {
  const cidr = host.services.network.serviceIpv4Cidr;
  const named = host.services.network.controlPlaneSubnets;
  const subnets = named ? named.flatMap((id) => host.ec2State.subnets.get(id) ?? []) : [...host.ec2State.subnets.values()];
  for (let i = 0; i < API_SERVER_ENDPOINTS && subnets.length; i++) {
    const ip = subnets[i % subnets.length].pool.allocateIps(1)?.[0];
    if (ip !== undefined) host.apiServerIps.push(formatIpv4(ip));
  }
  const k8s = host.services.add(kubernetesService(cidr));
  if (k8s.ok) {
    host.services.setStaticEndpoints(k8s.service, host.apiServerIps.map((ip) => ({ ip, ready: true, serving: true, terminating: false, ports: [443], createdAtMs: 0 })));
  }
  host.services.add(kubeDnsService(cidr));
  host.cluster.addDeployment({ ...COREDNS, replicas: host.spec.addons?.coredns?.replicaCount ?? COREDNS.replicas });
}
