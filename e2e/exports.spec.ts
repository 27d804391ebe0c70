import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures.ts';
import { expectNoSeriousAxeViolations, openApp, pickScenario, runUntil, shot } from './helpers.ts';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), data: readFileSync(path) };
}

test('at 1024×768 every top-bar control is on screen; the theme is in the More menu', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const errors = await openApp(page);
  const bar = page.locator('.topbar');
  const offscreen = await bar.evaluate((el) => [...el.querySelectorAll('button, select, input')]
    .filter((c) => { const r = c.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth || r.left < 0 || r.bottom > innerHeight); })
    .map((c) => c.getAttribute('aria-label') ?? c.textContent));
  expect(offscreen).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  for (const name of ['Packet walk', 'Share link', 'Presenter text size', 'More']) await expect(page.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
  const before = await page.locator('html').getAttribute('data-theme');
  await page.getByRole('button', { name: 'More' }).click();
  await shot(page, 'topbar-1024x768-menu');
  await expectNoSeriousAxeViolations(page);
  await page.getByRole('button', { name: /^Switch to (dark|light) theme$/ }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
  // Escape closes the menu and gives focus back to its button.
  await page.getByRole('button', { name: 'More' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-svg')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'More' })).toBeFocused();
  expect(errors).toEqual([]);
});

test('exports: the cluster picture as a self-contained SVG and as a PNG; the datapath as SVG with the real endpoint', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 'security-groups-for-pods');
  await runUntil(page, 40, 16);
  const node = (await page.locator('.node-title').first().textContent()) ?? '';
  expect(node).not.toBe('');

  await page.getByTestId('tb-menu').click();
  const svg = await downloaded(page, () => page.getByTestId('export-svg').click());
  expect(svg.name).toBe('vpc-cni-explorer-Security-groups-for-pods-cluster.svg');
  const text = svg.data.toString('utf8');
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
  expect(text).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(text).toContain(node);
  // Self-contained: styles inlined, no classes left to a stylesheet, nothing that loads or runs.
  expect(text).toMatch(/style="fill:[^"]+;[^"]*font-family:/);
  expect(text).not.toMatch(/ class="|<script|href=|url\(http/);

  await page.getByTestId('tb-menu').click();
  const png = await downloaded(page, () => page.getByTestId('export-png').click());
  expect(png.name.endsWith('-cluster.png')).toBe(true);
  expect([...png.data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const box = await page.getByTestId('topology').boundingBox();
  expect(png.data.readUInt32BE(16)).toBe(Math.round(box!.width) * 2);
  expect(png.data.readUInt32BE(20)).toBe(Math.round(box!.height) * 2);
  expect(png.data.length).toBeGreaterThan(20_000);

  // With the packet walk open, the datapath picture is what is exported.
  await page.getByRole('button', { name: 'Packet walk' }).click();
  await page.getByTestId('pw-to').selectOption('__typed');
  await page.getByTestId('pw-to-ip').fill('8.8.8.8:443');
  await page.getByTestId('pw-walk').click();
  await expect(page.getByTestId('pw-verdict')).toBeVisible();
  await page.getByTestId('tb-menu').click();
  const dp = await downloaded(page, () => page.getByTestId('export-svg').click());
  expect(dp.name.endsWith('-datapath.svg')).toBe(true);
  expect(dp.data.toString('utf8')).toContain('8.8.8.8:443');
  expect(errors).toEqual([]);
});

test('try it on a real cluster: the env line and YAML of the scenario as it stands, copy and download', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = await openApp(page);
  await pickScenario(page, 'security-groups-for-pods');
  await runUntil(page, 30, 16);
  await page.getByTestId('tb-menu').click();
  await page.getByTestId('export-cluster').click();
  const dialog = page.getByRole('dialog', { name: 'Try it on a real cluster' });
  await expect(dialog).toBeVisible();
  const text = page.getByTestId('snippet-text');
  await expect(text).toContainText("kubectl set env daemonset aws-node -n kube-system 'ENABLE_POD_ENI=true'");
  await expect(text).toContainText('kind: SecurityGroupPolicy');
  // Scaled to 4 at 20 s by the sample's timeline: the Deployment says what runs now.
  await expect(text).toContainText(/name: "payments"\n {2}namespace: "default"\nspec:\n {2}replicas: 4/);
  await shot(page, 'cluster-snippet');
  await expectNoSeriousAxeViolations(page);
  await page.getByTestId('snippet-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await text.textContent());
  const file = await downloaded(page, () => page.getByTestId('snippet-download').click());
  expect(file.data.toString('utf8')).toBe(await text.textContent());
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('tb-menu')).toBeFocused();
  expect(errors).toEqual([]);
});

test('a 390×844 phone shows the picture; the panels are bottom sheets that rise when tapped', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const errors = await openApp(page);
  await runUntil(page, 30, 16);
  const pic = await page.getByTestId('topology').boundingBox();
  expect(pic?.width ?? 0).toBeGreaterThan(370);
  expect(pic?.height ?? 0).toBeGreaterThan(400);
  await expect(page.locator('g.node').first()).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  await shot(page, 'phone-390x844');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const closed = (await inspector.boundingBox())?.height ?? 0;
  expect(closed).toBeLessThan(60);
  await inspector.click({ position: { x: 20, y: 20 } });
  await expect.poll(async () => (await inspector.boundingBox())?.height ?? 0).toBeGreaterThan(400);
  await shot(page, 'phone-390x844-inspector');
  await expectNoSeriousAxeViolations(page);
  expect(errors).toEqual([]);
});
