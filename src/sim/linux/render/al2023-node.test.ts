/**
 * AL2023 nodes against what real EKS AL2023 nodes print. The expected text is pasted from two
 * public captures of EKS AL2023 managed nodes running the VPC CNI (`ip addr`, `ip -br addr`,
 * `ip route` over ssh; AEWS study write-ups, 2026): trailing spaces kept, the comments their
 * authors appended removed. Each node is rebuilt here from the facts the capture shows (MACs,
 * addresses, subnet, the pods' host veths and netns names).
 *
 * Two things differ by history, not by rule, and are normalised before comparing: ifindex
 * numbers (the captures' secondary ENI was attached after the first pod; we number ENIs first)
 * and the veth peer index (`@if3` there: their CNI moved the host end out of the pod; v1.23.1
 * creates it in the host namespace, so the pod's eth0 is ifindex 2 — driver.go, and a kernel check).
 */
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../build.ts';
import type { NodeNetworkInput } from '../input.ts';
import { renderView } from './index.ts';

/** Node 1 of the first capture: ens5 192.168.0.174/22, ens6 192.168.2.105, pods on veths 3 and 5. */
function captureNodeA(): NodeNetworkInput {
  return {
    nodeName: 'ip-192-168-0-174.ap-northeast-2.compute.internal', amiFamily: 'AL2023', instanceId: 'i-0123456789abcdef0',
    enis: [
      { ifName: 'ens5', deviceIndex: 0, networkCard: 0, mac: '02:f7:87:69:ba:f1', primaryIp: '192.168.0.174', subnetCidr: '192.168.0.0/22', kind: 'primary' },
      { ifName: 'ens6', deviceIndex: 1, networkCard: 0, mac: '02:0d:9c:86:96:29', primaryIp: '192.168.2.105', subnetCidr: '192.168.0.0/22', kind: 'secondary' },
    ],
    pods: [
      { namespace: 'kube-system', name: 'coredns-a', ip: '192.168.2.12', deviceIndex: 0, hostVethName: 'eni4d2fe644677', hostVethMac: 'ae:7b:4f:1a:27:4b', netnsName: 'cni-334fc7b6-d283-036e-c4f4-1672ff72b24e' },
      { namespace: 'kube-system', name: 'coredns-b', ip: '192.168.3.22', deviceIndex: 1, hostVethName: 'enia7cc107bbb9', hostVethMac: 'f6:41:b6:81:f4:b4', netnsName: 'cni-8a685a38-e7f2-157b-be14-93e027133a29' },
    ],
    env: {}, vpcCidrs: ['192.168.0.0/16'], seed: 'capture-a', dhcpLeaseSecondsLeft: 2230,
  };
}

/** Blocks of `ip addr`, keyed by device name, with ifindex and veth peer numbers normalised. */
function blocks(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of text.split(/^(?=\d+: )/m)) {
    const name = /^\d+: ([^:@]+)/.exec(block)![1];
    out.set(name, block.replace(/^\d+: /, 'N: ').replace(/@if\d+:/, '@ifN:'));
  }
  return out;
}

describe('an AL2023 node prints what EKS AL2023 nodes print', () => {
  const net = buildNodeNetwork(captureNodeA());

  it('ip addr: lo with systemd\'s ::1, ens5 with altname and metric 512, the CNI\'s ENI, a veth without qlen', () => {
    const real = [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      '    inet6 ::1/128 scope host noprefixroute ',
      '       valid_lft forever preferred_lft forever',
      '2: ens5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP group default qlen 1000',
      '    link/ether 02:f7:87:69:ba:f1 brd ff:ff:ff:ff:ff:ff',
      '    altname enp0s5',
      '    inet 192.168.0.174/22 metric 512 brd 192.168.3.255 scope global dynamic ens5',
      '       valid_lft 2230sec preferred_lft 2230sec',
      '    inet6 fe80::f7:87ff:fe69:baf1/64 scope link proto kernel_ll ',
      '       valid_lft forever preferred_lft forever',
      '3: eni4d2fe644677@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP group default ',
      '    link/ether ae:7b:4f:1a:27:4b brd ff:ff:ff:ff:ff:ff link-netns cni-334fc7b6-d283-036e-c4f4-1672ff72b24e',
      '    inet6 fe80::ac7b:4fff:fe1a:274b/64 scope link proto kernel_ll ',
      '       valid_lft forever preferred_lft forever',
      '4: ens6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc mq state UP group default qlen 1000',
      '    link/ether 02:0d:9c:86:96:29 brd ff:ff:ff:ff:ff:ff',
      '    altname enp0s6',
      '    inet 192.168.2.105/22 brd 192.168.3.255 scope global ens6',
      '       valid_lft forever preferred_lft forever',
      '    inet6 fe80::d:9cff:fe86:9629/64 scope link proto kernel_ll ',
      '       valid_lft forever preferred_lft forever',
      '5: enia7cc107bbb9@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP group default ',
      '    link/ether f6:41:b6:81:f4:b4 brd ff:ff:ff:ff:ff:ff link-netns cni-8a685a38-e7f2-157b-be14-93e027133a29',
      '    inet6 fe80::f441:b6ff:fe81:f4b4/64 scope link proto kernel_ll ',
      '       valid_lft forever preferred_lft forever',
      '',
    ].join('\n');
    expect(blocks(renderView(net, 'ip addr'))).toEqual(blocks(real));
  });

  it('ip route: networkd\'s DHCP routes with metric 512, the DNS server on-link, the pods\' routes', () => {
    expect(renderView(net, 'ip route')).toBe([
      'default via 192.168.0.1 dev ens5 proto dhcp src 192.168.0.174 metric 512 ',
      '192.168.0.0/22 dev ens5 proto kernel scope link src 192.168.0.174 metric 512 ',
      '192.168.0.1 dev ens5 proto dhcp scope link src 192.168.0.174 metric 512 ',
      '192.168.0.2 dev ens5 proto dhcp scope link src 192.168.0.174 metric 512 ',
      '192.168.2.12 dev eni4d2fe644677 scope link ',
      '192.168.3.22 dev enia7cc107bbb9 scope link ',
      '',
    ].join('\n'));
  });

  it('a subnet without the DNS server reaches it through the gateway; ip -br addr shows the metric', () => {
    // Node 1 of the second capture: ens5 192.168.6.121/22 in 192.168.4.0/22, ens6 192.168.4.57.
    const b = buildNodeNetwork({
      ...captureNodeA(), seed: 'capture-b',
      enis: [
        { ifName: 'ens5', deviceIndex: 0, networkCard: 0, mac: '06:44:8f:f8:bd:a7', primaryIp: '192.168.6.121', subnetCidr: '192.168.4.0/22', kind: 'primary' },
        { ifName: 'ens6', deviceIndex: 1, networkCard: 0, mac: '06:b4:dd:a8:aa:5f', primaryIp: '192.168.4.57', subnetCidr: '192.168.4.0/22', kind: 'secondary' },
      ],
      pods: [{ namespace: 'kube-system', name: 'coredns-a', ip: '192.168.4.8', deviceIndex: 0, hostVethName: 'eni14227b50c6b', hostVethMac: 'da:e2:7c:4a:0a:e5' }],
    });
    expect(renderView(b, 'ip route')).toBe([
      'default via 192.168.4.1 dev ens5 proto dhcp src 192.168.6.121 metric 512 ',
      '192.168.0.2 via 192.168.4.1 dev ens5 proto dhcp src 192.168.6.121 metric 512 ',
      '192.168.4.0/22 dev ens5 proto kernel scope link src 192.168.6.121 metric 512 ',
      '192.168.4.1 dev ens5 proto dhcp scope link src 192.168.6.121 metric 512 ',
      '192.168.4.8 dev eni14227b50c6b scope link ',
      '',
    ].join('\n'));
    const brief = renderView(b, 'ip -br addr').split('\n');
    expect(brief[0]).toBe('lo               UNKNOWN        127.0.0.1/8 ::1/128 ');
    expect(brief[1]).toBe('ens5             UP             192.168.6.121/22 metric 512 fe80::444:8fff:fef8:bda7/64 ');
    expect(brief[2]).toBe('ens6             UP             192.168.4.57/22 fe80::4b4:ddff:fea8:aa5f/64 ');
    expect(brief[3]).toMatch(/^eni14227b50c6b@if2 UP             fe80::d8e2:7cff:fe4a:ae5\/64 $/);
  });
});

describe('the same node on AL2', () => {
  it('eth names, the metadata route, no metrics and no address protocol (an EKS AL2 node\'s ip route)', () => {
    const al2 = buildNodeNetwork({
      ...captureNodeA(), amiFamily: 'AL2',
      enis: captureNodeA().enis.map((e) => ({ ...e, ifName: `eth${e.deviceIndex}` })),
    });
    expect(renderView(al2, 'ip route').split('\n').slice(0, 3)).toEqual([
      'default via 192.168.0.1 dev eth0 ',
      '169.254.169.254 dev eth0 ',
      '192.168.0.0/22 dev eth0 proto kernel scope link src 192.168.0.174 ',
    ]);
    const addr = renderView(al2, 'ip addr');
    expect(addr).not.toMatch(/altname|kernel_ll|noprefixroute|metric/);
    expect(renderView(al2, 'iptables -t nat -S')).toContain('-N AWS-CONNMARK-CHAIN-0');
  });
});

function rp(ami: 'AL2023' | 'AL2'): string {
  const input = captureNodeA();
  return renderView(buildNodeNetwork({ ...input, amiFamily: ami, enis: input.enis.map((e) => ({ ...e, ifName: ami === 'AL2' ? `eth${e.deviceIndex}` : e.ifName })) }), 'sysctl rp_filter');
}

describe('sysctl rp_filter by AMI', () => {
  it('AL2023: systemd 252 leaves all at 0 and sets default and every interface to 2', () => {
    expect(rp('AL2023').split('\n').slice(0, 5)).toEqual([
      'net.ipv4.conf.all.rp_filter = 0', 'net.ipv4.conf.default.rp_filter = 2', 'net.ipv4.conf.lo.rp_filter = 2',
      'net.ipv4.conf.ens5.rp_filter = 2', 'net.ipv4.conf.ens6.rp_filter = 2',
    ]);
  });
  it('AL2: systemd 219 sets all and default to 1; the CNI makes the primary interface loose (2)', () => {
    expect(rp('AL2').split('\n').slice(0, 5)).toEqual([
      'net.ipv4.conf.all.rp_filter = 1', 'net.ipv4.conf.default.rp_filter = 1', 'net.ipv4.conf.lo.rp_filter = 0',
      'net.ipv4.conf.eth0.rp_filter = 2', 'net.ipv4.conf.eth1.rp_filter = 1',
    ]);
  });
});
