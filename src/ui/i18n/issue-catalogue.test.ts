/**
 * The validator's catalogue check. Every `said` template in the source (src/sim/said-template.ts)
 * is found by reading the source text, not by running it, so a message only a rare input
 * produces is still held against the translations. A template's id is made as the tag makes
 * it: literal text ICU-escaped, each `${…}` a positional placeholder `{0}`, `{1}`….
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import { icuLiteral } from '../../sim/said-template.ts';
import { icuArguments, parsePo, TOOL_NAMES } from './po.test-support.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCE = join(ROOT, 'src');

/** Source files (tests and test support left out). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test(-support)?\.tsx?$|\.test\.tsx?$|\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** The cooked text of a template literal's escape at `i` (after the backslash), and how many characters it takes. */
function escape(text: string, i: number): [string, number] {
  const c = text[i];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };
  if (c in simple) return [simple[c], 1];
  if (c === 'u') {
    const braced = /^u\{([0-9a-fA-F]+)\}/.exec(text.slice(i));
    if (braced) return [String.fromCodePoint(parseInt(braced[1], 16)), braced[0].length];
    return [String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16)), 5];
  }
  return [c, 1];
}

/** Skips a `${…}` expression starting after `${` at `i`; returns the index after its closing brace. */
function skipExpression(text: string, i: number): number {
  let depth = 1;
  while (depth > 0) {
    const c = text[i];
    if (c === undefined) throw new Error('unterminated ${ in a said template');
    if (c === '`') i = readTemplate(text, i + 1).end;
    else if (c === "'" || c === '"') {
      i++;
      while (text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
    } else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      i++;
    }
  }
  return i;
}

/** A template literal whose text starts at `i` (after the backtick): its literal parts (cooked) and the index after it. */
function readTemplate(text: string, i: number): { parts: string[]; end: number } {
  const parts = [''];
  while (text[i] !== '`') {
    if (text[i] === undefined) throw new Error('unterminated template literal');
    if (text[i] === '\\') {
      const [cooked, length] = escape(text, i + 1);
      parts[parts.length - 1] += cooked;
      i += 1 + length;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      i = skipExpression(text, i + 2);
      parts.push('');
    } else parts[parts.length - 1] += text[i++];
  }
  return { parts, end: i + 1 };
}

/** The id the tag makes from a template's literal parts. */
function templateId(parts: readonly string[]): string {
  return parts.map((p, k) => (k === 0 ? icuLiteral(p) : `{${k - 1}}${icuLiteral(p)}`)).join('');
}

interface FoundTemplate { id: string; placeholders: number; where: string }

/** Every said`…` template in src (excluding tests), with where it is. */
function saidTemplates(): FoundTemplate[] {
  const found: FoundTemplate[] = [];
  for (const file of sources(SOURCE)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bsaid`/g)) {
      // A comment naming the tag (`said\`…\``) is not a template.
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      const before = text.slice(lineStart, m.index);
      if (/^\s*(\*|\/\*|\/\/)/.test(before) || before.includes('//')) continue;
      const { parts } = readTemplate(text, (m.index ?? 0) + m[0].length);
      const line = text.slice(0, m.index).split('\n').length;
      found.push({ id: templateId(parts), placeholders: parts.length - 1, where: `${relative(ROOT, file)}:${line}` });
    }
  }
  return found;
}

const LOCALES = ['zh-TW', 'zh-CN', 'ko'] as const;
const catalogue = (locale: string) => parsePo(readFileSync(join(import.meta.dirname, 'issues', `${locale}.po`), 'utf8'), locale);

/** Field names (`podSelector`, `awsNode.env`), quoted literals (`"igw"`, kubectl's own words) and tool names kept as they are. */
function keptNames(english: string): string[] {
  const fields = english.match(/\b[a-z]+[A-Z][A-Za-z]*(?:\.[a-z][A-Za-z]*)*\b/g) ?? [];
  const quoted = english.match(/"[^"]*"/g) ?? [];
  return [...new Set([...fields, ...quoted, ...(english.match(TOOL_NAMES) ?? [])])];
}

/** ENI at its first mention, as AWS's localized documentation names it (src/ui/i18n/README.md). */
const ENI: Readonly<Record<(typeof LOCALES)[number], string>> = { 'zh-TW': '彈性網路介面 (ENI)', 'zh-CN': '弹性网络接口 (ENI)', ko: '탄력적 네트워크 인터페이스(ENI)' };

describe('the validator catalogue (issues/<lang>.po): every said`…` template translated', () => {
  const templates = saidTemplates();
  const ids = new Map(templates.map((t) => [t.id, t]));

  it('finds the templates (the scan is not empty, and sees templates inside templates)', () => {
    expect(ids.size).toBeGreaterThan(200);
    expect(ids.has('no Service {0} exists (yet): the controller cannot build its target group')).toBe(true);
    expect(ids.has("is not JSON like ['{'\"HTTP\": 80'}']")).toBe(true);
  });

  it('makes every id a valid ICU message naming exactly its placeholders (braces and apostrophes escaped)', () => {
    for (const { id, placeholders, where } of ids.values()) {
      // Lingui turns "\\u1234" in a rendered message into the character; values are guarded (text.ts), templates have none.
      expect(id, where).not.toContain('\\');
      expect(() => compileMessage(id), where).not.toThrow();
      expect(icuArguments(id), where).toEqual(Array.from({ length: placeholders }, (_v, i) => String(i)).toSorted());
    }
  });

  it('has English in no catalogue: the id is the English', () => {
    expect([...catalogue('en').keys()]).toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`${locale}: translates every template, with the same placeholders, and nothing else`, () => {
      const messages = catalogue(locale);
      const missing = [...ids.values()].filter((t) => !(messages.get(t.id) ?? '').trim()).map((t) => `${t.where}: ${t.id}`);
      expect(missing).toEqual([]);
      const unused = [...messages.keys()].filter((id) => !ids.has(id));
      expect(unused).toEqual([]);
      for (const [id, text] of messages) {
        expect(() => compileMessage(text), `${locale} ${id}`).not.toThrow();
        expect(icuArguments(text), `${locale} ${id}`).toEqual(icuArguments(id));
      }
    });

    it(`${locale}: keeps field names, quoted literals and tool names, and names the ENI as AWS's ${locale} docs do`, () => {
      const messages = catalogue(locale);
      const lost: string[] = [];
      for (const [id, text] of messages) {
        for (const name of keptNames(id)) if (!text.includes(name.replace(/''/g, "'"))) lost.push(`${id}: ${name}`);
        if (/\bENI\b/.test(id) && !text.includes(ENI[locale])) lost.push(`${id}: ${ENI[locale]}`);
      }
      expect(lost).toEqual([]);
    });
  }
});
