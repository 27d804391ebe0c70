import { expect, test } from './fixtures.ts';
import { openApp, pickScenario, runUntil, shot } from './helpers.ts';

async function picture(page: import('@playwright/test').Page) {
  return {
    time: await page.getByTestId('sim-time').textContent(),
    budgets: await page.locator('.budget-label').allTextContents(),
    pods: await page.locator('.pods-label').allTextContents(),
    pending: await page.locator('.pending-label').textContent(),
    cells: await page.locator('.cell.assigned').count(),
  };
}

test('a shared link reopens the same scenario at the same moment', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 't3-medium-max-pods');
  await runUntil(page, 15);
  await page.getByRole('tab', { name: 'Workloads' }).click();
  await page.getByTestId('replicas-api').fill('30');
  await page.getByTestId('replicas-api').press('Enter');
  await runUntil(page, 40);
  const before = await picture(page);
  await page.locator('g.node').nth(1).focus();
  await page.keyboard.press('Enter');
  const nodeTitle = await page.locator('.node-inspector .title').textContent();

  await page.getByTestId('share').click();
  await expect(page).toHaveURL(/#v1\./);
  await page.reload();
  await expect(page.getByTestId('sim-time')).toHaveText(before.time ?? '');
  await expect.poll(() => picture(page)).toEqual(before);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('__current');
  await expect(page.locator('.node-inspector .title')).toHaveText(nodeTitle ?? '');
  await shot(page, 'shared-link-reloaded');
  expect(errors).toEqual([]);
});
