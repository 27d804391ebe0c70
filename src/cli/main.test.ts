/**
 * The CLI's entry point: one real process (the script wiring, exit codes, streams), then
 * `main` in process for help, unknown commands and every example the help pages give.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, shellWords } from './cli.test-support.ts';
import { HELP } from './help.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = resolve(repoRoot, 'node_modules/.bin/tsx');

describe('the sim script (one spawned process)', () => {
  it('runs main with the process streams: half a megabyte through the stdout pipe (back-pressure), exit 0', () => {
    const r = spawnSync(tsx, ['src/cli/main.ts', 'maxpods', '--all'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(400_000);
    const rows = JSON.parse(r.stdout) as { instanceType: string; maxPods: number }[];
    expect(rows).toHaveLength(1392);
    expect(rows.find((x) => x.instanceType === 'm5.large')?.maxPods).toBe(29);
  });
});

describe('main in process', () => {
  it('lists the commands for --help (exit 0) and on stderr without a command (exit 2)', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of Object.keys(HELP)) expect(help.stdout).toContain(`\n  ${name} `);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('usage: npm run sim -- <command>');
  });

  it.each(Object.keys(HELP))('%s --help prints its usage, options and examples (also as -h and through help)', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`usage: npm run sim -- ${HELP[name].usage}\n`);
    expect(r.stdout).toContain('\nexamples:\n');
    for (const [flag] of HELP[name].options) expect(r.stdout).toContain(`  ${flag} `);
    expect((await runCli([name, '-h'])).stdout).toBe(r.stdout);
    expect((await runCli(['help', name])).stdout).toBe(r.stdout);
  });

  it('refuses an unknown command, quoting it safely', async () => {
    const r = await runCli(['rnu']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unknown command "rnu" (commands: maxpods, run, events, show, trace, lab, lessons; --help lists them)\n');
    const hostile = await runCli([`\u001b[31m${'x'.repeat(200)}`]);
    expect(hostile.stderrLines[0]).toMatch(/^error: unknown command "\\u001b\[31mx+…" \(205 characters\)/);
  });

  const examples = Object.values(HELP).flatMap((h) => h.examples.map((e) => [h.name, e] as const));
  it.each(examples)('%s example runs: npm run sim -- %s', async (_name, example) => {
    const r = await runCli(shellWords(example));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});
