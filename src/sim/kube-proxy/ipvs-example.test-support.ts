/**
 * Node A of the reference's worked example (vpc-cni-behaviour.md b.5) with kube-proxy in IPVS
 * mode and `default/web` (services-and-load-balancers.md 1.7: ClusterIP 10.100.12.34:80 →
 * 8080, NodePort 31234, endpoints 192.168.1.17 on node A, 192.168.2.215 on B, 192.168.3.218 on C).
 */
import { buildNodeNetwork } from '../linux/build.ts';
import { b5Input } from '../linux/lab-input.test-support.ts';
import type { NodeNetwork } from '../linux/model.ts';
import type { ProxiedPort } from './from-services.ts';
import { kubeIptablesConfig } from './install.ts';
import { writeIpvs } from './ipvs.ts';
import { EKS_PROXY_CONFIG, type ProxyEndpoint, type ProxyServicePort } from './model.ts';

export const NODE_A = 'node-a';

export const web: ProxyServicePort = {
  namespace: 'default', service: 'web', protocol: 'tcp', clusterIP: '10.100.12.34', port: 80, nodePort: 31234, healthCheckNodePort: 0,
  externalPolicyLocal: false, internalPolicyLocal: false, loadBalancerVIPs: [], loadBalancerSourceRanges: [], externalIPs: [],
};

export const ep = (ip: string, nodeName: string, over: Partial<ProxyEndpoint> = {}): ProxyEndpoint => ({ ip, port: 8080, ready: true, serving: true, terminating: false, nodeName, ...over });
export const webEndpoints = [ep('192.168.1.17', NODE_A), ep('192.168.2.215', 'node-b'), ep('192.168.3.218', 'node-c')];

/** Node A's network with kube-proxy in IPVS mode for `ports`. */
export function ipvsNodeA(ports: ProxiedPort[] = [{ port: web, endpoints: webEndpoints }], nodeName = NODE_A): NodeNetwork {
  return buildNodeNetwork(b5Input({ pods: [], kubeProxy: { config: kubeIptablesConfig(EKS_PROXY_CONFIG), services: [], ipvs: writeIpvs(ports, nodeName) } }));
}
