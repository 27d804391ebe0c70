#!/usr/bin/env node
// `npm run test:e2e`: the timing gates first, alone, with one worker (nothing else uses the CPU
// while they measure), then every other spec (and the throttled ones) with two workers, which
// on a 2-core machine halves the wall time of the suite. Each run writes its own JSON report;
// scripts/ci-summary.mjs adds them up. Extra arguments go to both runs.
import { spawnSync } from 'node:child_process';

const extra = process.argv.slice(2);
// One build for both runs (the e2e build runs every store selector twice and throws on an unstable one).
const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, VITE_CHECK_SELECTORS: '1' } }).status;
if (built !== 0) process.exit(built ?? 1);
const run = (report, args) => spawnSync('npx', ['playwright', 'test', ...args, ...extra], {
  stdio: 'inherit',
  env: { ...process.env, E2E_REPORT: report, E2E_PREBUILT: '1' },
}).status ?? 1;

const timing = run('reports/playwright-timing.json', ['--project=timing', '--workers=1']);
const rest = run('reports/playwright.json', ['--project=chromium', '--project=throttled-4x', `--workers=${process.env.E2E_WORKERS ?? 2}`]);
process.exit(timing || rest);
