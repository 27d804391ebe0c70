import { describe, expect, it } from 'vitest';
import { mustCidr } from '../net/ipv4.ts';
import { parseCniEnv, parseCidrList } from './cni-env.ts';
import { hostVethName, linkLocalFromMac, seededMac } from './names.ts';

describe('host veth names (b.1, c.4)', () => {
  it('upstream test vector and the reference examples', () => {
    expect(hostVethName('eni', 'kube-system', 'coredns-57ff979f67-qqbdh')).toBe('enib5faff8a083');
    expect(hostVethName('eni', 'default', 'web-1')).toBe('eni0761ccbeace');
    expect(hostVethName('eni', 'default', 'web-2')).toBe('eni9fb0db7f13e');
    expect(hostVethName('vlan', 'default', 'sgp-pod')).toBe('vlanad3d5642a5a');
  });
});

describe('seeded values', () => {
  it('MACs are locally administered unicast and stable per seed and label', () => {
    const mac = seededMac('s', 'veth-mac:default/web-1');
    expect(mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(Number.parseInt(mac.slice(0, 2), 16) & 3).toBe(2);
    expect(seededMac('s', 'veth-mac:default/web-1')).toBe(mac);
    expect(seededMac('t', 'veth-mac:default/web-1')).not.toBe(mac);
  });
  it('EUI-64 link-local addresses as the kernel printed them (fixtures/node.ip-addr.txt)', () => {
    expect(linkLocalFromMac('0a:5b:3c:d1:e2:01').text).toBe('fe80::85b:3cff:fed1:e201');
    expect(linkLocalFromMac('0a:e1:00:00:00:01').text).toBe('fe80::8e1:ff:fe00:1');
  });
});

describe('aws-node env parsing', () => {
  const vpc = [mustCidr('192.168.0.0/16')];
  it('defaults', () => {
    const c = parseCniEnv({}, vpc, 'legacy');
    expect(c).toMatchObject({ externalSnat: false, randomizeSnat: 'prng', vethPrefix: 'eni', nodePortSupport: true, connmark: 0x80, eniMtu: 9001, podMtu: 9001, podEni: false, podSgEnforcingMode: 'strict' });
  });
  it('Go bool and int spellings; junk falls back to the default', () => {
    expect(parseCniEnv({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'T' }, vpc, 'legacy').externalSnat).toBe(true);
    expect(parseCniEnv({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'yes' }, vpc, 'legacy').externalSnat).toBe(false);
    expect(parseCniEnv({ AWS_VPC_K8S_CNI_CONNMARK: '0x100' }, vpc, 'legacy').connmark).toBe(0x100);
    expect(parseCniEnv({ AWS_VPC_K8S_CNI_CONNMARK: '64' }, vpc, 'legacy').connmark).toBe(64);
    expect(parseCniEnv({ AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'bogus' }, vpc, 'legacy').randomizeSnat).toBe('prng');
    expect(parseCniEnv({ AWS_VPC_ENI_MTU: '1500' }, vpc, 'legacy')).toMatchObject({ eniMtu: 1500, podMtu: 1500 });
    expect(parseCniEnv({ AWS_VPC_ENI_MTU: '9001', POD_MTU: '1500' }, vpc, 'legacy').podMtu).toBe(1500);
    expect(parseCniEnv({ POD_SECURITY_GROUP_ENFORCING_MODE: 'Standard' }, vpc, 'legacy').podSgEnforcingMode).toBe('strict');
  });
  it('CIDR lists: spaces trimmed, host bits kept as the network, junk skipped', () => {
    expect(parseCidrList(' 10.12.0.0/16, 10.13.1.1/16,nope,10.0.0.0/33').map((c) => `${c.base >>> 24}.${(c.base >>> 16) & 255}/${c.prefixLength}`)).toEqual(['10.12/16', '10.13/16']);
  });
});
