import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_AWS_NODE_ENV } from './aws-node-env.ts';
import { closest, createSuggester, didYouMean, editDistance, MAX_SUGGEST_LENGTH } from './did-you-mean.ts';

/** The textbook full-matrix optimal string alignment distance, to compare the banded one with. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_r, i) => Array.from({ length: b.length + 1 }, (_c, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('warm_ips_target', 'warm_ip_target')).toBe(1);
    expect(editDistance('m5.lareg', 'm5.large')).toBe(1);
    expect(editDistance('replica', 'replicas')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('gives the full distance, or max + 1 when it is larger, within the band', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 12 });
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
      expect(editDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
      expect(editDistance(a, b)).toBe(reference(a, b));
    }), { numRuns: 1000 });
  });

  it('answers max + 1 at once when the lengths alone differ by more than max', () => {
    expect(editDistance('a'.repeat(100_000), 'a', 2)).toBe(3);
  });
});

describe('closest', () => {
  it('suggests the known env names one or two edits away', () => {
    expect(closest('WARM_IPS_TARGET', KNOWN_AWS_NODE_ENV)).toEqual(['WARM_IP_TARGET']);
    expect(closest('warm_ip_targe', KNOWN_AWS_NODE_ENV)).toEqual(['WARM_IP_TARGET']);
    expect(closest('SOMETHING_ELSE', KNOWN_AWS_NODE_ENV)).toEqual([]);
  });

  it('suggests nothing for a word longer than any name, nor from candidates that are', () => {
    expect(closest('W'.repeat(MAX_SUGGEST_LENGTH + 1), ['W'.repeat(MAX_SUGGEST_LENGTH + 1)])).toEqual([]);
    expect(closest('W'.repeat(100_000), KNOWN_AWS_NODE_ENV)).toEqual([]);
    expect(closest('abc', ['abd', `abc${'x'.repeat(100)}`])).toEqual(['abd']);
  });

  it('quotes suggestions like any echoed value', () => {
    expect(didYouMean(['a', 'b\u202e']) || undefined).toHaveProperty('message', ' (did you mean "a" or "b\\u202e"?)');
  });
});

describe('a suggester stops after its budget', () => {
  it('answers the first calls, then nothing, without computing', () => {
    const suggest = createSuggester(2);
    expect(suggest.closest('WARM_IPS_TARGET', KNOWN_AWS_NODE_ENV)).toEqual(['WARM_IP_TARGET']);
    expect(suggest.spend(() => ['x'])).toEqual(['x']);
    let called = false;
    expect(suggest.spend(() => { called = true; return ['y']; })).toEqual([]);
    expect(suggest.closest('WARM_IPS_TARGET', KNOWN_AWS_NODE_ENV)).toEqual([]);
    expect(called).toBe(false);
  });
});
