import { expect, test } from './fixtures.ts';
import { openApp, pickScenario, runUntil, shot } from './helpers.ts';

// The EKS pattern (sample private-subnets-nat-gateway): private node subnets routed to the NAT
// gateway of their zone, which lives in a public subnet; a pod's walk to the internet goes
// through the node's SNAT, the NAT gateway's SNAT and its Elastic IP.
test('private subnets: the topology names each route table\'s target and NAT gateway; a pod reaches the internet through the NAT gateway', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 'private-subnets-nat-gateway');
  await runUntil(page, 60, 64);

  const route = (id: string) => page.locator(`g.subnet[data-keys^="${id} "] .subnet-route`);
  await expect(route('subnet-0a0000000000000a2')).toHaveText('0.0.0.0/0 → nat-0a00000000000000a · private');
  await expect(route('subnet-0a0000000000000a1')).toHaveText('0.0.0.0/0 → igw · NAT nat-0a00000000000000a');
  for (const size of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
    await page.setViewportSize(size);
    await shot(page, `private-subnets-${size.width}x${size.height}`);
  }

  await page.getByRole('button', { name: 'Packet walk' }).click();
  const from = page.getByTestId('pw-from');
  await expect(from.locator('option[value^="default/web-"]').first()).toBeAttached();
  await from.selectOption((await from.locator('option[value^="default/web-"]').first().getAttribute('value')) ?? '');
  await page.getByTestId('pw-to').selectOption('external');
  await page.getByTestId('pw-walk').click();
  await expect(page.getByTestId('pw-verdict')).toContainText('Delivered, and the reply came back');
  await expect(page.getByTestId('pw-transcript')).toContainText('sends 203.0.113.10 to NAT gateway nat-0a00000000000000a');
  await expect(page.getByTestId('pw-transcript')).toContainText('to its Elastic IP 198.51.100.200');
  await shot(page, 'private-subnets-walk');
  expect(errors).toEqual([]);
});
