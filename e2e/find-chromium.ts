/**
 * Which Chromium the e2e and UI-benchmark runs drive, decided once when the config loads:
 * CHROMIUM_PATH if set; else Debian's /usr/bin/chromium; else a Chromium that Playwright
 * installed into its own cache; else nothing — and the run stops with one line saying how to
 * get one, instead of every test failing with a launch stack trace.
 */

export type ChromiumChoice =
  | { ok: true; executablePath?: string; from: 'CHROMIUM_PATH' | 'debian' | 'playwright' | 'playwright-headless-shell' }
  | { ok: false; message: string };

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface FindChromiumDeps {
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  /** Where Playwright's own Chromium would be (chromium.executablePath()), installed or not. */
  playwrightChromium(): string | undefined;
  /** Is Playwright's headless shell (same revision) in its cache? */
  playwrightHeadlessShell(): boolean;
}

const HOW = 'apt-get install chromium (Debian), or npx playwright install chromium, or set CHROMIUM_PATH to a Chrome or Chromium binary';

export function findChromium(d: FindChromiumDeps): ChromiumChoice {
  const wanted = d.env.CHROMIUM_PATH;
  if (wanted) {
    return d.exists(wanted) ? { ok: true, executablePath: wanted, from: 'CHROMIUM_PATH' }
      : { ok: false, message: `e2e: CHROMIUM_PATH=${JSON.stringify(wanted)} does not exist; unset it or point it at a Chrome or Chromium binary.` };
  }
  if (d.exists(DEBIAN_CHROMIUM)) return { ok: true, executablePath: DEBIAN_CHROMIUM, from: 'debian' };
  const own = d.playwrightChromium();
  if (own && d.exists(own)) return { ok: true, executablePath: own, from: 'playwright' };
  // Playwright launches its headless shell by itself when no executable is given.
  if (d.playwrightHeadlessShell()) return { ok: true, from: 'playwright-headless-shell' };
  return { ok: false, message: `e2e: no Chromium found (${DEBIAN_CHROMIUM} is missing and Playwright has none in its cache): ${HOW}.` };
}
