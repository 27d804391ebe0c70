// Sums the runners' JSON reports into one plain line "N passed, N failed".
// Exits 1 when a report that should exist is missing or shows failures. A skipped check
// counts as a failure: a green run that tested nothing is worse than a red one.
import { existsSync, readFileSync } from 'node:fs';

const reports = [
  ['vitest', 'reports/vitest.json', (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0), skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) })],
  ['playwright (timing gates)', 'reports/playwright-timing.json', (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected + (r.errors?.length ?? 0), skipped: r.stats.skipped ?? 0 })],
  ['playwright', 'reports/playwright.json', (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected + (r.errors?.length ?? 0), skipped: r.stats.skipped ?? 0 })],
  ['kernel', 'reports/kernel.json', (r) => ({ passed: r.passed, failed: r.failed, skipped: r.skipped ?? 0 })],
  ['bundle', 'reports/bundle.json', (r) => ({ passed: r.passed, failed: r.failed, skipped: 0 })],
];

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
  passed += counts.passed;
  failed += counts.failed + counts.skipped;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing > 0 ? 1 : 0);
