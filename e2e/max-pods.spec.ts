import { expect, test } from './fixtures.ts';
import { openApp, pickScenario, playUntil, runUntil, shot } from './helpers.ts';

test('t3.medium nodes scaled past max pods leave pods Pending with the reason shown', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 't3-medium-max-pods');
  // Past the fixture's own scale to 45 at 30 s (its next step, 60 at 90 s, also overflows).
  await runUntil(page, 35);
  await expect(page.locator('g.node')).toHaveCount(3);

  // Scale through the UI, far beyond 3 nodes × 17 max pods.
  await page.getByRole('tab', { name: 'Workloads' }).click();
  const replicas = page.getByTestId('replicas-api');
  await replicas.fill('70');
  await replicas.press('Enter');
  await playUntil(page, async () => {
    await expect(page.locator('.pending-label')).toHaveText(/Unscheduled pods: \d+/, { timeout: 30_000 });
    await expect(page.locator('.pending-reason')).toContainText('Too many pods', { timeout: 30_000 });
    for (const card of await page.locator('.pods-label').all()) await expect(card).toHaveText('pods 17 / 17 max', { timeout: 30_000 });
  });

  await expect(page.getByTestId('problems')).toContainText('MaxPodsReached');

  // A Pending pod in the inspector names its reason.
  await page.locator('.pending-pods rect').first().click();
  await expect(page.getByTestId('pod-reason')).toContainText('Unschedulable');
  await expect(page.getByTestId('pod-reason')).toContainText('Too many pods');
  await shot(page, 'max-pods-pending');
  expect(errors).toEqual([]);
});
