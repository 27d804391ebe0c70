#!/usr/bin/env node
// The runners of `npm test`, one after another: each runs even when one before it failed, so a
// red e2e run still reports the kernel checks (CI sums every runner's JSON report). Says how long
// each took; exits 1 if any failed. The kernel lab runs inside the e2e run, after the unthrottled
// specs and beside the throttled ones (scripts/e2e.mjs): the throttled lane is the longer one.
import { spawnSync } from 'node:child_process';

const RUNNERS = [['test:unit'], ['test:bundle'], ['test:e2e', '--', '--then=test:kernel']];
let failed = 0;
for (const [script, ...args] of RUNNERS) {
  const t0 = Date.now();
  const status = spawnSync('npm', ['run', script, ...args], { stdio: 'inherit' }).status ?? 1;
  console.log(`test-all: npm run ${[script, ...args].join(' ')} ${status === 0 ? 'passed' : `failed (exit ${status})`} in ${Math.round((Date.now() - t0) / 1000)} s`);
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
