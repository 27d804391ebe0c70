import * as fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from './base64url.ts';
import { parseScenario } from './parse-scenario.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from './sample-index.ts';
import { decodeFragment, encodeFragment } from './url-codec.ts';

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
    expect(r.scenario).toEqual(scenario);
    const direct = parseScenario(scenario);
    expect(direct.ok && r.spec).toEqual(direct.ok && direct.spec);
  });

  it('carries the moment and view state', () => {
    const hash = encodeFragment({ scenario: sample, moment: { timeMs: 12500 }, view: { tab: 'network', node: 'ip-192-168-1-64.us-west-2.compute.internal', 'a b': 'c&d=e' } });
    expect(hash).toContain('&t=12500');
    const r = decodeFragment(hash);
    expect(r.ok && [r.moment, r.view]).toEqual([{ timeMs: 12500 }, { tab: 'network', node: 'ip-192-168-1-64.us-west-2.compute.internal', 'a b': 'c&d=e' }]);
  });

  it('round-trips arbitrary view state and moments', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), fc.nat({ max: 10 ** 9 }), (view, timeMs) => {
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
    expect(decodeFragment(broken)).toEqual({ ok: false, error: expect.stringMatching(/^bad base64 at char 20: "\*" is not a base64url character/), where: 'scenario data, char 20' });
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

  it('never throws on arbitrary text or on a valid link with characters changed', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof decodeFragment(text).ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 3 }), (at, text) => {
        const i = at % good.length;
        const r = decodeFragment(good.slice(0, i) + text + good.slice(i + 1));
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
