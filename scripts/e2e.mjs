#!/usr/bin/env node
// `npm run test:e2e`: one build, then three Playwright runs, each with its own JSON report.
//  1. The timing gates (project `timing`) alone, one worker: nothing else uses the CPU while they measure.
//  2. Then two lanes at once, one worker each:
//     - every other spec unthrottled (project `chromium`), then any npm script given with --then=<script>,
//       then the throttled run of THROTTLED_LATER;
//     - every other spec with the page's CPU throttled 4× (project `throttled-4x`, its own server port).
//     Between them every spec runs throttled once.
//     Chromium throttles a page by spinning its main thread, so a throttled page holds a core
//     whatever it does: a second throttled worker would only fight the first for the CPU, while
//     an unthrottled lane beside it uses the other core (measured: 678 s for both lanes at once,
//     against 270 s + 552 s one after the other).
// Each lane's lines are prefixed with its name. Extra arguments go to every Playwright run.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const then = args.filter((a) => a.startsWith('--then=')).map((a) => a.slice('--then='.length));
const extra = args.filter((a) => !a.startsWith('--then='));
const port = Number(process.env.VCX_PORT ?? 4173);
/**
 * Throttled specs the unthrottled lane runs once it is done, so the two lanes end together
 * (2026-12-02, with the kernel lab: 420 s and 561 s without this; these two took 77 s throttled).
 */
const THROTTLED_LATER = ['a11y.spec.ts', 'i18n-views.spec.ts'];

// No Chromium: the config's one line, once (not once per run), and the --then scripts still run.
// (Any other reason the specs cannot even be listed is said the same way.)
const probe = spawnSync('npx', ['playwright', 'test', '--list', '--project=timing'], { encoding: 'utf8' });
if (probe.status !== 0) {
  process.stdout.write(`${`${probe.stderr}${probe.stdout}`.trim().split('\n').slice(0, 40).join('\n')}\n`);
  for (const script of then) spawnSync('npm', ['run', script], { stdio: 'inherit' });
  process.exit(1);
}

// One build for every run (the e2e build runs every store selector twice and throws on an unstable one).
const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, VITE_CHECK_SELECTORS: '1' } }).status;
if (built !== 0) process.exit(built ?? 1);

const playwright = (project, { report, output, lanePort, workers = 1, files = [], env = {} }) => ['npx', ['playwright', 'test', `--project=${project}`, `--workers=${workers}`, ...files, ...extra], {
  ...process.env, E2E_REPORT: report, E2E_OUTPUT: output, E2E_PREBUILT: '1', VCX_PORT: String(lanePort), ...env,
}];

/** Runs one command with its output prefixed by `name`; resolves to its exit status. */
function run(name, [cmd, argv, env]) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => { process.stdout.write(`[${name}] ${line}\n`); });
    }
    child.on('close', (code) => {
      const status = code ?? 1;
      console.log(`e2e: ${name} ${status === 0 ? 'passed' : `failed (exit ${status})`} in ${Math.round((Date.now() - t0) / 1000)} s`);
      resolve(status);
    });
  });
}

/** Runs the steps one after another, every one even when one before it failed; resolves to how many failed. */
async function lane(steps) {
  let failed = 0;
  for (const [name, command] of steps) if (await run(name, command) !== 0) failed++;
  return failed;
}

const timing = await run('timing', playwright('timing', { report: 'reports/playwright-timing.json', output: 'reports/e2e-artifacts-timing', lanePort: port }));
const lanes = await Promise.all([
  lane([
    ['chromium', playwright('chromium', { report: 'reports/playwright.json', output: 'reports/e2e-artifacts', lanePort: port, workers: process.env.E2E_WORKERS ?? 1 })],
    ...then.map((script) => [script, ['npm', ['run', script], process.env]]),
    ['throttled-4x later', playwright('throttled-4x', {
      report: 'reports/playwright-throttled-later.json', output: 'reports/e2e-artifacts-throttled-4x-later', lanePort: port,
      files: THROTTLED_LATER.map((f) => `e2e/${f}`),
    })],
  ]),
  lane([['throttled-4x', playwright('throttled-4x', {
    report: 'reports/playwright-throttled.json', output: 'reports/e2e-artifacts-throttled-4x', lanePort: port + 1,
    env: { E2E_THROTTLED_SKIP: THROTTLED_LATER.join(',') },
  })]]),
]);
process.exit(timing || lanes.some(Boolean) ? 1 : 0);
