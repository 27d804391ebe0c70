/**
 * Problems found in a scenario, each tied to the place in the JSON where it was found.
 */
import type * as v from 'valibot';
import { cutForMessage, quoteForMessage } from './quote.ts';

/**
 * What kind of issue this is, for callers and tests that must tell them apart:
 * `internal` — a check threw (a bug, never the input's fault); `limit` — the input is over
 * one of the format's caps (limits.ts) and was not checked further; `more` — the list was
 * cut and this entry says how many were left out. Absent for ordinary problems.
 */
export type IssueCode = 'internal' | 'limit' | 'more';

/**
 * A message as a catalogue id and its ICU values, so the app can show it in the reader's
 * language (src/ui/i18n/locales); `message` keeps the English text for the CLI, logs and tests.
 * Values are what the message quotes (already cut by quoteForMessage), never translated.
 */
export interface IssueText {
  id: string;
  values?: Readonly<Record<string, string | number>>;
}

/** One problem (or warning) with a path like `nodeGroups[0].instanceType`; "" is the whole document. */
export interface ScenarioIssue {
  path: string;
  message: string;
  /** The same message for translation, where the check provides one (the English stays in `message`). */
  text?: IssueText;
  code?: IssueCode;
  /** With code `more`: how many issues were left out. */
  omitted?: number;
}

/** At most this many problems (and as many warnings) are returned; one more entry says how many were left out. */
export const MAX_REPORTED_ISSUES = 50;

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
  return { path: '', message: `internal error while checking the scenario: ${cutForMessage(text)}`, code: 'internal' };
}

/** The first `max` issues, plus one saying how many more there were. */
export function capIssues(issues: ScenarioIssue[], max = MAX_REPORTED_ISSUES): ScenarioIssue[] {
  if (issues.length <= max) return issues;
  const more = issues.length - max;
  return [...issues.slice(0, max), { path: '', message: `and ${more.toLocaleString('en-US')} more (only the first ${max} are listed)`, code: 'more', omitted: more }];
}

/** How many issues a (possibly capped) list stands for. */
export function issueCount(issues: readonly ScenarioIssue[]): number {
  return issues.reduce((sum, i) => sum + (i.code === 'more' ? (i.omitted ?? 0) : 1), 0);
}

/** The path of a valibot issue, in our `a.b[0].c` form. */
export function valibotPath(issue: v.BaseIssue<unknown>, prefix = ''): string {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = item.key;
    path = joinPath(path, typeof key === 'number' ? key : typeof key === 'string' ? key : String(key));
  }
  return path;
}

/** Describes a JSON value's kind for messages: "a number (5)", "null", "an array". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `the string ${quoteForMessage(value)}`;
    case 'number':
      return `the number ${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'boolean':
      return `${String(value)}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** Turns valibot's issues into ours, with readable messages. */
export function fromValibot(issues: readonly v.BaseIssue<unknown>[], prefix = ''): ScenarioIssue[] {
  return issues.map((issue) => {
    const path = valibotPath(issue, prefix);
    if (issue.kind === 'schema') {
      if (issue.input === undefined) return { path, message: 'is required', text: { id: 'scenario.required' } };
      return { path, message: `expected ${readableExpected(issue.expected)}, got ${describeValue(issue.input)}` };
    }
    return { path, message: cutForMessage(issue.message) };
  });
}

function readableExpected(expected: string | null): string {
  if (expected === null) return 'something else';
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    Object: 'an object',
    Array: 'an array',
    null: 'null',
  };
  return expected
    .split(' | ')
    .map((part) => names[part] ?? part)
    .join(' or ');
}
