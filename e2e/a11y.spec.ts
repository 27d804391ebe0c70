import { expect, test } from './fixtures.ts';
import { openApp, runUntil, shot, expectNoSeriousAxeViolations } from './helpers.ts';

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations (${theme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme });
    await openApp(page);
    await runUntil(page, 30);
    await page.locator('g.node').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('terminal')).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shot(page, `inspector-${theme}`);
  });
}

test('keyboard: play, step and inspect a node without a mouse', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('play').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByTestId('step').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('Enter');
  await runUntil(page, 25);
  await page.locator('g.node').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Node' })).toBeVisible();
});

for (const [w, h] of [[1024, 768], [1280, 720], [1920, 1080]] as const) {
  test(`readable at ${w}×${h}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await openApp(page);
    await runUntil(page, 45);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    expect(overflow).toBe(false);
    // The app clips its own overflow: check that every top-bar control is wholly on screen.
    for (const control of await page.locator('.topbar button, .topbar select').all()) await expect(control).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeInViewport();
    await shot(page, `overview-${w}x${h}`);
  });
}

test('prefers-reduced-motion turns the picture’s transitions off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  await runUntil(page, 20);
  const durations = await page.evaluate(() => ['.cell', '.pod', '.seg'].map((s) => {
    const el = document.querySelector(s);
    return el ? getComputedStyle(el).transitionDuration : 'missing';
  }));
  expect(durations).toEqual(['0s', '0s', '0s']);
});
