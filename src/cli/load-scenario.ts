/**
 * Reads a scenario for a CLI command: a path to v1 JSON, or the name of a bundled sample
 * (e.g. "default-m5-large"). Every problem becomes one CliError naming the file and where
 * in it things went wrong; the scenario's warnings (an unknown field such as "replica", an
 * unknown variable such as WARM_IP_TARGE) go to stderr, or fail the call with --strict.
 */
import { issueCount, parseScenario, SAMPLE_NAMES, SAMPLE_SCENARIOS, type ScenarioIssue } from '../scenario/index.ts';
import type { ScenarioSpec } from '../sim/index.ts';
import { CliError, DEFAULT_LIMITS, type CliContext } from './cli-error.ts';
import { excerptAt, jsonSyntaxError } from './json-syntax.ts';
import { clip, quote } from './quote.ts';
import { readTextFile } from './text-file.ts';

// Kept here for commands that import them from this module (lab.ts).
export { parseFlags, secondsFlag } from './args.ts';

/** A message never grows past this many characters, however many problems there are. */
const MESSAGE_BUDGET = 900;
/** Warnings printed before "… and N more". */
const MAX_WARNINGS = 20;

/**
 * "header\n  path: message\n  …" within the message budget, with the count of what was left
 * out. parseScenario lists at most 50 issues and ends with one (code "more") counting the
 * rest: that entry is not printed, its count is.
 */
export function issueList(header: string, all: readonly ScenarioIssue[], noun = 'problem'): string {
  const issues = all.filter((i) => i.code !== 'more');
  const total = issueCount(all);
  const lines = [header];
  let used = header.length;
  for (let k = 0; k < issues.length; k++) {
    const line = clip(`  ${issues[k].path || '(root)'}: ${issues[k].message}`, 240);
    const rest = total - k;
    if (used + line.length + 1 > MESSAGE_BUDGET - 40 && rest > 1) {
      lines.push(`  … and ${rest} more ${noun}${rest === 1 ? '' : 's'}`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  if (total > issues.length && lines.length === issues.length + 1) {
    const rest = total - issues.length;
    lines.push(`  … and ${rest} more ${noun}${rest === 1 ? '' : 's'}`);
  }
  return lines.join('\n');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The scenario's JSON value: a sample, or the parsed file. */
function readJson(pathOrSample: string, maxFileBytes: number): unknown {
  if ((SAMPLE_NAMES as readonly string[]).includes(pathOrSample)) return SAMPLE_SCENARIOS[pathOrSample as keyof typeof SAMPLE_SCENARIOS];
  let text: string;
  try {
    text = readTextFile(pathOrSample, 'scenario', maxFileBytes);
  } catch (e) {
    if (e instanceof CliError && e.message.endsWith(': no such file')) throw new CliError(`${e.message} (samples: ${SAMPLE_NAMES.join(', ')})`);
    throw e;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const where = jsonSyntaxError(text);
    if (!where) throw new CliError(`scenario ${quote(pathOrSample)} is not valid JSON`);
    throw new CliError(`scenario ${quote(pathOrSample)} is not valid JSON: line ${where.line}, column ${where.column}: ${where.message} (at ${excerptAt(text, where.offset)})`);
  }
}

export interface LoadOptions {
  /** Warnings are errors (exit 2). */
  strict?: boolean;
}

/** The validated scenario; its warnings go to `ctx.warn` (or fail the call when strict). */
export function loadScenario(pathOrSample: string | undefined, ctx?: CliContext, opts: LoadOptions = {}): ScenarioSpec {
  if (pathOrSample === undefined) throw new CliError(`missing scenario: give a path to a scenario JSON file or a sample name (${SAMPLE_NAMES.join(', ')})`);
  const json = readJson(pathOrSample, ctx?.limits.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes);
  const parsed = parseScenario(json);
  const name = quote(pathOrSample);
  if (!parsed.ok) throw new CliError(issueList(`${name} is not a valid scenario (${plural(issueCount(parsed.issues), 'problem')}):`, parsed.issues));
  const warnings = parsed.warnings.filter((w) => w.code !== 'more');
  const warningCount = issueCount(parsed.warnings);
  if (warningCount > 0) {
    if (opts.strict) {
      throw new CliError(issueList(`${name} has ${plural(warningCount, 'warning')} and --strict makes them errors:`, parsed.warnings, 'warning'));
    }
    for (const w of warnings.slice(0, MAX_WARNINGS)) ctx?.warn(clip(`${name}: ${w.path || '(root)'}: ${w.message}`, 300));
    if (warningCount > MAX_WARNINGS) ctx?.warn(`${name}: … and ${warningCount - MAX_WARNINGS} more warnings`);
  }
  return parsed.spec;
}
