/**
 * Calls the CLI's `main` in process, as `npm run sim -- …` would run it, and returns what
 * it printed and its exit code. No child process: a call costs what the command costs.
 */
import type { CliLimits } from './cli-error.ts';
import { captureIo } from './io.ts';
import { main } from './main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  stderrLines: string[];
}

export async function runCli(args: readonly string[], limits?: Partial<CliLimits>): Promise<CliRun> {
  const io = captureIo();
  const code = await main(args, io, limits ? { limits } : {});
  return { code, stdout: io.stdout, stderr: io.stderr, stderrLines: io.stderrLines };
}

/** Splits a command line as a POSIX shell would for simple cases: words, '…' and "…" quotes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let word: string | undefined;
  let last = -1;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const part = m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3];
    // Adjacent pieces (no space between) belong to one word: --pod='a b'.
    if (word !== undefined && m.index === last) word += part;
    else {
      if (word !== undefined) words.push(word);
      word = part;
    }
    last = re.lastIndex;
  }
  if (word !== undefined) words.push(word);
  return words;
}
