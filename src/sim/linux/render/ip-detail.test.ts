/**
 * `ip -d link` / `ip -d addr` against real output.
 *
 * 1. This kernel (fixtures/capture.sh, iproute2 6.1.0 on 6.18, a 2-CPU machine; the commands are
 *    the `cap node.ip-d-*`, `web-1.ip-d-*` and `error.ip-*` lines there): lo, the host veths and a
 *    pod's eth0 made as the plugin makes them, and the ENI stand-ins (veths: the machine has no
 *    ENA), rendered with the capture machine's profile (`IP_DETAIL_PROFILES.lab`).
 * 2. What the lab cannot make (no ENA, no 8021q or dummy module there), against public captures
 *    of the real devices: an EC2 ENA device (`ip -d link list` on RHEL 8.4, kernel 4.18, the
 *    fields AL2's 5.10 prints too), 802.1Q devices under iproute2 6.1 on a 6.1 kernel and under
 *    a newer iproute2 on a 6.3+ kernel, kube-proxy's kube-ipvs0 dummy (a kind node, pre-5.15).
 *    Captures lose a line's trailing space when pasted: those are compared without it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../build.ts';
import { ifName } from '../ifname.ts';
import { asCaptureLab, b5Input } from '../lab-input.test-support.ts';
import type { Link, NodeNetwork } from '../model.ts';
import { runNodeCommand } from './index.ts';
import { runIpCommand } from './ip-command.ts';
import { IP_DETAIL_PROFILES, linkDetails, type IpDetailProfile } from './ip-detail.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}.txt`, import.meta.url), 'utf8');

/** The b.5 node as capture.sh built it, on the capture machine's 2 CPUs, its lease where the capture read it. */
function lab(): NodeNetwork {
  const lease = Number(/valid_lft (\d+)sec/.exec(fixture('node.ip-d-addr'))![1]);
  return asCaptureLab(buildNodeNetwork(b5Input({ dhcpLeaseSecondsLeft: lease, vcpus: 2 })));
}

const ip = (net: NodeNetwork, line: string, pod?: string) => {
  const ns = pod ? net.pods.find((p) => p.pod === pod)! : net.host;
  return runIpCommand(net, ns, line.split(' ').slice(1), IP_DETAIL_PROFILES.lab);
};

describe('ip -d against this kernel (iproute2 6.1)', () => {
  const cases: [string, string, string?][] = [
    ['node.ip-d-link', 'ip -d link show'],
    ['node.ip-d-link-dev', 'ip -d link show dev eni0761ccbeace'],
    ['node.ip-details-link-lo', 'ip -details link show lo'],
    ['node.ip-d-link-type-veth', 'ip -d link show type veth'],
    ['node.ip-d-addr', 'ip -d addr'],
    ['web-1.ip-d-link', 'ip -d link show', 'web-1'],
    ['web-1.ip-d-addr-dev', 'ip -d addr show dev eth0', 'web-1'],
  ];
  for (const [file, line, pod] of cases) {
    it(`${pod ?? 'node'}: ${line}`, () => {
      expect(ip(lab(), line, pod)).toBe(fixture(file));
    });
  }

  it('answers an unknown option, object or command, a missing device or argument as iproute2 does', () => {
    const errors: [string, string][] = [
      ['error.ip-option-x', 'ip -x link show'],
      ['error.ip-d-object', 'ip -d frob'],
      ['error.ip-d-link-command', 'ip -d link frob'],
      ['error.ip-d-link-nosuch', 'ip -d link show dev nosuch'],
      ['error.ip-d-link-garbage', 'ip -d link show lo eth0'],
      ['error.ip-d-link-incomplete', 'ip -d link show dev'],
    ];
    for (const [file, line] of errors) expect(runNodeCommand(lab(), line)?.output, line).toBe(fixture(file));
  });

  it('reads options, objects and subcommands by prefix, as iproute2 does', () => {
    const net = lab();
    const full = ip(net, 'ip -details link show dev eth1');
    for (const line of ['ip -d l sh eth1', 'ip --det link list dev eth1', 'ip -d li lst eth1']) expect(ip(net, line), line).toBe(full);
    // `-dd` is no prefix of -details (nor of any option); `ip link s` is `set` (a change, not printed here).
    expect(ip(net, 'ip -dd link')).toBe('Option "-dd" is unknown, try "ip -help".\n');
    expect(ip(net, 'ip -d link s eth1')).toBeUndefined();
    expect(ip(net, 'ip -s link')).toBeUndefined();
    // After the object, a word iproute2 does not know is a device name, `-d` included.
    expect(ip(net, 'ip link show -d')).toBe('Device "-d" does not exist.\n');
  });
});

/** A node's devices, built by the engine's own builder: an AL2023 node with a trunk and a branch pod. */
function sgpNode(ami: 'AL2023' | 'AL2', vcpus: number): NodeNetwork {
  const ens = (i: number) => (ami === 'AL2' ? `eth${i}` : `ens${5 + i}`);
  return buildNodeNetwork({
    nodeName: 'ip-192-168-1-64.us-west-2.compute.internal', amiFamily: ami, instanceId: 'i-0123456789abcdef0', vcpus,
    enis: [
      { ifName: ens(0), deviceIndex: 0, networkCard: 0, mac: '02:f7:87:69:ba:f1', primaryIp: '192.168.1.64', subnetCidr: '192.168.0.0/19', kind: 'primary' },
      { ifName: ens(1), deviceIndex: 1, networkCard: 0, mac: '02:0d:9c:86:96:29', primaryIp: '192.168.9.201', subnetCidr: '192.168.0.0/19', kind: 'trunk' },
    ],
    pods: [{ namespace: 'default', name: 'sg-pod', ip: '192.168.12.34', branch: { vlanId: 5, mac: '0a:5b:3c:d1:e2:99', subnetCidr: '192.168.0.0/19' } }],
    env: { ENABLE_POD_ENI: 'true' }, vpcCidrs: ['192.168.0.0/16'], seed: 'detail',
  });
}

/** The details a device of `kind` gets on `net`, the way `ip -d link` prints them. */
function detailsOf(net: NodeNetwork, pick: (l: Link) => boolean, p: IpDetailProfile): string {
  const link = net.host.links.find(pick)!;
  return linkDetails(net, net.host.links, link, p, true);
}

describe('devices the lab cannot make, against real captures', () => {
  it('an ENA device: MTU 128–9216 and one queue pair per vCPU (EC2, 8 vCPUs, AL2-era iproute2)', () => {
    const real = 'link/ether 06:db:e6:c4:c3:6d brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 128 maxmtu 9216 addrgenmode eui64 numtxqueues 8 numrxqueues 8 gso_max_size 65536 gso_max_segs 65535';
    const net = sgpNode('AL2', 8);
    const eth0 = net.host.links.find((l) => l.name === 'eth0')!;
    const model = `link/ether 06:db:e6:c4:c3:6d brd ${eth0.broadcastMac}${detailsOf(net, (l) => l === eth0, IP_DETAIL_PROFILES.AL2)}`;
    expect(model.trimEnd()).toBe(real);
  });

  it('a PCI device on iproute2 6.1: parentbus, parentdev, then the altname line', () => {
    // A desktop's eno1 (iproute2 6.1): its own MTU range, addrgenmode (NetworkManager) and queues
    // replaced by the ENA's, its PCI function and altname by the primary ENI's slot 5.
    const real = ' promiscuity 0  allmulti 0 minmtu 68 maxmtu 9216 addrgenmode none numtxqueues 4 numrxqueues 4 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 parentbus pci parentdev 0000:08:00.0 \n    altname enp8s0\n';
    const expected = real.replace('minmtu 68', 'minmtu 128').replace('addrgenmode none', 'addrgenmode eui64').replaceAll(' 4 ', ' 2 ').replace('0000:08:00.0', '0000:00:05.0').replace('enp8s0', 'enp0s5');
    const net = sgpNode('AL2023', 2);
    const text = ip(net, 'ip -d link show dev ens5')!;
    expect(text.slice(text.indexOf(' promiscuity'))).toBe(expected);
    expect(ip(net, 'ip -d link show dev ens6')).toContain(' parentdev 0000:00:06.0 \n');
  });

  it('a vlan device on iproute2 6.1 and a 6.1 kernel, its parent with the default TSO limit (as an ENA)', () => {
    const real = ' promiscuity 0  allmulti 0 minmtu 0 maxmtu 65535\n    vlan protocol 802.1Q id 10 <REORDER_HDR> addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536';
    const net = sgpNode('AL2023', 2);
    const vlan = net.host.links.find((l) => l.kind === 'vlan')!;
    vlan.vlanId = 10;
    expect(detailsOf(net, (l) => l === vlan, IP_DETAIL_PROFILES.lab).replace(' \n', '\n').trimEnd()).toBe(real);
  });

  it('a vlan device on a newer iproute2 and a 6.3+ kernel inherits its parent veth\'s TSO limit', () => {
    const real = ' promiscuity 0 allmulti 0 minmtu 0 maxmtu 65535\n    vlan protocol 802.1Q id 100 <REORDER_HDR> addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 gso_ipv4_max_size 65536 gro_ipv4_max_size 65536';
    const net = sgpNode('AL2023', 2);
    const vlan = net.host.links.find((l) => l.kind === 'vlan')!;
    const veth = net.host.links.find((l) => l.kind === 'veth')!;
    Object.assign(vlan, { vlanId: 100, peerIfindex: veth.ifindex });
    expect(detailsOf(net, (l) => l === vlan, IP_DETAIL_PROFILES.AL2023).replace(' \n', '\n').trimEnd()).toBe(real);
  });

  it('lo and a pod-side veth on a newer iproute2 and a 6.3+ kernel (2 CPUs): the AL2023 profile\'s fields', () => {
    // The same write-up's `ip -d -n net0 link show`: lo, and a veth whose peer is in the unnamed namespace 0.
    const realLo = 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 allmulti 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 gso_ipv4_max_size 65536 gro_ipv4_max_size 65536';
    const realVeth = 'link/ether 6e:da:ea:46:94:fa brd ff:ff:ff:ff:ff:ff link-netnsid 0 promiscuity 0 allmulti 0 minmtu 68 maxmtu 65535\n    veth addrgenmode eui64 numtxqueues 2 numrxqueues 2 gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535 gro_max_size 65536 gso_ipv4_max_size 65536 gro_ipv4_max_size 65536';
    const net = sgpNode('AL2023', 2);
    const pod = net.pods[0];
    const [lo, eth0] = pod.links;
    const p = IP_DETAIL_PROFILES.AL2023;
    expect(`link/loopback ${lo.mac} brd ${lo.broadcastMac}${linkDetails(net, pod.links, lo, p, true)}`.trimEnd()).toBe(realLo);
    const line = `link/ether 6e:da:ea:46:94:fa brd ${eth0.broadcastMac} link-netnsid 0${linkDetails(net, pod.links, eth0, p, true)}`;
    expect(line.replace(' \n', '\n').trimEnd()).toBe(realVeth);
    expect(eth0.linkNetns).toEqual({ id: 0 });
  });

  it('the branch pod\'s vlan.eth.5 on AL2023: under its trunk ENA, qlen 1000, the 6.12 kernel\'s attributes', () => {
    const net = sgpNode('AL2023', 4);
    const vlan = net.host.links.find((l) => l.kind === 'vlan')!;
    const text = runNodeCommand(net, `ip -d link show ${vlan.name}`)!.output;
    expect(text).toBe(
      `${vlan.ifindex}: vlan.eth.5@ens6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n` +
        '    link/ether 0a:5b:3c:d1:e2:99 brd ff:ff:ff:ff:ff:ff promiscuity 0 allmulti 0 minmtu 0 maxmtu 65535 \n' +
        '    vlan protocol 802.1Q id 5 <REORDER_HDR> addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535 tso_max_size 65536 tso_max_segs 65535 gro_max_size 65536 gso_ipv4_max_size 65536 gro_ipv4_max_size 65536 \n',
    );
    expect(runNodeCommand(net, 'ip -d link show type vlan')!.output).toBe(text);
  });

  it('kube-proxy\'s kube-ipvs0 dummy (pre-5.15 kernel, the fields AL2 prints)', () => {
    const real = 'link/ether 22:76:01:f0:71:9f brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 0 maxmtu 0\n    dummy addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535';
    const net = sgpNode('AL2', 2);
    const dummy: Link = { ifindex: 9, name: ifName('kube-ipvs0'), kind: 'dummy', mac: '22:76:01:f0:71:9f', broadcastMac: 'ff:ff:ff:ff:ff:ff', mtu: 1500, flags: ['BROADCAST', 'NOARP'], qdisc: 'noop', operState: 'DOWN' };
    net.host.links.push(dummy);
    const model = `link/ether ${dummy.mac} brd ${dummy.broadcastMac}${detailsOf(net, (l) => l === dummy, IP_DETAIL_PROFILES.AL2)}`;
    expect(model.replace(' \n', '\n').trimEnd()).toBe(real);
  });
});
