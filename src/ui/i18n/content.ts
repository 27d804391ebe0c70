/**
 * Shipped content in the reader's language: sample and lesson names, descriptions, step
 * titles and narration. English is the scenario's own text (no catalogue); another language
 * comes from the content catalogue (content/<lang>.po), loaded with that language's chunk,
 * and only where the text on screen is still exactly what shipped (shipped-content.ts).
 */
import type { I18n } from '@lingui/core';
import { useLingui } from '@lingui/react';
import { useCallback, useMemo } from 'react';
import type { EngineText } from '../../sim/engine-text.ts';
import { contentIds } from './content-ids.ts';
import type { ShippedIndex } from './shipped-content.ts';
import { useText } from './text.ts';

let index: ShippedIndex | undefined;
let loading: Promise<void> | undefined;

/** Loads the shipped English (once), for a non-English catalogue; see catalogues.ts. */
export function loadShippedIndex(): Promise<void> {
  loading ??= import('./shipped-content.ts').then((m) => {
    index = m.shippedIndex();
  }).catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** `id` in the active language; `english` when that is English or the catalogue has no such id. */
function translated(i18n: I18n, _: (id: string) => string, id: string, english: string): string {
  if (i18n.locale === 'en' || !(id in i18n.messages)) return english;
  return _(id);
}

export interface Content {
  /** A shipped sample's name in the menu. */
  sampleName(id: string, english: string): string;
  /** A shipped lesson's short title in the menu. */
  lessonTitle(id: string, english: string): string;
  /** A scenario's name or description: translated only if it is a shipped one, unedited. */
  text(english: string): string;
  /** A step's title and narration: translated only if both are a shipped step's, unedited. */
  step<S extends { title: string; narration: string }>(step: S): S;
}

/** Content in i18n's active language; `_` translates (useLingui's, so a switch re-renders). */
export function contentIn(i18n: I18n, _: (id: string) => string = (id) => i18n._(id), shipped: ShippedIndex | undefined = index): Content {
  const english = i18n.locale === 'en';
  const t = (id: string, text: string) => translated(i18n, _, id, text);
  return {
    sampleName: (id, text) => t(contentIds.sample(id).name, text),
    lessonTitle: (id, text) => t(contentIds.lesson(id).title, text),
    text: (text) => {
      const id = english ? undefined : shipped?.texts.get(text);
      return id === undefined ? text : t(id, text);
    },
    step: <S extends { title: string; narration: string }>(step: S): S => {
      const stem = english ? undefined : shipped?.steps.get(`${step.title}\u0000${step.narration}`);
      if (stem === undefined) return step;
      return { ...step, title: t(`${stem}.title`, step.title), narration: t(`${stem}.narration`, step.narration) };
    },
  };
}

/** Content in the page's language; follows a language switch. */
export function useContent(): Content {
  const { i18n, _ } = useLingui();
  // `_` is a new function after each switch (and the index is loaded before the switch).
  return useMemo(() => contentIn(i18n, _), [i18n, _]);
}

/**
 * An engine sentence (an ipamd decision, a hop's explanation) in the page's language: the
 * engine's own English as it is, or its `text` translated, the values (names, addresses,
 * numbers) inserted verbatim. A sentence without a text, or an id the catalogue lacks, stays English.
 */
export function useEngineText(): (english: string, text: EngineText | undefined) => string {
  const { i18n } = useLingui();
  const show = useText();
  return useCallback(
    (english: string, text: EngineText | undefined) => (text === undefined || i18n.locale === 'en' || !(text.id in i18n.messages) ? english : show(text)),
    [i18n, show],
  );
}
