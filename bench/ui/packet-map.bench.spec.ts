/**
 * UI benchmark: a packet travelling on the map of a 100-node picture (3,000 pods). The walk
 * plays at 4× (one hop every 300 ms, each a 500 ms glide cut short by the next), and every
 * frame's work is measured while the marker moves (measure.ts). Target: p95 < 16.7 ms (60 fps).
 */
import { expect, test } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { installTaskProbe, measureFrames } from './measure.ts';
import { hundredNodes } from './scenarios.ts';

const OUT = 'reports/bench-ui.json';

function record(key: string, value: unknown): void {
  mkdirSync('reports', { recursive: true });
  const prev = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(OUT, `${JSON.stringify({ ...prev, date: new Date().toISOString(), [key]: value }, null, 2)}\n`);
  console.log(key, JSON.stringify(value));
}

test('100 nodes: a packet moving on the map at 4×', async ({ page }) => {
  test.setTimeout(300_000);
  await page.addInitScript(installTaskProbe);
  await page.goto(`/${hundredNodes()}`);
  await expect(page.locator('.facts dd').first()).toHaveText('100', { timeout: 120_000 });
  await page.getByTestId('speed').selectOption('16');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => (document.querySelector('[data-testid=sim-time]')?.textContent ?? '').split(':').map(Number).reduce((a, p) => a * 60 + p, 0) >= 60, undefined, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Packet walk' }).click();
  const from = page.getByTestId('pw-from');
  await expect(from.locator('option[value^="default/"]').first()).toBeAttached({ timeout: 30_000 });
  await from.selectOption((await from.locator('option[value^="default/"]').first().getAttribute('value')) ?? '');
  await page.getByTestId('pw-to').selectOption('external');
  await page.getByTestId('pw-walk').click();
  await page.getByTestId('pw-view-map').click();
  await expect(page.getByTestId('pm-marker-A')).toBeVisible();
  const hops = await page.getByTestId('pw-hops').locator('button').count();
  await page.getByTestId('pw-speed').selectOption('4');
  await page.getByRole('button', { name: 'Play the packet' }).click();
  // The walk's own length at 4× (300 ms a hop), minus a hop: measured only while the packet moves.
  const stats = await measureFrames(page, (hops - 1) * 300);
  const hop = await page.locator('.pw-count').textContent();
  record('packetOnMap100Nodes', { ...stats, hops, reachedHop: hop });
  expect(stats.workP95).toBeLessThan(16.7);
});
