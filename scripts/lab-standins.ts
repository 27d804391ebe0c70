/**
 * Runs a lab script with `bash` in a scratch directory, with stand-ins for every tool it may
 * call (`ip`, `iptables*`, `nft`, `sysctl`, `tee`) first on PATH. A stand-in only records its
 * argv and stdin and exits 0, so the script runs to its end without touching the machine.
 * What the tests then check: which calls were made, and that no other file appeared in the
 * directory (the payloads in hostile names try to create `PWNED` there).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STANDIN_TOOLS = [
  'ip', 'iptables', 'iptables-restore', 'iptables-legacy-restore', 'iptables-nft-restore', 'iptables-save', 'nft', 'sysctl', 'tee',
];

/** The file a payload tries to create in the working directory. */
export const MARKER = 'PWNED';

/** One recorded call: argv (argv[0] is the tool's name) and what it read on stdin. */
export interface StandinCall {
  argv: string[];
  stdin: string;
}

export interface StandinRun {
  code: number;
  stdout: string;
  stderr: string;
  calls: StandinCall[];
  /** Files in the working directory other than the script and the harness's own. */
  strayFiles: string[];
}

// One file pair per call, named by PID: calls run one after another, so PIDs grow.
const STANDIN = `#!/bin/sh
f="$VCX_STANDIN_CALLS/$$"
printf '%s\\0' "\${0##*/}" "$@" > "$f.argv"
if [ -p /dev/stdin ]; then cat > "$f.stdin"; else : > "$f.stdin"; fi
exit 0
`;

/**
 * Runs `bash lab.sh [args]` under the stand-ins and returns what they saw; with `viaStdin`,
 * `bash -s -- [args] < lab.sh` instead (then a stand-in that reads stdin would eat the script:
 * only for runs that must stop before any call).
 */
export function runWithStandins(script: string, args: string[] = [], viaStdin = false): StandinRun {
  const dir = mkdtempSync(join(tmpdir(), 'vcx-standin-'));
  try {
    const bin = join(dir, 'bin');
    const calls = join(dir, 'calls');
    mkdirSync(bin);
    mkdirSync(calls);
    for (const tool of STANDIN_TOOLS) {
      writeFileSync(join(bin, tool), STANDIN);
      chmodSync(join(bin, tool), 0o755);
    }
    writeFileSync(join(dir, 'lab.sh'), script);
    const r = spawnSync('bash', viaStdin ? ['-s', '--', ...args] : ['lab.sh', ...args], {
      cwd: dir,
      env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, VCX_STANDIN_CALLS: calls, LC_ALL: 'C' },
      input: viaStdin ? script : undefined,
      stdio: [viaStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 60_000,
    });
    const pids = readdirSync(calls).filter((f) => f.endsWith('.argv')).map((f) => Number(f.slice(0, -5))).sort((a, b) => a - b);
    const recorded = pids.map((pid) => ({
      argv: readFileSync(join(calls, `${pid}.argv`), 'utf8').split('\0').slice(0, -1),
      stdin: readFileSync(join(calls, `${pid}.stdin`), 'utf8'),
    }));
    const strayFiles = readdirSync(dir).filter((f) => !['bin', 'calls', 'lab.sh'].includes(f));
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, calls: recorded, strayFiles };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
