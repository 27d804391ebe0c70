/**
 * `run` through `main`: the end state (ENIs with their times, ipamd's decisions), samples
 * over time, warnings on stderr and --strict, and every bound ending with one message and
 * exit 2 — the cases of issue 7 §3 that used to hang, abort or pass silently.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.test-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'vcx-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array | object): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' || content instanceof Uint8Array ? content : JSON.stringify(content));
  return p;
}

const oneNode = { v: 1, nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }], deployments: [{ name: 'web', replicas: 3 }] };

interface RunEni { id: string; createdAtSeconds: number; attachedAtSeconds: number; attachmentState: string }
interface RunNode { name: string; groupIndex: number; enis: RunEni[]; decisions: { timeSeconds: number; by: string; message: string }[] }

describe('run: the end state', () => {
  it('gives each ENI its creation and attach times, and each node ipamd\'s decisions with their times', async () => {
    const r = await runCli(['run', 'warm-ip-target', '--until', '100']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { nodes: RunNode[]; ec2: { calls: { timeSeconds: number; eventName: string; responseElements?: { networkInterface?: { networkInterfaceId: string } } }[] } };
    const [node] = out.nodes;
    expect(node.groupIndex).toBe(0);
    const [primary, secondary] = node.enis;
    expect(primary).toMatchObject({ createdAtSeconds: 0, attachedAtSeconds: 0, attachmentState: 'attached' });
    // The secondary ENI was created by the CreateNetworkInterface call in the log, and attached after it.
    const create = out.ec2.calls.find((c) => c.eventName === 'CreateNetworkInterface')!;
    expect(create.responseElements?.networkInterface?.networkInterfaceId).toBe(secondary.id);
    expect(secondary.createdAtSeconds).toBe(create.timeSeconds);
    const attach = out.ec2.calls.find((c) => c.eventName === 'AttachNetworkInterface')!;
    expect(secondary.attachedAtSeconds).toBe(attach.timeSeconds);
    expect(secondary.attachedAtSeconds).toBeGreaterThan(secondary.createdAtSeconds);
    expect(node.decisions[0]).toEqual({ timeSeconds: 2, by: 'ipamd', message: expect.stringMatching(/^ipamd started in secondary IPs mode/) });
    expect(node.decisions.some((d) => d.message.startsWith('pool too low'))).toBe(true);
    expect(node.decisions.map((d) => d.timeSeconds)).toEqual(node.decisions.map((d) => d.timeSeconds).toSorted((a, b) => a - b));
  });

  it('samples every node over time with --every, so a transition reads from one run', async () => {
    const r = await runCli(['run', 'warm-ip-target', '--every', '30', '--until', '100']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { everySeconds: number; samples: { timeSeconds: number; nodes: { enis: number; totalIPs: number }[] }[] };
    expect(out.samples.map((s) => s.timeSeconds)).toEqual([0, 30, 60, 90, 100]);
    expect(out.samples[0].nodes[0]).toMatchObject({ enis: 1, totalIPs: 0 });
    // Each sample agrees with the end state's call log: the second ENI counts from its AttachNetworkInterface on.
    const end = JSON.parse((await runCli(['run', 'warm-ip-target', '--until', '100'])).stdout) as { ec2: { calls: { timeSeconds: number; eventName: string }[] } };
    const attached = end.ec2.calls.find((c) => c.eventName === 'AttachNetworkInterface')!.timeSeconds;
    expect(attached).toBeGreaterThan(0);
    expect(attached).toBeLessThan(100);
    expect(out.samples.map((s) => s.nodes[0].enis)).toEqual(out.samples.map((s) => (s.timeSeconds >= attached ? 2 : 1)));
    const bad = await runCli(['run', 'warm-ip-target', '--every', '0.001', '--until', '100']);
    expect(bad.stderr).toBe('error: --every 0.001 up to 100 s makes 100001 samples; at most 10000: give a larger --every or a smaller --until\n');
    expect((await runCli(['run', 'warm-ip-target', '--every', '0'])).stderr).toBe('error: --every must be more than 0 seconds\n');
  });

  it('runs a file that starts with a UTF-8 byte-order mark', async () => {
    const r = await runCli(['run', file('bom.json', `\ufeff${JSON.stringify(oneNode)}`), '--until', '30']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nodes).toHaveLength(1);
  });
});

describe('run: warnings', () => {
  const typo = { ...oneNode, deployments: [{ name: 'web', replica: 3 }], awsNode: { env: { WARM_IP_TARGE: '5' } } };

  it('prints the scenario\'s warnings on stderr and still runs', async () => {
    const path = file('typo.json', typo);
    const r = await runCli(['run', path, '--until', '10']);
    expect(r.code).toBe(0);
    expect(r.stderrLines).toEqual([
      `warning: "${path}": deployments[0].replica: is not a field of the format and is ignored (did you mean "replicas"?)`,
      `warning: "${path}": awsNode.env.WARM_IP_TARGE: "WARM_IP_TARGE" is not a variable the simulator models; it is kept but has no effect (did you mean "WARM_IP_TARGET"?)`,
    ]);
    expect(JSON.parse(r.stdout).timeSeconds).toBe(10);
  });

  it('fails on them with --strict', async () => {
    const path = file('typo.json', typo);
    const r = await runCli(['run', path, '--strict']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderrLines).toEqual([
      `error: "${path}" has 2 warnings and --strict makes them errors:`,
      '  deployments[0].replica: is not a field of the format and is ignored (did you mean "replicas"?)',
      '  awsNode.env.WARM_IP_TARGE: "WARM_IP_TARGE" is not a variable the simulator models; it is kept but has no effect (did you mean "WARM_IP_TARGET"?)',
    ]);
  });
});

describe('run: it always answers (issue 7 §3)', () => {
  it('refuses --until with 21 digits at once instead of running forever', async () => {
    const r = await runCli(['run', 'default-m5-large', '--until', '1'.repeat(21)]);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'error: --until "111111111111111111111" is past the simulated-time ceiling of 691200 s (8 days); give at most 691200\n' });
    expect((await runCli(['run', 'default-m5-large', '--until', '1e9'])).stderr).toBe('error: --until must be a number of seconds (e.g. 120 or 90.5), got "1e9"\n');
    expect((await runCli(['run', 'default-m5-large', '--until', '1.0001'])).stderr).toBe('error: --until takes at most 3 decimals (milliseconds), got "1.0001"\n');
  });

  it('stops a run that outgrows its event budget, saying where and what to change', async () => {
    const r = await runCli(['run', 'three-az', '--until', '3600', '--max-events', '1000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: the run stopped at \d+\.\d{3} s of 3600 s: it used its budget of 1000 engine events; raise it with --max-events \(at most 50000000\) or give a smaller --until\n$/);
    expect((await runCli(['run', 'three-az', '--max-events', '0'])).stderr).toBe('error: --max-events must be a whole number from 1 to 50000000, got "0"\n');
  });

  it('refuses a scenario asking for 20 million pods before building it (no out-of-memory abort)', async () => {
    const huge = { v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }], deployments: Array.from({ length: 2000 }, (_, i) => ({ name: `d${i}`, replicas: 10000 })) };
    const r = await runCli(['run', file('huge.json', huge)]);
    expect(r.code).toBe(2);
    // The format's caps (src/scenario/limits.ts) refuse it before the CLI's own pod bound is reached.
    expect(r.stderr).toBe(`error: "${join(dir, 'huge.json')}" is not a valid scenario (1 problem):\n  deployments: has 2,000 deployments; at most 1,000 (the simulator runs at most 1,000)\n`);
    const later = { ...oneNode, timeline: [{ at: 30, command: { type: 'scale', deployment: 'web', replicas: 10000 } }] };
    expect((await runCli(['run', file('later.json', later)], { maxPods: 5000 })).stderr).toBe(
      "error: the scenario asks for up to 10000 pods at once (the scale of default/web to 10000 at 30 s takes it past 5000); the CLI simulates at most 5000: lower the deployments' replicas (deployments[].replicas, scale commands)\n",
    );
  });

  it('refuses /dev/zero, a directory and binary input without echoing the bytes', async () => {
    expect((await runCli(['run', '/dev/zero'])).stderr).toBe('error: cannot read scenario "/dev/zero": it is a character device, not a regular file\n');
    expect((await runCli(['run', dir])).stderr).toBe(`error: cannot read scenario "${dir}": it is a directory, not a regular file\n`);
    const bin = await runCli(['run', file('bin.json', new Uint8Array([0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x9b, 0x00]))]);
    expect(bin.stderr).toBe(`error: scenario "${join(dir, 'bin.json')}" is not a text file: a NUL byte at offset 6 (binary data?)\n`);
    const esc = await runCli(['run', file('esc.json', '{"v": 1, "name": "\u001b]0;owned\u0007"}')]);
    expect(esc.stderr).toBe(`error: scenario "${join(dir, 'esc.json')}" is not valid JSON: line 1, column 19: a raw control character ("\\u001b") inside a string: write it as an escape such as \\n (at "{\\"v\\": 1, \\"name\\": \\"\\u001b]0;owned\\u0007\\"}")\n`);
  });

  it('refuses extra arguments and repeated or unknown flags', async () => {
    expect((await runCli(['run', 'default-m5-large', 'three-az'])).stderr).toBe('error: unexpected argument "three-az" (usage: run <scenario> [--until <s>] [--every <s>] [--max-events <n>] [--strict])\n');
    expect((await runCli(['run', 'default-m5-large', '--until', '5', '--until=6'])).stderr).toBe('error: --until is given more than once\n');
    expect((await runCli(['run', 'default-m5-large', '--untl', '5'])).stderr).toBe('error: unknown option "--untl" (options: --until, --every, --max-events, --strict; --help shows the usage)\n');
    expect((await runCli(['run', 'default-m5-large', '--strict=yes'])).stderr).toBe('error: --strict takes no value, got "yes"\n');
    expect((await runCli(['run', 'default-m5-large', '--until'])).stderr).toBe('error: --until needs a value\n');
    expect((await runCli(['run'])).stderr).toMatch(/^error: missing scenario: give a path to a scenario JSON file or a sample name \(default-m5-large, /);
  });

  it('lists at most a message\'s worth of problems in an invalid scenario', async () => {
    const broken = { v: 1, nodeGroups: Array.from({ length: 50 }, (_, i) => ({ name: `NG_${i}`, instanceType: 'm5.lareg', count: 1 })) };
    const r = await runCli(['run', file('broken.json', broken)]);
    expect(r.code).toBe(2);
    expect(r.stderrLines[0]).toBe(`error: "${join(dir, 'broken.json')}" is not a valid scenario (100 problems):`);
    expect(r.stderrLines.at(-1)).toMatch(/^ {2}… and \d+ more problems$/);
    expect(r.stderr.length).toBeLessThan(1000);
  });
});
