/**
 * Hostile share links, opened as a first load and pasted into a running page: each shows
 * its banner quickly, the last good scenario keeps running, and no main-thread task runs
 * over 200 ms (a PerformanceObserver for 'longtask' installed before the page's scripts).
 * The links are built here the way an attacker would (fflate + base64url), not with the
 * app's code. Banner screenshots go to reports/screenshots/hostile-*.png; the measured
 * figures to reports/hostile-links.json (throttled: reports/hostile-links-throttled-4x.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync, strToU8 } from 'fflate';
import { cpuThrottle, expect, test, type Page } from './fixtures.ts';
import { idle, openApp, runUntil, shot, simSeconds } from './helpers.ts';

const link = (json: string) => `#v1.${Buffer.from(deflateSync(strToU8(json), { level: 9 })).toString('base64url')}`;
const SAMPLE = JSON.stringify({
  v: 1, name: 'hostile host', nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }], deployments: [{ name: 'web', replicas: 3 }],
});

/** Name, fragment, and what its banner must say. */
const HOSTILE: [string, string, RegExp][] = [
  ['deflate-bomb', link(`{"v":1,"name":"${'x'.repeat(50_000_000)}"}`), /inflates to more than 1,048,576 bytes/],
  ['env-name-202-chars', link(`{"v":1,"awsNode":{"env":{"${'W'.repeat(100_000)}":""}}}`), /is a key of 100,000 characters/],
  ['unknown-key-300k', link(`{"v":1,"${'k'.repeat(300_000)}":1}`), /is a key of 300,000 characters/],
  ['subnet-id-1m', link(`{"v":1,"vpc":{"cidrs":["192.168.0.0/16"]},"subnets":[{"id":"${'a'.repeat(1_000_000)}","cidr":"192.168.0.0/19"}]}`), /is 1,000,000 characters long/],
  ['node-groups-300k', link(`{"v":1,"nodeGroups":[${Array.from({ length: 300_000 }, () => '{}').join(',')}]}`), /holds more than 150,000 values/],
  ['t-twelve-digits', `${link(SAMPLE)}&t=999999999999`, /t=999999999999 ms is 31\.7 years/],
  ['malformed-base64', '#v1.AAAA!!not-base64', /bad base64 at char 8: "!" is not a base64url character/],
  ['wrong-version', `#v3.${link(SAMPLE).slice(4)}`, /unknown link version "v3"/],
];

/**
 * Time bounds are the built app's. The dev server (E2E_DEV=1: hundreds of unbundled modules,
 * React's development build, StrictMode's double renders) is some three times slower; there
 * the outcomes are asserted as strictly and the bounds tripled.
 */
const slower = () => (process.env.E2E_DEV === '1' ? 3 : 1) * cpuThrottle();
/** Longest main-thread task allowed (the 200 ms; times the throttled project's CPU rate). */
const longTaskMs = () => 200 * slower();
/** "A second or two" on an idle machine (reports/hostile-links.json); loosely bounded for a busy CI host. */
const bannerMs = () => 5_000 * slower();

const figures: Record<string, { bannerMs: number; longestTaskMs: number; plainBootLongestTaskMs?: number; playingLongestTaskMs?: number; fragmentChars: number }> = {};

test.use({ viewport: { width: 1280, height: 720 } });

/** Records every main-thread task over 50 ms ('longtask'), from before the page's own scripts run. */
const observeLongTasks = (page: Page) => page.addInitScript(() => {
  const w = window as unknown as { vcxLongTasks: number[] };
  w.vcxLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.vcxLongTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
});

test.beforeEach(async ({ page }) => {
  await observeLongTasks(page);
});

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { vcxLongTasks: number[] }).vcxLongTasks);
const clearLongTasks = (page: Page) => page.evaluate(() => { (window as unknown as { vcxLongTasks: number[] }).vcxLongTasks = []; });
/** ms on the page's clock since navigation, once the banner is there. */
const bannerAt = (page: Page) => page.waitForFunction(() => (document.querySelector('[data-testid="banner"]') ? performance.now() : 0), undefined, { timeout: 10_000, polling: 'raf' }).then((h) => h.jsonValue());

test.afterAll(() => {
  mkdirSync('reports', { recursive: true });
  // The throttled run's figures beside the learner's machine's, not over them.
  writeFileSync(cpuThrottle() > 1 ? `reports/hostile-links-${test.info().project.name}.json` : 'reports/hostile-links.json', `${JSON.stringify(figures, null, 2)}\n`);
});

/**
 * The longest main-thread task of a plain first load (no link) on this machine, right now:
 * the app's own boot (evaluating the bundle, the first render). A link must add nothing to it.
 */
async function plainBoot(page: Page): Promise<number> {
  const plain = await page.context().newPage();
  await observeLongTasks(plain);
  await openApp(plain);
  await idle(plain);
  const longest = Math.max(0, ...(await longTasks(plain)));
  await plain.close();
  return longest;
}

/**
 * Opened as a first load and pasted into a running page: four each, seven of the eight
 * inputs (CI's 20 minutes); the decoder meets all of them and more in the unit and fuzz
 * tests (src/scenario/link-fuzz.property.test.ts).
 */
const FIRST_LOAD = new Set(['deflate-bomb', 'unknown-key-300k', 'node-groups-300k', 'malformed-base64']);
/** Pasted into a running page: a bomb, a huge key, a moment past the end, a version this build does not read. */
const PASTED = new Set(['deflate-bomb', 'env-name-202-chars', 't-twelve-digits', 'wrong-version']);

for (const [name, hash, says] of HOSTILE) {
  if (FIRST_LOAD.has(name)) test(`${name}, opened as a first load: banner, the first sample runs, no long task`, async ({ page }) => {
    const plain = await plainBoot(page);
    const errors = await openApp(page, hash);
    const at = await bannerAt(page);
    const banner = page.getByRole('alert');
    await expect(banner).toContainText('This scenario link is broken');
    await expect(banner).toContainText(says);
    await expect(banner).toContainText('Showing the first sample scenario instead');
    expect((await banner.textContent())?.length ?? 0).toBeLessThan(1_500);
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('default-m5-large');
    await runUntil(page, 5);
    await shot(page, `hostile-${name}-first-load`);
    const longest = Math.max(0, ...(await longTasks(page)));
    figures[`${name} (first load)`] = { bannerMs: Math.round(at), longestTaskMs: Math.round(longest), plainBootLongestTaskMs: Math.round(plain), fragmentChars: hash.length };
    // 200 ms; where the app's own boot already takes longer on this machine (a busy CI host), no
    // longer than twice that boot (one boot to the next varied by 1.6× on CI): a link decoded on the main thread (or
    // a freeze like the 28 s one) would be far over either.
    expect(longest).toBeLessThan(Math.max(longTaskMs(), plain * 2));
    expect(at).toBeLessThan(bannerMs());
    expect(errors).toEqual([]);
  });

  if (PASTED.has(name)) test(`${name}, pasted into a running page: banner, the running scenario is kept and keeps running, no long task`, async ({ page }) => {
    const errors = await openApp(page);
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('three-az');
    await runUntil(page, 5);
    // What the running page does anyway (playing at 16×) on this machine, right now: the link must add nothing to it.
    await clearLongTasks(page);
    await runUntil(page, 10);
    const playing = Math.max(0, ...(await longTasks(page)));
    const nodes = await page.locator('g.node').count();
    const time = await page.getByTestId('sim-time').textContent();
    await clearLongTasks(page);
    const t0 = await page.evaluate(() => performance.now());
    await page.evaluate((h) => { location.hash = h; }, hash);
    const at = await bannerAt(page);
    const banner = page.getByRole('alert');
    await expect(banner).toContainText(says);
    await expect(banner).toContainText('The current scenario keeps running');
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('three-az');
    await expect(page.locator('g.node')).toHaveCount(nodes);
    await expect(page.getByTestId('sim-time')).toHaveText(time ?? '');
    await shot(page, `hostile-${name}-pasted`);
    const before = await simSeconds(page);
    await runUntil(page, before + 5);
    const tasks = await longTasks(page);
    figures[`${name} (pasted)`] = { bannerMs: Math.round(at - t0), longestTaskMs: Math.round(Math.max(0, ...tasks)), playingLongestTaskMs: Math.round(playing), fragmentChars: hash.length };
    // 200 ms; where the page's own playing already takes longer on this machine (a busy CI host),
    // no longer than twice that (as for a first load and the app's boot).
    expect(Math.max(0, ...tasks)).toBeLessThan(Math.max(longTaskMs(), playing * 2));
    expect(at - t0).toBeLessThan(bannerMs());
    expect(errors).toEqual([]);
  });
}

test('a link with warnings opens, and a banner lists each warning with its JSON path', async ({ page }) => {
  const hash = `${link(JSON.stringify({ ...JSON.parse(SAMPLE), awsNode: { env: { WARM_IPS_TARGET: '2' } }, replica: 3 }))}&t=86400000`;
  const errors = await openApp(page, hash);
  const banner = page.getByRole('status').filter({ hasText: 'opened with 3 warnings' });
  await expect(banner).toContainText('This scenario link opened with 3 warnings');
  await expect(banner.locator('li').filter({ hasText: 'awsNode.env.WARM_IPS_TARGET' })).toContainText('did you mean "WARM_IP_TARGET"');
  await expect(banner.locator('li').filter({ hasText: /^replica / })).toContainText('is not a field of the format and is ignored');
  await expect(banner.locator('li').filter({ hasText: /^t / })).toContainText('it opens at 3,600 s instead');
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('__current');
  await expect(page.getByTestId('sim-time')).toHaveText('1:00:00');
  await shot(page, 'hostile-link-warnings');
  expect(errors).toEqual([]);
});
