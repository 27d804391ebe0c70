import { expect, test, type Page } from './fixtures.ts';
import { openApp, openWalkOnThreeAz, pickScenario, runUntil, shot } from './helpers.ts';

/** Clicks "Step forward" until the current hop's deciding line matches, and returns the hop number. */
async function stepUntilDecided(page: Page, text: RegExp): Promise<number> {
  const decided = page.getByTestId('pw-term').locator('[data-mark="decided"]');
  for (let i = 0; i < 60; i++) {
    if (await decided.count() && text.test((await decided.first().textContent()) ?? '')) break;
    await page.getByTestId('pw-forward').click();
  }
  await expect(decided.first()).toHaveText(text);
  return hopNumber(page);
}

async function hopNumber(page: Page): Promise<number> {
  const t = (await page.locator('.pw-count').textContent()) ?? '';
  return Number(/Hop (\d+)/.exec(t)?.[1]);
}

test('a pod to the internet on tcp:443: fwmark rule, SNAT in AWS-SNAT-CHAIN-0, step back, copy the transcript', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = await openApp(page);
  await pickScenario(page, 'three-az');
  await runUntil(page, 130, 64);

  await page.getByRole('button', { name: 'Packet walk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Packet walk' });
  await expect(dialog).toBeVisible();
  const from = page.getByTestId('pw-from');
  await expect(from.locator('option[value^="default/web-"]').first()).toBeAttached();
  const source = await from.locator('option[value^="default/web-"]').first().getAttribute('value');
  await from.selectOption(source ?? '');
  await page.getByTestId('pw-to').selectOption('external');
  await page.getByTestId('pw-proto').selectOption('tcp');
  await page.getByTestId('pw-port').fill('443');
  await page.getByTestId('pw-walk').click();

  await expect(page.getByTestId('pw-verdict')).toContainText('Delivered, and the reply came back');
  await expect(page.getByTestId('pw-hops').locator('button')).toHaveCount(32);
  await expect(page.locator('.pw-count')).toHaveText(/Hop 1 \/ 32/);
  await expect(page.locator('.dp-box.pod.current')).toHaveCount(1);

  // The host's policy routing: the connmark-restored fwmark sends the lookup to main.
  const ruleHop = await stepUntilDecided(page, /^1024:\s+from all fwmark 0x80\/0x80 lookup main$/);
  await expect(page.getByTestId('pw-term')).toContainText('$ ip rule');
  await expect(page.locator('.dp-box.pill.current')).toHaveAttribute('data-id', 'rules');
  await expect(page.locator('.dp-line.rule.decided')).toHaveText(/^1024: from all fwmark/);

  // SNAT to the node's primary IP, shown as a rewrite.
  const snatHop = await stepUntilDecided(page, /^-A AWS-SNAT-CHAIN-0 .*-j SNAT --to-source 192\.168\.\d+\.\d+/);
  expect(snatHop).toBeGreaterThan(ruleHop);
  await expect(page.locator('.dp-box.current')).toHaveAttribute('data-id', 'nf:nat POSTROUTING');
  // --random-fully (aws-node's default): the connection gets another source port (vpc-cni-behaviour.md e.10).
  await expect(page.getByTestId('pw-nat')).toContainText(/source\s+192\.168\.\d+\.\d+:40000 → 192\.168\.\d+\.\d+:(?!40000\b)\d+/);
  await expect(page.getByTestId('pw-hops').locator('[aria-current="step"]')).toContainText('nat POSTROUTING');
  await shot(page, 'packet-walk');

  // Step back, by button and by keyboard; forward by keyboard.
  await page.getByRole('button', { name: 'Step back one hop' }).click();
  await expect(page.locator('.pw-count')).toHaveText(`Hop ${snatHop - 1} / 32`);
  await page.getByTestId('pw-datapath').click();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.pw-count')).toHaveText(`Hop ${snatHop - 2} / 32`);
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.pw-count')).toHaveText(`Hop ${snatHop - 1} / 32`);

  // A hop picked from the list; the reply comes back through conntrack.
  await page.getByTestId('pw-hops').locator('button').nth(22).click();
  await expect(page.locator('.pw-count')).toHaveText('Hop 23 / 32');
  await expect(page.getByTestId('pw-nat')).toContainText('destination');

  // Playing runs to the end on its own, then pauses.
  await page.getByTestId('pw-speed').selectOption('4');
  await page.getByRole('button', { name: 'Play the packet' }).click();
  await expect(page.locator('.pw-count')).toHaveText('Hop 32 / 32', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Play the packet' })).toBeVisible();

  // The transcript, on screen and on the clipboard.
  await expect(page.getByTestId('pw-transcript')).toContainText('result: delivered, and the reply came back');
  await page.getByTestId('pw-copy').click();
  await expect(page.getByTestId('pw-copy')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`trace ${source} → 203.0.113.10 (tcp port 443)`);
  expect(copied).toContain('AWS-SNAT-CHAIN-0');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});

test('a share link reopens the walk at the same hop, with the same deciding line', async ({ page, context }) => {
  const errors = await openApp(page);
  const from = await openWalkOnThreeAz(page);
  await from.selectOption((await from.locator('option[value^="default/web-"]').first().getAttribute('value')) ?? '');
  await page.getByTestId('pw-to').selectOption('external');
  await page.getByTestId('pw-port').fill('443');
  await page.getByTestId('pw-walk').click();
  await expect(page.getByTestId('pw-hops').locator('button')).toHaveCount(32);
  const hop = await stepUntilDecided(page, /^-A AWS-SNAT-CHAIN-0 .*-j SNAT --to-source/);
  const decidedLine = await page.getByTestId('pw-term').locator('[data-mark="decided"]').first().textContent();
  const current = await page.getByTestId('pw-hops').locator('[aria-current="step"]').textContent();

  await page.getByTestId('share').click();
  await expect(page).toHaveURL(new RegExp(`&v\\.pw=default%2Fweb-[^&]*%7Cexternal%7Ctcp%7C443%7C${hop}(&|$)`));
  const shared = page.url();

  const other = await context.newPage();
  const otherErrors = await openApp(other, shared.slice(shared.indexOf('#')));
  await expect(other.getByRole('dialog', { name: 'Packet walk' })).toBeVisible();
  await expect(other.locator('.pw-count')).toHaveText(`Hop ${hop} / 32`);
  await expect(other.getByTestId('pw-hops').locator('[aria-current="step"]')).toHaveText(current ?? '');
  await expect(other.getByTestId('pw-term').locator('[data-mark="decided"]').first()).toHaveText(decidedLine ?? '');
  await expect(other.locator('.dp-box.current')).toHaveAttribute('data-id', 'nf:nat POSTROUTING');
  await expect(other.getByTestId('pw-link-note')).toHaveCount(0);
  // One page at a time: each runs its own worker, and three loading at once starve each other.
  await other.close();

  // A stale hop (beyond the walk) is ignored with a word; the walk still shows.
  const stale = await context.newPage();
  const staleErrors = await openApp(stale, shared.slice(shared.indexOf('#')).replace(/(v\.pw=[^&]*%7C)\d+/, '$1999'));
  await expect(stale.getByTestId('pw-link-note')).toContainText('hop 999');
  await expect(stale.locator('.pw-count')).toHaveText('Hop 1 / 32');
  await stale.close();
  // So is a pod that is not in the scenario: the panel says why, the picture still runs.
  const gone = await context.newPage();
  const goneErrors = await openApp(gone, shared.slice(shared.indexOf('#')).replace(/v\.pw=default%2Fweb-[^%]*/, 'v.pw=default%2Fnope-1'));
  await expect(gone.getByTestId('pw-link-note')).toContainText('could not be repeated');
  await expect(gone.getByRole('alert')).toContainText('unknown source');
  await expect(gone.locator('g.node').first()).toBeVisible();
  expect([...errors, ...otherErrors, ...staleErrors, ...goneErrors]).toEqual([]);
});

test('a packet to an address nobody owns is dropped by the VPC, explained in plain words', async ({ page }) => {
  const errors = await openApp(page);
  await pickScenario(page, 'three-az');
  await runUntil(page, 130, 64);
  // From the pod inspector: select a pod in the picture, then "Send a packet from here".
  await page.locator('g.node').first().click();
  await page.getByRole('button', { name: 'Packet walk' }).click();
  await page.getByTestId('pw-to').selectOption('__typed');
  await page.getByTestId('pw-to-ip').fill('192.168.30.30:8080');
  await expect(page.getByTestId('pw-port')).toHaveValue('8080');
  await page.getByTestId('pw-walk').click();
  await expect(page.getByTestId('pw-verdict')).toContainText('Dropped');
  const last = page.getByTestId('pw-hops').locator('button').last();
  await last.click();
  await expect(page.getByTestId('pw-drop')).toContainText('Nothing in the VPC has this address');
  await expect(page.locator('.dp-marker.dropped')).toHaveCount(1);
  await shot(page, 'packet-walk-drop');
  expect(errors).toEqual([]);
});
