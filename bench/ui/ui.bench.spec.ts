/**
 * UI benchmark (npm run bench:ui): frame cost while the picture animates, the initial
 * JS budget and the time to the first drawn picture. Results go to reports/bench-ui.json.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { measureFrames, round, type FrameStats } from './measure.ts';
import { hundredNodes, tenNodes } from './scenarios.ts';

const OUT = 'reports/bench-ui.json';

/** Merges one result into reports/bench-ui.json (a failed test restarts the worker, so no afterAll). */
function record(key: string, value: unknown): void {
  mkdirSync('reports', { recursive: true });
  const prev = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>) : {};
  const next = { ...prev, date: new Date().toISOString(), [key]: value };
  writeFileSync(OUT, `${JSON.stringify(next, null, 2)}\n`);
  console.log(key, JSON.stringify(value));
}

async function play(page: Page, speed: number) {
  await page.getByTestId('speed').selectOption(String(speed));
  await page.getByTestId('play').click();
}

const gz = (f: string) => gzipSync(readFileSync(`dist/${f}`)).length;

test('initial JS, gzipped', () => {
  const html = readFileSync('dist/index.html', 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const mainKb = initial.reduce((a, f) => a + gz(f), 0) / 1024;
  const worker = readdirSync('dist/assets').filter((f) => f.startsWith('sim.worker') && f.endsWith('.js'));
  const workerKb = worker.reduce((a, f) => a + gz(`assets/${f}`), 0) / 1024;
  record('initialJs', { mainGzKb: round(mainKb), workerGzKb: round(workerKb), totalGzKb: round(mainKb + workerKb), budgetKb: 250 });
  expect(mainKb + workerKb).toBeLessThan(250);
});

test('first meaningful render', async ({ page }) => {
  await page.goto('/');
  const ms = await page.waitForFunction(() => (document.querySelector('.vpc-label')?.textContent ? performance.now() : 0)).then((h) => h.jsonValue());
  record('firstMeaningfulRenderMs', round(ms));
  expect(ms).toBeLessThan(1000);
});

test('10 nodes, 0 → 500 pods at 16×', async ({ page }) => {
  await page.goto(`/${tenNodes()}`);
  await expect(page.locator('.vpc-label')).toBeVisible();
  await play(page, 16);
  const stats: FrameStats = await measureFrames(page, 8000);
  const pods = await page.locator('.pods-label').allTextContents();
  record('tenNodes', { ...stats, simTime: await page.getByTestId('sim-time').textContent(), podsPerNode: pods });
  expect(stats.busyP95).toBeLessThan(16.7);
  expect(stats.longestTaskMs).toBeLessThanOrEqual(50);
});

test('100 nodes with 3,000 pods', async ({ page }) => {
  const t0 = Date.now();
  await page.goto(`/${hundredNodes(180_000)}`);
  await expect(page.locator('g.node')).toHaveCount(100, { timeout: 120_000 });
  const loadMs = Date.now() - t0;
  await play(page, 4);
  const stats = await measureFrames(page, 6000);
  const running = await page.locator('svg rect.pod.Running').count();
  record('hundredNodes', { ...stats, loadMs, runningPodChips: running, simTime: await page.getByTestId('sim-time').textContent() });
  expect(stats.busyP95).toBeLessThan(33);
});

