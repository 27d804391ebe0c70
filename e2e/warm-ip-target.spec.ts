import { expect, test } from './fixtures.ts';
import { budget, openApp, pickScenario, runUntil, shot } from './helpers.ts';

test('setting WARM_IP_TARGET shrinks the warm pool with UnassignPrivateIpAddresses', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 'default-m5-large');
  await runUntil(page, 30, 16);
  const before = await budget(page);
  expect(before.warm).toBeGreaterThan(2);
  await shot(page, 'warm-pool-before');

  await page.getByRole('tab', { name: 'aws-node' }).click();
  const input = page.getByRole('textbox', { name: 'WARM_IP_TARGET' });
  await input.fill('2');
  await page.getByRole('button', { name: 'Apply WARM_IP_TARGET' }).click();
  await runUntil(page, 55, 16);

  const after = await budget(page);
  expect(after.warm + after.cooling).toBeLessThan(before.warm);
  await page.getByRole('radio', { name: 'EC2 API' }).click();
  const unassign = page.locator('.event.ec2', { hasText: 'UnassignPrivateIpAddresses' }).first();
  await expect(unassign).toBeVisible();

  // The CloudTrail record opens, and the event lights up the ENI it touched.
  await unassign.getByRole('button', { name: /CloudTrail record/ }).click();
  await expect(unassign.locator('.cloudtrail')).toContainText('"eventName": "UnassignPrivateIpAddresses"');
  await unassign.locator('.event-main').click();
  await expect(page.locator('svg .hl').first()).toBeAttached();
  await shot(page, 'warm-ip-target-after');
  expect(errors).toEqual([]);
});
