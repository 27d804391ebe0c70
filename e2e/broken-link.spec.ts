import { expect, test } from './fixtures.ts';
import { openApp, runUntil, shot } from './helpers.ts';

test('a broken fragment says what is wrong and the app still works', async ({ page }) => {
  const errors = await openApp(page, '#v1.AAAA!!not-base64');
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('This scenario link is broken');
  await expect(banner).toContainText('base64');
  await shot(page, 'broken-link');
  await runUntil(page, 30);
  await expect(page.locator('g.node')).not.toHaveCount(0);
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('pasting a tampered link into a running page keeps the current scenario', async ({ page }) => {
  await openApp(page);
  await runUntil(page, 20);
  const nodes = await page.locator('g.node').count();
  await page.evaluate(() => { location.hash = '#v2.abc'; });
  await expect(page.getByRole('alert')).toContainText('unknown link version');
  await expect(page.locator('g.node')).toHaveCount(nodes);
});
