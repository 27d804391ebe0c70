/**
 * The e2e specs' `test`: Playwright's, with the CPU of every page in the test throttled when
 * the project asks for it (`cpuThrottle`, the DevTools protocol's
 * Emulation.setCPUThrottlingRate). The throttled project runs the whole suite at 4×, so a
 * spec that only passes on an idle machine fails in CI instead of on a learner's laptop.
 * Chromium applies the rate to the page's main thread, not to its Web Worker (measured).
 */
import { test as base, type CDPSession, type Page } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';

const throttled = new WeakMap<Page, Promise<void>>();
/** Each throttled page's DevTools session and rate. */
const sessions = new WeakMap<Page, { cdp: CDPSession; rate: number }>();

/** Resolves once the page runs at the project's throttle (openApp awaits it before navigating). */
export function throttleReady(page: Page): Promise<void> {
  return throttled.get(page) ?? Promise.resolve();
}

/** How many times slower the running test's project makes the page's CPU (1: not throttled). */
export function cpuThrottle(): number {
  return (test.info().project.use as { cpuThrottle?: number }).cpuThrottle ?? 1;
}

/**
 * Runs a test tool's own work inside the page (axe-core's analysis) at the CPU's full speed, and
 * throttles the page again before the test goes on. What axe finds does not depend on the CPU's
 * speed, and axe is no part of the app: at 4× one analysis of the picture costs 5–7 s of a core,
 * a sixth of the throttled run. The page's own waits before and after it stay throttled.
 */
export async function atFullSpeed<T>(page: Page, work: () => Promise<T>): Promise<T> {
  await throttleReady(page);
  const session = sessions.get(page);
  if (!session) return work();
  await session.cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  try {
    return await work();
  } finally {
    await session.cdp.send('Emulation.setCPUThrottlingRate', { rate: session.rate }).catch(() => { /* the page closed */ });
  }
}

export const test = base.extend<{ cpuThrottle: number }>({
  cpuThrottle: [1, { option: true }],
  context: async ({ context, cpuThrottle }, use) => {
    if (cpuThrottle > 1) {
      const throttle = async (page: Page) => {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
        sessions.set(page, { cdp, rate: cpuThrottle });
      };
      context.on('page', (page) => throttled.set(page, throttle(page)));
    }
    await use(context);
  },
  page: async ({ page }, use) => {
    await throttleReady(page);
    await use(page);
  },
});
