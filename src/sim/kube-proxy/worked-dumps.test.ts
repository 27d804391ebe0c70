/**
 * services-and-load-balancers.md 1.7: the worked dumps of `default/web` (ClusterIP
 * 10.100.12.34:80 → 8080, NodePort 31234, endpoints on nodes A, B and C), reproduced
 * character for character from the rules the engine writes, on node A of the CNI's worked
 * example (vpc-cni-behaviour.md b.5, whose AWS chain bodies the reference elides).
 */
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { b5Input } from '../linux/lab-input.test-support.ts';
import { renderIptablesS } from '../linux/render/iptables.ts';
import { mustCidr } from '../net/ipv4.ts';
import { EKS_PROXY_CONFIG, type ProxyConfig, type ProxyEndpoint, type ProxyServicePort } from './model.ts';
import { writeServicePort } from './service-rules.ts';
import { kubeIptablesConfig } from './install.ts';

const NODE_A = 'node-a';
const web: ProxyServicePort = {
  namespace: 'default', service: 'web', protocol: 'tcp', clusterIP: '10.100.12.34', port: 80, nodePort: 31234, healthCheckNodePort: 0,
  externalPolicyLocal: false, internalPolicyLocal: false, loadBalancerVIPs: [], loadBalancerSourceRanges: [], externalIPs: [],
};
const ep = (ip: string, nodeName: string, over: Partial<ProxyEndpoint> = {}): ProxyEndpoint => ({ ip, port: 8080, ready: true, serving: true, terminating: false, nodeName, ...over });
const endpoints = [ep('192.168.1.17', NODE_A), ep('192.168.2.215', 'node-b'), ep('192.168.3.218', 'node-c')];

function nat(svc: ProxyServicePort, eps: ProxyEndpoint[], config: ProxyConfig = EKS_PROXY_CONFIG, table: 'nat' | 'filter' = 'nat'): string {
  const fragment = writeServicePort(svc, eps, { config, nodeName: NODE_A, largeCluster: false });
  const net = buildNodeNetwork(b5Input({ pods: [], kubeProxy: { config: kubeIptablesConfig(config), services: [fragment] } }));
  return renderIptablesS(net.host, table);
}

// The AWS chain bodies of b.5, which the reference's dump replaces by a pointer.
const AWS_BODIES = `-A AWS-CONNMARK-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS CONNMARK CHAIN" -j RETURN
-A AWS-CONNMARK-CHAIN-0 -m comment --comment "AWS, CONNMARK" -j CONNMARK --set-xmark 0x80/0x80
-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN
-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.64 --random-fully`;

// Reference 1.7 a), verbatim but for the elided AWS bodies.
const DUMP_A = `-P PREROUTING ACCEPT
-P INPUT ACCEPT
-P OUTPUT ACCEPT
-P POSTROUTING ACCEPT
-N AWS-CONNMARK-CHAIN-0
-N AWS-SNAT-CHAIN-0
-N KUBE-EXT-LOLE4ISW44XBNF3G
-N KUBE-KUBELET-CANARY
-N KUBE-MARK-MASQ
-N KUBE-NODEPORTS
-N KUBE-POSTROUTING
-N KUBE-PROXY-CANARY
-N KUBE-SEP-RNHLPZWAKOXYIVFE
-N KUBE-SEP-TPEWJDC6G2QIAXVM
-N KUBE-SEP-Y2D4IXW44R3ZKDFV
-N KUBE-SERVICES
-N KUBE-SVC-LOLE4ISW44XBNF3G
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A PREROUTING -i eni+ -m comment --comment "AWS, outbound connections" -j AWS-CONNMARK-CHAIN-0
-A PREROUTING -m comment --comment "AWS, CONNMARK" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A POSTROUTING -m comment --comment "AWS SNAT CHAIN" -j AWS-SNAT-CHAIN-0
(AWS-CONNMARK-CHAIN-0 / AWS-SNAT-CHAIN-0 bodies: vpc-cni-behaviour.md b.4)
-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "masquerade traffic for default/web external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-LOLE4ISW44XBNF3G -j KUBE-SVC-LOLE4ISW44XBNF3G
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "default/web" -m tcp --dport 31234 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j KUBE-EXT-LOLE4ISW44XBNF3G
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 31234 -j KUBE-EXT-LOLE4ISW44XBNF3G
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SEP-RNHLPZWAKOXYIVFE -s 192.168.2.215/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ
-A KUBE-SEP-RNHLPZWAKOXYIVFE -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 192.168.2.215:8080
-A KUBE-SEP-TPEWJDC6G2QIAXVM -s 192.168.3.218/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ
-A KUBE-SEP-TPEWJDC6G2QIAXVM -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 192.168.3.218:8080
-A KUBE-SEP-Y2D4IXW44R3ZKDFV -s 192.168.1.17/32 -m comment --comment "default/web" -j KUBE-MARK-MASQ
-A KUBE-SEP-Y2D4IXW44R3ZKDFV -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 192.168.1.17:8080
-A KUBE-SERVICES -d 10.100.12.34/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 192.168.1.17:8080" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-Y2D4IXW44R3ZKDFV
-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 192.168.2.215:8080" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-RNHLPZWAKOXYIVFE
-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 192.168.3.218:8080" -j KUBE-SEP-TPEWJDC6G2QIAXVM
`.replace('(AWS-CONNMARK-CHAIN-0 / AWS-SNAT-CHAIN-0 bodies: vpc-cni-behaviour.md b.4)\n', '');

/** Inserts the AWS bodies where `iptables -S` prints them: after the built-ins, before KUBE-*. */
function withAwsBodies(dump: string): string {
  const lines = dump.trimEnd().split('\n');
  const at = lines.findIndex((l) => l.startsWith('-A KUBE-'));
  return [...lines.slice(0, at), AWS_BODIES, ...lines.slice(at)].join('\n') + '\n';
}

describe('1.7 a) ClusterIP + NodePort, externalTrafficPolicy Cluster (iptables -t nat -S on node A)', () => {
  it('is the reference dump', () => {
    expect(nat(web, endpoints)).toBe(withAwsBodies(DUMP_A));
  });

  it('plain ClusterIP: the same without KUBE-EXT and KUBE-NODEPORTS rules (the last KUBE-SERVICES rule stays)', () => {
    const plain = DUMP_A.split('\n').filter((l) => !l.includes('KUBE-EXT-') && !l.startsWith('-A KUBE-NODEPORTS -')).join('\n');
    expect(nat({ ...web, nodePort: 0 }, endpoints)).toBe(withAwsBodies(plain));
  });

  it('with a ClusterCIDR detector, the SVC chain starts with the off-cluster masquerade rule', () => {
    const out = nat(web, endpoints, { ...EKS_PROXY_CONFIG, clusterCidr: mustCidr('192.168.0.0/16') }).split('\n');
    const svc = out.filter((l) => l.startsWith('-A KUBE-SVC-LOLE4ISW44XBNF3G'));
    expect(svc[0]).toBe('-A KUBE-SVC-LOLE4ISW44XBNF3G ! -s 192.168.0.0/16 -d 10.100.12.34/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ');
    expect(svc).toHaveLength(4);
  });

  it('without nfacct the localhost NodePort rule is absent and the plain one remains', () => {
    const out = nat(web, endpoints, { ...EKS_PROXY_CONFIG, nfacct: false });
    expect(out).not.toContain('nfacct');
    expect(out).toContain('-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 31234 -j KUBE-EXT-LOLE4ISW44XBNF3G\n');
  });
});

describe('1.7 b) iptables -t filter -S, kube-proxy part', () => {
  const DUMP_B = `-N KUBE-EXTERNAL-SERVICES
-N KUBE-FIREWALL
-N KUBE-FORWARD
-N KUBE-NODEPORTS
-N KUBE-PROXY-CANARY
-N KUBE-PROXY-FIREWALL
-N KUBE-SERVICES
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A INPUT -j KUBE-FIREWALL
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -j KUBE-FIREWALL
-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`;

  it('is the reference dump (its -P lines and kubelet canary aside)', () => {
    const out = nat(web, endpoints, EKS_PROXY_CONFIG, 'filter').trimEnd().split('\n');
    const kubeProxyPart = out.filter((l) => !l.startsWith('-P ') && l !== '-N KUBE-KUBELET-CANARY');
    expect(kubeProxyPart.join('\n')).toBe(DUMP_B);
  });
});

const lines = (text: string, prefix: string) => text.split('\n').filter((l) => l.startsWith(prefix));

describe('1.7 c) variants', () => {
  it('externalTrafficPolicy Local on node A (it has 192.168.1.17; healthCheckNodePort 32100)', () => {
    const local = { ...web, externalPolicyLocal: true, healthCheckNodePort: 32100 };
    const out = nat(local, endpoints);
    expect(out).toContain('-N KUBE-SVL-LOLE4ISW44XBNF3G\n');
    expect(lines(out, '-A KUBE-EXT-')).toEqual([
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "masquerade LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -m comment --comment "route LOCAL traffic for default/web external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-LOLE4ISW44XBNF3G',
      '-A KUBE-EXT-LOLE4ISW44XBNF3G -j KUBE-SVL-LOLE4ISW44XBNF3G',
    ]);
    expect(lines(out, '-A KUBE-SVL-')).toEqual(['-A KUBE-SVL-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 192.168.1.17:8080" -j KUBE-SEP-Y2D4IXW44R3ZKDFV']);
    expect(lines(nat(local, endpoints, EKS_PROXY_CONFIG, 'filter'), '-A KUBE-NODEPORTS')).toEqual([
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web health check node port" -m tcp --dport 32100 -j ACCEPT',
    ]);
  });

  it('externalTrafficPolicy Local on a node without local endpoints: no SVL, two EXT rules, filter DROP', () => {
    const local = { ...web, externalPolicyLocal: true, healthCheckNodePort: 32100 };
    const remote = endpoints.filter((e) => e.nodeName !== NODE_A);
    const out = nat(local, remote);
    expect(out).not.toContain('KUBE-SVL-');
    expect(lines(out, '-A KUBE-EXT-')).toHaveLength(2);
    expect(lines(nat(local, remote, EKS_PROXY_CONFIG, 'filter'), '-A KUBE-EXTERNAL-SERVICES')).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31234 -j DROP',
    ]);
  });

  it('internalTrafficPolicy Local: KUBE-SERVICES jumps to the SVL chain; without local endpoints, a filter DROP and no nat rule', () => {
    const itp = { ...web, nodePort: 0, internalPolicyLocal: true };
    const out = nat(itp, endpoints);
    expect(lines(out, '-A KUBE-SERVICES -d')).toEqual([
      '-A KUBE-SERVICES -d 10.100.12.34/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVL-LOLE4ISW44XBNF3G',
    ]);
    expect(out).not.toContain('KUBE-SVC-');
    const remote = endpoints.filter((e) => e.nodeName !== NODE_A);
    expect(lines(nat(itp, remote), '-A KUBE-SERVICES -d')).toEqual([]);
    expect(lines(nat(itp, remote, EKS_PROXY_CONFIG, 'filter'), '-A KUBE-SERVICES')).toEqual([
      '-A KUBE-SERVICES -d 10.100.12.34/32 -p tcp -m comment --comment "default/web has no local endpoints" -m tcp --dport 80 -j DROP',
    ]);
  });

  it('sessionAffinity ClientIP: rcheck rules precede the statistic rules, SEP DNAT rules carry --set', () => {
    const out = nat({ ...web, affinityTimeoutSeconds: 10800 }, endpoints);
    const svc = lines(out, '-A KUBE-SVC-');
    expect(svc).toHaveLength(6);
    expect(svc[0]).toBe('-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 192.168.1.17:8080" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-Y2D4IXW44R3ZKDFV --mask 255.255.255.255 --rsource -j KUBE-SEP-Y2D4IXW44R3ZKDFV');
    expect(svc[3]).toContain('--probability 0.33333333349');
    expect(out).toContain('-A KUBE-SEP-Y2D4IXW44R3ZKDFV -p tcp -m comment --comment "default/web" -m recent --set --name KUBE-SEP-Y2D4IXW44R3ZKDFV --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 192.168.1.17:8080\n');
  });

  it('no ready endpoints: nothing in nat for the service, REJECT rules in filter', () => {
    const notReady = endpoints.map((e) => ({ ...e, ready: false, serving: false }));
    const out = nat(web, notReady);
    expect(out).not.toMatch(/KUBE-(SVC|SEP|EXT)-/);
    const filter = nat(web, notReady, EKS_PROXY_CONFIG, 'filter');
    expect(lines(filter, '-A KUBE-SERVICES')).toEqual([
      '-A KUBE-SERVICES -d 10.100.12.34/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    expect(lines(filter, '-A KUBE-EXTERNAL-SERVICES')).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31234 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });

  it('only terminating endpoints that still serve: they are used (reference 1.5 step 1)', () => {
    const terminating = endpoints.map((e) => ({ ...e, ready: false, terminating: true }));
    expect(lines(nat(web, terminating), '-A KUBE-SVC-')).toHaveLength(3);
  });
});
