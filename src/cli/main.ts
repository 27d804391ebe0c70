/**
 * `npm run sim -- <command> [args]`. `main(argv, io)` is importable: tests call it in
 * process with a captured io and get the exit code back. Run as a script, this file calls
 * it with the process's stdout/stderr.
 *
 * Exit codes: 0 done, 2 a mistake in the input (one clear message on stderr), 1 an internal
 * error (a bug: the message says so).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, DEFAULT_LIMITS, type CliCommand, type CliContext, type CliLimits } from './cli-error.ts';
import { commandHelp, HELP, topUsage } from './help.ts';
import { processIo, type CliIo } from './io.ts';
import { clip, escapeControls, quote } from './quote.ts';

/** Each command in its own module, loaded on demand (maxpods starts without the engine). */
const COMMANDS: Record<string, () => Promise<{ command: CliCommand; helpExtra?: () => string }>> = {
  maxpods: () => import('./commands/maxpods.ts'),
  run: () => import('./commands/run.ts'),
  events: () => import('./commands/events.ts'),
  show: () => import('./commands/show.ts'),
  trace: () => import('./commands/trace.ts'),
  lab: () => import('./commands/lab.ts'),
  lessons: () => import('./commands/lessons.ts'),
};

/** No line of a message is longer than this (a message never floods a terminal). */
export const MESSAGE_MAX = 990;
const CHUNK = 64 * 1024;

export interface MainOptions {
  /** Tighter bounds (the fuzz tests use small ones so every case ends in milliseconds). */
  limits?: Partial<CliLimits>;
}

/** Every byte of output passes escapeControls here, whatever io the caller gave. */
async function write(io: CliIo, text: string): Promise<void> {
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + CHUNK);
    // Never cut a surrogate pair in two: each half alone would be escaped as a lone surrogate.
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    await io.out(escapeControls(text.slice(i, end)));
    i = end;
  }
}

function errLine(io: CliIo, line: string): void {
  io.err(clip(escapeControls(line), MESSAGE_MAX));
}

async function writeResult(io: CliIo, result: string | Iterable<string>): Promise<void> {
  if (typeof result === 'string') {
    await write(io, result.endsWith('\n') ? result : `${result}\n`);
    return;
  }
  for (const chunk of result) await write(io, chunk);
}

function printError(io: CliIo, message: string): void {
  const lines = clip(message, MESSAGE_MAX * 2).split('\n');
  lines.forEach((line, i) => errLine(io, i === 0 ? `error: ${line}` : line));
}

/** Runs one CLI call; resolves to its exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo, options: MainOptions = {}): Promise<number> {
  const limits: CliLimits = { ...DEFAULT_LIMITS, ...options.limits };
  try {
    const [name, ...args] = argv;
    if (name === undefined) {
      for (const line of topUsage().split('\n')) errLine(io, line);
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const about = name === 'help' ? args[0] : undefined;
      if (about !== undefined && !Object.hasOwn(HELP, about)) throw new CliError(`no command ${quote(about)} (commands: ${Object.keys(HELP).join(', ')})`);
      await write(io, `${about ? await helpOf(about) : topUsage()}\n`);
      return 0;
    }
    if (!Object.hasOwn(COMMANDS, name)) {
      throw new CliError(`unknown command ${quote(name)} (commands: ${Object.keys(COMMANDS).join(', ')}; --help lists them)`);
    }
    if (args.includes('--help') || args.includes('-h')) {
      await write(io, `${await helpOf(name)}\n`);
      return 0;
    }
    const mod = await COMMANDS[name]();
    const ctx: CliContext = { warn: (m) => errLine(io, `warning: ${m}`), limits };
    await writeResult(io, await mod.command([...args], ctx));
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      printError(io, err.message);
      return 2;
    }
    const what = err instanceof Error ? (err.stack ?? err.message) : String(err);
    for (const line of `internal error (a bug in the simulator, please report it): ${what}`.split('\n').slice(0, 12)) errLine(io, line);
    return 1;
  }
}

async function helpOf(name: string): Promise<string> {
  const mod = await COMMANDS[name]();
  return commandHelp(HELP[name], mod.helpExtra?.() ?? '');
}

/** True when this module is the script node (or tsx) was started with. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  void main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
