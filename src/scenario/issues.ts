/**
 * Problems found in a scenario, each tied to the place in the JSON where it was found.
 */
import type * as v from 'valibot';

/** One problem (or warning) with a path like `nodeGroups[0].instanceType`; "" is the whole document. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** Joins a parent path and a key or array index into `a.b[0].c` form. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const safe = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
  if (safe !== key) return `${parent}[${safe}]`;
  return parent === '' ? key : `${parent}.${key}`;
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
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
      return `the number ${String(value)}`;
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
      if (issue.input === undefined) return { path, message: 'is required' };
      return { path, message: `expected ${readableExpected(issue.expected)}, got ${describeValue(issue.input)}` };
    }
    return { path, message: issue.message };
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
