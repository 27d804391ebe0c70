import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

describe('base64url', () => {
  it('encodes exactly like Node (an independent implementation)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(encodeBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });

  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const r = decodeBase64Url(encodeBase64Url(bytes));
        expect(r.ok && [...r.bytes]).toEqual([...bytes]);
      }),
    );
  });

  it('names the first bad character and its index', () => {
    expect(decodeBase64Url('abc+def')).toMatchObject({ ok: false, at: 3, error: { message: '"+" is not a base64url character (A-Z a-z 0-9 - _)' } });
    expect(decodeBase64Url('ab=')).toMatchObject({ ok: false, at: 2 });
    expect(decodeBase64Url('ab\u00e9')).toMatchObject({ ok: false, at: 2, error: { message: expect.stringContaining('U+00E9') } });
  });

  it('refuses a length no encoder produces', () => {
    expect(decodeBase64Url('abcde')).toMatchObject({ ok: false, at: 4 });
  });
});
