import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutForMessage, MESSAGE_VALUE_CHARS, quoteForMessage } from './quote.ts';

describe('quoteForMessage', () => {
  it('quotes a short value as it is', () => {
    expect(quoteForMessage('m5.lareg')).toBe('"m5.lareg"');
    expect(quoteForMessage('')).toBe('""');
  });

  it('cuts a long value to 80 characters and says how long it was', () => {
    expect(quoteForMessage('a'.repeat(1_000_000))).toBe(`"${'a'.repeat(80)}…" (1,000,000 characters)`);
    expect(quoteForMessage('a'.repeat(81), 80, false)).toBe(`"${'a'.repeat(80)}…"`);
    expect(quoteForMessage('a'.repeat(80))).toBe(`"${'a'.repeat(80)}"`);
  });

  it('escapes quotes, backslashes, line breaks and characters that hide or reorder text', () => {
    expect(quoteForMessage('say "hi"\\\n')).toBe('"say \\"hi\\"\\\\\\n"');
    // U+202E (right-to-left override) would show "gpj.exe" as "exe.jpg"; U+200B is invisible; U+0000, BOM, U+2028.
    expect(quoteForMessage('a\u202eb\u200bc\u0000d\ufeffe\u2028f')).toBe('"a\\u202eb\\u200bc\\u0000d\\ufeffe\\u2028f"');
  });

  it('never splits a surrogate pair, and escapes a lone surrogate', () => {
    expect(quoteForMessage(`${'x'.repeat(79)}😀y`)).toBe(`"${'x'.repeat(79)}…" (82 characters)`);
    expect(quoteForMessage(`${'x'.repeat(78)}😀`)).toBe(`"${'x'.repeat(78)}😀"`);
    expect(quoteForMessage('\ud800')).toBe('"\\ud800"');
  });

  it('stays within about 80 characters and reads back as the value when nothing was escaped or cut', () => {
    // Any UTF-16 code unit, lone surrogates included (fast-check's 'binary' unit is slow to generate).
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(fc.property(fc.string({ unit: fc.oneof(unit, fc.constantFrom('a', ' ', '"', '\\')), maxLength: 300 }), (s) => {
      const q = quoteForMessage(s);
      expect(q.length).toBeLessThanOrEqual(MESSAGE_VALUE_CHARS + 2 + ' (300 characters)'.length + 1);
      if (s.length <= MESSAGE_VALUE_CHARS && /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) expect(JSON.parse(q)).toBe(s);
    }), { numRuns: 500 });
  });
});

describe('cutForMessage', () => {
  it('cuts free text without adding quotes or escaping them', () => {
    expect(cutForMessage('Unexpected token "x" in JSON')).toBe('Unexpected token "x" in JSON');
    expect(cutForMessage('e'.repeat(500), 200)).toBe(`${'e'.repeat(200)}… (500 characters)`);
    expect(cutForMessage('line\nbreak')).toBe('line\\nbreak');
  });
});
