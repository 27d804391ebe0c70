/**
 * The message catalogues, compiled from the .po files at build time by @lingui/vite-plugin.
 * English is in the initial bundle (imported statically); each other language is a chunk of
 * its own, fetched the first time it is chosen, so an English reader downloads nothing extra.
 */
import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { messages as en } from './locales/en.po';
import type { Locale } from './locales.ts';
import type { Say } from './text.ts';

const LAZY: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<{ messages: Messages }>>> = {
  'zh-TW': () => import('./locales/zh-TW.po'),
  'zh-CN': () => import('./locales/zh-CN.po'),
  ko: () => import('./locales/ko.po'),
};

/** The app's Lingui instance and the one way to change its language. */
export interface Languages {
  readonly i18n: I18n;
  /**
   * Loads `locale`'s catalogue (once) and makes it the active language. When several calls
   * overlap, the last one wins: an earlier, slower load never switches back.
   */
  activate(locale: Locale): Promise<void>;
}

/** English loaded and active; one per app, made in main.tsx. */
export function createLanguages(): Languages {
  const i18n = setupI18n();
  i18n.loadAndActivate({ locale: 'en', messages: en });
  const loaded = new Set<Locale>(['en']);
  let wanted: Locale = 'en';
  return {
    i18n,
    async activate(locale) {
      wanted = locale;
      if (!loaded.has(locale) && locale !== 'en') {
        i18n.load(locale, (await LAZY[locale]()).messages);
        loaded.add(locale);
      }
      if (wanted === locale) i18n.activate(locale);
    },
  };
}

let englishOnly: Say | undefined;

/** English alone, for code drawn before (or without) the page's languages: the pictures' default, tests. */
export function english(): Say {
  if (!englishOnly) {
    const { i18n } = createLanguages();
    englishOnly = (id, values) => i18n._(id, values);
  }
  return englishOnly;
}
