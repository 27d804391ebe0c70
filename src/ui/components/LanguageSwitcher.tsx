/**
 * The language switcher: each language by its own name, so a reader finds theirs whatever
 * the page speaks. The choice is kept for the next visit and goes into share links.
 */
import { useLingui } from '@lingui/react';
import { LOCALES, NATIVE_NAMES, isLocale } from '../i18n/locales.ts';
import { pageStorage, storeLocale } from '../i18n/preference.ts';
import { useApp } from '../store/context.tsx';
import { GlobeIcon } from './icons.tsx';

export function LanguageSwitcher() {
  const { _ } = useLingui();
  const locale = useApp((s) => s.locale);
  const setLocale = useApp((s) => s.setLocale);
  return (
    <label className="language" title={_('topbar.language')}>
      <GlobeIcon />
      <span className="sr-only">{_('topbar.language')}</span>
      <select value={locale} data-testid="language"
        onChange={(e) => { const next = e.target.value; if (!isLocale(next)) return; storeLocale(pageStorage(), next); setLocale(next); }}>
        {LOCALES.map((l) => <option key={l} value={l} lang={l}>{NATIVE_NAMES[l]}</option>)}
      </select>
    </label>
  );
}
