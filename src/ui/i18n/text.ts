/**
 * Text that is translated when it is shown, not when it is made: a message id and its values.
 * The store keeps banners as `Text`, so a banner raised in English turns Korean with the rest
 * of the page when the reader switches. A plain string is shown as it is (what a real tool or
 * the engine printed, never translated).
 */
import type { I18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import { useCallback } from 'react';

export type MsgValues = Readonly<Record<string, string | number>>;

/** A catalogue message: its id in src/ui/i18n/locales/*.po and the ICU arguments it names. */
export interface Msg { readonly id: string; readonly values?: MsgValues }

export type Text = string | Msg;

/** A message to translate when shown. The id must be a literal (the catalogue check scans for it). */
export function msg(id: string, values?: MsgValues): Msg {
  return values ? { id, values } : { id };
}

/** `text` in i18n's active language. */
export function textIn(i18n: I18n, text: Text): string {
  return typeof text === 'string' ? text : i18n._(text.id, text.values);
}

/** A function that shows a `Text` in the page's language; re-renders its component on a switch. */
export function useText(): (text: Text) => string {
  // `_` is a new function after each switch, so the callback (and what uses it) follows.
  const { _ } = useLingui();
  return useCallback((text: Text) => (typeof text === 'string' ? text : _(text.id, text.values)), [_]);
}
