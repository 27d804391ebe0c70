/** Shared steps for the e2e specs: open the app, drive time, read the picture, keep screenshots. */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { atFullSpeed, cpuThrottle, test, throttleReady } from './fixtures.ts';

export const SHOTS = 'reports/screenshots';

/** Where this test keeps its screenshots: the throttled run's beside the others, not over them. */
function shotsDir(): string {
  return cpuThrottle() > 1 ? `${SHOTS}/${test.info().project.name}` : SHOTS;
}

/** Opens the app (optionally at a fragment) and fails the test on any console error. */
export async function openApp(page: Page, hash = ''): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await throttleReady(page);
  await page.goto(`/${hash}`);
  await expect(page.getByTestId('topology')).toBeVisible();
  // A link at a late moment runs the simulation there first: wait for it, not for a fixed time.
  await expect(page.locator('.vpc-label')).toHaveText(/VPC vpc-/, { timeout: 30_000 });
  return errors;
}

export async function pickScenario(page: Page, id: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(id);
  await expect(page.getByTestId('sim-time')).toHaveText('0:00.0');
}

/** Seconds of simulated time shown by the clock. */
export async function simSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('sim-time').textContent()) ?? '0:00.0';
  const parts = text.split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

/** Plays at `speed` until the clock passes `seconds`, then pauses. */
export async function runUntil(page: Page, seconds: number, speed = 16): Promise<void> {
  await page.getByTestId('speed').selectOption(String(speed));
  await page.getByTestId('play').click();
  await expect.poll(() => simSeconds(page), { timeout: 30_000, intervals: [50] }).toBeGreaterThanOrEqual(seconds);
  await page.getByRole('button', { name: 'Pause' }).click();
}

/** Plays at `speed` until `ready` resolves (an assertion that waits), then pauses. */
export async function playUntil(page: Page, ready: () => Promise<void>, speed = 16): Promise<void> {
  await page.getByTestId('speed').selectOption(String(speed));
  await page.getByTestId('play').click();
  await ready();
  await page.getByRole('button', { name: 'Pause' }).click();
}

/** The warm-pool numbers printed on the first node card. */
export async function budget(page: Page, nth = 0): Promise<{ assigned: number; warm: number; cooling: number }> {
  const text = (await page.locator('.budget-label').nth(nth).textContent()) ?? '';
  const m = /IPs (\d+) assigned · (\d+) warm · (\d+) cooling/.exec(text);
  if (!m) throw new Error(`no budget label: "${text}"`);
  return { assigned: Number(m[1]), warm: Number(m[2]), cooling: Number(m[3]) };
}

/**
 * Waits for the page's main thread to go idle (requestIdleCallback): every render, effect and
 * queued task of what came before has run. A wait on state, not a fixed sleep.
 */
export async function idle(page: Page, patienceMs = 30_000): Promise<void> {
  const settled = page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve()))).then(() => true);
  const late = new Promise<false>((resolve) => { setTimeout(() => resolve(false), patienceMs); });
  if (await Promise.race([settled, late])) return;
  // A page that never goes idle is a bug of its own: say what its main thread is running.
  throw new Error(`the page's main thread did not go idle in ${patienceMs / 1000} s; it was running: ${await mainThreadStack(page)}`);
}

/**
 * The page's JavaScript stack right now (the debugger paused for a moment), or why there is none:
 * a main thread stuck in JavaScript may not even answer the debugger, so it gets 5 s in all.
 */
async function mainThreadStack(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const stack = (async () => {
    const paused = new Promise<string>((resolve) => {
      cdp.once('Debugger.paused', (e) => resolve(e.callFrames.slice(0, 25).map((f) => `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.location.lineNumber + 1}:${(f.location.columnNumber ?? 0) + 1}`).join(' < ')));
    });
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
    return paused;
  })();
  const out = await Promise.race([stack, new Promise<string>((resolve) => { setTimeout(() => resolve('unknown: the page did not answer the debugger within 5 s (stuck in a task)'), 5_000); })]).catch((e: unknown) => `unknown: ${String(e)}`);
  void cdp.send('Debugger.resume').catch(() => {}).then(() => cdp.detach()).catch(() => {});
  return out;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shotsDir()}/${name}.png` });
}

/** axe-core finds no serious or critical violation on the page as it is now (its analysis at full speed). */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const result = await atFullSpeed(page, () => new AxeBuilder({ page }).analyze());
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

/**
 * The packet walk specs' start: three-az played to 2:10 (every web pod running, one node per
 * zone), the walk panel opened; returns its "from" select once the web pods are listed in it.
 */
export async function openWalkOnThreeAz(page: Page) {
  await pickScenario(page, 'three-az');
  await runUntil(page, 130, 64);
  await page.getByRole('button', { name: 'Packet walk' }).click();
  const from = page.getByTestId('pw-from');
  await expect(from.locator('option[value^="default/web-"]').first()).toBeAttached();
  return from;
}
