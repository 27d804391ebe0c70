/**
 * The one entry point from untrusted JSON to the engine's ScenarioSpec, every check included
 * (the CLI, the link codec, tests). The checks themselves are parse-core.ts; the worker calls
 * it directly and loads the Service checks only for a document that needs them.
 */
import { parseScenarioWith, type ParseOptions, type ParseResult } from './parse-core.ts';
import { serviceChecks } from './service-checks.ts';

export type { ParseOptions, ParseResult } from './parse-core.ts';

/**
 * Validates a scenario document of any known format version and returns the normalised
 * spec (with warnings, and the document migrated to the current version), or every
 * problem found, each with a path like `nodeGroups[0].instanceType`. Never throws.
 * The timeline comes back sorted by `at` (stable), with a warning if it was not.
 * A document over one of the caps (limits.ts) gets only those problems, code `limit`; at
 * most MAX_REPORTED_ISSUES problems or warnings are listed, then one saying how many more.
 */
export function parseScenario(input: unknown, options: ParseOptions = {}): ParseResult {
  const r = parseScenarioWith(input, serviceChecks, options);
  // Given the Service checks, the core never asks for them.
  if (typeof r === 'symbol') throw new Error('parseScenarioWith asked for the Service checks it was given');
  return r;
}
