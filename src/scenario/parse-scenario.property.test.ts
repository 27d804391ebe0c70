import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from './sample-index.ts';

/** Replaces the value at a random path of a JSON document with `replacement`. */
function mutate(doc: unknown, choices: number[], replacement: unknown): unknown {
  if (choices.length === 0 || doc === null || typeof doc !== 'object') return replacement;
  const [pick, ...rest] = choices;
  if (Array.isArray(doc)) {
    if (doc.length === 0) return replacement;
    const i = pick % doc.length;
    return doc.map((item, k) => (k === i ? mutate(item, rest, replacement) : item));
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return replacement;
  const key = keys[pick % keys.length];
  return { ...(doc as Record<string, unknown>), [key]: mutate((doc as Record<string, unknown>)[key], rest, replacement) };
}

/** Every issue has a path and a message; none is an internal error (a check that threw, code `internal`). */
function wellFormed(r: ReturnType<typeof parseScenario>): boolean {
  const list = r.ok ? r.warnings : r.issues;
  return list.every((i) => typeof i.path === 'string' && typeof i.message === 'string' && i.message.length > 0 && i.code !== 'internal') && (r.ok || r.issues.length > 0);
}

describe('parseScenario never throws, and no issue is an internal error', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(wellFormed(parseScenario(value))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary objects that claim version 1', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('name', 'vpc', 'subnets', 'nodeGroups', 'awsNode', 'eniConfigs', 'deployments', 'ec2', 'timeline', 'seed'), fc.jsonValue()), (rest) => {
        expect(wellFormed(parseScenario({ ...rest, v: 1 }))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on fixtures with one value anywhere replaced by an arbitrary one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLE_NAMES), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.jsonValue(), (name, choices, replacement) => {
        const r = parseScenario(mutate(SAMPLE_SCENARIOS[name], choices, replacement));
        expect(wellFormed(r)).toBe(true);
        // A valid result is always a complete spec the engine can take.
        if (r.ok) expect(r.spec.nodeGroups.every((g) => g.subnet.length > 0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('on fixtures with a value replaced by a hostile one (prototype keys, huge numbers, deep nesting)', () => {
    const hostile = fc.constantFrom<unknown>(JSON.parse('{"__proto__": {"x": 1}}'), { constructor: 'x' }, 1e308, -0, Number.NaN, '', 'x'.repeat(10_000), [[[[[[[[]]]]]]]], { toString: 'x' });
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLE_NAMES), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), hostile, (name, choices, replacement) => {
        expect(wellFormed(parseScenario(mutate(SAMPLE_SCENARIOS[name], choices, replacement)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
