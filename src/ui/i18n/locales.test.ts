import { describe, expect, it } from 'vitest';
import { createLanguages } from './catalogues.ts';
import { localeFromLanguages, localeOfTag } from './locales.ts';
import { readerLocale, storeLocale } from './preference.ts';

describe('the language from the browser (navigator.languages)', () => {
  it('maps Traditional Chinese tags to zh-TW and every other Chinese to zh-CN', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-HK', 'zh_TW', 'ZH-hant-tw']) expect(localeOfTag(tag), tag).toBe('zh-TW');
    for (const tag of ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-SG']) expect(localeOfTag(tag), tag).toBe('zh-CN');
    expect(localeOfTag('ko')).toBe('ko');
    expect(localeOfTag('ko-KR')).toBe('ko');
    expect(localeOfTag('en-GB')).toBe('en');
    expect(localeOfTag('ja-JP')).toBeUndefined();
  });

  it('takes the first language of the list that the explorer speaks, else English', () => {
    expect(localeFromLanguages(['fr-FR', 'ko-KR', 'en-US'])).toBe('ko');
    expect(localeFromLanguages(['en-US', 'zh-TW'])).toBe('en');
    expect(localeFromLanguages(['ja', 'de'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });
});

describe('the stored choice', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };

  it('wins over the browser once chosen; anything else stored is ignored', () => {
    const s = memory();
    expect(readerLocale(s, ['zh-HK'])).toBe('zh-TW');
    storeLocale(s, 'ko');
    expect(readerLocale(s, ['zh-HK'])).toBe('ko');
    s.setItem('vcx.lang', 'klingon');
    expect(readerLocale(s, ['zh-CN'])).toBe('zh-CN');
  });

  it('works without storage, or with storage that throws (private windows, sandboxed frames)', () => {
    const refusing = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(readerLocale(refusing, ['ko'])).toBe('ko');
    expect(() => storeLocale(refusing, 'en')).not.toThrow();
    expect(readerLocale(undefined, ['zh-SG'])).toBe('zh-CN');
  });
});

describe('switching language', () => {
  it('loads a catalogue on first use and speaks it; the last of overlapping switches wins', async () => {
    const { i18n, activate } = createLanguages();
    expect(i18n._('playback.play')).toBe('Play');
    await activate('ko');
    expect(i18n._('playback.play')).toBe('재생');
    const slow = activate('zh-TW');
    const last = activate('en');
    await Promise.all([slow, last]);
    expect(i18n.locale).toBe('en');
    await activate('zh-CN');
    expect(i18n._('playback.nextEvent', { time: '0:05.0' })).toBe('下一个事件于 0:05.0');
  });
});
