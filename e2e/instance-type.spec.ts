import { expect, test } from './fixtures.ts';
import { openApp, pickScenario, shot } from './helpers.ts';

test('the instance-type picker searches every type and restarts the group on the new one', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 'default-m5-large');
  const picker = page.getByRole('combobox', { name: 'Instance type of ng-1' });
  await picker.click();
  await picker.fill('c6i.2xl');
  const option = page.getByRole('option', { name: /c6i\.2xlarge/ });
  await expect(option).toContainText('4 ENIs × 15 IPv4 · max pods 58');
  await shot(page, 'instance-type-picker');
  await picker.press('Enter');
  await expect(page.locator('.node-sub').first()).toContainText('c6i.2xlarge');
  await expect(page.locator('.pods-label').first()).toContainText('/ 58 max');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('__current');
  expect(errors).toEqual([]);
});
