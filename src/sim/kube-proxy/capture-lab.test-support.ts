/**
 * The network kube-proxy/fixtures were captured from (scripts/kernel/capture-services.ts): the
 * b.5 example's two nodes with engine-written rules for `default/web` (ClusterIP + NodePort,
 * endpoints on node-a and node-b), `kube-system/kube-dns:dns` (UDP) and `default/sticky`
 * (ClientIP affinity). Shared by the capture script and the renderer tests.
 */
import type { NodeNetworkInput } from '../linux/input.ts';
import { exampleInputs } from '../trace/example-world.ts';
import { serviceChainNames } from './hash.ts';
import { kubeIptablesConfig } from './install.ts';
import { EKS_PROXY_CONFIG, type ProxyServicePort } from './model.ts';
import { writeServicePort } from './service-rules.ts';

const web: ProxyServicePort = {
  namespace: 'default', service: 'web', protocol: 'tcp', clusterIP: '10.100.12.34', port: 80, nodePort: 31234, healthCheckNodePort: 0,
  externalPolicyLocal: false, internalPolicyLocal: false, loadBalancerVIPs: [], loadBalancerSourceRanges: [], externalIPs: [],
};
const dns: ProxyServicePort = { ...web, service: 'kube-dns', namespace: 'kube-system', portName: 'dns', protocol: 'udp', clusterIP: '10.100.0.10', port: 53, nodePort: 0 };
/** ClientIP session affinity: the `recent` match in -S and -L. */
const sticky: ProxyServicePort = { ...web, service: 'sticky', clusterIP: '10.100.77.7', port: 8080, nodePort: 0, affinityTimeoutSeconds: 10800 };

const endpoint = (ip: string, port: number, nodeName: string) => ({ ip, port, ready: true, serving: true, terminating: false, nodeName });
const webEndpoints = [endpoint('192.168.12.34', 8080, 'node-a'), endpoint('192.168.14.5', 8080, 'node-b')];
const dnsEndpoints = [endpoint('192.168.14.5', 5353, 'node-b')];

/** `KUBE-SVC-` chains of the captured services. */
export const CAPTURE_CHAINS = {
  web: serviceChainNames('default/web', 'tcp').svc,
  sticky: serviceChainNames('default/sticky', 'tcp').svc,
};

/** The two nodes' inputs, kube-proxy rules included. */
export function captureInputs(): NodeNetworkInput[] {
  return exampleInputs().map((i) => ({
    ...i,
    kubeProxy: {
      config: kubeIptablesConfig(EKS_PROXY_CONFIG),
      services: ([[web, webEndpoints], [dns, dnsEndpoints], [sticky, webEndpoints]] as const).map(([s, eps]) =>
        writeServicePort(s, eps, { config: EKS_PROXY_CONFIG, nodeName: i.nodeName, largeCluster: false })),
    },
  }));
}
