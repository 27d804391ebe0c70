/**
 * Test support: the worked example of vpc-cni-behaviour.md b.5 as a NodeNetworkInput, with
 * the MACs and names fixtures/capture.sh used, and a function that swaps the ENA devices
 * for the veth stand-ins the capture machine had to use (no dummy/8021q modules there).
 */
import type { NodeNetworkInput } from './input.ts';
import { DEFAULT_KUBE_IPTABLES } from './kube-iptables.ts';
import type { NodeNetwork } from './model.ts';

export function b5Input(overrides: Partial<NodeNetworkInput> = {}): NodeNetworkInput {
  return {
    nodeName: 'ip-192-168-1-64.us-west-2.compute.internal',
    instanceId: 'i-0123456789abcdef0',
    enis: [
      { ifName: 'eth0', deviceIndex: 0, networkCard: 0, mac: '0a:5b:3c:d1:e2:01', primaryIp: '192.168.1.64', subnetCidr: '192.168.0.0/19', kind: 'primary' },
      { ifName: 'eth1', deviceIndex: 1, networkCard: 0, mac: '0a:5b:3c:d1:e2:02', primaryIp: '192.168.9.201', subnetCidr: '192.168.0.0/19', kind: 'secondary' },
    ],
    pods: [
      { namespace: 'default', name: 'web-1', ip: '192.168.12.34', deviceIndex: 0, hostVethMac: '0a:e1:00:00:00:01', podEthMac: '0e:01:00:00:00:01', netnsName: 'vcx-cap-web-1' },
      { namespace: 'default', name: 'web-2', ip: '192.168.25.7', deviceIndex: 1, hostVethMac: '0a:e1:00:00:00:02', podEthMac: '0e:01:00:00:00:02', netnsName: 'vcx-cap-web-2' },
      { namespace: 'kube-system', name: 'aws-node-x7k2p', hostNetwork: true },
    ],
    env: {},
    vpcCidrs: ['192.168.0.0/16'],
    seed: 'b5',
    // The capture machine created no nfacct objects, which is what kube-proxy meets on a kernel
    // without nfnetlink_acct: no nfacct matches (services-and-load-balancers.md 1.1).
    kubeProxy: { ...DEFAULT_KUBE_IPTABLES, config: { ...DEFAULT_KUBE_IPTABLES.config, nfacct: false } },
    ...overrides,
  };
}

/**
 * The capture's ENIs were veths with peers in `vcx-cap-vpc` (eth0@if2, eth1@if3), and its
 * node namespace had a name, so pods print `link-netns vcx-cap-node` instead of EKS's
 * `link-netnsid 0`. Only these device facts change; addresses, routes and rules do not.
 */
export function asCaptureLab(net: NodeNetwork): NodeNetwork {
  const vpcPeer: Record<string, number> = { eth0: 2, eth1: 3 };
  for (const link of net.host.links) {
    if (link.kind !== 'ena') continue;
    Object.assign(link, { kind: 'veth', qdisc: 'noqueue', peerIfindex: vpcPeer[link.name], linkNetns: { name: 'vcx-cap-vpc' } });
  }
  for (const pod of net.pods) {
    for (const link of pod.links) if (link.linkNetns) link.linkNetns = { name: 'vcx-cap-node' };
  }
  return net;
}
