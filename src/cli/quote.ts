/**
 * The one way the CLI prints a value it was given (a path, a flag value, a name from a
 * scenario file) inside a message, and the filter every byte of output goes through.
 *
 * Every string from the command line or a scenario file is hostile: it may be megabytes
 * long, carry terminal escape sequences (ESC [2J clears the screen), carriage returns that
 * overwrite what was printed, bidi overrides that reorder it, or bytes that were never text.
 * None of that may reach the terminal as it is.
 */

/**
 * A character that is never printed raw: C0 controls, DEL, C1 controls (0x9b is a CSI on
 * some terminals), the line/paragraph separators, bidi embeddings/overrides/isolates, the
 * byte-order mark, and lone surrogates (not text at all). Tested one character (or one
 * surrogate pair, which never matches) at a time.
 */
// oxlint-disable-next-line no-control-regex -- finding control characters is this regex's job
const UNSAFE_CHAR = /^(?:[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff])$/;

/** Same set, but keeping tab and newline: the layout of multi-line output. */
// oxlint-disable-next-line no-control-regex -- likewise
const UNSAFE_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

function escapeOne(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Output text with every unsafe character written as a `\uXXXX` escape; tab and newline
 * stay. Inside a JSON string such an escape means the same character, so JSON output stays
 * valid JSON with the same value.
 */
export function escapeControls(text: string): string {
  UNSAFE_IN_TEXT.lastIndex = 0;
  return UNSAFE_IN_TEXT.test(text) ? text.replace(UNSAFE_IN_TEXT, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** Default width of a quoted value. */
export const QUOTE_WIDTH = 80;

/**
 * A value as it appears in a message: in double quotes, control and other unsafe characters
 * escaped (`\n`, `\u001b`), cut to about `width` characters with `…` and the full length
 * when longer: `"aaaa…" (5000 characters)`.
 */
export function quote(value: unknown, width = QUOTE_WIDTH): string {
  const s = typeof value === 'string' ? value : String(value);
  let out = '';
  let i = 0;
  for (; i < s.length && out.length < width; i++) {
    const code = s.charCodeAt(i);
    // Keep a surrogate pair together.
    const ch = code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? s.slice(i, ++i + 1) : s[i];
    // A single surrogate here is a lone one (pairs were taken together above).
    out += ch === '"' || ch === '\\' || UNSAFE_CHAR.test(ch) ? escapeOne(ch) : ch;
  }
  return i < s.length ? `"${out}…" (${s.length} characters)` : `"${out}"`;
}

/** A message cut to `max` characters (a message never floods the terminal). */
export function clip(message: string, max: number): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}
