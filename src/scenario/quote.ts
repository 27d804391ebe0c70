/**
 * Values from a scenario or a link echoed into messages. Every such string is hostile: it
 * may be a million characters long, carry control or bidi-override characters that make a
 * banner lie about what it says, or half a surrogate pair. One helper quotes them all.
 */

/** At most this many characters of a value appear in a message (about one banner line). */
export const MESSAGE_VALUE_CHARS = 80;

/**
 * Characters that would break a message or reorder the text around it when shown: C0/C1
 * controls, zero-width characters and bidi marks, line/paragraph separators, bidi
 * embeddings/overrides/isolates, word joiners, BOM — and lone surrogates.
 */
function invisible(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x200b && code <= 0x200f) || (code >= 0x2028 && code <= 0x202e)
    || (code >= 0x2060 && code <= 0x2069) || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff);
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '"': return '\\"';
    case '\\': return '\\\\';
    case '\n': return '\\n';
    case '\t': return '\\t';
    case '\r': return '\\r';
    default: {
      const code = ch.codePointAt(0) ?? 0;
      return invisible(code) ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
    }
  }
}

function escapeCut(value: string, max: number, quotes: boolean): { text: string; cut: boolean } {
  let text = '';
  let i = 0;
  // Walk code points from the start only as far as needed, so a huge value costs O(max).
  while (i < value.length) {
    const code = value.codePointAt(i) ?? 0;
    const ch = code > 0xffff ? value.slice(i, i + 2) : value[i];
    const escaped = !quotes && (ch === '"' || ch === '\\') ? ch : escapeChar(ch);
    if (text.length + escaped.length > max) break;
    text += escaped;
    i += ch.length;
  }
  return { text, cut: i < value.length };
}

const count = (n: number) => `${n.toLocaleString('en-US')} characters`;

/**
 * `"text"` with quotes, backslashes and invisible characters escaped, cut to `max` characters
 * inside the quotes; a cut value is followed by its length unless `withLength` is false.
 */
export function quoteForMessage(value: string, max = MESSAGE_VALUE_CHARS, withLength = true): string {
  const { text, cut } = escapeCut(value, max, true);
  if (!cut) return `"${text}"`;
  return withLength ? `"${text}…" (${count(value.length)})` : `"${text}…"`;
}

/** Free text (an exception's message, say) cut to `max` characters, invisible characters escaped, no quotes added. */
export function cutForMessage(value: string, max = 200): string {
  const { text, cut } = escapeCut(value, max, false);
  return cut ? `${text}… (${count(value.length)})` : text;
}
