/**
 * Fuzz over the CLI (issue 7): random command lines — hostile strings, huge and malformed
 * numbers, missing values, repeated and unknown flags, special and binary files, BOMs — and
 * random scenario files mutated from the samples, each through `main` in process. Whatever
 * the input: `main` resolves (no uncaught exception), the exit code is 0 or 2, nothing says
 * "internal error", every stderr line is under 1,000 characters, nothing unsafe reaches the
 * terminal, and each call ends in bounded time.
 *
 * FUZZ_RUNS sets the number of cases of each property (default 1,500 and 600 in CI; the
 * nightly `npm run fuzz:cli` runs 20,000). Engine work per case is kept small by tight
 * limits (an event budget of 3,000, and --max-events capped at 6,000): the bounds are what
 * is under test, not the engine's speed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from '../scenario/index.ts';
import type { CliIo } from './io.ts';
import { main } from './main.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const ARGV_RUNS = RUNS > 0 ? RUNS : 1500;
const FILE_RUNS = RUNS > 0 ? Math.ceil(RUNS / 2) : 600;
const LIMITS = { maxEvents: 3000, maxEventsCeiling: 6000 };
/** A call taking longer than this is a hang (a real run here takes milliseconds to a second). */
const HANG_MS = 20_000;
const MESSAGE_LIMIT = 1000;

// Characters a terminal acts on, or that are not text (see quote.ts).
// oxlint-disable-next-line no-control-regex -- the oracle: characters a terminal acts on
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const dir = mkdtempSync(join(tmpdir(), 'vcx-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const sample = JSON.stringify(SAMPLE_SCENARIOS['default-m5-large']);
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
/** Files a user could hand the CLI, from fine to hostile. */
const FILES = [
  file('ok.json', sample),
  file('bom.json', `\ufeff${sample}`),
  file('bin.json', new Uint8Array([0x7b, 0x1b, 0x5b, 0x32, 0x4a, 0x00, 0x9b, 0xff, 0xfe])),
  file('latin1.json', new Uint8Array([0x7b, 0x22, 0x76, 0x22, 0x3a, 0xe9, 0x7d])),
  file('utf16.json', new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])),
  file('empty.json', ''),
  file('deep.json', '['.repeat(300_000)),
  file('big.json', `{"v":1,"description":"${'x'.repeat(4 * 1024 * 1024)}"}`),
  file('pods.json', JSON.stringify({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }], deployments: Array.from({ length: 2000 }, (_, i) => ({ name: `d${i}`, replicas: 10000 })) })),
  file('esc.json', `{"v": 1, "name": "\u001b]0;owned\u0007\u202e"}`),
  fifo,
  dir,
  '/dev/zero',
  '/dev/null',
  '/proc/self/status',
  join(dir, 'missing.json'),
];

const COMMANDS = ['maxpods', 'run', 'events', 'show', 'trace', 'lab'];
const FLAGS = [
  '--until', '--at', '--every', '--max-events', '--strict', '--node', '--pod', '--kind', '--json', '--from', '--to', '--proto',
  '--transcript', '--all', '--max-eni', '--cni-version', '--prefix-delegation', '--apply-caps', '--custom-networking', '--help', '-h',
];
const NUMBERS = ['0', '1', '5', '30', '120', '240', '1.5', '0.001', '1.0001', '-1', '1e308', 'NaN', 'Infinity', '691200', '691201', '1'.repeat(21), '0'.repeat(30) + '7', '9007199254740993', '3000', '6001', ''];
const WORDS = [
  'ng-1/0', 'ng-a/0', 'ng-1/99', 'ip-192-168-19-39', 'external', '203.0.113.10:443', '1.2.3.4:99999', 'tcp', 'icmp', 'ec2,ipamd', 'k8s', 'm5.large', 't3.medium',
  'kube-system/aws-node', 'default/web', 'ip rule', 'ip route show table 2', 'kubectl get nodes', 'kubectl get pods -A -o wide', 'kubectl describe pod', 'cloudtrail',
  'metrics', 'iptables -t nat -S', 'aws ec2 describe-network-interfaces', 'sysctl rp_filter eth0', 'iptables', '-t', 'nat', '-S', '--', '-', '=',
];
const HOSTILE = ['\u001b[2J\u001b[H', 'a\rb', '\u202egnp.exe', '\u0000', '\ud800', '\u009b31m', '%s%n', '../../../../etc/passwd', '__proto__', 'constructor', '💥'.repeat(50)];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
);
const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...SAMPLE_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...FILES) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FLAGS), fc.oneof(fc.constantFrom(...NUMBERS, ...WORDS), text)).map(([f, v]) => `${f}=${v}`) },
  { weight: 2, arbitrary: text },
);
const argv = fc.tuple(
  fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...COMMANDS) }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom('--help', 'help', '-h') }),
  fc.array(token, { maxLength: 9 }),
).map(([c, rest]) => [c, ...rest]);

/** An io that keeps what main wrote, exactly as written. */
function rawIo(): CliIo & { out: (s: string) => void; stdout: () => string; lines: string[] } {
  const out: string[] = [];
  const lines: string[] = [];
  return { out: (s: string) => void out.push(s), err: (l: string) => void lines.push(l), stdout: () => out.join(''), lines };
}

async function check(args: string[]): Promise<void> {
  const io = rawIo();
  const started = performance.now();
  const code = await main(args, io, { limits: LIMITS });
  const ms = performance.now() - started;
  const where = `${JSON.stringify(args).slice(0, 300)} → exit ${code}, ${Math.round(ms)} ms: ${io.lines.join(' | ').slice(0, 400)}`;
  expect([0, 2], where).toContain(code);
  expect(io.lines.some((l) => l.includes('internal error')), where).toBe(false);
  for (const l of io.lines) {
    expect(l.length, where).toBeLessThan(MESSAGE_LIMIT);
    expect(l, where).not.toMatch(UNSAFE);
    expect(l, where).not.toMatch(/[\n\t]/);
  }
  if (code === 2) expect(io.lines[0], where).toMatch(/^(error: |usage: )/);
  expect(io.stdout(), where).not.toMatch(UNSAFE);
  expect(ms, where).toBeLessThan(HANG_MS);
}

/** Replaces the value at a random path of a JSON document with another. */
function mutate(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return value;
  const entries = Array.isArray(doc) ? doc.map((v, i) => [i, v] as const) : Object.entries(doc as Record<string, unknown>);
  if (entries.length === 0) return value;
  const [key, child] = entries[path[0] % entries.length];
  if (Array.isArray(doc)) return doc.map((v, i) => (i === key ? mutate(child, path.slice(1), value) : v));
  return { ...(doc as Record<string, unknown>), [key]: mutate(child, path.slice(1), value) };
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  text,
  fc.constantFrom(1e308, -1, 0, 1.5, 2 ** 53, -0, 10_000, 5000, 604_800, 604_801, '1'.repeat(21)),
  fc.constantFrom({ type: 'scale', deployment: 'web', replicas: 10000 }, { type: 'cordon', node: 'ng-1/0' }, { type: 'taint', node: 'ng-1/0', key: 'k', effect: 'NoExecute' }),
);
const scenarioFile = fc.record({
  sample: fc.constantFrom(...SAMPLE_NAMES),
  edits: fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), hostileValue), { maxLength: 4 }),
  bom: fc.boolean(),
  cut: fc.option(fc.nat(), { nil: undefined }),
  indent: fc.boolean(),
});
const fileCommand = fc.oneof(
  fc.constant(['run']),
  fc.constantFrom(['run', '--until', '60'], ['run', '--every', '20', '--until', '60'], ['run', '--strict'], ['events', '--until', '60']),
  fc.constantFrom(['show', 'kubectl get pods -A -o wide'], ['show', '--node', 'ng-1/0', 'ip rule'], ['show', 'kubectl get nodes'], ['lab'], ['trace', '--from', 'external', '--to', '203.0.113.10']),
);

describe('CLI fuzz (fast-check, in process)', () => {
  it('any command line: exit 0 or 2, no internal error, short safe messages, bounded time', async () => {
    await fc.assert(fc.asyncProperty(argv, check), { numRuns: ARGV_RUNS });
  }, 600_000);

  it('any scenario file (samples with hostile edits, BOMs, cut short): exit 0 or 2, no internal error, short safe messages, bounded time', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(scenarioFile, fileCommand, async (f, cmd) => {
      let doc: unknown = SAMPLE_SCENARIOS[f.sample];
      for (const [path, value] of f.edits) doc = mutate(doc, path, value);
      let body = JSON.stringify(doc, null, f.indent ? 2 : undefined) ?? 'null';
      if (f.cut !== undefined) body = body.slice(0, f.cut % (body.length + 1));
      const path = file(`case-${n++ % 8}.json`, `${f.bom ? '\ufeff' : ''}${body}`);
      const [command, ...rest] = cmd;
      await check([command, path, ...rest]);
    }), { numRuns: FILE_RUNS });
  }, 600_000);
});
