import { expect, test, type Page } from './fixtures.ts';
import { expectNoSeriousAxeViolations, openApp, pickScenario, runUntil, shot } from './helpers.ts';

/** security-groups-for-pods at 120 s: 9 payments pods on branch ENIs (vlan.eth.N), 4 web pods and the 2 CoreDNS pods every cluster runs on secondary IPs. */
async function openWalk(page: Page): Promise<{ pay: string; web: string }> {
  await pickScenario(page, 'security-groups-for-pods');
  await runUntil(page, 112, 16);
  await page.getByRole('button', { name: 'Packet walk' }).click();
  const from = page.getByTestId('pw-from');
  await expect(from.locator('option[value^="default/payments-"]').first()).toBeAttached();
  const pay = (await from.locator('option[value^="default/payments-"]').first().getAttribute('value')) ?? '';
  const web = (await from.locator('option[value^="default/web-"]').first().getAttribute('value')) ?? '';
  return { pay, web };
}

async function walkTo(page: Page, from: string, to: string): Promise<void> {
  await page.getByTestId('pw-from').selectOption(from);
  await page.getByTestId('pw-to').selectOption('__typed');
  await page.getByTestId('pw-to-ip').fill(to);
  await page.getByTestId('pw-walk').click();
}

test('the datapath picture fits nine vlan.eth.N devices and every pod, and names 8.8.8.8 as the internet end', async ({ page }) => {
  const errors = await openApp(page);
  const { pay } = await openWalk(page);
  await walkTo(page, pay, '8.8.8.8:443');
  await expect(page.getByTestId('pw-verdict')).toContainText('Dropped');
  const svg = page.getByTestId('pw-datapath');
  await expect(svg.locator('.dp-box.vlan')).toHaveCount(9);
  // Every pod on the node: 13 workload pods and the 2 CoreDNS pods every cluster runs.
  await expect(svg.locator('.dp-box.pod')).toHaveCount(15);
  await expect(svg.locator('.dp-box[data-id="internet"]')).toContainText('8.8.8.8:443');
  await expect(svg.locator('.dp-box[data-id="internet"]')).not.toContainText('203.0.113.10');
  // Every box lies inside the picture (the SVG as laid out, in screen pixels).
  await page.getByRole('button', { name: '200%' }).click();
  const outside = await svg.evaluate((el) => {
    const s = el.getBoundingClientRect();
    return [...el.querySelectorAll('.dp-box > rect')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.left < s.left - 0.5 || b.top < s.top - 0.5 || b.right > s.right + 0.5 || b.bottom > s.bottom + 0.5;
    }).length;
  });
  expect(outside).toBe(0);
  // The last hop (the drop at the gateway) is scrolled into view and the marker sits on its box.
  await page.getByTestId('pw-hops').locator('button').last().click();
  const marker = page.getByTestId('dp-marker-A');
  await expect(marker).toHaveAttribute('data-station', 'gateway');
  await expect(page.locator('.dp-box.current')).toBeInViewport();
  await shot(page, 'packet-walk-nine-vlans');
  expect(errors).toEqual([]);
});

test('two packets compared: a branch-ENI pod and a secondary-IP pod to 8.8.8.8, each with its colour, letter and hop list', async ({ page }) => {
  // Two walks, up to 40 steps and an axe scan: 58 s before the scan on the 2-core machine.
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await openApp(page);
  const { pay, web } = await openWalk(page);
  await walkTo(page, pay, '8.8.8.8:443');
  await expect(page.getByTestId('pw-verdict')).toContainText('Dropped');
  const payHops = await page.getByTestId('pw-hops').locator('button').count();

  await page.getByTestId('pk-add').click();
  await expect(page.getByTestId('pk-tab-B')).toHaveAttribute('aria-selected', 'true');
  await walkTo(page, web, '8.8.8.8:443');
  await expect(page.getByTestId('pw-verdict')).toContainText('Delivered, and the reply came back');
  const webHops = await page.getByTestId('pw-hops').locator('button').count();
  expect(webHops).not.toBe(payHops);
  await expect(page.getByTestId('pk-tab-A')).toContainText(`${pay} → 8.8.8.8`);
  await expect(page.getByTestId('pk-tab-B')).toContainText(`${web} → 8.8.8.8`);

  // Two markers, distinct colours and shapes, each with its letter.
  const a = page.getByTestId('dp-marker-A');
  const b = page.getByTestId('dp-marker-B');
  await expect(a).toHaveText('A');
  await expect(b).toHaveText('B');
  const fill = (l: typeof a) => l.locator('.dp-shape').evaluate((el) => getComputedStyle(el).fill);
  expect(await fill(a)).not.toBe(await fill(b));
  expect(await a.locator('.dp-shape').getAttribute('d')).not.toBe(await b.locator('.dp-shape').getAttribute('d'));

  // Step both together: the branch pod's packet leaves by its vlan device, the web pod's by an ENI.
  for (let i = 0; i < 40 && !/^dev:vlan\.eth\.\d+$/.test((await a.getAttribute('data-station')) ?? ''); i++) await page.getByTestId('pw-forward').click();
  await expect(a).toHaveAttribute('data-station', /^dev:vlan\.eth\.\d+$/);
  await expect(b).not.toHaveAttribute('data-station', /vlan/);
  await shot(page, 'packet-walk-compare-1280x720');
  await expectNoSeriousAxeViolations(page);

  // Switching tabs: the hop list and the pickers follow packet A again.
  await page.getByTestId('pk-tab-B').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('pk-tab-A')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('pw-hops').locator('button')).toHaveCount(payHops);
  await expect(page.getByTestId('pw-from')).toHaveValue(pay);
  await page.setViewportSize({ width: 1024, height: 768 });
  await shot(page, 'packet-walk-compare-1024x768');
  expect(errors).toEqual([]);
});
