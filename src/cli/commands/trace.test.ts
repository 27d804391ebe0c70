/**
 * `trace` and `show` on a bundled sample, in-process: the command functions, and
 * `main` for the exit code and stderr of a user mistake.
 */
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.ts';
import { runCli } from '../cli.test-support.ts';
import { command as showCommand } from './show.ts';
import { command as traceCommand } from './trace.ts';

const SAMPLE = 'default-m5-large';
type Command = typeof traceCommand;
/** A command's output as one string; a throw becomes a rejection, as through `main`. */
const text = (command: Command) => async (args: string[]) => {
  const out = await command(args);
  return typeof out === 'string' ? out : [...out].join('');
};
const trace = text(traceCommand);
const show = text(showCommand);

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
    const r = await runCli(['trace', SAMPLE, '--from', 'nope', '--to', '1.2.3.4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown source "nope"/);
    // The value the tracer could not resolve is quoted the CLI's way: escaped and cut.
    const hostile = await runCli(['trace', SAMPLE, '--from', `x\u001b[2J${'y'.repeat(500)}`, '--to', '1.2.3.4']);
    expect(hostile.stderr).toMatch(/^error: unknown source "x\\u001b\[2Jy+…" \(505 characters\)/);
  });
});

describe('show', () => {
  it('renders a view of the node and of a pod namespace', async () => {
    const node = 'ip-192-168-19-39.us-west-2.compute.internal';
    expect(await show([SAMPLE, '--node', node, 'ip', 'rule'])).toMatch(/^0:\tfrom all lookup local\n/);
    expect(await show([SAMPLE, '--node', node, 'iptables', '-t', 'nat', '-S'])).toContain('-N AWS-SNAT-CHAIN-0');
    expect(await show([SAMPLE, '--node', node, 'ip', 'route', 'show', 'table', '2'])).toMatch(/^default via 192\.168\.0\.1 dev ens6/);
    await expect(show([SAMPLE, '--node', 'nope', 'ip', 'rule'])).rejects.toThrow(/no node "nope"/);
    await expect(show([SAMPLE, '--node', node, 'ip', 'frob'])).rejects.toThrow(/unknown view "ip frob"/);
  });
});
