/**
 * The e2e specs' `test`: Playwright's, with the CPU of every page in the test throttled when
 * the project asks for it (`cpuThrottle`, the DevTools protocol's
 * Emulation.setCPUThrottlingRate). The throttled project runs the whole suite at 4×, so a
 * spec that only passes on an idle machine fails in CI instead of on a learner's laptop.
 * Chromium applies the rate to the page's main thread, not to its Web Worker (measured).
 */
import { test as base, type Page } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';

const throttled = new WeakMap<Page, Promise<void>>();

/** Resolves once the page runs at the project's throttle (openApp awaits it before navigating). */
export function throttleReady(page: Page): Promise<void> {
  return throttled.get(page) ?? Promise.resolve();
}

export const test = base.extend<{ cpuThrottle: number }>({
  cpuThrottle: [1, { option: true }],
  context: async ({ context, cpuThrottle }, use) => {
    if (cpuThrottle > 1) {
      const throttle = async (page: Page) => {
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
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
