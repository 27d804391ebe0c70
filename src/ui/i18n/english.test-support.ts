/** Tests read the store's texts (banners, notes) in English, as a reader with an English browser sees them. */
import { createLanguages } from './catalogues.ts';
import { textIn, type Text } from './text.ts';

const { i18n } = createLanguages();

/** `text` in English; undefined stays undefined (no banner). */
export function en(text: Text | undefined): string | undefined {
  return text === undefined ? undefined : textIn(i18n, text);
}
