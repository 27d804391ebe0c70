/**
 * What every EKS cluster has before anyone deploys anything: the `default/kubernetes` Service
 * in front of the API server's endpoints (cross-account ENIs EKS places in the cluster's
 * subnets), and the CoreDNS add-on (Deployment `kube-system/coredns`, 2 replicas) behind
 * `kube-system/kube-dns` (DNS over UDP and TCP 53, metrics on TCP 9153), as the EKS add-on
 * manifests ship them. metrics-server is not among them: EKS does not deploy it by default.
 */
import type { DeploymentSpec, ServiceSpec } from '../../spec.ts';
import { kubeDnsServiceIp, kubernetesServiceIp } from './cluster-network.ts';

/** The CoreDNS add-on's pods: labels, container ports, and its readiness probe (`/ready` on 8181, every 10 s). */
export const COREDNS: DeploymentSpec = {
  name: 'coredns',
  namespace: 'kube-system',
  replicas: 2,
  labels: { 'eks.amazonaws.com/component': 'coredns', 'k8s-app': 'kube-dns' },
  ports: [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  ],
  readinessProbe: { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 },
};

const common = { externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', sessionAffinityTimeoutSeconds: 10800 } as const;

/** `kube-system/kube-dns`, at the tenth address of the service range. */
export function kubeDnsService(serviceCidr: string): ServiceSpec {
  return {
    ...common,
    name: 'kube-dns',
    namespace: 'kube-system',
    type: 'ClusterIP',
    clusterIP: kubeDnsServiceIp(serviceCidr),
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
      { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
      { name: 'metrics', protocol: 'TCP', port: 9153, targetPort: 9153 },
    ],
    labels: { 'eks.amazonaws.com/component': 'kube-dns', 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
  };
}

/** `default/kubernetes`: no selector; the API server writes its endpoints (port https 443). */
export function kubernetesService(serviceCidr: string): ServiceSpec {
  return {
    ...common,
    name: 'kubernetes',
    namespace: 'default',
    type: 'ClusterIP',
    clusterIP: kubernetesServiceIp(serviceCidr),
    ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 443 }],
    labels: { component: 'apiserver', provider: 'kubernetes' },
    annotations: {},
  };
}

/** The number of API server endpoints EKS gives the `kubernetes` Service. */
export const API_SERVER_ENDPOINTS = 2;
