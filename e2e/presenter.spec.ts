/** Presenter text size for projectors, and share links that carry it and the camera. */
import { expect, test, type Page } from './fixtures.ts';
import { openApp, pickScenario, runUntil, shot, expectNoSeriousAxeViolations } from './helpers.ts';

/** The picture's d3 zoom transform as numbers. */
async function transform(page: Page): Promise<{ x: number; y: number; k: number }> {
  const t = (await page.locator('g.viewport').getAttribute('transform')) ?? '';
  const m = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(t);
  if (!m) throw new Error(`no zoom transform: "${t}"`);
  return { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) };
}

const rootPx = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

// Light only: the dark theme's axe scan is a11y.spec.ts's (CI's 20 minutes).
for (const theme of ['light'] as const) {
  test(`presenter text size: button and P key, readable at 1280×720, no serious axe violations (${theme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: theme });
    const errors = await openApp(page);
    await pickScenario(page, 't3-medium-max-pods');
    await runUntil(page, 120, 64);
    const toggle = page.getByRole('button', { name: 'Presenter text size' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(await rootPx(page)).toBe('14px');
    const titleBefore = await page.locator('.node-title').first().evaluate((el) => getComputedStyle(el).fontSize);

    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await rootPx(page)).toBe('18px');
    expect(await page.locator('.node-title').first().evaluate((el) => getComputedStyle(el).fontSize)).not.toBe(titleBefore);

    // Panels reflow: nothing scrolls sideways, the top bar keeps one row, the inspector stays on screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)).toBe(false);
    const bar = await page.locator('.topbar').boundingBox();
    expect(bar?.height ?? 999).toBeLessThan(80);
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toBeInViewport();

    await page.locator('g.node').first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('terminal')).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await shot(page, `presenter-1280x720-${theme}`);

    // P (outside a control) turns it back off.
    await page.locator('.timeline h2').click();
    await page.keyboard.press('p');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(await rootPx(page)).toBe('14px');
    expect(errors).toEqual([]);
  });
}

test('a shared link with a camera and presenter text reopens zoomed on the same spot', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const errors = await openApp(page);
  await pickScenario(page, 'three-az');
  await runUntil(page, 60, 64);
  const fitted = await transform(page);
  await page.getByRole('button', { name: 'Presenter text size' }).click();
  // Zoom on the second node, then pan a little by hand.
  await page.locator('g.node').nth(1).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Focus on the selected node' }).click();
  const box = await page.getByTestId('topology').boundingBox();
  if (!box) throw new Error('no picture');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2 + 25, { steps: 5 });
  await page.mouse.up();
  const before = await transform(page);
  expect(before.k).toBeGreaterThan(fitted.k * 1.5);

  await page.getByTestId('share').click();
  await expect(page).toHaveURL(/&v\.cam=[-\d.]+%2C[-\d.]+%2C[\d.]+/);
  await expect(page).toHaveURL(/&v\.text=large/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Presenter text size' })).toHaveAttribute('aria-pressed', 'true');
  // The picture has no transform until the first snapshot of the reopened link is drawn.
  await expect(page.locator('g.viewport')).toHaveAttribute('transform', /scale/);
  await expect.poll(async () => (await transform(page)).k).toBeCloseTo(before.k, 3);
  const after = await transform(page);
  expect(Math.abs(after.x - before.x)).toBeLessThan(1);
  expect(Math.abs(after.y - before.y)).toBeLessThan(1);
  await shot(page, 'presenter-camera-link');

  // Fit hands the picture back to auto-fit: the next link carries no camera.
  await page.getByRole('button', { name: 'Fit the whole VPC' }).click();
  await page.getByTestId('share').click();
  await expect(page).not.toHaveURL(/v\.cam=/);
  expect(errors).toEqual([]);
});

test('presenter mode at 1920×1080 keeps the picture large and the timeline on screen', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const errors = await openApp(page);
  await runUntil(page, 150, 64);
  await page.locator('.timeline h2').click();
  await page.keyboard.press('P');
  expect(await rootPx(page)).toBe('18px');
  await page.getByRole('button', { name: 'Fit the whole VPC' }).click();
  const stage = await page.locator('.stage').boundingBox();
  const vpc = await page.locator('.vpc-box').boundingBox();
  if (!stage || !vpc) throw new Error('no picture');
  expect(vpc.height).toBeGreaterThan(stage.height * 0.6);
  await expect(page.getByTestId('events')).toBeInViewport();
  await shot(page, 'presenter-1920x1080-light');
  expect(errors).toEqual([]);
});
