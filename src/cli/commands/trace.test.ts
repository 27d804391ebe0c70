/**
 * `trace` and `show` on a bundled sample, in-process (the command functions), plus one
 * real process for the exit code of a user mistake.
 */
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.ts';
import { command as show } from './show.ts';
import { command as trace } from './trace.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SAMPLE = 'default-m5-large';

describe('trace', () => {
  it('prints the hops of a pod-to-internet packet and its reply as JSON', async () => {
    const show0 = await show([SAMPLE, '--node', 'ip-192-168-19-39.us-west-2.compute.internal', 'ip', 'rule']);
    const pod = /to (\S+) lookup main/.exec(show0)![1];
    const out = JSON.parse(await trace([SAMPLE, '--from', 'ip-192-168-19-39.us-west-2.compute.internal', '--to', `${pod}:8080`]));
    expect(out.request).toMatchObject({ proto: 'tcp', dport: 8080 });
    expect(out.delivered && out.replied).toBe(true);
    expect(out.hops[0]).toHaveProperty('where');
  });

  it('refuses bad input with one clear CliError', async () => {
    await expect(trace([SAMPLE, '--from', 'nope', '--to', '1.2.3.4'])).rejects.toThrow(CliError);
    await expect(trace([SAMPLE, '--from', 'external', '--to', '1.2.3.4', '--proto', 'sctp'])).rejects.toThrow(/--proto must be tcp, udp or icmp/);
    await expect(trace([SAMPLE, '--from', 'external', '--to', '1.2.3.4:99999'])).rejects.toThrow(/port must be 1-65535/);
    await expect(trace([SAMPLE, '--to', '1.2.3.4'])).rejects.toThrow(/missing --from/);
  });

  it('exits 2 with the message on stderr', async () => {
    const r = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile('npx', ['tsx', 'src/cli/main.ts', 'trace', SAMPLE, '--from', 'nope', '--to', '1.2.3.4'], { cwd: repoRoot }, (err, _o, stderr) =>
        done({ code: err && typeof err.code === 'number' ? err.code : 0, stderr }),
      ),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown source "nope"/);
  });
});

describe('show', () => {
  it('renders a view of the node and of a pod namespace', async () => {
    const node = 'ip-192-168-19-39.us-west-2.compute.internal';
    expect(await show([SAMPLE, '--node', node, 'ip', 'rule'])).toMatch(/^0:\tfrom all lookup local\n/);
    expect(await show([SAMPLE, '--node', node, 'iptables', '-t', 'nat', '-S'])).toContain('-N AWS-SNAT-CHAIN-0');
    expect(await show([SAMPLE, '--node', node, 'ip', 'route', 'show', 'table', '2'])).toMatch(/^default via 192\.168\.0\.1 dev eth1/);
    await expect(show([SAMPLE, '--node', 'nope', 'ip', 'rule'])).rejects.toThrow(/no node "nope"/);
    await expect(show([SAMPLE, '--node', node, 'ip', 'frob'])).rejects.toThrow(/unknown view "ip frob"/);
  });
});
