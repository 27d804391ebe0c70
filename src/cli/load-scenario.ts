/**
 * Reads a scenario file for a CLI command: a path to v1 JSON, or the name of a bundled
 * sample (e.g. "default-m5-large"). Every problem becomes one CliError naming the file
 * and where in it things went wrong.
 */
import { readFileSync } from 'node:fs';
import { parseScenario, SAMPLE_NAMES, SAMPLE_SCENARIOS } from '../scenario/index.ts';
import type { ScenarioSpec } from '../sim/index.ts';
import { CliError } from './cli-error.ts';

export function loadScenario(pathOrSample: string | undefined): ScenarioSpec {
  if (!pathOrSample) throw new CliError('missing scenario: give a path to a scenario JSON file or a sample name');
  let json: unknown;
  if ((SAMPLE_NAMES as readonly string[]).includes(pathOrSample)) {
    json = SAMPLE_SCENARIOS[pathOrSample as keyof typeof SAMPLE_SCENARIOS];
  } else {
    let text: string;
    try {
      text = readFileSync(pathOrSample, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(`cannot read scenario "${pathOrSample}": ${code === 'ENOENT' ? 'no such file' : code ?? String(e)} (samples: ${SAMPLE_NAMES.join(', ')})`);
    }
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CliError(`${pathOrSample} is not valid JSON: ${(e as Error).message}`);
    }
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) {
    const lines = parsed.issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`);
    throw new CliError(`${pathOrSample} is not a valid scenario (${parsed.issues.length} problem${parsed.issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
  }
  return parsed.spec;
}

/** Parses "--flag value" style options; unknown flags are errors. */
export function parseFlags(args: string[], known: Record<string, 'value' | 'bool'>): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2);
    const kind = known[name];
    if (!kind) throw new CliError(`unknown option --${name} (known: ${Object.keys(known).map((k) => `--${k}`).join(', ')})`);
    if (kind === 'bool') {
      flags[name] = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
    flags[name] = value;
  }
  return { positional, flags };
}

/** A non-negative number of seconds from a flag. */
export function secondsFlag(value: string | true | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number of seconds, got "${String(value)}"`);
  return n;
}
