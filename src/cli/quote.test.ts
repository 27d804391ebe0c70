import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, escapeControls, quote } from './quote.ts';

/** Any character a terminal would act on, or that is not text. */
// oxlint-disable-next-line no-control-regex -- the oracle: characters a terminal acts on
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('quote', () => {
  it('quotes, escapes and cuts', () => {
    expect(quote('run')).toBe('"run"');
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('x\u001b[2Jy\r\n\t')).toBe('"x\\u001b[2Jy\\r\\n\\t"');
    expect(quote('\u009b31m \u202egnp.exe \ufeff')).toBe('"\\u009b31m \\u202egnp.exe \\ufeff"');
    expect(quote('a'.repeat(100))).toBe(`"${'a'.repeat(80)}…" (100 characters)`);
    expect(quote('é😀', 80)).toBe('"é😀"');
    // A lone surrogate is not text; a pair is one character and is never split.
    expect(quote('\ud800x')).toBe('"\\ud800x"');
    expect(quote('ab😀cd', 3)).toBe('"ab😀…" (6 characters)');
  });

  it('never lets an unsafe character through, and stays short, for any string', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\u001b', '\u009b', '\r', '\u202e', '\ud800', '\udc00'), fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))), maxLength: 400 }), (s) => {
      const q = quote(s);
      expect(q).not.toMatch(UNSAFE);
      expect(q).not.toMatch(/[\n\t]/);
      expect(q.length).toBeLessThan(80 * 6 + 40);
    }));
  });
});

describe('escapeControls', () => {
  it('keeps newlines and tabs, escapes the rest as \\uXXXX, so JSON stays JSON with the same value', () => {
    expect(escapeControls('a\tb\nc\u001b[0m\r\u0085')).toBe('a\tb\nc\\u001b[0m\\u000d\\u0085');
    fc.assert(fc.property(fc.jsonValue(), fc.string({ unit: fc.constantFrom('\u0085', '\u009b', '\u2028', '\u202e', '\u007f', 'x') }), (v, s) => {
      const text = JSON.stringify({ v, s }, null, 2);
      const out = escapeControls(text);
      expect(out).not.toMatch(UNSAFE);
      expect(JSON.parse(out)).toEqual(JSON.parse(text));
    }));
  });
});

describe('clip', () => {
  it('cuts long messages with an ellipsis', () => {
    expect(clip('abc', 5)).toBe('abc');
    expect(clip('abcdefgh', 5)).toBe('abcd…');
  });
});
