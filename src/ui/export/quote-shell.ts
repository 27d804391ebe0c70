/**
 * Quoting for text a user pastes into a shell or a YAML file. Every value comes from a
 * scenario or a link and is hostile: it may hold quotes, `$(…)`, newlines, a heredoc
 * delimiter, or invisible characters (bidi overrides) that make a line read as something
 * other than what runs. Each value becomes exactly one shell word / one YAML scalar.
 */

/** Printable ASCII only: safe to show between single quotes as it is. */
const PLAIN = /^[\x20-\x7e]*$/;

/**
 * One bash word whose value is exactly `value`: single quotes for printable ASCII (nothing
 * expands inside them; a `'` is closed, escaped and reopened), else ANSI-C `$'…'` with every
 * control, non-ASCII or invisible character as a `\x`/`\u` escape, so the line shows what it does.
 * A NUL cannot be in a shell argument at all (bash would cut the word there): callers refuse it.
 */
export function shellWord(value: string): string {
  if (PLAIN.test(value)) return `'${value.replaceAll("'", `'\\''`)}'`;
  let out = "$'";
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}'`;
}

/**
 * A YAML double-quoted scalar whose value is exactly `value` (a lone surrogate, which no YAML
 * reader takes, becomes U+FFFD): every character outside printable ASCII as `\uXXXX` (YAML
 * 1.1 parsers take U+2028/U+2029 as line breaks; bidi controls would hide what the file says).
 */
export function yamlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    // A lone surrogate is not a character any YAML reader takes: it becomes U+FFFD.
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** An environment variable name a shell and Kubernetes accept (`[A-Za-z_][A-Za-z0-9_]*`). */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name.length <= 253;
}
