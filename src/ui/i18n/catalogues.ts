/**
 * The message catalogues, compiled from the .po files at build time by @lingui/vite-plugin.
 * English is in the initial bundle (imported statically); each other language is a chunk of
 * its own, fetched the first time it is chosen, so an English reader downloads nothing extra.
 * A language's chunk is its UI catalogue (locales/), its panels' catalogue (panels/: the packet
 * walk, the lesson stage, the real-cluster dialog), its content catalogue (content/: samples,
 * lessons, the engine's explanations) and the validator's messages (issues/: ids are their English
 * templates, src/sim/said-template.ts), with the shipped English they translate. The panels'
 * English loads with the panels themselves (panel-english.ts).
 */
import { setupI18n, type I18n, type Messages } from '@lingui/core';
import { messages as en } from './locales/en.po';
import { loadShippedIndex } from './content.ts';
import type { Locale } from './locales.ts';
import type { Say } from './text.ts';

type Catalogue = Promise<{ messages: Messages }>;

const LAZY: Readonly<Record<Exclude<Locale, 'en'>, () => [Catalogue, Catalogue, Catalogue, Catalogue]>> = {
  'zh-TW': () => [import('./locales/zh-TW.po'), import('./panels/zh-TW.po'), import('./content/zh-TW.po'), import('./issues/zh-TW.po')],
  'zh-CN': () => [import('./locales/zh-CN.po'), import('./panels/zh-CN.po'), import('./content/zh-CN.po'), import('./issues/zh-CN.po')],
  ko: () => [import('./locales/ko.po'), import('./panels/ko.po'), import('./content/ko.po'), import('./issues/ko.po')],
};

/** A language's UI, panel, content and validator catalogues as one, once the shipped English they match is loaded. */
async function load(locale: Exclude<Locale, 'en'>): Promise<Messages> {
  const [ui, panels, content, issues] = await Promise.all([...LAZY[locale](), loadShippedIndex()]);
  return { ...messagesOf(issues), ...messagesOf(content), ...messagesOf(panels), ...messagesOf(ui) };
}

const messagesOf = (catalogue: unknown) => (catalogue as { messages: Messages }).messages;

/** Every Lingui instance made here, and the English that panels brought with them. */
const instances = new Set<I18n>();
const panelEnglish: Messages[] = [];

/**
 * English messages of a panel that loads on first use (panels/en.po, via panel-english.ts): added
 * to every instance's English, now and for instances made later. The other languages have them
 * in their own chunk already.
 */
export function addEnglish(messages: Messages): void {
  if (panelEnglish.includes(messages)) return;
  panelEnglish.push(messages);
  for (const i18n of instances) i18n.load('en', messages);
}

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
  for (const m of panelEnglish) i18n.load('en', m);
  instances.add(i18n);
  const loaded = new Set<Locale>(['en']);
  let wanted: Locale = 'en';
  return {
    i18n,
    async activate(locale) {
      wanted = locale;
      if (!loaded.has(locale) && locale !== 'en') {
        i18n.load(locale, await load(locale));
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
