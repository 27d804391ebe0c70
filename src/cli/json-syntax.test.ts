/**
 * The JSON syntax locator must agree with V8's JSON.parse on what is JSON (it only runs
 * after JSON.parse failed, to say where and why without echoing the input).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptAt, jsonSyntaxError } from './json-syntax.ts';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON texts with one edit: a character dropped, doubled or replaced by a JSON-ish one. */
const mutated = fc
  .tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('drop', 'double', 'replace'), fc.constantFrom(...'{}[]",:0-e.tfn \\\u0001\n'))
  .map(([value, at, op, ch]) => {
    const text = JSON.stringify(value, null, at % 2 === 0 ? 2 : undefined) ?? 'null';
    const i = at % Math.max(1, text.length);
    if (op === 'drop') return text.slice(0, i) + text.slice(i + 1);
    if (op === 'double') return text.slice(0, i + 1) + text.slice(i);
    return text.slice(0, i) + ch + text.slice(i + 1);
  });

/** A string value with one raw character spliced in: control characters, quotes, escapes. */
const spliced = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\n', '\t', '\u0001', '\u001f', ' ', '\\', '\\u12', '\\x', '"', '\u007f'), fc.string({ maxLength: 8 }))
  .map(([a, c, b]) => `{"k": ${JSON.stringify(a).slice(0, -1)}${c}${JSON.stringify(b).slice(1)}}`);

describe('jsonSyntaxError', () => {
  it('agrees with JSON.parse on valid JSON, one-edit mutations of it, spliced strings and arbitrary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.json(), mutated, spliced, fc.string({ maxLength: 30 })), (text) => {
      expect(jsonSyntaxError(text) === undefined).toBe(parses(text));
    }), { numRuns: 1500 });
  });

  it('says where and why, by line and column', () => {
    expect(jsonSyntaxError('{\n  "v": 1,\n}')).toEqual({ offset: 12, line: 3, column: 1, message: 'unexpected character "}": expected a property name in double quotes (no trailing comma before a closing brace)' });
    expect(jsonSyntaxError('{"a" 1}')).toMatchObject({ line: 1, column: 6, message: 'unexpected character "1": expected \':\' after the property name' });
    expect(jsonSyntaxError('[1, 2')).toMatchObject({ line: 1, column: 6, message: 'unexpected end of the file: 1 bracket is still open' });
    expect(jsonSyntaxError('')).toMatchObject({ message: 'the file is empty (or only whitespace): expected a JSON object' });
    expect(jsonSyntaxError('{"a": "x\u001b[2J"}')).toMatchObject({ column: 9, message: 'a raw control character ("\\u001b") inside a string: write it as an escape such as \\n' });
    expect(jsonSyntaxError('{} x')).toMatchObject({ column: 4, message: 'unexpected character "x" after the end of the JSON value' });
    expect(jsonSyntaxError('{"a": "\\q"}')).toMatchObject({ column: 8, message: 'an invalid escape "\\\\q" in a string' });
    expect(jsonSyntaxError('{"a": 01}')).toMatchObject({ column: 8, message: "unexpected character \"1\": expected ',' or '}'" });
  });

  it('copes with 200,000 open brackets (no recursion)', () => {
    expect(jsonSyntaxError('['.repeat(200_000))).toMatchObject({ message: 'unexpected end of the file: 200000 brackets are still open' });
  });
});

describe('excerptAt', () => {
  it('quotes the line around the error, cut and escaped', () => {
    expect(excerptAt('{\n  "v": 1,\n}', 12)).toBe('"}"');
    const long = `{"a": "${'x'.repeat(200)}\u0007"}`;
    expect(excerptAt(long, 207)).toBe(`"${'x'.repeat(30)}\\u0007\\"}"`);
  });
});
