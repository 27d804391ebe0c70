/**
 * What the app knows synchronously from the URL fragment before the store exists: whether a
 * link is to be opened, its theme and its language (read from the plain `&v.theme=` and
 * `&v.lang=` parameters, so a dark or Korean link does not flash light or English). Decoding
 * and validating the scenario itself happens in the worker (open-link.ts); until its outcome
 * is known the store says `openingLink` and nothing writes the URL (toolchain pitfall 3).
 */
import type { Locale } from '../i18n/locales.ts';
import type { InitialState } from '../store/app-store.ts';
import type { Theme } from '../store/slices.ts';
import { peekLocale, peekTheme } from './view-state.ts';

/** True when the fragment holds something to open (anything but "" or "#"). */
export function hasLink(hash: string): boolean {
  return hash !== '' && hash !== '#';
}

/**
 * `reader` is the language chosen without the link: the stored choice, else the browser's
 * (src/ui/i18n/preference.ts). A link's language wins over it.
 */
export function initialStateFromLocation(hash: string, prefersDark = false, reader: Locale = 'en'): InitialState {
  const link = hasLink(hash);
  const theme: Theme = (link ? peekTheme(hash) : undefined) ?? (prefersDark ? 'dark' : 'light');
  const locale: Locale = (link ? peekLocale(hash) : undefined) ?? reader;
  return { theme, locale, openingLink: link };
}
