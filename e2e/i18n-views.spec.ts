/**
 * The explorer's views in zh-TW, zh-CN and ko: a lesson on the presenter stage with its packet
 * walk (pod to the internet, at the SNAT hop), the walk inside the node and on the map, the
 * node cards, the Export menu and the "real cluster" dialog. Each says its chrome in the reader's
 * language (the ip / iptables text as the tools print it), nothing is cut or wider than the
 * window at 1280×720 and 1024×768 (with presenter text too), axe is clean; screenshots are kept to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from './fixtures.ts';
import { expectNoSeriousAxeViolations, openApp, shot } from './helpers.ts';

interface Entry { id: string; steps: { title: string; fragment: string }[] }

/** The CLI's own step URLs (as lessons.spec.ts takes them). */
const LESSONS = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/main.ts', 'lessons'], { encoding: 'utf8' })) as Entry[];
/** Pod to the internet, step 2: the walk at the SNAT hop beside the node's `iptables -t nat -S`. */
const SNAT_STEP = LESSONS.find((l) => l.id === 'pod-to-internet')?.steps[1];

const CASES = [
  { browser: 'zh-TW', lang: 'zh-TW', walk: '封包追蹤', step: /^第 2 步，共 \d+ 步$/, hop: /^躍點 \d+ \/ \d+$/, pods: /^Pod \d+ \/ 最多 \d+$/, more: '更多', cluster: '在真實叢集上試試' },
  { browser: 'zh-CN', lang: 'zh-CN', walk: '数据包追踪', step: /^第 2 步，共 \d+ 步$/, hop: /^跃点 \d+ \/ \d+$/, pods: /^Pod \d+ \/ 最多 \d+$/, more: '更多', cluster: '在真实集群上试试' },
  { browser: 'ko-KR', lang: 'ko', walk: '패킷 추적', step: /^\d+단계 중 2단계$/, hop: /^홉 \d+ \/ \d+$/, pods: /^포드 \d+ \/ 최대 \d+$/, more: '더 보기', cluster: '실제 클러스터에서 해 보기' },
] as const;

/** Nothing wider than the window; no button, tab, select or label of these views cut inside its box. */
async function expectNothingCut(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)).toBe(false);
  const cut = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>(
    '.topbar button, .stage-tools button, .lesson-panel button, .lesson-panel summary, .pw button, .pw select, .pw .label, .pw-verdict, .pk-tab, .tb-menu-list button, .snippet-dialog button')]
    .filter((el) => el.offsetParent !== null && (el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > innerWidth + 1))
    .map((el) => el.textContent));
  expect(cut).toEqual([]);
  // A one-word label ("닫기", "關閉") on one line: Korean and Chinese may break between any two characters.
  const broken = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.topbar button, .lesson-panel button, .pw button, .pk-tab, .tb-menu-list button, .snippet-dialog button')]
    .filter((el) => {
      const only = el.childNodes.length === 1 && el.firstChild?.nodeType === Node.TEXT_NODE;
      if (el.offsetParent === null || !only || /\s/.test((el.textContent ?? '').trim())) return false;
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size > 1;
    })
    .map((el) => el.textContent));
  expect(broken).toEqual([]);
}

for (const c of CASES) {
  test.describe(`browser in ${c.browser}`, () => {
    test.use({ locale: c.browser });

    test(`${c.lang}: a lesson with its packet walk, the node cards, the Export menu and the real-cluster dialog`, async ({ page }) => {
      test.setTimeout(120_000);
      expect(SNAT_STEP).toBeDefined();
      await page.setViewportSize({ width: 1024, height: 768 });
      const errors = await openApp(page, SNAT_STEP?.fragment);
      await expect(page.locator('html')).toHaveAttribute('lang', c.lang);
      await expect(page.getByTestId('step-count')).toHaveText(c.step);
      const walk = page.getByRole('dialog', { name: c.walk });
      await expect(walk).toBeVisible();
      await expect(walk.locator('.pw-count')).toHaveText(c.hop);
      // The deciding rule as iptables prints it, whatever the language.
      await expect(page.getByTestId('pw-term')).toContainText('$ iptables -t nat -S');
      await expect(page.getByTestId('pw-term')).toContainText('AWS-SNAT-CHAIN-0');
      for (const [w, h] of [[1024, 768], [1280, 720]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await expectNothingCut(page);
        await shot(page, `i18n-views-${c.lang}-lesson-walk-${w}x${h}`);
      }
      await expectNoSeriousAxeViolations(page);
      // Presenter text size on a 1280×720 projector: the larger type still fits its buttons.
      await page.getByTestId('presenter').click();
      await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
      await expectNothingCut(page);
      await shot(page, `i18n-views-${c.lang}-lesson-walk-presenter-1280x720`);
      await page.getByTestId('presenter').click();
      await expect(page.locator('html')).toHaveAttribute('data-presenter', 'off');

      // The walk's other view (inside the node, or on the map).
      await page.setViewportSize({ width: 1024, height: 768 });
      const other = (await page.getByTestId('pw-view-map').getAttribute('aria-pressed')) === 'true' ? 'pw-view-node' : 'pw-view-map';
      await page.getByTestId(other).click();
      await expect(page.getByTestId(other)).toHaveAttribute('aria-pressed', 'true');
      await expectNothingCut(page);
      await shot(page, `i18n-views-${c.lang}-walk-${other === 'pw-view-map' ? 'map' : 'node'}-1024x768`);

      // Off the stage: the picture's node cards speak the language too.
      await page.getByTestId('stage-close').click();
      await page.locator('.pw-close').click();
      await expect(page.getByRole('dialog', { name: c.walk })).toHaveCount(0);
      await expect(page.locator('.pods-label').first()).toHaveText(c.pods);
      await expectNothingCut(page);
      await shot(page, `i18n-views-${c.lang}-cluster-1024x768`);

      // The Export (here More) menu and the real-cluster dialog: chrome translated, the commands as they run.
      // At 1024 px the theme moves into the menu, which is then called More.
      await expect(page.getByTestId('tb-menu')).toContainText(c.more);
      await page.getByTestId('tb-menu').click();
      await expect(page.getByTestId('export-cluster')).toBeVisible();
      await expectNothingCut(page);
      await shot(page, `i18n-views-${c.lang}-menu-1024x768`);
      await page.getByTestId('export-cluster').click();
      const dialog = page.getByRole('dialog', { name: c.cluster });
      await expect(dialog).toBeVisible();
      await expect(page.getByTestId('snippet-text')).toContainText('kubectl apply -f scenario.yaml');
      await expectNothingCut(page);
      await shot(page, `i18n-views-${c.lang}-snippet-1024x768`);
      expect(errors).toEqual([]);
    });
  });
}
