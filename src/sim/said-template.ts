/**
 * An English sentence and its translatable twin from one template literal, gettext style:
 * `said\`has ${n} security groups\`` gives the English (`has 7 security groups`) and a text whose
 * id is the English template itself with positional ICU placeholders (`has {0} security groups`)
 * and whose values are what was inserted. No id table ships: the id is made from the template's
 * own strings, and the translations live in the languages' lazily loaded catalogues
 * (src/ui/i18n/issues/<lang>.po), found by the catalogue check scanning the source for this tag.
 *
 * A value that is itself `said` (an English fragment: "the number 5") is nested as a text, so it
 * is translated too; strings and numbers (quoted names, paths, addresses) are inserted as they are.
 * Pure, no imports: the scenario validator (src/scenario) and the engine's annotation parser use it.
 */

/** A catalogue message: its id (ICU, the English template) and the values its placeholders name. */
export interface TemplateText {
  readonly id: string;
  readonly values?: Readonly<Record<string, TemplateValue>>;
}

export type TemplateValue = string | number | TemplateText;

/** The English as the CLI prints it, and the same sentence as a text to translate. */
export interface Said {
  readonly message: string;
  readonly text: TemplateText;
}

/**
 * Literal text as ICU MessageFormat reads it back. A run of braces (with any apostrophes among
 * them) is quoted as a whole, its apostrophes doubled (`'{'`, `'{'''`); an apostrophe outside
 * one is doubled only where it would start a quotation or join another (before `#` or `|`, at
 * the end, where a placeholder may follow, or two in a row), so "didn't" stays as it is.
 */
export function icuLiteral(literal: string): string {
  return literal.replace(/['{}]+/g, (run: string, at: number) => {
    if (/[{}]/.test(run)) return `'${run.replaceAll("'", "''")}'`;
    const next = literal[at + run.length];
    return run.length > 1 || next === undefined || next === '#' || next === '|' ? run.replaceAll("'", "''") : run;
  });
}

/**
 * A quoted value cut for a message, followed by its length in English (`"abc…" (4,000 characters)`,
 * src/scenario/quote.ts). The quotes inside a value are escaped, so `…" (` only ever starts the suffix.
 */
const CUT_VALUE = /^("[^"\\]*(?:\\.[^"\\]*)*…") \(([\d,]+) characters\)$/;

/** A cut quoted value as a text of its own, so its length reads in the reader's language. */
function nestCut(value: string | number | Said): string | number | Said {
  if (typeof value !== 'string') return value;
  const cut = CUT_VALUE.exec(value);
  return cut ? said`${cut[1]} (${cut[2]} characters)` : value;
}

/** The tag: English and text from one template (see the file's comment). */
export function said(strings: TemplateStringsArray, ...raw: readonly (string | number | Said)[]): Said {
  const values = raw.map(nestCut);
  let message = strings[0];
  let id = icuLiteral(strings[0]);
  const texts: Record<string, TemplateValue> = {};
  values.forEach((value, i) => {
    const nested = typeof value === 'object';
    message += (nested ? value.message : String(value)) + strings[i + 1];
    id += `{${i}}${icuLiteral(strings[i + 1])}`;
    texts[i] = nested ? value.text : value;
  });
  return { message, text: values.length > 0 ? { id, values: texts } : { id } };
}
