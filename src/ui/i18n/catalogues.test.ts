/**
 * The catalogue check: every message in every language, none unused, none missing from the
 * source's calls, the same ICU arguments in every language, and the names real tools print
 * (env vars, API and error names, flags) kept as they are in every translation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import linguiConfig from '../../../lingui.config.ts';
import { LOCALES, type Locale } from './locales.ts';
import { icuArguments, parsePo } from './po.test-support.ts';

const HERE = new URL('.', import.meta.url).pathname;
const UI = join(HERE, '..');
/** The scenario validator gives catalogue ids with its issues (ScenarioIssue.text). */
const SCENARIO = join(HERE, '..', '..', 'scenario');

/** One .po file as Lingui's own formatter reads it: id → text. */
function poFile(dir: 'locales' | 'panels', locale: Locale): Map<string, string> {
  return parsePo(readFileSync(join(HERE, dir, `${locale}.po`), 'utf8'), locale);
}

/** A language's UI messages: the main catalogue and the panels' (an id lives in one of them). */
function catalogue(locale: Locale): Map<string, string> {
  const main = poFile('locales', locale);
  const panels = poFile('panels', locale);
  const both = [...panels.keys()].filter((id) => main.has(id));
  if (both.length) throw new Error(`${locale}: in locales/ and panels/ both: ${both.join(', ')}`);
  return new Map([...main, ...panels]);
}

const argumentsOf = icuArguments;

/** The UI's source files (not tests), with their text. */
function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(path);
    if (!/\.tsx?$/.test(e.name) || /\.test(-support)?\.tsx?$|\.test\.tsx?$/.test(e.name)) return [];
    return [{ file: path.slice(UI.length - 2), text: readFileSync(path, 'utf8') }];
  });
}

const CATALOGUES = new Map(LOCALES.map((l) => [l, catalogue(l)] as const));
const english = CATALOGUES.get('en') as Map<string, string>;
const SOURCE = [...sources(UI), ...sources(SCENARIO)];

describe('message catalogues', () => {
  it('has the four languages the switcher offers, each a catalogue Lingui is configured for', () => {
    expect(linguiConfig.locales).toEqual([...LOCALES]);
    expect(english.size).toBeGreaterThan(150);
  });

  it('has every message in every language, none empty, and no message one language alone has', () => {
    for (const [locale, messages] of CATALOGUES) {
      expect([...messages.keys()].toSorted(), locale).toEqual([...english.keys()].toSorted());
      const empty = [...messages].filter(([, text]) => text.trim() === '').map(([id]) => id);
      expect(empty, `${locale}: empty translations`).toEqual([]);
    }
  });

  it('names the same ICU arguments in every language, and every message parses', () => {
    for (const [id, text] of english) {
      const want = argumentsOf(text);
      for (const [locale, messages] of CATALOGUES) {
        expect(argumentsOf(messages.get(id) ?? ''), `${locale} ${id}`).toEqual(want);
      }
    }
  });

  it('uses every message: each id appears as a literal in the UI source', () => {
    const all = SOURCE.map((s) => s.text).join('\n');
    const unused = [...english.keys()].filter((id) => !all.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });

  it('has a message for every id the source asks for (_(…), i18n._(…), msg(…) and id tables)', () => {
    const prefixes = new Set([...english.keys()].map((id) => id.split('.')[0]));
    const missing: string[] = [];
    for (const { file, text } of SOURCE) {
      for (const m of text.matchAll(/\b(?:_|msg)\(\s*'([^']+)'/g)) if (!english.has(m[1])) missing.push(`${file}: ${m[1]}`);
      // Tables of ids (tabs, filters, env help, warnings): any 'area.name' literal under a catalogue prefix.
      for (const m of text.matchAll(/'([a-z][A-Za-z]*\.[A-Za-z0-9_.]+)'/g)) {
        if (prefixes.has(m[1].split('.')[0]) && !english.has(m[1]) && !/\.(tsx?|css|po)$/.test(m[1])) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('never translates what real tools print: env vars, API and error names, flags stay as they are', () => {
    // ENABLE_IPv6, WARM_IP_TARGET, AssignPrivateIpAddresses, RequestLimitExceeded, --max-pods, kubernetes.io/role/cni …
    const names = /\b[A-Z][A-Z0-9_]*_[A-Za-z0-9_]+\b|\b(?:[A-Z][a-z0-9]+){2,}[A-Za-z]*\b|--[a-z][a-z-]+|\b[a-z0-9.-]+\.io\/[a-z/-]+|\baws-node\b|\bipamd\b|\bkubelet\b/g;
    const lost: string[] = [];
    for (const [id, text] of english) {
      for (const name of new Set(text.match(names) ?? [])) {
        for (const [locale, messages] of CATALOGUES) {
          if (!(messages.get(id) ?? '').includes(name)) lost.push(`${locale} ${id}: ${name}`);
        }
      }
    }
    expect(lost).toEqual([]);
  });

  it('introduces the ENI by its localized name with the English term beside it', () => {
    const terms: Record<Locale, string> = {
      en: 'ENI', 'zh-TW': '彈性網路介面 (ENI)', 'zh-CN': '弹性网络接口 (ENI)', ko: '탄력적 네트워크 인터페이스(ENI)',
    };
    for (const [locale, messages] of CATALOGUES) {
      expect(messages.get('env.help.WARM_ENI_TARGET'), locale).toContain(terms[locale]);
      expect(messages.get('warning.EniLimitReached'), locale).toContain(terms[locale]);
    }
  });
});
