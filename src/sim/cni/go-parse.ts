/**
 * The Go standard-library parsers aws-node uses for its env vars, so odd values behave
 * exactly as on a real node: strconv.Atoi ("+5" and "007" are fine, " 5" and "5.0" are not)
 * and strconv.ParseBool (1/t/T/TRUE/true/True and their false forms, nothing else), and the
 * strconv.Quote that `%q` uses in error messages.
 */

/** strconv.Atoi on a 64-bit platform; undefined where Go returns an error. */
export function goAtoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  // Beyond int64 Go reports a range error; beyond 2^53 we cannot represent it anyway.
  if (!Number.isSafeInteger(n)) return undefined;
  return n === 0 ? 0 : n;
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** strconv.ParseBool; undefined where Go returns an error. */
export function goParseBool(text: string): boolean | undefined {
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

const QUOTE_ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
/** Go's unicode.IsPrint is false for these: control, format, surrogate, private use, unassigned, and separators other than ' '. */
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

/** strconv.Quote (what `%q` prints): Go-escaped, double-quoted. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (QUOTE_ESCAPES[ch]) out += QUOTE_ESCAPES[ch];
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else out += ch;
  }
  return out + '"';
}
