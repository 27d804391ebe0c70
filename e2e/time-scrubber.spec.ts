/**
 * The time scrubber rewinds by deterministic replay: going back to a moment, away, and back
 * again shows the same clock, the same events and the same warm pool each time.
 */
import { expect, test, type Page } from './fixtures.ts';
import { budget, openApp, runUntil } from './helpers.ts';

/** Drags the scrubber to `ms` and lets go (what a pointer does), then waits for the clock. */
async function goTo(page: Page, ms: number, clock: string) {
  const input = page.getByTestId('time-scrubber').locator('input');
  await input.fill(String(ms));
  await input.dispatchEvent('pointerup');
  await expect(page.getByTestId('sim-time')).toHaveText(clock, { timeout: 30_000 });
  // The picture draws the moment in the animation frame after the clock shows it.
  await page.evaluate(() => new Promise<void>((resolve) => { requestAnimationFrame(() => requestAnimationFrame(() => resolve())); }));
}

test('the scrubber goes back to a moment and shows it the same way every time', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await openApp(page);
  await runUntil(page, 30);
  await goTo(page, 20_000, '0:20.0');
  const events = await page.getByTestId('events').innerText();
  const pool = await budget(page);
  expect(events.length).toBeGreaterThan(0);
  // innerText on both sides (toHaveText compares textContent, which drops the rows' line breaks).
  const shown = () => page.getByTestId('events').innerText();
  await goTo(page, 0, '0:00.0');
  await expect.poll(shown).not.toBe(events);
  await goTo(page, 20_000, '0:20.0');
  await expect.poll(shown).toBe(events);
  // The picture draws the moment in the animation frame after the list shows it.
  await expect.poll(() => budget(page)).toEqual(pool);
  expect(errors).toEqual([]);
});
