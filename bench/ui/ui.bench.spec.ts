/**
 * UI benchmark (npm run bench:ui): the built app in Chromium, measured while the picture
 * moves — deployments scaling at 16× — with the store update and React's renders counted in
 * each frame's work (measure.ts); a wheel-zoom step and a selection at 1,000 nodes; the
 * initial JS and the time to the first picture. Results go to reports/bench-ui.json.
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { armInputTimer, inputTime, installTaskProbe, measureFrames, round, type FrameStats } from './measure.ts';
import { hundredNodes, tenNodes, thousandNodes } from './scenarios.ts';

const OUT = 'reports/bench-ui.json';

/** Merges one result into reports/bench-ui.json (a failed test restarts the worker, so no afterAll). */
function record(key: string, value: unknown): void {
  mkdirSync('reports', { recursive: true });
  const prev = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>) : {};
  const next = { ...prev, date: new Date().toISOString(), [key]: value };
  writeFileSync(OUT, `${JSON.stringify(next, null, 2)}\n`);
  console.log(key, JSON.stringify(value));
}

const simSeconds = async (page: Page) => {
  const parts = ((await page.getByTestId('sim-time').textContent()) ?? '0:00').split(':').map(Number);
  return parts.reduce((a, p) => a * 60 + p, 0);
};
/** A page expression: the clock has reached `s` simulated seconds. */
const clockPast = (s: number) => `document.querySelector('[data-testid=sim-time]').textContent.split(':').map(Number).reduce((a, p) => a * 60 + p, 0) >= ${s}`;

async function open(page: Page, fragment: string, nodes: number) {
  await page.addInitScript(installTaskProbe);
  const t0 = Date.now();
  await page.goto(`/${fragment}`);
  await expect(page.locator('.facts dd').first()).toHaveText(String(nodes), { timeout: 300_000 });
  return Date.now() - t0;
}

async function play(page: Page, speed: number) {
  await page.getByTestId('speed').selectOption(String(speed));
  await page.getByTestId('play').click();
}

async function moving(page: Page, key: string, fragment: string, nodes: number, untilSim: number, wallMs: number): Promise<FrameStats> {
  const loadMs = await open(page, fragment, nodes);
  await play(page, 16);
  const t0 = Date.now();
  const stats = await measureFrames(page, wallMs, clockPast(untilSim));
  const facts = Object.fromEntries(await page.locator('.overview .facts > div').evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent])));
  record(key, { ...stats, loadMs, wallMs: Date.now() - t0, simSecondsReached: await simSeconds(page), lod: await page.locator('svg.topology').getAttribute('class'), facts });
  return stats;
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
  const stats = await moving(page, 'tenNodes', tenNodes(), 10, 90, 15_000);
  expect(stats.workP95).toBeLessThan(16.7);
  expect(stats.longestTaskMs).toBeLessThanOrEqual(50);
});

test('100 nodes, 0 → 3,000 → 0 pods at 16×', async ({ page }) => {
  const stats = await moving(page, 'hundredNodes', hundredNodes(), 100, 220, 90_000);
  expect(stats.workP95).toBeLessThan(16.7);
  expect(stats.longestTaskMs).toBeLessThanOrEqual(100);
});

test('1,000 nodes, 0 → 25,000 pods at 16×', async ({ page }) => {
  test.setTimeout(600_000);
  const stats = await moving(page, 'thousandNodes', thousandNodes(), 1000, 120, 120_000);
  expect(stats.workP95).toBeLessThan(33);
  expect(stats.longestTaskMs).toBeLessThanOrEqual(200);
});

test('1,000 nodes: a wheel-zoom step and a selection', async ({ page }) => {
  test.setTimeout(600_000);
  const loadMs = await open(page, thousandNodes(), 1000);
  const svg = page.getByTestId('topology');
  const box = await svg.boundingBox();
  if (!box) throw new Error('no picture');
  // Wheel steps from the fitted cluster (glyphs) in to full cards, across both level-of-detail changes.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const steps: { ms: number; lod: string | null }[] = [];
  for (let i = 0; i < 24; i++) {
    await armInputTimer(page, '[data-testid=topology]', 'wheel');
    await page.mouse.wheel(0, -120);
    steps.push({ ms: await inputTime(page), lod: await svg.getAttribute('class') });
  }
  const zoom = steps.map((s) => s.ms);
  // Back out to the glyphs; select the node under the centre of the picture.
  await page.getByRole('button', { name: 'Fit the whole VPC' }).click();
  await expect(svg).toHaveClass(/lod-glyph/);
  const selections: number[] = [];
  for (const [fx, fy] of [[0.3, 0.5], [0.5, 0.5], [0.7, 0.45]]) {
    await page.getByRole('button', { name: 'Back to cluster' }).click({ timeout: 1000 }).catch(() => {});
    await armInputTimer(page, '[data-testid=topology]', 'click', `document.querySelector('.node-inspector .title') !== null`);
    await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    selections.push(await inputTime(page));
  }
  record('thousandNodesInput', {
    loadMs, wheelStepMs: { median: zoom.toSorted((a, b) => a - b)[Math.floor(zoom.length / 2)], max: Math.max(...zoom), steps }, selectionMs: selections,
  });
  expect(Math.max(...zoom)).toBeLessThan(50);
  expect(Math.max(...selections)).toBeLessThan(100);
});
