/**
 * Toolchain pitfall 3, kept with an explicit "opening link" state: while the worker has not
 * yet answered (held back here by delaying the worker's script), the page says it is
 * opening the link, Share and the scenario picker are disabled, and nothing rewrites the
 * URL, even under React StrictMode's double effects in dev (run with E2E_DEV=1 too).
 * Then the link's scenario opens at its moment with its view, the URL still the link.
 */
import { deflateSync, strToU8 } from 'fflate';
import { expect, test } from './fixtures.ts';
import { idle, shot } from './helpers.ts';

const scenario = {
  v: 1, name: 'Shared while opening', nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 2 }], deployments: [{ name: 'web', replicas: 4 }],
};
const hash = `#v1.${Buffer.from(deflateSync(strToU8(JSON.stringify(scenario)), { level: 9 })).toString('base64url')}&t=5000&v.theme=dark`;

test('nothing writes the URL until the link is decoded, then its scenario opens at its moment', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  let release: (() => void) | undefined;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  await page.route(/sim\.worker/, async (route) => { await gate; await route.continue(); });

  await page.goto(`/${hash}`);
  await expect(page.getByTestId('opening-link')).toHaveText('Opening the scenario link…');
  await expect(page.getByTestId('share')).toBeDisabled();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toBeDisabled();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('__current');
  // The link's theme is taken at once (no light flash before the worker answers).
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Once the page is idle every effect has run (twice in dev); none may have touched the URL.
  await idle(page);
  expect(new URL(page.url()).hash).toBe(hash);
  await shot(page, 'link-opening');

  release?.();
  await expect(page.locator('.vpc-label')).toHaveText(/VPC vpc-/);
  await expect(page.getByTestId('opening-link')).toHaveCount(0);
  await expect(page.getByTestId('sim-time')).toHaveText('0:05.0');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('__current');
  await expect(page.getByRole('combobox', { name: 'Scenario' }).locator('option').first()).toHaveText('Shared while opening (from link)');
  await expect(page.locator('g.node')).toHaveCount(2);
  await expect(page.getByTestId('share')).toBeEnabled();
  expect(new URL(page.url()).hash).toBe(hash);
  expect(errors).toEqual([]);
});
