import { expect, test } from './fixtures.ts';
import { encodeFragment } from '../src/scenario/url-codec.ts';
import { runUntil, shot } from './helpers.ts';

/**
 * A link to a cluster bigger than one message carries: the worker builds it in slices and
 * sends its first full picture in pages, and the page ends up with every node, then plays.
 */
test('a link to a 300-node cluster arrives in pages and draws every node', async ({ page }) => {
  const hash = encodeFragment({
    scenario: {
      v: 1,
      name: 'three-hundred',
      vpc: { cidrs: ['10.0.0.0/16'] },
      subnets: [{ id: 'subnet-0aaaaaaaaaaaaaaa1', availabilityZone: 'us-west-2a', cidr: '10.0.0.0/16' }],
      nodeGroups: [{ name: 'ng', instanceType: 't3.medium', count: 300, subnet: 'subnet-0aaaaaaaaaaaaaaa1' }],
      deployments: [{ name: 'web', replicas: 600 }],
    },
    moment: { timeMs: 40_000 },
  });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${hash}`);
  // Building 300 nodes and running them 40 s takes the worker a while; the page waits on it.
  await expect(page.getByTestId('sim-time')).toHaveText('0:40.0', { timeout: 60_000 });
  await expect(page.locator('.vpc-label')).toHaveText(/VPC vpc-/);
  // Every node arrived: the overview counts 300, and the fitted picture draws them all as
  // glyphs (level of detail above 60 nodes), 64 nodes to a bucket: 5 buckets.
  await expect(page.locator('.facts dd').first()).toHaveText('300');
  await expect(page.getByTestId('topology')).toHaveClass(/lod-glyph/);
  await expect(page.locator('g.glyph-bucket')).toHaveCount(5);
  await shot(page, 'big-link-300-nodes');
  await runUntil(page, 45);
  await expect(page.locator('.facts dd').first()).toHaveText('300');
  await expect(page.locator('g.glyph-bucket')).toHaveCount(5);
  expect(errors).toEqual([]);
});
