/**
 * The content catalogue (content/<lang>.po): shipped sample and lesson text, translated for
 * zh-TW, zh-CN and ko. Every shipped text has a translation in every language and nothing
 * else is there; what real tools print (names, commands, numbers) is kept as it is; the ENI
 * is introduced by its localized name; and the page shows a translation only for text that
 * is still exactly as shipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LESSON_CATALOGUE } from '../../scenario/lessons/catalogue.ts';
import { LESSONS } from '../../scenario/lessons/index.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createLanguages } from './catalogues.ts';
import { contentIn } from './content.ts';
import { contentIds } from './content-ids.ts';
import { icuArguments, parsePo, TOOL_NAMES } from './po.test-support.ts';
import { shippedIndex } from './shipped-content.ts';
import type { Locale } from './locales.ts';

const DIR = new URL('content/', import.meta.url).pathname;
const TRANSLATED = ['zh-TW', 'zh-CN', 'ko'] as const;
const readPo = (locale: string) => parsePo(readFileSync(join(DIR, `${locale}.po`), 'utf8'), locale);
const CATALOGUES = new Map(TRANSLATED.map((l) => [l, readPo(l)] as const));
/** The engine's English templates (ids `sim.*`): engine-text.test.ts checks them against the engine. */
const ENGINE = readPo('en');

/** Every shipped text the content catalogue translates: id → the English as shipped, in course order. */
function shippedEnglish(): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of SAMPLE_NAMES) {
    const s = SAMPLE_SCENARIOS[id];
    out.set(contentIds.sample(id).name, s.name ?? '');
    out.set(contentIds.sample(id).description, s.description ?? '');
  }
  for (const entry of LESSON_CATALOGUE) {
    const lesson = LESSONS.find((l) => l.id === entry.id);
    if (!lesson) throw new Error(`no lesson ${entry.id}`);
    const ids = contentIds.lesson(entry.id);
    out.set(ids.title, entry.title);
    out.set(ids.name, lesson.scenario.name ?? '');
    out.set(ids.description, lesson.scenario.description ?? '');
    (lesson.scenario.steps ?? []).forEach((s, i) => {
      out.set(`${ids.step(i)}.title`, s.title);
      out.set(`${ids.step(i)}.narration`, s.narration ?? '');
    });
  }
  return out;
}

const SHIPPED = shippedEnglish();

describe('content catalogue', () => {
  it('has every shipped name, description, step title and narration in every language, and nothing else', () => {
    expect(SHIPPED.size).toBeGreaterThan(100);
    for (const [locale, messages] of CATALOGUES) {
      const want = [...SHIPPED.keys(), ...ENGINE.keys()].toSorted();
      expect([...messages.keys()].toSorted(), locale).toEqual(want);
      const empty = [...messages].filter(([, text]) => text.trim() === '').map(([id]) => id);
      expect(empty, `${locale}: empty`).toEqual([]);
    }
  });

  it('has no ICU arguments in shipped content (it is text, not a template), and every message parses', () => {
    for (const [locale, messages] of CATALOGUES) {
      for (const id of SHIPPED.keys()) expect(icuArguments(messages.get(id) ?? ''), `${locale} ${id}`).toEqual([]);
    }
  });

  it('keeps what tools print: env vars, API and error names, flags, label keys and every number', () => {
    const numbers = /\d+(?:\.\d+)*/g;
    const lost: string[] = [];
    for (const [id, english] of SHIPPED) {
      const names = new Set([...(english.match(TOOL_NAMES) ?? []), ...(english.match(numbers) ?? [])]);
      for (const [locale, messages] of CATALOGUES) {
        for (const name of names) if (!(messages.get(id) ?? '').includes(name)) lost.push(`${locale} ${id}: ${name}`);
      }
    }
    expect(lost).toEqual([]);
  });

  it('keeps every quoted line of real tool output ("from all to 192.168.6.93 lookup main") word for word', () => {
    const lost: string[] = [];
    for (const [id, english] of SHIPPED) {
      for (const m of english.matchAll(/"([^"]+)"/g)) {
        for (const [locale, messages] of CATALOGUES) if (!(messages.get(id) ?? '').includes(m[1])) lost.push(`${locale} ${id}: ${m[1]}`);
      }
    }
    expect(lost).toEqual([]);
  });

  it('introduces the ENI by its localized name in each sample and at its first mention in each lesson', () => {
    const terms: Record<Exclude<Locale, 'en'>, string> = { 'zh-TW': '彈性網路介面 (ENI)', 'zh-CN': '弹性网络接口 (ENI)', ko: '탄력적 네트워크 인터페이스(ENI)' };
    const first: string[] = [];
    for (const id of SAMPLE_NAMES) if (/\bENIs?\b/.test(SAMPLE_SCENARIOS[id].description ?? '')) first.push(contentIds.sample(id).description);
    for (const l of LESSONS) {
      const i = (l.scenario.steps ?? []).findIndex((s) => /\bENIs?\b/.test(`${s.title} ${s.narration ?? ''}`));
      if (i >= 0) first.push(`${contentIds.lesson(l.id).step(i)}.narration`);
    }
    expect(first.length).toBeGreaterThan(12);
    for (const [locale, messages] of CATALOGUES) {
      for (const id of first) expect(messages.get(id), `${locale} ${id}`).toContain(terms[locale]);
    }
  });
});

describe('shipped content on the page', () => {
  const lesson = LESSONS.find((l) => l.id === 'pod-to-pod');
  const step = lesson?.scenario.steps?.[1];
  if (!lesson || !step) throw new Error('pod-to-pod step 2 is gone');
  const shipped = { title: step.title, narration: step.narration ?? '' };

  it('shows English as it is: no catalogue, no lookup', async () => {
    const { i18n } = createLanguages();
    const content = contentIn(i18n, undefined, shippedIndex());
    expect(content.step(shipped)).toEqual(shipped);
    expect(content.text(lesson.scenario.name ?? '')).toBe('Lesson: pod to pod');
    expect(content.sampleName('three-az', 'Three availability zones')).toBe('Three availability zones');
  });

  it('translates an unedited shipped step, name, description and menu title once the language is loaded', async () => {
    const languages = createLanguages();
    await languages.activate('ko');
    const content = contentIn(languages.i18n, undefined, shippedIndex());
    expect(content.step(shipped)).toEqual({ title: '규칙 512와 main 테이블', narration: expect.stringContaining('"from all to 192.168.6.130 lookup main"') });
    expect(content.text(lesson.scenario.name ?? '')).toBe('레슨: 파드에서 파드로');
    expect(content.text(SAMPLE_SCENARIOS['three-az'].description ?? '')).toMatch(/^us-west-2a, 2b, 2c에/);
    expect(content.sampleName('three-az', 'Three availability zones')).toBe('가용 영역 세 개');
    expect(content.lessonTitle('max-pods', 'max pods on t3.medium')).toBe('t3.medium의 max pods');
    await languages.activate('zh-TW');
    expect(contentIn(languages.i18n, undefined, shippedIndex()).step(shipped).title).toBe('規則 512 與 main 表');
  });

  it('shows an edited or user-written step, name or description in its own words', async () => {
    const languages = createLanguages();
    await languages.activate('zh-CN');
    const content = contentIn(languages.i18n, undefined, shippedIndex());
    const edited = { ...shipped, narration: `${shipped.narration} My own note.` };
    expect(content.step(edited)).toEqual(edited);
    const retitled = { ...shipped, title: 'Rule 512' };
    expect(content.step(retitled)).toEqual(retitled);
    expect(content.text('Lesson: pod to pod (my copy)')).toBe('Lesson: pod to pod (my copy)');
    // A shipped step moved to another place is still the shipped text: translated by its text, not its position.
    const first = lesson.scenario.steps?.[0];
    expect(content.step({ title: first?.title ?? '', narration: first?.narration ?? '' }).title).toBe('离开 Pod');
  });

  it('keeps English for a step it cannot match to shipped text (nothing is guessed by position)', async () => {
    const languages = createLanguages();
    await languages.activate('ko');
    expect(contentIn(languages.i18n, undefined, { texts: new Map(), steps: new Map() }).step(shipped)).toEqual(shipped);
  });
});
