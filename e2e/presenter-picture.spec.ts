import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations, openApp, pickScenario, runUntil, shot } from './helpers.ts';

/** On-screen size of a picture label: its font size in the picture's units times the camera's zoom. */
async function screenPx(page: import('@playwright/test').Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const vp = document.querySelector('g.viewport');
    if (!el || !vp) return 0;
    const k = Number(/scale\(([\d.e-]+)/.exec(vp.getAttribute('transform') ?? '')?.[1] ?? 1);
    return parseFloat(getComputedStyle(el).fontSize) * k;
  }, selector);
}

test('presenter mode at 1280×720 scales the picture\'s labels to 14 px or more on screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const errors = await openApp(page);
  await pickScenario(page, 'three-az');
  await runUntil(page, 60, 64);
  const before = await screenPx(page, '.node-title');
  expect(before).toBeLessThan(14);
  await page.getByRole('button', { name: 'Presenter text size' }).click();
  for (const sel of ['.node-title', '.az-label', '.vpc-label']) {
    await expect.poll(() => screenPx(page, sel), { message: sel }).toBeGreaterThanOrEqual(14);
  }
  // The title still fits its card.
  const fits = await page.evaluate(() => [...document.querySelectorAll('g.node')].every((g) => {
    const t = g.querySelector('.node-title')?.getBoundingClientRect();
    const c = g.querySelector('rect.node-card')?.getBoundingClientRect();
    return !!t && !!c && t.right <= c.right && t.left >= c.left;
  }));
  expect(fits).toBe(true);
  // Each zone's label stays inside its zone's box (the enlarged labels overlapped once).
  const azFit = await page.evaluate(() => [...document.querySelectorAll('g.az')].map((g) => {
    const t = g.querySelector('.az-label')?.getBoundingClientRect();
    const b = g.querySelector('.az-box')?.getBoundingClientRect();
    return !!t && !!b && t.right <= b.right && t.left >= b.left;
  }));
  expect(azFit).toEqual([true, true, true]);
  await shot(page, 'presenter-picture-1280x720');
  await expectNoSeriousAxeViolations(page);
  expect(errors).toEqual([]);
});
