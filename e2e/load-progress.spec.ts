/**
 * A link asking for a cluster at Kubernetes' limits (5,000 nodes, 30,000 pods, opened hours
 * into its timeline) builds in the worker in slices: the page shows what is being built, n of
 * m, in a progress bar with a Cancel button, and stays live. Escape (or Cancel) keeps the
 * scenario on screen as it was: its clock, its nodes, its selection, its theme. A smaller big
 * link loads to the end, and the progress goes away by itself.
 */
import { encodeFragment } from '../src/scenario/url-codec.ts';
import { expect, test, type Page } from './fixtures.ts';
import { openApp, runUntil, shot } from './helpers.ts';

const subnet = { id: 'subnet-0aaaaaaaaaaaaaaa1', availabilityZone: 'us-west-2a', cidr: '10.0.0.0/16' };

function bigLink(name: string, nodes: number, replicas: number, atMs: number, dark = false): string {
  return `${encodeFragment({
    scenario: {
      v: 1, name, vpc: { cidrs: ['10.0.0.0/16'] }, subnets: [subnet],
      nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: nodes, subnet: subnet.id }],
      deployments: ['web', 'api', 'worker'].map((d) => ({ name: d, replicas })),
    },
    moment: { timeMs: atMs },
  })}${dark ? '&v.theme=dark' : ''}`;
}

/**
 * Records, from the page itself, every state the progress bar was in: a quiet machine may build
 * a scenario between two of Playwright's polls, and the test must still see that it was drawn.
 */
function recordProgress(): void {
  const w = window as unknown as { vcxProgress: { now: number; max: number; text: string }[] };
  w.vcxProgress = [];
  new MutationObserver(() => {
    const bar = document.querySelector('[role=progressbar]');
    if (!bar) return;
    const seen = { now: Number(bar.getAttribute('aria-valuenow')), max: Number(bar.getAttribute('aria-valuemax')), text: bar.getAttribute('aria-valuetext') ?? '' };
    const last = w.vcxProgress.at(-1);
    if (!last || last.now !== seen.now || last.text !== seen.text) w.vcxProgress.push(seen);
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

const seenProgress = (page: Page) => page.evaluate(() => (window as unknown as { vcxProgress: { now: number; max: number; text: string }[] }).vcxProgress);

/** The numbers in the overview: nodes first. */
const facts = (page: Page) => page.locator('.overview .facts dd').allTextContents();

test('a 5,000-node link shows its progress, and Escape keeps the scenario on screen', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = await openApp(page);
  await runUntil(page, 20);
  const before = { time: await page.getByTestId('sim-time').textContent(), facts: await facts(page), title: '' };
  expect(before.facts[0]).toMatch(/^\d+$/);
  // A node selected from the keyboard (a click on the card may land on one of its ENIs or pods).
  await page.locator('g.node').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.node-inspector .title')).toBeVisible();
  before.title = (await page.locator('.node-inspector .title').textContent()) ?? '';

  // Pasted into the address bar of the running page. Three hours of a 5,000-node cluster: the
  // worker is busy for a long while, however fast the machine.
  await page.evaluate((h) => { location.hash = h; }, bigLink('Kubernetes at its limits', 5000, 10_000, 3 * 3600_000, true));
  const bar = page.getByRole('progressbar', { name: 'Loading “Kubernetes at its limits”' });
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveAttribute('aria-valuetext', /^(Starting nodes|Creating pods|Running to the link's moment|Building the picture): [\d,:.]+ of [\d,:.]+/);
  await expect(page.getByTestId('load-progress-text')).toHaveText(/ of /);
  const cancel = page.getByTestId('load-progress').getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 720 });
  await shot(page, 'load-progress-1280x720');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await expect(page.getByTestId('banner')).toContainText('Loading “Kubernetes at its limits” was cancelled');
  // The previous scenario, as it was: same moment, same cluster, same selection, same theme.
  await expect(page.getByTestId('sim-time')).toHaveText(before.time ?? '');
  await expect(page.locator('.node-inspector .title')).toHaveText(before.title);
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', 'dark');
  // Escape from the page itself (not the focused card) clears the selection: the totals are as they were.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Escape');
  await expect(page.locator('.overview .facts dd').first()).toHaveText(before.facts[0]);
  expect(await facts(page)).toEqual(before.facts);
  // …and it still runs.
  await runUntil(page, 25);
  expect(errors).toEqual([]);
});

test('a 1,000-node link builds in slices with its progress drawn, then opens', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(recordProgress);
  const errors = await openApp(page);
  await page.evaluate((h) => { location.hash = h; }, bigLink('One thousand nodes', 1000, 1000, 60_000));
  await expect(page.locator('.overview .facts dd').first()).toHaveText('1000', { timeout: 120_000 });
  await expect(page.getByTestId('sim-time')).toHaveText('1:00.0');
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await expect(page.getByTestId('banner')).toHaveCount(0);
  const seen = await seenProgress(page);
  // Drawn, moving, and saying n of m each time.
  expect(seen.length).toBeGreaterThan(1);
  for (const s of seen) {
    expect(s.text).toMatch(/\d[\d,:.]* of [\d,:.]+( nodes)?$/);
    expect(s.now).toBeLessThanOrEqual(s.max);
  }
  // Building 1,000 nodes takes more than one slice anywhere: the build itself was drawn.
  expect(seen.some((s) => /^(Starting nodes|Creating pods)/.test(s.text))).toBe(true);
  expect(errors).toEqual([]);
});

test('the Cancel button is reachable from the keyboard and cancels', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = await openApp(page);
  const before = await page.getByTestId('sim-time').textContent();
  const address = page.url();
  await page.evaluate((h) => { location.hash = h; }, bigLink('Cancelled by keyboard', 5000, 10_000, 3 * 3600_000));
  const cancel = page.getByTestId('load-progress').getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible({ timeout: 30_000 });
  // Tab from the top of the page reaches it (it is a button in the document's order).
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await cancel.evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await expect(page.getByTestId('banner')).toContainText('was cancelled');
  await expect(page.getByTestId('sim-time')).toHaveText(before ?? '');
  // The address bar is the scenario's again: a reload reopens it, not the cancelled link.
  await expect(page).toHaveURL(address);
  expect(errors).toEqual([]);
});
