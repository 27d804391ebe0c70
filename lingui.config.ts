/**
 * Lingui's configuration: the four catalogues (gettext .po, one per language) that
 * @lingui/vite-plugin compiles to JavaScript at build time. Messages have explicit ids
 * (`_('topbar.share')`, no macros), so each msgid is the id itself and its msgstr the text;
 * the second catalogue (content/) translates shipped content and the engine's sentences;
 * src/ui/i18n/README.md says how to add one.
 */
import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-po';

export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'zh-TW', 'zh-CN', 'ko'],
  catalogs: [
    { path: '<rootDir>/src/ui/i18n/locales/{locale}', include: ['src/ui'] },
    // Shipped samples and lessons, and the engine's explanations (src/ui/i18n/README.md):
    // en.po holds only the engine's English templates (the tests check them against the engine).
    { path: '<rootDir>/src/ui/i18n/content/{locale}', include: [] },
    // The packet walk, the lesson stage and the real-cluster dialog: their English loads with
    // them (panel-english.ts), the other languages with the language's chunk.
    { path: '<rootDir>/src/ui/i18n/panels/{locale}', include: [] },
    // The validator's messages (src/scenario): the id is the English template (said`…`), so
    // en.po is empty and English readers load none of it; the others come with the language's chunk.
    { path: '<rootDir>/src/ui/i18n/issues/{locale}', include: [] },
  ],
  format: formatter({ explicitIdAsDefault: true, origins: false }),
});
