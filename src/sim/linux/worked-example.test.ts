/**
 * The worked examples of vpc-cni-behaviour.md (b.5 iptables/rules/routes, c.4 strict SGP),
 * expected text copied from the reference, plus the SGP capture of fixtures/capture.sh.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from './build.ts';
import { b5Input } from './lab-input.test-support.ts';
import { renderView } from './render/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8');
const lines = (text: string) => text.split('\n').filter(Boolean);
/** The reference prints `ip rule` with spaces where the tool prints a tab. */
const tabbed = (text: string) => text.replace(/^(\d+):\s+/gm, '$1:\t');

const b5 = (env: Record<string, string> = {}) => buildNodeNetwork(b5Input({ env, kubeProxy: false }));

const last = (env: Record<string, string>) => lines(renderView(b5(env), 'iptables -t nat -S')).at(-1);

describe('b.5 iptables', () => {
  it('iptables -t nat -S (AWS lines only, i.e. without kube-proxy)', () => {
    expect(renderView(b5(), 'iptables -t nat -S')).toBe(`-P PREROUTING ACCEPT
-P INPUT ACCEPT
-P OUTPUT ACCEPT
-P POSTROUTING ACCEPT
-N AWS-CONNMARK-CHAIN-0
-N AWS-SNAT-CHAIN-0
-A PREROUTING -i eni+ -m comment --comment "AWS, outbound connections" -j AWS-CONNMARK-CHAIN-0
-A PREROUTING -m comment --comment "AWS, CONNMARK" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80
-A POSTROUTING -m comment --comment "AWS SNAT CHAIN" -j AWS-SNAT-CHAIN-0
-A AWS-CONNMARK-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS CONNMARK CHAIN" -j RETURN
-A AWS-CONNMARK-CHAIN-0 -m comment --comment "AWS, CONNMARK" -j CONNMARK --set-xmark 0x80/0x80
-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN
-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.64 --random-fully
`);
  });

  it('iptables -t mangle -S (AWS lines)', () => {
    expect(lines(renderView(b5(), 'iptables -t mangle -S')).filter((l) => l.startsWith('-A'))).toEqual([
      '-A PREROUTING -i eth0 -m comment --comment "AWS, primary ENI" -m addrtype --dst-type LOCAL --limit-iface-in -j CONNMARK --set-xmark 0x80/0x80',
      '-A PREROUTING -i eni+ -m comment --comment "AWS, primary ENI" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80',
      '-A PREROUTING -i vlan+ -m comment --comment "AWS, primary ENI" -j CONNMARK --restore-mark --nfmask 0x80 --ctmask 0x80',
    ]);
  });

  it('kube-proxy jumps precede the AWS ones', () => {
    const nat = lines(renderView(buildNodeNetwork(b5Input()), 'iptables -t nat -S'));
    const pre = nat.filter((l) => l.startsWith('-A PREROUTING'));
    expect(pre[0]).toContain('-j KUBE-SERVICES');
    const post = nat.filter((l) => l.startsWith('-A POSTROUTING'));
    expect(post.map((l) => l.split(' -j ')[1])).toEqual(['KUBE-POSTROUTING', 'AWS-SNAT-CHAIN-0']);
  });

  it('excluded CIDRs are inserted at position 1, newest first', () => {
    const nat = lines(renderView(b5({ AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: '10.12.0.0/16,10.13.0.0/16' }), 'iptables -t nat -S'));
    expect(nat.filter((l) => l.startsWith('-A AWS-SNAT-CHAIN-0'))).toEqual([
      '-A AWS-SNAT-CHAIN-0 -d 10.13.0.0/16 -m comment --comment "AWS SNAT CHAIN EXCLUSION" -j RETURN',
      '-A AWS-SNAT-CHAIN-0 -d 10.12.0.0/16 -m comment --comment "AWS SNAT CHAIN EXCLUSION" -j RETURN',
      '-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN',
      '-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.64 --random-fully',
    ]);
  });

  it('external SNAT: empty SNAT chain, no jump, no connmark chain, rule 1024 kept', () => {
    const net = b5({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' });
    const nat = lines(renderView(net, 'iptables -t nat -S'));
    expect(nat).toContain('-N AWS-SNAT-CHAIN-0');
    expect(nat.filter((l) => l.startsWith('-A'))).toEqual([]);
    expect(nat.some((l) => l.includes('CONNMARK'))).toBe(false);
    expect(renderView(net, 'ip rule')).toContain('1024:\tfrom all fwmark 0x80/0x80 lookup main\n');
  });

  it('RANDOMIZESNAT hashrandom → --random, none → nothing', () => {
    expect(last({ AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'hashrandom' })).toMatch(/--to-source 192\.168\.1\.64 --random$/);
    expect(last({ AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'none' })).toMatch(/--to-source 192\.168\.1\.64$/);
  });

  it('a custom veth prefix replaces eni+ everywhere', () => {
    const net = b5({ AWS_VPC_K8S_CNI_VETHPREFIX: 'cali' });
    expect(renderView(net, 'iptables -t nat -S')).toContain('-A PREROUTING -i cali+ -m comment --comment "AWS, outbound connections"');
    expect(renderView(net, 'iptables -t mangle -S')).toContain('-A PREROUTING -i cali+ -m comment');
    expect(renderView(net, 'ip route')).toContain('192.168.12.34 dev cali0761ccbeace scope link');
  });

  it('an empty veth prefix: veths are 11 hex digits and `-i +` matches all, so iptables prints no -i', () => {
    // Checked on iptables 1.8.9: `iptables -A PREROUTING -i + -j ACCEPT` is saved as `-A PREROUTING -j ACCEPT`.
    const net = b5({ AWS_VPC_K8S_CNI_VETHPREFIX: '' });
    expect(renderView(net, 'iptables -t mangle -S')).toContain('-A PREROUTING -m comment --comment "AWS, primary ENI" -j CONNMARK --restore-mark');
    expect(renderView(net, 'iptables -t nat -S')).toContain('-A PREROUTING -m comment --comment "AWS, outbound connections" -j AWS-CONNMARK-CHAIN-0');
    expect(renderView(net, 'ip route')).toContain('192.168.12.34 dev 0761ccbeace scope link');
  });

  it('no node-port support and external SNAT: no rule 1024, no mangle rules', () => {
    const net = b5({ AWS_VPC_CNI_NODE_PORT_SUPPORT: 'false', AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' });
    expect(renderView(net, 'ip rule')).not.toContain('1024:');
    expect(renderView(net, 'iptables -t mangle -S')).not.toContain('-A ');
  });

  it('nft backend: no nat-PREROUTING connmark rules; the aws-cni nft table instead', () => {
    const net = buildNodeNetwork(b5Input({ kubeProxy: false, iptablesBackend: 'nft' }));
    expect(renderView(net, 'iptables -t nat -S')).not.toContain('CONNMARK');
    expect(net.awsCniNft).toEqual({ ifnamePrefix: 'eni', returnCidrs: net.config.vpcCidrs, mark: 0x80 });
  });
});

describe('b.5 rules and routes', () => {
  it('ip rule', () => {
    expect(renderView(b5(), 'ip rule')).toBe(
      tabbed(`0:      from all lookup local
512:    from all to 192.168.12.34 lookup main
512:    from all to 192.168.25.7 lookup main
1024:   from all fwmark 0x80/0x80 lookup main
1536:   from 192.168.25.7 lookup 2
32765:  from 192.168.9.201 lookup 2
32766:  from all lookup main
32767:  from all lookup default
`),
    );
  });
  it('ip route show table main holds the CNI lines', () => {
    const main = lines(renderView(b5(), 'ip route'));
    expect(main).toContain('192.168.12.34 dev eni0761ccbeace scope link ');
    expect(main).toContain('192.168.25.7 dev eni9fb0db7f13e scope link ');
  });
  it('ip route show table 2', () => {
    expect(lines(renderView(b5(), 'ip route show table', { table: '2' })).map((l) => l.trimEnd())).toEqual([
      'default via 192.168.0.1 dev eth1',
      '192.168.0.1 dev eth1 scope link',
    ]);
  });
  it('inside pod web-2', () => {
    const net = b5();
    expect(renderView(net, 'ip -br addr', { pod: 'web-2' })).toContain(' 192.168.25.7/32 ');
    expect(lines(renderView(net, 'ip route', { pod: 'web-2' })).map((l) => l.trimEnd())).toEqual([
      'default via 169.254.1.1 dev eth0',
      '169.254.1.1 dev eth0 scope link',
    ]);
    const vethMac = net.host.links.find((l) => l.name === 'eni9fb0db7f13e')!.mac;
    expect(renderView(net, 'ip neigh', { pod: 'web-2' })).toBe(`169.254.1.1 dev eth0 lladdr ${vethMac} PERMANENT \n`);
  });
  it('hostNetwork pods get no namespace', () => {
    expect(b5().pods.map((p) => p.pod)).toEqual(['web-1', 'web-2']);
  });
});

const sgp = (mode: string) =>
  buildNodeNetwork({
    ...b5Input({ kubeProxy: false }),
    env: { ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: mode },
    enis: [
      { ifName: 'eth0', deviceIndex: 0, networkCard: 0, mac: '0a:5b:3c:d1:e2:11', primaryIp: '192.168.1.64', subnetCidr: '192.168.0.0/19', kind: 'primary' },
      { ifName: 'eth2', deviceIndex: 2, networkCard: 0, mac: '0a:5b:3c:d1:e2:13', primaryIp: '192.168.9.77', subnetCidr: '192.168.0.0/19', kind: 'trunk' },
    ],
    pods: [{ namespace: 'default', name: 'sgp-pod', ip: '192.168.20.9', branch: { vlanId: 1, mac: '0a:5b:3c:d1:e2:99', subnetCidr: '192.168.0.0/19' } }],
  });

describe('c.4 strict SGP (vlan 1, trunk eth2, pod default/sgp-pod 192.168.20.9)', () => {

  it('ip rule matches the kernel capture (local rule at 20, iif rules at 10, no 32765 for the trunk)', () => {
    expect(renderView(sgp('strict'), 'ip rule')).toBe(fixture('sgp.ip-rule'));
  });
  it('ip route show table 101 matches the kernel capture', () => {
    expect(renderView(sgp('strict'), 'ip route show table', { table: '101' })).toBe(fixture('sgp.ip-route-table-101'));
  });
  it('vlan.eth.1 carries the branch MAC on the trunk', () => {
    // qlen 1000: two public captures of EKS nodes with security groups for pods (AL2 and AL2023)
    // print "vlan.eth.1@ens7: … qdisc noqueue state UP group default qlen 1000" in `ip addr`;
    // the branch pod's host veth has none (fixtures/sgp.ip-link.txt for the line's form).
    expect(renderView(sgp('strict'), 'ip link')).toContain('vlan.eth.1@eth2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n    link/ether 0a:5b:3c:d1:e2:99 brd ff:ff:ff:ff:ff:ff\n');
    expect(renderView(sgp('strict'), 'ip link')).toMatch(/: vlanad3d5642a5a@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9001 qdisc noqueue state UP mode DEFAULT group default \n/);
  });
  it('standard mode: eni-prefixed veth, 512/1536 rules, route in main, local rule stays at 0', () => {
    const net = sgp('standard');
    const rules = renderView(net, 'ip rule');
    expect(rules).toContain('0:\tfrom all lookup local\n');
    expect(rules).toContain('512:\tfrom all to 192.168.20.9 lookup main\n');
    expect(rules).toContain('1536:\tfrom 192.168.20.9 lookup 101\n');
    expect(renderView(net, 'ip route')).toMatch(/^192\.168\.20\.9 dev eni\w{11} scope link $/m);
  });
});
