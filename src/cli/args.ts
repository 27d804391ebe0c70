/**
 * Command-line parsing shared by the commands: `--flag value` / `--flag=value` options,
 * positional arguments, and the numbers flags carry. Every mistake is one CliError that
 * quotes what was given.
 */
import { CliError } from './cli-error.ts';
import { quote } from './quote.ts';

export type FlagKinds = Record<string, 'value' | 'bool'>;

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

/**
 * Splits args into positionals and known `--flags`. An unknown flag, a flag given twice, a
 * value flag without its value and a bool flag with one are errors. Single-dash words
 * (`-t`, `-S`) are positionals: they belong to the views `show` takes (`iptables -t nat -S`).
 */
export function parseFlags(args: readonly string[], known: FlagKinds): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const inline = eq < 0 ? undefined : a.slice(eq + 1);
    const kind = Object.hasOwn(known, name) ? known[name] : undefined;
    if (!kind) {
      const names = Object.keys(known).map((k) => `--${k}`);
      throw new CliError(`unknown option ${quote(`--${name}`)} (${names.length ? `options: ${names.join(', ')}` : 'this command takes no options'}; --help shows the usage)`);
    }
    if (Object.hasOwn(flags, name)) throw new CliError(`--${name} is given more than once`);
    if (kind === 'bool') {
      if (inline !== undefined) throw new CliError(`--${name} takes no value, got ${quote(inline)}`);
      flags[name] = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new CliError(`--${name} needs a value`);
    flags[name] = value;
  }
  return { positional, flags };
}

/** Refuses positionals beyond the first `count`. */
export function noExtraArguments(positional: readonly string[], count: number, usage: string): void {
  if (positional.length > count) {
    const extra = positional.slice(count);
    throw new CliError(`unexpected argument${extra.length > 1 ? 's' : ''} ${extra.slice(0, 3).map((a) => quote(a, 40)).join(', ')}${extra.length > 3 ? ', …' : ''} (usage: ${usage})`);
  }
}

/**
 * A number of seconds from a flag: digits with at most three decimals (milliseconds), at
 * most `max`. Checked on the text first, so 21 digits never become 1e20.
 */
export function secondsFlag(value: string | true | undefined, name: string, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : '';
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new CliError(`--${name} must be a number of seconds (e.g. 120 or 90.5), got ${quote(text)}`);
  if (m[2] !== undefined && m[2].length > 3) throw new CliError(`--${name} takes at most 3 decimals (milliseconds), got ${quote(text)}`);
  const seconds = m[1].replace(/^0+(?=\d)/, '').length > 15 ? Infinity : Number(text);
  if (seconds > max) {
    throw new CliError(`--${name} ${quote(text, 24)} is past the simulated-time ceiling of ${max} s (${humanSeconds(max)}); give at most ${max}`);
  }
  return seconds;
}

/** A whole number from a flag, within [min, max]; the message names the flag and the range. */
export function countFlag(value: string | true | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : '';
  const digits = /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : undefined;
  const n = digits === undefined ? NaN : digits.length > 15 ? Infinity : Number(digits);
  if (!(n >= min && n <= max)) throw new CliError(`--${name} must be a whole number from ${min} to ${max}, got ${quote(text, 24)}`);
  return n;
}

/** "8 days", "2 hours", "90 s": a ceiling in words. */
export function humanSeconds(s: number): string {
  if (s % 86_400 === 0) return `${s / 86_400} day${s === 86_400 ? '' : 's'}`;
  if (s % 3600 === 0) return `${s / 3600} hour${s === 3600 ? '' : 's'}`;
  return `${s} s`;
}
