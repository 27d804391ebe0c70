/**
 * How every Playwright run here launches Chromium: the one find-chromium.ts picks, with the
 * flags that work as root on a machine whose network is closed (see toolchain.md). Without a
 * Chromium the run stops here, at config time, with one line.
 */
import { chromium } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { findChromium } from './find-chromium.ts';

function playwrightChromium(): string | undefined {
  try { return chromium.executablePath(); } catch { return undefined; }
}

function playwrightHeadlessShell(): boolean {
  const own = playwrightChromium();
  // <cache>/chromium-<rev>/chrome-linux64/chrome → <cache>/chromium_headless_shell-<rev>/
  const m = own ? /chromium-(\d+)$/.exec(dirname(dirname(own))) : null;
  if (!own || !m) return false;
  const cache = dirname(dirname(dirname(own)));
  try { return readdirSync(cache).includes(`chromium_headless_shell-${m[1]}`); } catch { return false; }
}

const choice = findChromium({ env: process.env, exists: existsSync, playwrightChromium, playwrightHeadlessShell });
if (!choice.ok) {
  console.error(choice.message);
  process.exit(1);
}

export const chromiumLaunchOptions = {
  ...(choice.executablePath ? { executablePath: choice.executablePath } : {}),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
