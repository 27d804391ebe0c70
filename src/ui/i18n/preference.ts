/**
 * The reader's language without a link: what they chose in the switcher (localStorage),
 * else the browser's languages. Storage may be missing or refuse (private windows, sandboxed
 * frames): the choice then lasts for the page only.
 */
import { isLocale, localeFromLanguages, type Locale } from './locales.ts';

const KEY = 'vcx.lang';

/** The stored choice if it is one of ours (anything else in storage is ignored), else the browser's. */
export function readerLocale(storage: Pick<Storage, 'getItem'> | undefined, languages: readonly string[]): Locale {
  let stored: string | null = null;
  try { stored = storage?.getItem(KEY) ?? null; } catch { /* storage refused: use the browser's */ }
  return isLocale(stored) ? stored : localeFromLanguages(languages);
}

/** Keeps the switcher's choice for the next visit. */
export function storeLocale(storage: Pick<Storage, 'setItem'> | undefined, locale: Locale): void {
  try { storage?.setItem(KEY, locale); } catch { /* storage refused or full: the choice lasts for this page */ }
}

/** `localStorage`, or undefined where reading the property itself throws (opaque origins). */
export function pageStorage(): Storage | undefined {
  try { return typeof localStorage === 'undefined' ? undefined : localStorage; } catch { return undefined; }
}

/** navigator.languages, or navigator.language, or nothing. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}
