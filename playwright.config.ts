import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium.ts';

const useDev = process.env.E2E_DEV === '1';
/**
 * Specs whose assertion is itself a timing gate on the page as a learner's machine runs it
 * (hostile links: no main-thread task over 200 ms while a bomb is refused; a language switch
 * under 300 ms). They run in the `timing` project, unthrottled and alone (`npm run test:e2e`
 * runs it with one worker before the rest, so no other browser shares the CPU with them).
 */
const TIMING_SPECS = ['**/hostile-links.spec.ts', '**/i18n.spec.ts'];
/** `npm run test:e2e` builds once and each of its runs serves that build (E2E_PREBUILT=1). */
const prebuilt = process.env.E2E_PREBUILT === '1';
/** VCX_PORT moves the server (parallel checkouts on one machine must not share one). */
const port = Number(process.env.VCX_PORT ?? (useDev ? 5173 : 4173));
/**
 * A trace of every test costs the page a fifth of its CPU. In CI a failed test runs once more
 * with its trace recorded (the retry is what CI keeps); elsewhere the trace of a failure is kept.
 */
const trace = process.env.CI ? 'on-first-retry' : 'retain-on-failure';

export default defineConfig<{ cpuThrottle: number }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  // One folder per run: `npm run test:e2e` runs two Playwright processes at once, and each empties its own.
  outputDir: process.env.E2E_OUTPUT ?? 'reports/e2e-artifacts',
  // Three runs in `npm run test:e2e` (timing alone, then the rest and the throttled at once), one report each.
  reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? 'reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace,
    viewport: { width: 1440, height: 900 },
    // The app speaks the browser's language: the suite reads English unless a spec asks for another (e2e/i18n.spec.ts).
    locale: 'en-US',
    launchOptions: chromiumLaunchOptions,
  },
  // Every spec once unthrottled (the timing gates in their own project, alone), and every spec
  // again with the page's CPU throttled 4× (e2e/fixtures.ts): waits that only hold on an idle
  // machine fail there. `npm run test:e2e` runs the last two at once, one worker each.
  projects: [
    { name: 'timing', testMatch: TIMING_SPECS },
    // In CI a test that fails is run once more: one that then passes is reported as flaky, by name,
    // under the summary (scripts/ci-summary.mjs), so a flake on a slower machine is seen, not hidden.
    // The timing gates get no second try.
    { name: 'chromium', testIgnore: TIMING_SPECS, retries: process.env.CI ? 1 : 0 },
    // A CPU four times slower gets more time for a whole test; every wait is still on state, and
    // the timing gates measure against their budgets times four (the same work on a slower CPU).
    {
      name: 'throttled-4x', use: { cpuThrottle: 4 }, timeout: 150_000, expect: { timeout: 15_000 },
      retries: process.env.CI ? 1 : 0,
      // scripts/e2e.mjs runs these spec files throttled in its other lane.
      ...(process.env.E2E_THROTTLED_SKIP ? { testIgnore: process.env.E2E_THROTTLED_SKIP.split(',').map((f) => `**/${f}`) } : {}),
    },
  ],
  webServer: {
    command: useDev
      ? `npx vite --host 127.0.0.1 --port ${port} --strictPort`
      // The e2e build runs every store selector twice and throws on an unstable one (checked-selector.ts).
      : `${prebuilt ? '' : 'VITE_CHECK_SELECTORS=1 npm run build && '}npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
