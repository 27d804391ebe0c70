/**
 * The explorer in zh-TW, zh-CN and ko: chosen from the browser's language, switched in the header
 * (under 300 ms), kept in local storage and in share links (a link wins over the stored choice),
 * `<html lang>` set, axe clean, and laid out without clipping at 1280×720 and 1024×768 (the
 * screenshots are looked at: the CJK fonts from fonts-noto-cjk must draw, not tofu).
 */
import { deflateSync, strToU8 } from 'fflate';
import { cpuThrottle, expect, test, type Page } from './fixtures.ts';
import { expectNoSeriousAxeViolations, openApp, shot, simSeconds } from './helpers.ts';

/** Browser locale → the language the app must choose, and a few words it must then show. */
const CASES = [
  { browser: 'zh-HK', lang: 'zh-TW', share: '分享連結', play: '播放', tab: '節點', timeline: '時間軸' },
  { browser: 'zh-SG', lang: 'zh-CN', share: '分享链接', play: '播放', tab: '节点', timeline: '时间线' },
  { browser: 'ko-KR', lang: 'ko', share: '링크 공유', play: '재생', tab: '노드', timeline: '타임라인' },
] as const;

/** Plays at 16× (by test id: the button's name is in the page's language) until the clock passes `seconds`. */
async function playTo(page: Page, seconds: number): Promise<void> {
  await page.getByTestId('speed').selectOption('16');
  await page.getByTestId('play').click();
  await expect.poll(() => simSeconds(page), { timeout: 30_000, intervals: [50] }).toBeGreaterThanOrEqual(seconds);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
}

/** Nothing wider than the window, every top-bar control wholly on screen, no text cut inside a button or tab. */
async function expectLayoutHolds(page: Page): Promise<void> {
  // A resize re-lays the bar (below 1280 px the theme moves into the More menu), so the controls
  // are read again until the bar has settled, not listed once before React has re-rendered.
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('.topbar button, .topbar select')]
    .filter((c) => { const r = c.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight); })
    .map((c) => c.getAttribute('aria-label') ?? c.textContent))).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)).toBe(false);
  const clipped = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.topbar button, .tabs button, .chips button, .stage-tools button, .facts dt')]
    .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent));
  expect(clipped).toEqual([]);
}

for (const c of CASES) {
  test.describe(`browser in ${c.browser}`, () => {
    test.use({ locale: c.browser });

    test(`speaks ${c.lang}: lang set, shell translated, tool output as the tools print it, axe clean, screenshots`, async ({ page }) => {
      const errors = await openApp(page);
      await expect(page.locator('html')).toHaveAttribute('lang', c.lang);
      await expect(page.getByTestId('language')).toHaveValue(c.lang);
      await expect(page.getByTestId('share')).toHaveText(c.share);
      await expect(page.getByTestId('play')).toHaveAttribute('aria-label', c.play);
      await expect(page.getByRole('tab', { name: c.tab })).toBeVisible();
      await expect(page.getByRole('heading', { name: c.timeline })).toBeVisible();
      await playTo(page, 30);
      // A node's tools print what the real commands print, in English, in every language.
      await page.locator('g.node').first().focus();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('terminal')).toContainText('$ kubectl get pods -A -o wide');
      await expect(page.getByTestId('terminal')).toContainText('NAMESPACE');
      await expectNoSeriousAxeViolations(page);
      for (const [w, h] of [[1280, 720], [1024, 768]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await expectLayoutHolds(page);
        await shot(page, `i18n-${c.lang}-${w}x${h}`);
      }
      // The aws-node tab: variable names stay, their help is translated.
      await page.getByRole('tab', { name: 'aws-node' }).click();
      await expect(page.getByText('WARM_IP_TARGET', { exact: true })).toBeVisible();
      await shot(page, `i18n-${c.lang}-aws-node-1024x768`);
      expect(errors).toEqual([]);
    });
  });
}

test.describe('shipped content in the reader\'s language', () => {
  test.use({ locale: 'ko-KR' });

  test('ko: a lesson from the menu opens with its step narrated in Korean, tool names and addresses as they are', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const errors = await openApp(page);
    const menu = page.locator('.scenario-picker select');
    await expect(menu.locator('option[value="lesson:pod-gets-a-vpc-ip"]')).toHaveText('(a) 파드가 VPC IP를 받는 방법');
    await menu.selectOption('lesson:pod-gets-a-vpc-ip');
    await expect(page.getByTestId('step-title')).toHaveText('새 m5.large');
    await expect(page.getByTestId('lesson-panel')).toContainText('탄력적 네트워크 인터페이스(ENI)');
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-next').click();
    await expect(page.getByTestId('step-title')).toHaveText('파드가 하나를 가져갑니다');
    await expect(page.getByTestId('lesson-panel')).toContainText('"from all to 192.168.6.93 lookup main"');
    await expectNoSeriousAxeViolations(page);
    await shot(page, 'i18n-ko-lesson-step-1280x720');
    expect(errors).toEqual([]);
  });
});

test.describe('the engine\'s explanations in the reader\'s language', () => {
  test.use({ locale: 'zh-TW' });

  test('zh-TW: ipamd\'s decisions in the timeline are translated, the EC2 API names in them kept; a lesson step narrated', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const errors = await openApp(page);
    await playTo(page, 30);
    await expect(page.locator('.event-text', { hasText: 'ipamd 以次要 IP 模式啟動' }).first()).toBeVisible();
    await expect(page.locator('.event-text', { hasText: /^集區不足：.* → AssignPrivateIpAddresses：在 ens5 / }).first()).toBeVisible();
    await page.locator('.scenario-picker select').selectOption('lesson:pod-to-pod');
    await expect(page.getByTestId('step-title')).toHaveText('離開 Pod');
    await page.getByTestId('step-next').click();
    await expect(page.getByTestId('step-title')).toHaveText('規則 512 與 main 表');
    await expect(page.getByTestId('lesson-panel')).toContainText('「from all to 192.168.6.130 lookup main」');
    await shot(page, 'i18n-zh-TW-lesson-step-1280x720');
    // The step's packet walk stands at hop 10, the route that hands the packet to the other pod's veth.
    await expect(page.getByTestId('pw-tool').locator('.pw-note')).toHaveText('從 eni7bd559692c0 送出');
    expect(errors).toEqual([]);
  });
});

test.describe('an English browser', () => {
  test('switches language from the header in under 300 ms, keeps it, and shares it; a link wins over the stored choice', async ({ page }) => {
    await openApp(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('share')).toHaveText('Share link');
    // Options name each language in its own script.
    await expect(page.getByTestId('language').locator('option')).toHaveText(['English', '繁體中文', '简体中文', '한국어']);

    // From the change event until <html lang> and the text have changed (the first switch loads the catalogue).
    const switchMs = async (lang: string, text: string) => page.evaluate(async ([lang, text]) => {
      const select = document.querySelector<HTMLSelectElement>('[data-testid="language"]') as HTMLSelectElement;
      const share = document.querySelector('[data-testid="share"]') as HTMLElement;
      const t0 = performance.now();
      select.value = lang;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      while (document.documentElement.lang !== lang || share.textContent !== text) {
        await new Promise((r) => requestAnimationFrame(r));
        if (performance.now() - t0 > 5000) throw new Error(`no switch to ${lang}`);
      }
      return performance.now() - t0;
    }, [lang, text] as const);
    const first = await switchMs('ko', '링크 공유');
    const back = await switchMs('en', 'Share link');
    const again = await switchMs('zh-CN', '分享链接');
    console.log(`language switch: ko (first, loads the catalogue) ${first.toFixed(0)} ms, en ${back.toFixed(0)} ms, zh-CN ${again.toFixed(0)} ms`);
    // 300 ms on the learner's machine; the same work on a CPU throttled N× gets N times that.
    const budget = 300 * cpuThrottle();
    for (const ms of [first, back, again]) expect(ms).toBeLessThan(budget);

    // Kept for the next visit.
    expect(await page.evaluate(() => localStorage.getItem('vcx.lang'))).toBe('zh-CN');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('share')).toHaveText('分享链接');

    // A share link carries the language; opened by a reader who chose Korean, it opens in Chinese.
    await page.getByTestId('share').click();
    await expect(page).toHaveURL(/&v\.lang=zh-CN/);
    const link = new URL(page.url()).hash;
    await page.evaluate(() => localStorage.setItem('vcx.lang', 'ko'));
    await page.goto('about:blank');
    await openApp(page, link.replace('v.lang=zh-CN', 'v.lang=zh-TW'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(page.getByTestId('share')).toHaveText('分享連結');
    // Opening a link does not overwrite the reader's own choice.
    expect(await page.evaluate(() => localStorage.getItem('vcx.lang'))).toBe('ko');
  });

  test('a broken link\'s banner is in the reader\'s language; the JSON path and the validator\'s words stay', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('vcx.lang', 'zh-TW'));
    await openApp(page, '#v1.AAAA!!broken');
    const banner = page.getByTestId('banner');
    await expect(banner).toContainText('此情境連結已損壞');
    await expect(banner).toContainText('改為顯示第一個範例情境');
    // A scenario the validator refuses: its problem in Chinese, the path and the quoted names as they are.
    const json = JSON.stringify({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.lareg', count: 1 }] });
    await page.evaluate((hash) => { location.hash = hash; }, `#v1.${Buffer.from(deflateSync(strToU8(json), { level: 9 })).toString('base64url')}`);
    await expect(banner).toContainText('"m5.lareg" 不是模擬器認得的 EC2 執行個體類型');
    await expect(banner).toContainText('nodeGroups[0].instanceType');
    await expect(banner).toContainText('"m5.large"');
    await shot(page, 'i18n-zh-TW-invalid-scenario-banner');
  });
});
