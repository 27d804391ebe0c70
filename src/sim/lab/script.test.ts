import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { exampleSgpInputs } from '../trace/example-world.ts';
import { buildWorld } from '../trace/world.ts';
import { labNamespaces } from './names.ts';
import { labScript, sysctlPath } from './script.ts';

const world = buildWorld(exampleSgpInputs('strict').map(buildNodeNetwork));
const script = labScript(world);

describe('labScript', () => {
  it('is valid bash', () => {
    const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('names only vcx-* namespaces and can tear them down', () => {
    expect(labNamespaces(world).every((n) => n.startsWith('vcx-'))).toBe(true);
    expect(script).toContain('if [ "${1:-}" = "--teardown" ]; then teardown; exit 0; fi');
    const created = [...script.matchAll(/netns (?:add|exec) (\S+)/g)].map((m) => m[1]).filter((n) => !n.startsWith('"'));
    expect(created.every((n) => n.startsWith('vcx-'))).toBe(true);
  });

  it('gives ENIs and the vlan stand-in their MACs, and the VPC proxy ARP without delay (e.4, e.7)', () => {
    expect(script).toContain('ip -n vcx-node-a link add eth1 address 0a:5b:3c:d1:e2:02 mtu 9001 type veth peer name n0.1 netns vcx-vpc');
    expect(script).toContain('ip -n vcx-node-a link add vlan.eth.1 address 0a:5b:3c:d1:e2:b1');
    expect(script).toMatch(/echo 0 > \/proc\/sys\/net\/ipv4\/neigh\/n0\.0\/proxy_delay/);
    expect(script).toMatch(/echo 1 > \/proc\/sys\/net\/ipv4\/conf\/n0\.0\/proxy_arp/);
  });

  it('restores the CNI rules and moves the local rule for strict SGP', () => {
    expect(script).toContain('-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.64 --random-fully');
    expect(script).toContain('ip -n vcx-node-a rule del priority 0');
    expect(script).toContain('ip -n vcx-node-a rule add priority 20 lookup local');
  });

  it('writes sysctls of dotted device names through /proc', () => {
    expect(sysctlPath('net.ipv4.conf.vlan.eth.1.rp_filter')).toBe('/proc/sys/net/ipv4/conf/vlan.eth.1/rp_filter');
    expect(sysctlPath('net.ipv4.ip_forward')).toBe('/proc/sys/net/ipv4/ip_forward');
  });
});
