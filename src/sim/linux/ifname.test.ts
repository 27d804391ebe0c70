/**
 * Interface names, against what Linux 6.18 did with `ip link add x type veth peer name <name>`
 * on the build machine (iproute2 6.1; its own check only refuses whitespace, "/" and > 15 bytes,
 * so the rest is the kernel's answer: "RTNETLINK answers: Invalid argument").
 */
import { describe, expect, it } from 'vitest';
import { checkIfName, ifName, ifNameProblem } from './ifname.ts';

const accepted = ['eth0', 'enib5faff8a083', 'vlan.eth.1', 'a..b', '-ab', '0', '@', 'a+', 'a=b', 'a,b', 'a#b', 'a;b', 'a|b', 'a`b', 'a!b', 'a"b', "a'b", 'a$b', 'a\\b', 'a*b', 'a@b', 'é1', 'a\x01b', 'a\x1cb', 'a\x7fb', 'a\u0085b', '123456789012345'];
const refused = ['', 'a:b', '.', '..', 'a\u00a0b', 'à1', 'a b', 'a\tb', 'a\vb', 'a/b', 'all', 'default', '1234567890123456', 'a%b', 'ab%d%d'];

describe('checkIfName (dev_valid_name and the % template)', () => {
  it.each(accepted)('the kernel accepts %j', (name) => expect(checkIfName(name)).toEqual({ ok: true }));
  it.each(refused)('the kernel refuses %j with EINVAL', (name) => expect(checkIfName(name)).toMatchObject({ ok: false, errno: 'EINVAL' }));
  it('a single %d is a template the kernel fills in (a%d became a0)', () => {
    expect(checkIfName('a%d')).toMatchObject({ ok: false, errno: 'renamed' });
    expect(checkIfName('ab%dc')).toMatchObject({ ok: false, errno: 'renamed' });
  });
  it('counts bytes, not characters: 7 × "é" is 14 bytes, 8 is 16', () => {
    expect(ifNameProblem('é'.repeat(7))).toBeUndefined();
    expect(ifNameProblem('é'.repeat(8))).toBe('is 16 bytes; an interface name has at most 15');
  });
  it('ifName() says which name and which rule', () => {
    expect(() => ifName('a:b')).toThrow('interface name "a:b" contains ":"');
    expect(ifName('eth1')).toBe('eth1');
  });
});
