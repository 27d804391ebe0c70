// Sums the runners' JSON reports into one plain line "N passed, N failed".
// Exits 1 when a report that should exist is missing or shows failures. A skipped check
// counts as a failure: a green run that tested nothing is worse than a red one.
import { existsSync, readFileSync } from 'node:fs';

const reports = [
  ['vitest', 'reports/vitest.json', (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0), skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) })],
  ['playwright (timing gates)', 'reports/playwright-timing.json', (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected + (r.errors?.length ?? 0), skipped: r.stats.skipped ?? 0 })],
  ['playwright', 'reports/playwright.json', (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected + (r.errors?.length ?? 0), skipped: r.stats.skipped ?? 0 })],
  ['playwright (CPU throttled 4×)', 'reports/playwright-throttled.json', (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected + (r.errors?.length ?? 0), skipped: r.stats.skipped ?? 0 })],
  ['playwright (CPU throttled 4×, in the other lane)', 'reports/playwright-throttled-later.json', (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected + (r.errors?.length ?? 0), skipped: r.stats.skipped ?? 0 })],
  ['kernel', 'reports/kernel.json', (r) => ({ passed: r.passed, failed: r.failed, skipped: r.skipped ?? 0 })],
  ['bundle', 'reports/bundle.json', (r) => ({ passed: r.passed, failed: r.failed, skipped: 0 })],
];

/** The titles of what failed, so a CI log cut to its last lines still names them. */
const failedTitles = {
  vitest: (r) => (r.testResults ?? []).flatMap((f) => [
    ...(f.assertionResults ?? []).filter((a) => a.status === 'failed').map((a) => `${f.name}: ${a.fullName}`),
    ...(f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed') ? [`${f.name}: ${(f.message ?? '').split('\n')[0]}`] : []),
  ]),
  playwright: (r) => {
    const out = [];
    const walk = (suite, path) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          const last = t.results?.[t.results.length - 1];
          if (t.status === 'unexpected' || t.status === 'skipped') {
            const why = (last?.error?.message ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n')[0];
            out.push(`[${t.projectName}] ${[...path, spec.title].join(' › ')}${why ? ` — ${why.slice(0, 200)}` : ''}`);
          } else if (t.status === 'flaky') {
            out.push(`[${t.projectName}] ${[...path, spec.title].join(' › ')} passed only on retry (flaky)`);
          }
        }
      }
      for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
    };
    for (const s of r.suites ?? []) walk(s, [s.title]);
    for (const e of r.errors ?? []) out.push(`error: ${(e.message ?? '').split('\n')[0]}`);
    return out;
  },
};

let passed = 0;
let failed = 0;
let missing = 0;
for (const [name, file, read] of reports) {
  if (!existsSync(file)) {
    console.log(`ci: no ${name} report (${file}), counted as 1 failed`);
    missing++;
    failed++;
    continue;
  }
  const counts = read(JSON.parse(readFileSync(file, 'utf8')));
  const skipNote = counts.skipped ? ` (${counts.skipped} skipped, counted as failed)` : '';
  console.log(`ci: ${name}: ${counts.passed} passed, ${counts.failed + counts.skipped} failed${skipNote}`);
  const titles = name === 'vitest' ? failedTitles.vitest : name.startsWith('playwright') ? failedTitles.playwright : null;
  if (titles) for (const t of titles(JSON.parse(readFileSync(file, 'utf8'))).slice(0, 20)) console.log(`ci:   ✘ ${t}`);
  passed += counts.passed;
  failed += counts.failed + counts.skipped;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing > 0 ? 1 : 0);
