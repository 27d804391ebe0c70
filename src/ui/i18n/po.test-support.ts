/** A .po catalogue as Lingui's own formatter reads it (the tests' view of a catalogue file). */
import type { CatalogFormatter } from '@lingui/conf';
import { parse, type Token } from '@messageformat/parser';
import linguiConfig from '../../../lingui.config.ts';

/** id → text of a .po file's content. */
export function parsePo(text: string, locale: string): Map<string, string> {
  const parsed = (linguiConfig.format as CatalogFormatter).parse(text, { locale, sourceLocale: 'en', filename: `${locale}.po` }) as
    Record<string, { translation?: string }>;
  return new Map(Object.entries(parsed).map(([id, m]) => [id, m.translation ?? '']));
}

/** Every argument an ICU message names, plural and select ones included, nested too. */
export function icuArguments(message: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: readonly Token[]) => {
    for (const t of tokens) {
      if (t.type === 'argument' || t.type === 'function') names.add(t.arg);
      if (t.type === 'plural' || t.type === 'select' || t.type === 'selectordinal') {
        names.add(t.arg);
        for (const c of t.cases) walk(c.tokens);
      }
    }
  };
  walk(parse(message));
  return [...names].toSorted();
}

/**
 * Names a learner pastes into a search engine, never translated: env vars, CamelCase API and
 * error names, flags, label keys, aws-node, ipamd, kubelet (as the UI catalogue check has them).
 */
export const TOOL_NAMES = /\b[A-Z][A-Z0-9_]*_[A-Za-z0-9_]+\b|\b(?:[A-Z][a-z0-9]+){2,}[A-Za-z]*\b|--[a-z][a-z-]+|\b[a-z0-9.-]+\.io\/[a-z/-]+|\baws-node\b|\bipamd\b|\bkubelet\b/g;
