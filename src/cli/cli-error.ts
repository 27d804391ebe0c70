/** A user mistake: printed as one clear message, exit code 2. */
export class CliError extends Error {}

/**
 * How far one CLI call may go. Each bound fails with a message that names the flag or the
 * scenario field to change, never with a hang or an out-of-memory abort.
 */
export interface CliLimits {
  /** Largest scenario file read, in bytes. */
  maxFileBytes: number;
  /** Simulated-time ceiling of --until/--at, in seconds. */
  maxSeconds: number;
  /** Engine events one run may execute (`--max-events` raises it up to `maxEventsCeiling`). */
  maxEvents: number;
  /** The most `--max-events` may ask for. */
  maxEventsCeiling: number;
  /** Pods the deployments of a scenario may ask for at any one time. */
  maxPods: number;
}

/**
 * The defaults. 4 MiB is far above any hand-written scenario (the samples are under 2 KB;
 * a share link refuses 2 MB). 8 days is the timeline's one-week limit plus a day to settle.
 * One million events is about ten seconds of engine time on a 2-core machine (the
 * benchmarks run ~80,000 events a second) and covers an hour of a 100-node cluster.
 * 150,000 pods is what Kubernetes supports in one cluster ("Considerations for large
 * clusters": no more than 150,000 pods in total).
 */
export const DEFAULT_LIMITS: CliLimits = {
  maxFileBytes: 4 * 1024 * 1024,
  maxSeconds: 8 * 24 * 3600,
  maxEvents: 1_000_000,
  maxEventsCeiling: 50_000_000,
  maxPods: 150_000,
};

/** What a command gets besides its arguments. */
export interface CliContext {
  /** Prints one warning on stderr (the caller builds it with quoted values). */
  warn(message: string): void;
  limits: CliLimits;
}

/** The context of a command called directly (tests): default limits, warnings kept in `warnings`. */
export function quietContext(limits: Partial<CliLimits> = {}): CliContext & { warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (m) => void warnings.push(m), limits: { ...DEFAULT_LIMITS, ...limits }, warnings };
}

/**
 * A command takes its argv (after the command name) and returns what to print: one string,
 * or chunks written one after the other (for output too long to build as one string).
 */
export type CliCommand = (args: string[], ctx?: CliContext) => Promise<string | Iterable<string>> | string | Iterable<string>;
