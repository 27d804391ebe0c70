/**
 * Text that is translated when it is shown, not when it is made: a message id and its values.
 * The store keeps banners as `Text`, so a banner raised in English turns Korean with the rest
 * of the page when the reader switches. A plain string is shown as it is (what a real tool or
 * the engine printed, never translated).
 */
import type { I18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import { useCallback } from 'react';

/** ICU arguments; a `Msg` among them is translated first ("Something broke in the {area}"). */
export type MsgValues = Readonly<Record<string, string | number | Msg>>;

/** A catalogue message: its id in src/ui/i18n/locales/*.po and the ICU arguments it names. */
export interface Msg { readonly id: string; readonly values?: MsgValues }

export type Text = string | Msg;

/** A message to translate when shown. The id must be a literal (the catalogue check scans for it). */
export function msg(id: string, values?: MsgValues): Msg {
  return values ? { id, values } : { id };
}

/** Lingui's `_`: a message id and its values to text in the active language. */
type Translate = (id: string, values?: Record<string, string | number>) => string;

/** What code outside React (the d3 pictures, pure helpers) is given to put a message in the page's language. */
export type Say = Translate;

function translate(_: Translate, text: Text): string {
  if (typeof text === 'string') return text;
  if (!text.values) return _(text.id);
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(text.values)) values[k] = typeof v === 'object' ? translate(_, v) : v;
  return _(text.id, values);
}

/** `text` in i18n's active language (outside React: tests, the CLI-free helpers). */
export function textIn(i18n: I18n, text: Text): string {
  return translate((id, values) => i18n._(id, values), text);
}

/** A function that shows a `Text` in the page's language; re-renders its component on a switch. */
export function useText(): (text: Text) => string {
  // `_` is a new function after each switch, so the callback (and what uses it) follows.
  const { _ } = useLingui();
  return useCallback((text: Text) => translate(_, text), [_]);
}
