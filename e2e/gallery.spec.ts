/** Every fixture scenario plays without errors; its picture is kept for review. */
import { expect, test } from './fixtures.ts';
import { openApp, pickScenario, runUntil, shot } from './helpers.ts';

const FIXTURES = ['default-m5-large', 't3-medium-max-pods', 'warm-ip-target', 'prefix-delegation', 'custom-networking', 'subnet-exhaustion', 'three-az', 'security-groups-for-pods'];

for (const id of FIXTURES) {
  test(`fixture ${id} plays and draws`, async ({ page }) => {
    const errors = await openApp(page);
    await pickScenario(page, id);
    await runUntil(page, 150, 64);
    await expect(page.locator('g.node')).not.toHaveCount(0);
    await expect(page.locator('g.eni').first()).toBeAttached();
    await shot(page, `fixture-${id}`);
    expect(errors).toEqual([]);
  });
}
