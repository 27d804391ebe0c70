import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { DEBIAN_CHROMIUM, findChromium, type FindChromiumDeps } from './find-chromium.ts';

const PW = '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

function deps(files: string[], env: Record<string, string> = {}, headlessShell = false): FindChromiumDeps {
  return { env, exists: (p) => files.includes(p), playwrightChromium: () => PW, playwrightHeadlessShell: () => headlessShell };
}

describe('which Chromium the e2e run drives', () => {
  it('CHROMIUM_PATH first, and says so in one line when it points nowhere', () => {
    expect(findChromium(deps(['/opt/chrome', DEBIAN_CHROMIUM], { CHROMIUM_PATH: '/opt/chrome' }))).toEqual({ ok: true, executablePath: '/opt/chrome', from: 'CHROMIUM_PATH' });
    const r = findChromium(deps([DEBIAN_CHROMIUM], { CHROMIUM_PATH: '/nope/chrome' }));
    expect(r).toEqual({ ok: false, message: 'e2e: CHROMIUM_PATH="/nope/chrome" does not exist; unset it or point it at a Chrome or Chromium binary.' });
  });

  it('then Debian’s, then the one Playwright installed, then its headless shell', () => {
    expect(findChromium(deps([DEBIAN_CHROMIUM, PW]))).toMatchObject({ executablePath: DEBIAN_CHROMIUM, from: 'debian' });
    expect(findChromium(deps([PW]))).toMatchObject({ executablePath: PW, from: 'playwright' });
    expect(findChromium(deps([], {}, true))).toEqual({ ok: true, from: 'playwright-headless-shell' });
  });

  it('stops with one line saying how to get one when there is none', () => {
    const r = findChromium(deps([]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.split('\n')).toHaveLength(1);
    expect(r.message).toContain('apt-get install chromium');
    expect(r.message).toContain('npx playwright install chromium');
  });
});

describe('npm run test:e2e without a Chromium', () => {
  it('stops before building, with the one line once (not once per Playwright run), and exits 1', () => {
    const t0 = Date.now();
    const r = spawnSync('node', ['scripts/e2e.mjs'], { encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nope/chrome' } });
    expect(r.status).toBe(1);
    expect(`${r.stdout}${r.stderr}`.trim().split('\n')).toEqual(['e2e: CHROMIUM_PATH="/nope/chrome" does not exist; unset it or point it at a Chrome or Chromium binary.']);
    // No build and no browser: a listing's time, not a run's.
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
