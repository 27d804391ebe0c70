import { expect, test, type Page } from './fixtures.ts';
import { openApp, pickScenario, runUntil, shot } from './helpers.ts';

async function setEnv(page: Page, name: string, value: string): Promise<void> {
  await page.getByRole('combobox', { name, exact: true }).selectOption(value);
  await page.getByRole('button', { name: `Apply ${name}`, exact: true }).click();
}

test('ENABLE_IPv6: aws-node refuses dual stack with its real message, and IPv6 mode is marked as not modelled', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 'default-m5-large');
  await runUntil(page, 10, 16);

  await page.getByRole('tab', { name: 'aws-node' }).click();
  await page.getByRole('combobox', { name: 'ENABLE_IPv6', exact: true }).selectOption('true');
  // Before it is applied, the row already says what the simulator cannot show.
  await expect(page.locator('.env-row', { hasText: 'ENABLE_IPv6' }).locator('.warn')).toHaveText('IPv6 mode is not modelled by this simulator. ');
  await page.getByRole('button', { name: 'Apply ENABLE_IPv6', exact: true }).click();
  const note = page.getByRole('note');
  await expect(note).toContainText('IPv6 mode is not modelled by this simulator');
  await note.scrollIntoViewIfNeeded();
  await shot(page, 'ipv6-env-note');

  // With the shipped ENABLE_IPv4=true, ipamd's isConfigValid refuses dual stack.
  await runUntil(page, 30, 16);
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText('IpamdNotRunning');
  await problems.getByRole('button', { expanded: false }).click();
  await expect(problems).toContainText('IPv4 and IPv6 are both enabled. VPC CNI currently does not support dual stack mode');
  await expect(problems).toContainText('/var/log/aws-routed-eni/ipamd.log');
  await shot(page, 'ipv6-dual-stack-refused');

  // A valid IPv6 env starts aws-node, and the node says its IPv6 mode is not modelled.
  await setEnv(page, 'ENABLE_IPv4', 'false');
  await setEnv(page, 'ENABLE_PREFIX_DELEGATION', 'true');
  await runUntil(page, 60, 16);
  await expect(problems).toContainText('Ipv6NotModelled');
  await expect(problems).not.toContainText('IpamdNotRunning');
  await expect(problems).toContainText('IPv6 mode is not modelled: this node is still simulated in IPv4 mode.');
  await shot(page, 'ipv6-not-modelled');
  expect(errors).toEqual([]);
});
