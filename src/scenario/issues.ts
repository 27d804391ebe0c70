/**
 * Problems found in a scenario, each tied to the place in the JSON where it was found.
 */
import type * as v from 'valibot';
import { said, type Said, type TemplateText } from '../sim/said-template.ts';
import { cutForMessage, quoteForMessage } from './quote.ts';

export { said, type Said } from '../sim/said-template.ts';

/**
 * What kind of issue this is, for callers and tests that must tell them apart:
 * `internal` — a check threw (a bug, never the input's fault); `limit` — the input is over
 * one of the format's caps (limits.ts) and was not checked further; `more` — the list was
 * cut and this entry says how many were left out. Absent for ordinary problems.
 */
export type IssueCode = 'internal' | 'limit' | 'more';

/**
 * A message as a catalogue id and its ICU values, so the app can show it in the reader's
 * language: the id is the English template (`said`, src/sim/said-template.ts), translated in
 * src/ui/i18n/issues/<lang>.po; `message` keeps the English text for the CLI, logs and tests.
 * Values are what the message quotes (already cut by quoteForMessage), never translated, or
 * nested texts (an English fragment such as "the number 5").
 */
export type IssueText = TemplateText;

/** One problem (or warning) with a path like `nodeGroups[0].instanceType`; "" is the whole document. */
export interface ScenarioIssue {
  path: string;
  message: string;
  /** The same message for translation (the English stays in `message`); every issue but code `internal` has one. */
  text?: IssueText;
  code?: IssueCode;
  /** With code `more`: how many issues were left out. */
  omitted?: number;
}

/** At most this many problems (and as many warnings) are returned; one more entry says how many were left out. */
export const MAX_REPORTED_ISSUES = 50;

/** An issue at `path` saying `s` (its English and its text). */
export function issue(path: string, s: Said, code?: IssueCode): ScenarioIssue {
  return code ? { path, message: s.message, text: s.text, code } : { path, message: s.message, text: s.text };
}

/** Joins a parent path and a key or array index into `a.b[0].c` form (long keys cut, like any echoed value). */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const safe = /^[A-Za-z_$][A-Za-z0-9_$]{0,79}$/.test(key) ? key : quoteForMessage(key, 80, false);
  if (safe !== key) return `${parent}[${safe}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** The issue for a check that threw: a bug to report, kept apart from the input's problems by its code. */
export function internalIssue(error: unknown): ScenarioIssue {
  const text = error instanceof Error ? error.message : String(error);
  return issue('', said`internal error while checking the scenario: ${cutForMessage(text)}`, 'internal');
}

/** The first `max` issues, plus one saying how many more there were. */
export function capIssues(issues: ScenarioIssue[], max = MAX_REPORTED_ISSUES): ScenarioIssue[] {
  if (issues.length <= max) return issues;
  const more = issues.length - max;
  return [...issues.slice(0, max), { ...issue('', said`and ${more.toLocaleString('en-US')} more (only the first ${max} are listed)`, 'more'), omitted: more }];
}

/** How many issues a (possibly capped) list stands for. */
export function issueCount(issues: readonly ScenarioIssue[]): number {
  return issues.reduce((sum, i) => sum + (i.code === 'more' ? (i.omitted ?? 0) : 1), 0);
}

/** The path of a valibot issue, in our `a.b[0].c` form. */
export function valibotPath(vi: v.BaseIssue<unknown>, prefix = ''): string {
  let path = prefix;
  for (const item of vi.path ?? []) {
    const key = item.key;
    path = joinPath(path, typeof key === 'number' ? key : typeof key === 'string' ? key : String(key));
  }
  return path;
}

/** Describes a JSON value's kind for messages: "the number 5", "null", "an array" (English fragments nest as texts). */
export function describeValue(value: unknown): Said | string {
  if (value === null) return 'null';
  if (value === undefined) return said`nothing`;
  if (Array.isArray(value)) return said`an array`;
  switch (typeof value) {
    case 'string':
      return said`the string ${quoteForMessage(value)}`;
    case 'number':
      return said`the number ${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'boolean':
      return `${String(value)}`;
    case 'object':
      return said`an object`;
    default:
      return said`a ${typeof value}`;
  }
}

/**
 * The schemas' own messages (`must be a whole number`), made with `said` where the schema is
 * built: valibot keeps only the English, so each is kept here with its text for fromValibot.
 */
const SCHEMA_MESSAGES = new Map<string, Said>();

/** A schema's message (valibot's `message` argument), remembered with its text. */
export function schemaMessage(s: Said): string {
  SCHEMA_MESSAGES.set(s.message, s);
  return s.message;
}

/** Turns valibot's issues into ours, with readable messages. */
export function fromValibot(issues: readonly v.BaseIssue<unknown>[], prefix = ''): ScenarioIssue[] {
  return issues.map((i) => {
    const path = valibotPath(i, prefix);
    if (i.kind === 'schema') {
      if (i.input === undefined) return issue(path, said`is required`);
      return issue(path, said`expected ${readableExpected(i.expected)}, got ${describeValue(i.input)}`);
    }
    const known = SCHEMA_MESSAGES.get(i.message);
    return known ? issue(path, known) : { path, message: cutForMessage(i.message) };
  });
}

const EXPECTED_NAMES: Readonly<Record<string, () => Said | string>> = {
  string: () => said`a string`,
  number: () => said`a number`,
  boolean: () => said`true or false`,
  Object: () => said`an object`,
  Array: () => said`an array`,
  null: () => 'null',
};

function readableExpected(expected: string | null): Said | string {
  if (expected === null) return said`something else`;
  const parts = expected.split(' | ').map((part) => (Object.hasOwn(EXPECTED_NAMES, part) ? EXPECTED_NAMES[part]() : part));
  // "a or b or c", each "or" its own text, so each language joins them its way.
  return parts.reduceRight((rest, part) => said`${part} or ${rest}`);
}
