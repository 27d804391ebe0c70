/**
 * Where a JSON text stops being JSON, and why, in words a person can act on ("line 3,
 * column 7: expected ',' or '}' after a property value"). V8's own JSON.parse message is
 * not printed: it carries a raw excerpt of the input, which may be binary or hostile.
 *
 * Used only after JSON.parse has failed. The scan is iterative (an explicit stack), so a
 * file of a million '[' cannot overflow the call stack.
 */
import { quote } from './quote.ts';

export interface JsonSyntaxError {
  /** UTF-16 offset of the offending character (the text's length at an unexpected end). */
  offset: number;
  /** 1-based line and column (columns count UTF-16 units, as editors mostly do). */
  line: number;
  column: number;
  message: string;
}

type Expect = 'value' | 'value-or-]' | 'key' | 'key-or-}' | 'colon' | 'comma-or-close' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

const what = (c: string): string => `character ${quote(c)}`;

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: string[] = [];
  let i = 0;
  let expect = 'value' as Expect;
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, ...position(text, offset), message });
  const afterValue = () => {
    expect = stack.length ? 'comma-or-close' : 'end';
  };

  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (i >= text.length) {
      if (expect === 'end') return undefined;
      if (stack.length === 0 && expect === 'value') return fail(i, 'the file is empty (or only whitespace): expected a JSON object');
      return fail(i, `unexpected end of the file: ${stack.length} ${stack.length === 1 ? 'bracket is' : 'brackets are'} still open`);
    }
    const c = text[i];
    switch (expect) {
      case 'value':
      case 'value-or-]': {
        if (c === ']' && expect === 'value-or-]') {
          stack.pop();
          i++;
          afterValue();
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'key-or-}' : 'value-or-]';
        } else if (c === '"') {
          const err = scanString();
          if (err) return err;
          afterValue();
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) return fail(i, `a malformed number`);
          i += m[0].length;
          afterValue();
        } else {
          const lit = LITERALS.find((l) => text.startsWith(l, i));
          if (!lit) return fail(i, `unexpected ${what(c)}: expected a value (object, array, string, number, true, false or null)`);
          i += lit.length;
          afterValue();
        }
        break;
      }
      case 'key':
      case 'key-or-}': {
        if (c === '}' && expect === 'key-or-}') {
          stack.pop();
          i++;
          afterValue();
        } else if (c === '"') {
          const err = scanString();
          if (err) return err;
          expect = 'colon';
        } else {
          return fail(i, `unexpected ${what(c)}: expected a property name in double quotes${expect === 'key' ? ' (no trailing comma before a closing brace)' : ''}`);
        }
        break;
      }
      case 'colon':
        if (c !== ':') return fail(i, `unexpected ${what(c)}: expected ':' after the property name`);
        i++;
        expect = 'value';
        break;
      case 'comma-or-close': {
        const close = stack[stack.length - 1] === '[' ? ']' : '}';
        if (c === ',') {
          i++;
          expect = close === ']' ? 'value' : 'key';
        } else if (c === close) {
          stack.pop();
          i++;
          afterValue();
        } else {
          return fail(i, `unexpected ${what(c)}: expected ',' or '${close}'`);
        }
        break;
      }
      case 'end':
        return fail(i, `unexpected ${what(c)} after the end of the JSON value`);
    }
  }

  function scanString(): JsonSyntaxError | undefined {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) return fail(start, 'a string that never ends (missing closing ")');
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i++;
        return undefined;
      }
      if (code < 0x20) return fail(i, `a raw control character (${quote(text[i])}) inside a string: write it as an escape such as \\n`);
      if (code === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, 'a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return fail(i, `an invalid escape ${quote(`\\${e ?? ''}`)} in a string`);
        }
        continue;
      }
      i++;
    }
  }
}

/** The line of `text` holding `offset`, cut to about `width` characters around it, quoted. */
export function excerptAt(text: string, offset: number, width = 60): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const from = Math.max(lineStart, offset - Math.floor(width / 2));
  const to = Math.min(lineEnd, from + width);
  return quote(text.slice(from, to), width + 20);
}
