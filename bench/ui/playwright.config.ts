/** UI benchmark: the built app in Debian's Chromium, measured by bench/ui/ui.bench.spec.ts. */
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium.ts';

const port = Number(process.env.VCX_PORT ?? 4173);

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.spec.ts',
  workers: 1,
  timeout: 180_000,
  outputDir: '../../reports/bench-ui-artifacts',
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `npm run build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    // Playwright starts the server in the config's folder; the app (and vite.config.ts) is two up.
    cwd: '../..',
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
