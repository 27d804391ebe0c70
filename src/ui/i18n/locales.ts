/**
 * The languages the explorer speaks, how each names itself, its `<html lang>` tag, and the
 * choice made from the browser's languages. Pure (no DOM), so it is tested without a page.
 */

export const LOCALES = ['en', 'zh-TW', 'zh-CN', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language in its own script, as the switcher lists it (a reader finds their own). */
export const NATIVE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-TW': '繁體中文',
  'zh-CN': '简体中文',
  ko: '한국어',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * One BCP 47 tag to a locale: zh-TW/zh-HK/zh-MO and any zh-Hant are Traditional (zh-TW), every
 * other zh (zh, zh-CN, zh-SG, zh-Hans) Simplified (zh-CN), ko Korean, en English; else undefined.
 */
export function localeOfTag(tag: string): Locale | undefined {
  const parts = tag.toLowerCase().split(/[-_]/);
  switch (parts[0]) {
    case 'en':
      return 'en';
    case 'ko':
      return 'ko';
    case 'zh':
      return parts.some((p) => p === 'hant' || p === 'tw' || p === 'hk' || p === 'mo') ? 'zh-TW' : 'zh-CN';
    default:
      return undefined;
  }
}

/** The first of the browser's languages (navigator.languages, in the user's order) that we speak; else English. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const tag of languages.slice(0, 32)) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return 'en';
}
