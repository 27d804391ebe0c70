/**
 * Lab names: the prefix (`lab --prefix`, and its default), and namespace names that stay
 * within what `ip netns add` takes (checked here: 255 bytes accepted, 256 refused with
 * `Invalid netns name`; "/", "." and ".." refused) and never collide.
 */
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { exampleInputs } from '../trace/example-world.ts';
import { buildWorld } from '../trace/world.ts';
import { defaultLabPrefix, fabricLink, labNames, labNamespaces, labPrefix, type LabPrefix } from './names.ts';
import { LabRefusal } from './shell.ts';

const P = 'vcx-ab12cd' as LabPrefix;

describe('labPrefix', () => {
  it.each(['vcx-1a2b3c', 'lab1', 'A.b_c-d', 'x'.repeat(32)])('accepts %j', (p) => expect(labPrefix(p).ok).toBe(true));
  it.each(['', '-x', '.x', '../x', 'a/b', 'a b', "a'b", '$(x)', 'x'.repeat(33), 'é'])('refuses %j with the rule', (p) => {
    expect(labPrefix(p)).toMatchObject({ ok: false, problem: expect.stringContaining('is not a lab prefix (1-32 letters, digits') });
  });
});

describe('defaultLabPrefix', () => {
  it('is vcx- and 6 hex digits, the same for the same scenario and moment', () => {
    expect(defaultLabPrefix('{"v":1}', 120)).toMatch(/^vcx-[0-9a-f]{6}$/);
    expect(defaultLabPrefix('{"v":1}', 120)).toBe(defaultLabPrefix('{"v":1}', 120));
  });
  it('differs for another scenario or another moment', () => {
    expect(defaultLabPrefix('{"v":1}', 120)).not.toBe(defaultLabPrefix('{"v":1,"name":"b"}', 120));
    expect(defaultLabPrefix('{"v":1}', 120)).not.toBe(defaultLabPrefix('{"v":1}', 121));
  });
});

describe('labNames', () => {
  const names = labNames(P);
  it('puts every namespace under the prefix', () => {
    expect([names.vpc, names.inet, names.of('node-a'), names.of('node-a/default/web-1')]).toEqual([
      'vcx-ab12cd-vpc', 'vcx-ab12cd-inet', 'vcx-ab12cd-node-a', 'vcx-ab12cd-node-a-default-web-1',
    ]);
  });
  it('replaces every character outside letters, digits, "_", "." and "-"', () => {
    expect(names.of("n/ns/$(x)'\n")).toBe('vcx-ab12cd-n-ns---x---');
  });
  it('keeps long names within 255 bytes and apart', () => {
    const a = names.of(`ip-10-0-0-1.ec2.internal/default/${'p'.repeat(253)}`);
    const b = names.of(`ip-10-0-0-1.ec2.internal/default/${'p'.repeat(252)}q`);
    expect(a.length).toBe(255);
    expect(a).toMatch(/-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });
  it('refuses a world where two parts would share a namespace', () => {
    const inputs = exampleInputs();
    inputs[1].nodeName = 'node-a-default-web-1';
    const w = buildWorld(inputs.map(buildNodeNetwork), { inputs });
    expect(() => labNamespaces(w, names)).toThrow(LabRefusal);
    expect(() => labNamespaces(w, names)).toThrow(/share the namespace vcx-ab12cd-node-a-default-web-1/);
  });
  it('names fabric links within 15 bytes even for the 5000th node', () => expect(fabricLink(4999, 15)).toBe('n4999.15'));
});
