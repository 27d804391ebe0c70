/**
 * `maxpods` through the CLI's `main` in process (exit codes, stderr, JSON on stdout), and the
 * command function directly. Expected figures are upstream's (eni-max-pods.txt, the EKS
 * guide's calculator examples).
 */
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.ts';
import { runCli } from '../cli.test-support.ts';
import { command } from './maxpods.ts';

function cli(...args: string[]) {
  return runCli(['maxpods', ...args]);
}

interface Row {
  instanceType: string;
  maxPods: number;
  enis: number;
  ipv4PerEni: number;
  prefixDelegation: boolean;
  vcpus: number | null;
  capApplied: number | null;
  notes: string[];
}

async function run(...args: string[]): Promise<Row[]> {
  return JSON.parse((await command(args)) as string) as Row[];
}

describe('npm run sim -- maxpods', () => {
  it('prints a pretty JSON array for known types and exits 0', async () => {
    const r = await cli('m5.large', 't3.medium');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('[\n  {\n    "instanceType": "m5.large"')).toBe(true);
    const rows = JSON.parse(r.stdout) as Row[];
    expect(rows.map((x) => [x.instanceType, x.maxPods, x.enis, x.ipv4PerEni])).toEqual([
      ['m5.large', 29, 3, 10],
      ['t3.medium', 17, 3, 6],
    ]);
  });

  it('applies prefix delegation and the vCPU ceiling: m5.large → 110', async () => {
    const r = await cli('m5.large', '--prefix-delegation', '--apply-caps', '--cni-version', '1.9.0-eksbuild.1');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ instanceType: 'm5.large', maxPods: 110, prefixDelegation: true, capApplied: 110 }]);
  });

  it('refuses an unknown type with exit 2 and suggests close names', async () => {
    const r = await cli('m5.larg');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: unknown instance type "m5.larg" (did you mean m5.large, c5.large, m1.large?)\n');
  });

  it('lists at most five unknown names and never echoes a long or hostile one whole', async () => {
    const r = await cli('a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', `x${'\u001b[2J'.repeat(100)}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: unknown instance types "a1", "a2", "a3", "a4", "a5" and 3 more\n');
    const hostile = await cli(`m5.large\u001b]0;pwned\u0007`);
    expect(hostile.stderr).toBe('error: unknown instance type "m5.large\\u001b]0;pwned\\u0007"\n');
  });

  it('refuses an unknown option with exit 2', async () => {
    const r = await cli('m5.large', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown option "--bogus"/);
  });

  it('refuses a bad --max-eni with exit 2', async () => {
    const r = await cli('m5.large', '--max-eni', 'two');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --max-eni must be a whole number of at least 1, got "two"\n');
  });
});

describe('maxpods command (in-process)', () => {
  it('--all lists every catalogue type once, eni-max-pods values by default', async () => {
    const rows = await run('--all');
    expect(rows).toHaveLength(1392);
    expect(new Set(rows.map((r) => r.instanceType)).size).toBe(1392);
    const byName = new Map(rows.map((r) => [r.instanceType, r]));
    expect(byName.get('m5.large')?.maxPods).toBe(29);
    expect(byName.get('p4d.24xlarge')?.maxPods).toBe(737);
  });

  it('honours --custom-networking and --max-eni=N', async () => {
    expect((await run('m5.large', '--custom-networking'))[0].maxPods).toBe(20);
    expect((await run('m5.large', '--max-eni=2'))[0]).toMatchObject({ maxPods: 20, enis: 2 });
  });

  it('reports unknown vCPUs as null and explains the assumed ceiling', async () => {
    const [row] = await run('mac1.metal', '--apply-caps');
    expect(row).toMatchObject({ vcpus: null, maxPods: 110, capApplied: 110 });
    expect(row.notes).toContain('vCPU count of mac1.metal unknown: assumed 30 or fewer, so the ceiling is 110');
  });

  it('accepts names in any case', async () => {
    expect((await run('M5.Large'))[0].instanceType).toBe('m5.large');
  });

  it.each([
    [['--all', 'm5.large'], 'give either instance types or --all, not both'],
    [[], 'name at least one instance type (e.g. maxpods m5.large) or pass --all'],
    [['m5.large', '--cni-version'], '--cni-version needs a value'],
    [['m5.large', '--cni-version', 'latest'], '--cni-version "latest" is not a version (expected e.g. 1.19.0)'],
    [['m5.large', '--max-eni', '0'], '--max-eni must be a whole number of at least 1, got "0"'],
    [['m5.large', '--max-eni', '1'.repeat(21)], '--max-eni must be a whole number of at least 1, got "111111111111111111111"'],
    [['m5.large', '--all', '--all'], '--all is given more than once'],
    [['nope.huge', 'zzzz'], 'unknown instance types "nope.huge", "zzzz"'],
  ])('%j → CliError', async (args, message) => {
    await expect(run(...args)).rejects.toThrow(CliError);
    await expect(run(...args)).rejects.toThrow(message);
  });
});
