/**
 * The Go standard-library parsers aws-node uses for its env vars, so odd values behave
 * exactly as on a real node: strconv.Atoi ("+5" and "007" are fine, " 5", "5.0" and "1_000"
 * are not), strconv.ParseInt(s, 0, 64) (0x/0o/0b prefixes, a leading 0 means octal,
 * underscores between digits) and strconv.ParseBool (1/t/T/TRUE/true/True and their false
 * forms, nothing else), and the strconv.Quote that `%q` uses in error messages. Values
 * beyond int64 are Go's range errors.
 */

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** A BigInt inside int64, as a number (exact up to 2^53; only ever compared beyond that). */
function int64(v: bigint): number | undefined {
  return v > INT64_MAX || v < INT64_MIN ? undefined : Number(v);
}

/**
 * strconv.Atoi on a 64-bit platform; undefined where Go returns an error (syntax or range).
 * Base 10 only: no prefixes, no underscores, no spaces.
 */
export function goAtoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  // Go accepts any number of leading zeros; past them, more than 19 digits is out of int64's
  // range, so the BigInt (which needs the exact value for the range check) stays small.
  const digits = text.replace(/^[+-]?0*/, '');
  if (digits.length > 19) return undefined;
  const n = int64(BigInt(text[0] === '-' ? '-' + (digits || '0') : digits || '0'));
  return n === 0 ? 0 : n;
}

/** Go's underscoreOK: "_" only between digits (or right after a base prefix). */
function underscoreOk(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1])) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * strconv.ParseInt(s, 0, 64): optional sign, then 0x/0X hex, 0b/0B binary, 0o/0O or a bare
 * leading 0 octal, else decimal; underscores allowed between digits. undefined on error.
 */
export function goParseInt0(text: string): number | undefined {
  if (text.length === 0) return undefined;
  let s = text;
  const neg = s[0] === '-';
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  if (s.length === 0) return undefined;
  let base = 10n;
  if (s[0] === '0') {
    const p = s[1]?.toLowerCase();
    if (s.length >= 3 && p === 'b') [base, s] = [2n, s.slice(2)];
    else if (s.length >= 3 && p === 'o') [base, s] = [8n, s.slice(2)];
    else if (s.length >= 3 && p === 'x') [base, s] = [16n, s.slice(2)];
    else [base, s] = [8n, s.slice(1)];
  }
  let v = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = /[0-9]/.test(c) ? BigInt(c.charCodeAt(0) - 48) : /[a-z]/i.test(c) ? BigInt(c.toLowerCase().charCodeAt(0) - 87) : 99n;
    if (d >= base) return undefined;
    v = v * base + d;
    // Past int64 already: Go's answer is an error whatever follows (range or syntax).
    if (v > INT64_MAX + 1n) return undefined;
  }
  if (underscores && !underscoreOk(text)) return undefined;
  return int64(neg ? -v : v);
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

/** unicode.IsSpace, which strings.TrimSpace trims (unlike JavaScript's trim: U+0085 yes, U+FEFF no). */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** strings.TrimSpace. */
export function goTrimSpace(text: string): string {
  return text.replace(GO_SPACE, '');
}

/** An environment as a process sees it: a missing key is unset; "" is set to empty. */
export type GoEnv = Readonly<Record<string, string | undefined>>;

/**
 * utils.GetBoolAsStringEnvVar (utils/utils.go), and equally ipamd's parseBoolEnvVar and
 * networkutils' getBoolEnvVar (which skip ""): unset, empty or not a ParseBool value → the
 * default. The three differ only in what they log.
 */
export function envBool(env: GoEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  return raw === undefined ? fallback : goParseBool(raw) ?? fallback;
}

/** utils.GetEnv: os.LookupEnv, so a variable set to "" is "" (not the default). */
export function envString(env: GoEnv, name: string, fallback: string): string {
  return env[name] ?? fallback;
}

/**
 * utils.GetIntFromStringEnvVar: unset → (default, no error, ""); set → strconv.Atoi, and on
 * failure (-1, error, the raw text).
 */
export function envInt(env: GoEnv, name: string, fallback: number): { value: number; error: boolean; input: string } {
  const raw = env[name];
  if (raw === undefined) return { value: fallback, error: false, input: '' };
  const n = goAtoi(raw);
  return n === undefined ? { value: -1, error: true, input: raw } : { value: n, error: false, input: raw };
}
