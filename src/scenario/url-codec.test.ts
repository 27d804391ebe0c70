import * as fc from 'fast-check';
import { deflateSync, inflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from './base64url.ts';
import { parseScenario } from './parse-scenario.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from './sample-index.ts';
import { CURRENT_VERSION } from './scenario-json.ts';
import { decodeFragment, encodeFragment, inflateLimited } from './url-codec.ts';

const sample = SAMPLE_SCENARIOS['warm-ip-target'];
const link = (json: string) => `#v1.${encodeBase64Url(deflateSync(strToU8(json)))}`;

describe('encodeFragment / decodeFragment', () => {
  it.each(SAMPLE_NAMES)('round-trips fixture %s and stays short enough for a chat message', (name) => {
    const scenario = SAMPLE_SCENARIOS[name];
    const hash = encodeFragment({ scenario });
    expect(hash).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(1200);
    const r = decodeFragment(hash);
    if (!r.ok) throw new Error(r.error);
    // The fixtures are v1 documents: the link gives them back migrated to the current format.
    expect(r.scenario).toEqual({ ...scenario, v: CURRENT_VERSION });
    expect(r.warnings).toEqual([]);
    const direct = parseScenario(scenario);
    expect(direct.ok && r.spec).toEqual(direct.ok && direct.spec);
  });

  it('carries the moment and view state', () => {
    const hash = encodeFragment({ scenario: sample, moment: { timeMs: 12500 }, view: { tab: 'network', node: 'ip-192-168-1-64.us-west-2.compute.internal', 'a b': 'c&d=e' } });
    expect(hash).toContain('&t=12500');
    const r = decodeFragment(hash);
    expect(r.ok && [r.moment, r.view]).toEqual([{ timeMs: 12500 }, { tab: 'network', node: 'ip-192-168-1-64.us-west-2.compute.internal', 'a b': 'c&d=e' }]);
  });

  it('round-trips arbitrary view state and moments within the scenario', () => {
    // warm-ip-target's last timeline entry is at 240 s; a link may point up to an hour past it.
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), fc.nat({ max: (240 + 3600) * 1000 }), (view, timeMs) => {
        const r = decodeFragment(encodeFragment({ scenario: sample, moment: { timeMs }, view }));
        expect(r.ok && [r.moment, r.view]).toEqual([{ timeMs }, view]);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a view key named "__proto__" as an ordinary key (found by the property above)', () => {
    const view = JSON.parse('{"__proto__":"x","tab":"nodes"}') as Record<string, string>;
    const r = decodeFragment(encodeFragment({ scenario: sample, view }));
    expect(r.ok && Object.entries(r.view)).toEqual([['__proto__', 'x'], ['tab', 'nodes']]);
  });

  it('accepts the fragment without its "#"', () => {
    expect(decodeFragment(encodeFragment({ scenario: sample }).slice(1)).ok).toBe(true);
  });
});

describe('decodeFragment on broken links', () => {
  const good = encodeFragment({ scenario: sample });

  it('names a bad base64 character and its position in the fragment', () => {
    const broken = `${good.slice(0, 20)}*${good.slice(21)}`;
    expect(decodeFragment(broken)).toMatchObject({ ok: false, error: expect.stringMatching(/^bad base64 at char 20: "\*" is not a base64url character/), where: 'scenario data, char 20' });
  });

  it('reports corrupt compression for a cut or edited link', () => {
    const r = decodeFragment(good.slice(0, 40));
    expect(r).toMatchObject({ ok: false, where: 'scenario data (compression)' });
    expect(!r.ok && r.error).toMatch(/corrupt/);
  });

  it('reports JSON errors', () => {
    expect(decodeFragment(link('{"v": 1,'))).toMatchObject({ ok: false, where: 'scenario JSON', error: expect.stringContaining('not valid JSON') });
  });

  it('reports an unknown link version and a foreign fragment', () => {
    expect(decodeFragment(`#v2.${good.slice(4)}`)).toMatchObject({ ok: false, error: expect.stringContaining('unknown link version "v2"') });
    expect(decodeFragment('#section-3')).toMatchObject({ ok: false, error: expect.stringContaining('not a scenario link') });
    expect(decodeFragment('')).toMatchObject({ ok: false, where: 'fragment' });
  });

  it('reports an unknown scenario format version from inside the data', () => {
    expect(decodeFragment(link('{"v": 9}'))).toMatchObject({ ok: false, where: 'v', error: expect.stringContaining('newer than this build') });
  });

  it('reports schema issues with their paths', () => {
    const r = decodeFragment(link(JSON.stringify({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.lareg', count: 1 }] })));
    expect(r).toMatchObject({ ok: false, where: 'nodeGroups[0].instanceType', issues: [{ path: 'nodeGroups[0].instanceType' }] });
    expect(!r.ok && r.error).toContain('nodeGroups[0].instanceType: "m5.lareg" is not an EC2 instance type');
  });

  it('reports bad parameters', () => {
    expect(decodeFragment(`${good}&t=soon`)).toMatchObject({ ok: false, where: 'parameter t' });
    expect(decodeFragment(`${good}&zoom=2`)).toMatchObject({ ok: false, error: expect.stringContaining('unknown parameter "zoom"') });
    expect(decodeFragment(`${good}&v.x=%E0%A4%A`)).toMatchObject({ ok: false, error: expect.stringContaining('percent-encoding') });
  });

  it('never throws on arbitrary text or on a valid link with characters changed, and no failure is an internal error', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = decodeFragment(text);
        expect(typeof r.ok).toBe('boolean');
        expect(r.ok || r.code === undefined).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), (at, text) => {
        const i = at % good.length;
        const r = decodeFragment(good.slice(0, i) + text + good.slice(i + 1));
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
        expect(r.ok || r.code === undefined).toBe(true);
        expect((r.ok ? r.warnings : r.issues ?? []).filter((issue) => issue.code === 'internal')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('marks a failure that is the decoder\'s own bug as internal, apart from the link\'s problems', () => {
    const r = decodeFragment(good, { instanceTypes: () => { throw new Error('planted'); } });
    expect(r).toMatchObject({ ok: false, code: 'internal', issues: [{ path: '', code: 'internal', message: 'internal error while checking the scenario: planted' }] });
  });
});

/** Lengths of every text a failed decode shows. */
const sizes = (r: ReturnType<typeof decodeFragment>) => (r.ok ? [] : [r.error.length, r.where.length, ...(r.issues ?? []).map((i) => i.message.length + i.path.length)]);

describe('decodeFragment on hostile links: every cost bounded, every message short', () => {

  it('refuses a 202-character link whose env name inflates to 100,000 characters (it took 34 s in Node before the caps)', () => {
    const hash = link(`{"v":1,"awsNode":{"env":{"${'W'.repeat(100_000)}":""}}}`);
    expect(hash.length).toBe(202);
    const r = decodeFragment(hash);
    expect(r).toMatchObject({ ok: false, where: `awsNode.env["${'W'.repeat(80)}…"]` });
    expect(!r.ok && r.error).toContain('is a key of 100,000 characters; a key in a scenario has at most 317');
    expect(Math.max(...sizes(r))).toBeLessThan(1000);
  });

  it('stops inflating a deflate bomb at 1 MiB, without reading the rest of the stream', () => {
    const bomb = deflateSync(strToU8(`{"v":1,"name":"${'x'.repeat(50_000_000)}"}`), { level: 9 });
    // Garbage half-way through the 48 KB bomb: an inflater that read on would fail on it
    // ("invalid distance", as inflateSync does) instead of stopping at 1 MiB, ~1 KB in.
    const data = bomb.slice();
    data.fill(0xff, bomb.length / 2, bomb.length / 2 + 64);
    expect(() => inflateSync(data)).toThrow();
    expect(inflateLimited(data)).toMatchObject({ ok: false, error: { message: 'the scenario inflates to more than 1,048,576 bytes (1 MiB); a scenario is a few KB, so this is not one' } });
    expect(decodeFragment(`#v1.${encodeBase64Url(data)}`)).toMatchObject({ ok: false, where: 'scenario data (compression)' });
    expect(inflateLimited(bomb.subarray(0, 100))).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^the scenario data is corrupt .*cut short or edited$/) } });
  });

  it('keeps a million-character subnet id out of the message', () => {
    const r = decodeFragment(link(JSON.stringify({ v: 1, vpc: { cidrs: ['192.168.0.0/16'] }, subnets: [{ id: 'a'.repeat(1_000_000), cidr: '192.168.0.0/19' }] })));
    expect(r).toMatchObject({ ok: false, where: 'subnets[0].id', error: 'the scenario in the link is not valid: subnets[0].id: is 1,000,000 characters long; a string in a scenario has at most 4,096' });
  });

  it('cuts a value that fits the caps but not a message (4,000-character instance type)', () => {
    const r = decodeFragment(link(JSON.stringify({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'i'.repeat(4_000), count: 1 }] })));
    expect(!r.ok && r.issues?.[0]).toMatchObject({
      path: 'nodeGroups[0].instanceType', message: `"${'i'.repeat(80)}…" (4,000 characters) is not an EC2 instance type the simulator knows`,
      // The translatable twin quotes the value cut the same way, its length a text of its own.
      text: { id: '{0} is not an EC2 instance type the simulator knows{1}', values: { 0: { id: '{0} ({1} characters)', values: { 0: `"${'i'.repeat(80)}…"`, 1: '4,000' } }, 1: '' } },
    });
  });

  it('refuses JSON nested deeper than the format, before parsing it', () => {
    expect(decodeFragment(link('['.repeat(500_000) + ']'.repeat(500_000)))).toMatchObject({ ok: false, where: 'scenario JSON', error: 'the scenario JSON is nested more than 16 levels deep; the format itself needs 14 (at char 16)' });
  });

  it('lists at most 50 problems, then how many more', () => {
    const groups = Array.from({ length: 120 }, (_v, i) => ({ name: `g${i}`, instanceType: 'nope', count: 1 }));
    const r = decodeFragment(link(JSON.stringify({ v: 1, nodeGroups: groups })));
    if (r.ok) throw new Error('expected problems');
    expect(r.issues).toHaveLength(51);
    expect(r.issues?.[50]).toMatchObject({ path: '', message: 'and 70 more (only the first 50 are listed)', code: 'more', omitted: 70 });
    expect(r.error).toMatch(/ \(and 117 more\)$/);
  });
});

describe('the moment in a link (t)', () => {
  const good = encodeFragment({ scenario: sample });
  // warm-ip-target's last timeline entry is at 240 s.
  const end = (240 + 3600) * 1000;

  it('opens at t when the scenario reaches it', () => {
    expect(decodeFragment(`${good}&t=${end}`)).toMatchObject({ ok: true, moment: { timeMs: end }, warnings: [] });
  });

  it('cuts t past the scenario\'s end (last entry plus an hour) to that end, with a warning at path t', () => {
    const r = decodeFragment(`${good}&t=${end + 1}`);
    expect(r).toMatchObject({ ok: true, moment: { timeMs: end } });
    expect(r.ok && r.warnings).toMatchObject([{
      path: 't', message: `t=${end + 1} ms is past the end of this scenario (its last timeline entry plus an hour to settle); it opens at 3,840 s instead`,
      text: { id: 't={0} ms is past the end of this scenario (its last timeline entry plus an hour to settle); it opens at {1} s instead', values: { 0: end + 1, 1: '3,840' } },
    }]);
  });

  it('refuses twelve digits (31 years) and anything past a week and an hour', () => {
    expect(decodeFragment(`${good}&t=999999999999`)).toMatchObject({ ok: false, where: 'parameter t', error: 't=999999999999 ms is 31.7 years; no scenario runs past 7 days + 1 h (its last timeline entry, then time to settle)' });
    expect(decodeFragment(`${good}&t=${(604_800 + 3_600) * 1000}`).ok).toBe(true);
    expect(decodeFragment(`${good}&t=${(604_800 + 3_600) * 1000 + 1}`)).toMatchObject({ ok: false, where: 'parameter t' });
    expect(decodeFragment(`${good}&t=${'9'.repeat(17)}`)).toMatchObject({ ok: false, error: `t must be a whole number of milliseconds, not "${'9'.repeat(17)}"` });
  });
});
