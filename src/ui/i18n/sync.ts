/**
 * Keeps the page in the store's language: loads the catalogue (latest wins), then sets
 * `<html lang>` so screen readers and the browser's font fallback pick the right voice and
 * glyphs (Han characters are drawn differently for zh-TW, zh-CN and ko). A catalogue that
 * fails to load (offline) leaves the language that was on screen, store and page alike.
 */
import type { AppStore } from '../store/app-store.ts';
import type { Languages } from './catalogues.ts';
import { isLocale, type Locale } from './locales.ts';

async function apply(store: AppStore, languages: Languages, root: HTMLElement, locale: Locale): Promise<void> {
  try {
    await languages.activate(locale);
    if (store.getState().locale === locale) root.lang = locale;
  } catch {
    const shown = languages.i18n.locale;
    if (store.getState().locale === locale) store.getState().setLocale(isLocale(shown) ? shown : 'en');
  }
}

/**
 * Loads the store's first language (call it before the first render, so a Korean reader sees
 * no English flash), then follows every change. Returns the unsubscribe.
 */
export async function syncLanguage(store: AppStore, languages: Languages, root: HTMLElement): Promise<() => void> {
  root.lang = 'en';
  await apply(store, languages, root, store.getState().locale);
  return store.subscribe((s, prev) => {
    if (s.locale !== prev.locale) void apply(store, languages, root, s.locale);
  });
}
