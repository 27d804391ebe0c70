/**
 * Text that is translated when it is shown, not when it is made: a message id and its values.
 * The store keeps banners as `Text`, so a banner raised in English turns Korean with the rest
 * of the page when the reader switches. A plain string is shown as it is (what a real tool or
 * the engine printed, never translated).
 */
import type { I18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import { useCallback } from 'react';

/** ICU arguments; a `Msg` (or `Twin`) among them is translated first ("Something broke in the {area}"). */
export type MsgValues = Readonly<Record<string, string | number | Msg | Twin>>;

/** A catalogue message: its id in src/ui/i18n/locales/*.po and the ICU arguments it names. */
export interface Msg { readonly id: string; readonly values?: MsgValues }

/**
 * English as the validator wrote it (`message`, what the CLI prints) and the same sentence as
 * a message whose id is its English template (src/sim/said-template.ts), translated in the
 * other languages' catalogues (issues/<lang>.po). English readers see `english` and need no
 * catalogue; a language whose catalogue lacks any of its ids shows `english` too.
 */
export interface Twin { readonly english: string; readonly text: Msg }

export type Text = string | Msg | Twin;

/** A message to translate when shown. The id must be a literal (the catalogue check scans for it). */
export function msg(id: string, values?: MsgValues): Msg {
  return values ? { id, values } : { id };
}

/** English and its text side by side (see `Twin`). */
export function twin(english: string, text: Msg): Twin {
  return { english, text };
}

/** Lingui's `_`: a message id and its values to text in the active language. */
type Translate = (id: string, values?: Record<string, string | number>) => string;

/**
 * What code outside React (the d3 pictures, pure helpers) is given to put a message in the
 * page's language; `has` says whether the language (not English) has an id, for the engine's
 * sentences, which English readers see as the engine wrote them (`sayTwin`).
 */
export type Say = Translate & { readonly has?: (id: string) => boolean };

/** Whether the active language's catalogue has `id`, and it is not English (where a twin shows its own English). */
type Has = (id: string) => boolean;

/** Whether `text` and every text among its values are in the catalogue. */
function covered(text: Msg, has: Has): boolean {
  return has(text.id) && Object.values(text.values ?? {}).every((v) => typeof v !== 'object' || ('english' in v || covered(v, has)));
}

/**
 * Lingui turns `\u202e` and `\x41` in a formatted message back into the characters; a value
 * (a quoted name from a link) keeps its escapes, so its backslashes stand aside until the end.
 */
const ASIDE = '\uE000';

function translate(_: Translate, has: Has, text: Text | Msg): string {
  if (typeof text === 'string') return text;
  if ('english' in text) return covered(text.text, has) ? translate(_, has, text.text) : text.english;
  if (!text.values) return _(text.id);
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(text.values)) {
    const shown = typeof v === 'object' ? translate(_, has, v) : v;
    values[k] = typeof shown === 'string' ? shown.replaceAll('\\', ASIDE) : shown;
  }
  return _(text.id, values).replaceAll(ASIDE, '\\');
}

const hasIn = (i18n: I18n): Has => (id) => i18n.locale !== 'en' && id in i18n.messages;

/** An engine sentence drawn by d3: its English, or its text where `say` speaks a language that has it. */
export function sayTwin(say: Say, english: string, text: Msg | undefined): string {
  return text ? translate(say, say.has ?? (() => false), twin(english, text)) : english;
}

/** `text` in i18n's active language (outside React: tests, the CLI-free helpers). */
export function textIn(i18n: I18n, text: Text): string {
  return translate((id, values) => i18n._(id, values), hasIn(i18n), text);
}

/** A function that shows a `Text` in the page's language; re-renders its component on a switch. */
export function useText(): (text: Text) => string {
  // `_` is a new function after each switch, so the callback (and what uses it) follows.
  const { i18n, _ } = useLingui();
  return useCallback((text: Text) => translate(_, hasIn(i18n), text), [i18n, _]);
}
