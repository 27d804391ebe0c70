/**
 * `maxpods --all`: in-process (decode the catalogue, compute 1392 rows, serialise) and as a
 * whole CLI process the way a user runs it (`tsx src/cli/main.ts maxpods --all`).
 *
 *     npx tsx bench/maxpods.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { command } from '../src/cli/commands/maxpods.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Median wall times of `maxpods --all` in-process and as a child process. */
export async function bench(opts: { smoke?: boolean } = {}): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  // The first in-process call also decodes the packed table; measure it separately.
  let t0 = performance.now();
  await command(['--all']);
  const firstCall = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < (opts.smoke ? 2 : 15); i++) {
    t0 = performance.now();
    await command(['--all', '--prefix-delegation', '--apply-caps']);
    warm.push(performance.now() - t0);
  }

  // stdout to /dev/null: the CLI's output is ~0.5 MB and a pipe would measure the reader too.
  const tsx = resolve(repoRoot, 'node_modules/.bin/tsx');
  const devNull = openSync('/dev/null', 'w');
  const proc: number[] = [];
  try {
    for (let i = 0; i < (opts.smoke ? 1 : 5); i++) {
      t0 = performance.now();
      const r = spawnSync(tsx, ['src/cli/main.ts', 'maxpods', '--all'], { cwd: repoRoot, stdio: ['ignore', devNull, 'pipe'] });
      proc.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`maxpods --all exited ${r.status}: ${r.stderr.toString()}`);
    }
  } finally {
    closeSync(devNull);
  }

  return [
    { name: 'maxpods --all, first call in-process (includes decoding the catalogue)', value: round(firstCall), unit: 'ms' },
    { name: 'maxpods --all --prefix-delegation --apply-caps, in-process median of 15', value: round(median(warm)), unit: 'ms', target: '< 1000 ms' },
    { name: 'tsx src/cli/main.ts maxpods --all, whole process median of 5', value: round(median(proc)), unit: 'ms', target: '< 1000 ms' },
  ];
}

if (process.argv[1]?.endsWith('maxpods.bench.ts')) {
  for (const r of await bench()) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
}
