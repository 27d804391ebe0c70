/**
 * Where the CLI writes: the process's stdout/stderr when run as `npm run sim`, or memory
 * when a test calls `main` in process. `main` has already passed every chunk and line
 * through `escapeControls`, so no raw control character from a scenario file reaches them.
 */

export interface CliIo {
  /** Writes a chunk of the command's output (stdout); resolves once it may write more. */
  out(chunk: string): void | Promise<void>;
  /** Writes one line of diagnostics (stderr), without its newline. */
  err(line: string): void;
}

/** Output captured in memory, for tests. */
export interface CapturedIo extends CliIo {
  readonly stdout: string;
  readonly stderr: string;
  /** stderr split into lines (no trailing empty line). */
  readonly stderrLines: string[];
}

/** An io that keeps everything written, as written. */
export function captureIo(): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (chunk) => void out.push(chunk),
    err: (line) => void err.push(line),
    get stdout() {
      return out.join('');
    },
    get stderr() {
      return err.map((l) => `${l}\n`).join('');
    },
    get stderrLines() {
      return err.slice();
    },
  };
}

/** stdout/stderr of this process, honouring back-pressure (a pipe takes 64 KiB at a time). */
export function processIo(): CliIo {
  // `sim … | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  return {
    out: (chunk) =>
      new Promise<void>((resolve) => {
        if (process.stdout.write(chunk)) resolve();
        else process.stdout.once('drain', resolve);
      }),
    err: (line) => void process.stderr.write(`${line}\n`),
  };
}
