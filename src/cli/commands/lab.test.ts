/**
 * `lab`: the script on stdout and nothing else, its namespace prefix (`--prefix`, or a default
 * that depends on the scenario and the moment), and clear refusals.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.ts';
import { command } from './lab.ts';

/** The script as one string; a throw becomes a rejection, as through `main`. */
const lab = async (args: string[]): Promise<string> => {
  const out = await command(args);
  return typeof out === 'string' ? out : [...out].join('');
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SAMPLE = 'default-m5-large';
const dir = mkdtempSync(join(tmpdir(), 'vcx-lab-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const namespacesOf = (script: string) => /^NAMESPACES=\((.*)\)$/m.exec(script)![1].split(' ');

describe('lab', { timeout: 60_000 }, () => {
  it('prints the script, its namespaces under a default prefix made from the scenario and the moment', async () => {
    const a = await lab([SAMPLE, '--at', '120']);
    expect(a.startsWith('#!/usr/bin/env bash\n')).toBe(true);
    const prefix = /^(vcx-[0-9a-f]{6})-vpc$/.exec(namespacesOf(a)[0])![1];
    expect(namespacesOf(a).every((ns) => ns.startsWith(`${prefix}-`))).toBe(true);
    // The same lab replaces itself; another moment or scenario is another lab.
    expect(namespacesOf(await lab([SAMPLE, '--at', '120']))[0]).toBe(`${prefix}-vpc`);
    expect(namespacesOf(await lab([SAMPLE, '--at', '150']))[0]).not.toBe(`${prefix}-vpc`);
    expect(namespacesOf(await lab(['three-az', '--at', '120']))[0]).not.toBe(`${prefix}-vpc`);
  });

  it('--prefix names the namespaces; a prefix that is not a name is refused', async () => {
    expect(namespacesOf(await lab([SAMPLE, '--prefix', 'demo1']))[0]).toBe('demo1-vpc');
    await expect(lab([SAMPLE, '--prefix', '../x'])).rejects.toThrow(CliError);
    await expect(lab([SAMPLE, '--prefix', "x'; reboot #"])).rejects.toThrow(/--prefix: "x'; reboot #" is not a lab prefix/);
  });

  it('refuses a scenario it cannot write faithfully, saying what and where', async () => {
    // Valid JSON once pasted into the conflist (the plugin's prefix is a"), a name the kernel
    // takes; but ipamd's `-i a\"+` cannot go through iptables-restore unchanged.
    const file = join(dir, 'quote-prefix.json');
    writeFileSync(file, JSON.stringify({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }], awsNode: { env: { AWS_VPC_K8S_CNI_VETHPREFIX: 'a\\"' } }, deployments: [{ name: 'web', replicas: 1 }] }));
    await expect(lab([file, '--at', '120'])).rejects.toThrow(/^cannot write this scenario as a lab: node vcx-[0-9a-f]{6}-ip-[\d-]+\.us-west-2\.compute\.internal iptables table mangle chain PREROUTING rule \d: interface match "a\\\\\\"\+" cannot be written for iptables-restore/);
  });

  it('npm run -s writes only the script to stdout (no npm banner to run as commands)', async () => {
    const out = await new Promise<string>((done, fail) =>
      execFile('npm', ['run', '-s', 'sim', '--', 'lab', SAMPLE, '--prefix', 't1'], { cwd: repoRoot, maxBuffer: 1 << 24 }, (err, stdout) => (err ? fail(err) : done(stdout))),
    );
    expect(out.startsWith('#!/usr/bin/env bash\n')).toBe(true);
  });
});
