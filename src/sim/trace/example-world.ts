/**
 * The worked example of vpc-cni-behaviour.md b.5 as NodeNetworkInputs, plus a second node
 * in the same VPC, for tests, the benchmark and the kernel lab. Node A: eth0 192.168.1.64
 * and eth1 192.168.9.201 in 192.168.0.0/19, pods default/web-1 = 192.168.12.34 (eth0) and
 * default/web-2 = 192.168.25.7 (eth1). Node B, in the same subnet (so node A
 * reaches its pods on-link and the VPC answers ARP for them, e.4): eth0 192.168.2.10 and
 * eth1 192.168.3.20, pods default/api-1 = 192.168.14.5 (eth0), default/api-2 = 192.168.16.6 (eth1).
 */
import type { NodeNetworkInput } from '../linux/input.ts';
import type { NodeNetwork } from '../linux/model.ts';
import { append, chain, comment, insertFirst, jump, rule } from '../linux/netfilter.ts';
import { mustCidr } from '../net/ipv4.ts';

/** Builds the two example nodes; `env` is the aws-node environment of both. */
export function exampleInputs(env: Record<string, string> = {}): NodeNetworkInput[] {
  const common = { env, vpcCidrs: ['192.168.0.0/16'], iptablesBackend: 'legacy' as const, kubeProxy: true };
  return [
    {
      ...common,
      nodeName: 'node-a',
      instanceId: 'i-0aaaaaaaaaaaaaaa1',
      seed: 'node-a',
      enis: [
        { ifName: 'eth0', deviceIndex: 0, networkCard: 0, mac: '0a:5b:3c:d1:e2:01', primaryIp: '192.168.1.64', subnetCidr: '192.168.0.0/19', kind: 'primary', secondaryIps: ['192.168.12.34'] },
        { ifName: 'eth1', deviceIndex: 1, networkCard: 0, mac: '0a:5b:3c:d1:e2:02', primaryIp: '192.168.9.201', subnetCidr: '192.168.0.0/19', kind: 'secondary', secondaryIps: ['192.168.25.7'] },
      ],
      pods: [
        { namespace: 'default', name: 'web-1', ip: '192.168.12.34', deviceIndex: 0 },
        { namespace: 'default', name: 'web-2', ip: '192.168.25.7', deviceIndex: 1 },
      ],
    },
    {
      ...common,
      nodeName: 'node-b',
      instanceId: 'i-0bbbbbbbbbbbbbbb2',
      seed: 'node-b',
      enis: [
        { ifName: 'eth0', deviceIndex: 0, networkCard: 0, mac: '0a:5b:3c:d1:f2:01', primaryIp: '192.168.2.10', subnetCidr: '192.168.0.0/19', kind: 'primary', secondaryIps: ['192.168.14.5'] },
        { ifName: 'eth1', deviceIndex: 1, networkCard: 0, mac: '0a:5b:3c:d1:f2:02', primaryIp: '192.168.3.20', subnetCidr: '192.168.0.0/19', kind: 'secondary', secondaryIps: ['192.168.16.6', '192.168.16.7'] },
      ],
      pods: [
        { namespace: 'default', name: 'api-1', ip: '192.168.14.5', deviceIndex: 0 },
        { namespace: 'default', name: 'api-2', ip: '192.168.16.6', deviceIndex: 1 },
      ],
    },
  ];
}

/**
 * The example with security groups for pods on node A (c.4): a trunk ENI eth2 and the
 * branch-ENI pod default/sgp-pod = 192.168.20.9 on VLAN 1, in `strict` or `standard` mode
 * (`extraEnv`: more aws-node variables, e.g. DISABLE_TCP_EARLY_DEMUX).
 */
export function exampleSgpInputs(mode: 'strict' | 'standard', extraEnv: Record<string, string> = {}): NodeNetworkInput[] {
  const env = { ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: mode, ...extraEnv };
  const [a, b] = exampleInputs(env);
  a.enis.push({ ifName: 'eth2', deviceIndex: 2, networkCard: 0, mac: '0a:5b:3c:d1:e2:03', primaryIp: '192.168.9.202', subnetCidr: '192.168.0.0/19', kind: 'trunk' });
  a.pods.push({ namespace: 'default', name: 'sgp-pod', ip: '192.168.20.9', branch: { vlanId: 1, mac: '0a:5b:3c:d1:e2:b1', subnetCidr: '192.168.0.0/19' } });
  return [a, b];
}

/**
 * kube-proxy services as services-and-load-balancers.md shapes them, added to every node,
 * each with one endpoint (no `-m statistic`, so the kernel's choice is the tracer's):
 * ClusterIP 10.100.0.10:80 → api-1 192.168.14.5:8080, and NodePort 30080 with
 * externalTrafficPolicy Local (no masquerade) → web-2 192.168.25.7:8080, the pod on node A's
 * secondary ENI — the case the CNI's mangle connmark exists for (b.4, b.6).
 */
export function addKubeServices(nodes: NodeNetwork[]): void {
  for (const n of nodes) {
    const nat = n.host.netfilter.nat;
    for (const c of ['KUBE-SVC-API0000000000000', 'KUBE-SEP-API1000000000000', 'KUBE-EXT-WEB0000000000000', 'KUBE-SVL-WEB0000000000000', 'KUBE-SEP-WEB2000000000000']) chain(nat, c);
    insertFirst(nat, 'KUBE-SERVICES', rule({ dst: { value: mustCidr('10.100.0.10/32') }, protocol: { value: 'tcp' }, matches: [comment('default/api cluster IP'), { module: 'tcp', dport: { value: 80 } }], target: jump('KUBE-SVC-API0000000000000') }));
    append(nat, 'KUBE-SVC-API0000000000000', rule({ matches: [comment('default/api -> 192.168.14.5:8080')], target: jump('KUBE-SEP-API1000000000000') }));
    append(nat, 'KUBE-SEP-API1000000000000', rule({ src: { value: mustCidr('192.168.14.5/32') }, matches: [comment('default/api')], target: jump('KUBE-MARK-MASQ') }));
    append(nat, 'KUBE-SEP-API1000000000000', rule({ protocol: { value: 'tcp' }, matches: [comment('default/api'), { module: 'tcp' }], target: { kind: 'DNAT', toDestination: '192.168.14.5:8080' } }));
    append(nat, 'KUBE-NODEPORTS', rule({ protocol: { value: 'tcp' }, matches: [comment('default/web'), { module: 'tcp', dport: { value: 30080 } }], target: jump('KUBE-EXT-WEB0000000000000') }));
    append(nat, 'KUBE-EXT-WEB0000000000000', rule({ matches: [comment('default/web external destinations')], target: jump('KUBE-SVL-WEB0000000000000') }));
    append(nat, 'KUBE-SVL-WEB0000000000000', rule({ matches: [comment('default/web -> 192.168.25.7:8080')], target: jump('KUBE-SEP-WEB2000000000000') }));
    append(nat, 'KUBE-SEP-WEB2000000000000', rule({ src: { value: mustCidr('192.168.25.7/32') }, matches: [comment('default/web')], target: jump('KUBE-MARK-MASQ') }));
    append(nat, 'KUBE-SEP-WEB2000000000000', rule({ protocol: { value: 'tcp' }, matches: [comment('default/web'), { module: 'tcp' }], target: { kind: 'DNAT', toDestination: '192.168.25.7:8080' } }));
  }
}
