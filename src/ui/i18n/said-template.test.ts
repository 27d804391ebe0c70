/**
 * The said`…` tag's ids are ICU messages that read back as the English: whatever literal text a
 * template has (braces, apostrophes before a placeholder, `#`, `|`), compiling the id and filling
 * in the values gives exactly the English `message`, nested texts included.
 */
import { setupI18n } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { said, type Said } from '../../sim/said-template.ts';
import { textIn, type Msg } from './text.ts';

/** `s` rendered from its ids alone, as a catalogue holding them compiled would. */
function render(s: Said): string {
  const ids = new Set<string>();
  const walk = (t: Msg) => {
    ids.add(t.id);
    for (const v of Object.values(t.values ?? {})) if (typeof v === 'object') walk(v as Msg);
  };
  walk(s.text);
  const i18n = setupI18n();
  i18n.loadAndActivate({ locale: 'en', messages: Object.fromEntries([...ids].map((id) => [id, compileMessage(id)])) });
  return textIn(i18n, s.text);
}

/** A template literal's strings, as the tag receives them. */
const strings = (parts: string[]): TemplateStringsArray => Object.assign([...parts], { raw: [...parts] });

describe('said`…`', () => {
  it('makes the id from the template, placeholders numbered, values kept apart', () => {
    const n = 7;
    expect(said`has ${n} security groups`).toEqual({ message: 'has 7 security groups', text: { id: 'has {0} security groups', values: { 0: 7 } } });
    expect(said`an array`).toEqual({ message: 'an array', text: { id: 'an array' } });
    expect(said`expected ${said`a string`}, got ${'null'}`.text).toEqual({ id: 'expected {0}, got {1}', values: { 0: { id: 'a string' }, 1: 'null' } });
  });

  it("escapes what ICU would read as syntax: braces, and apostrophes before a placeholder or a brace, not \"didn't\"", () => {
    expect(said`like [{"HTTP": 80}]`.text.id).toBe("like ['{'\"HTTP\": 80'}']");
    expect(said`label '${'k'}' and {name}`.text.id).toBe("label ''{0}' and '{'name'}'");
    expect(said`didn't match Pod's ${'x'}`.text.id).toBe("didn't match Pod's {0}");
  });

  it('reads back as its English whatever the literal text and values', () => {
    // No backslash: Lingui decodes `\u1000` in what it renders, so no template's own text has one (issue-catalogue.test.ts).
    const text = fc.string({ unit: fc.constantFrom('{', '}', "'", '#', '|', 'a', ' ', '0', 'u'), maxLength: 12 });
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), fc.array(fc.oneof(text, fc.integer()), { maxLength: 4 }), (parts, values) => {
      const literal = parts.slice(0, values.length + 1);
      while (literal.length < values.length + 1) literal.push('');
      const s = said(strings(literal), ...values.slice(0, literal.length - 1));
      expect(render(s)).toBe(s.message);
    }), { numRuns: 500 });
  });
});
