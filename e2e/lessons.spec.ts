/**
 * Lessons on the presenter stage: every shipped lesson opens at each of its steps (by its
 * step URL, as `npm run sim -- lessons` prints it) in the stated state; next / previous by
 * keyboard (arrows, PageUp / PageDown, space); picking a lesson from the scenario menu;
 * screenshots of each lesson's first step at 1280×720; the authoring round trip.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from './fixtures.ts';
import { LESSONS as LIBRARY } from '../src/scenario/lessons/index.ts';
import { openApp, shot } from './helpers.ts';

interface Entry { id: string; title: string; steps: { title: string; fragment: string }[] }

/** The CLI's own output: the handout a trainer prints. */
const LESSONS = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/main.ts', 'lessons'], { encoding: 'utf8' })) as Entry[];

async function expectStep(page: Page, entry: Entry, i: number) {
  await expect(page.getByTestId('step-title')).toHaveText(entry.steps[i].title);
  await expect(page.getByTestId('step-count')).toHaveText(`Step ${i + 1} of ${entry.steps.length}`);
  await expect(page.getByTestId('lesson-panel').getByRole('button', { name: entry.steps[i].title })).toHaveAttribute('aria-current', 'step');
}

/** Seconds on the clock. */
async function clock(page: Page): Promise<number> {
  const [m, s] = ((await page.getByTestId('sim-time').textContent()) ?? '0:0').split(':').map(Number);
  return m * 60 + s;
}

for (const entry of LESSONS) {
  test(`lesson ${entry.id}: every step URL opens that step in its stated state`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    const errors = await openApp(page, entry.steps[0].fragment);
    for (let i = 0; i < entry.steps.length; i++) {
      // The first step's URL as a fresh load; the others pasted into the running page, as a trainer
      // opens the next link of a handout (a fresh load of a later step: the keyboard test below).
      if (i > 0) await page.evaluate((f) => { location.hash = f.slice(1); }, entry.steps[i].fragment);
      await expectStep(page, entry, i);
      const moment = Number(/&t=(\d+)/.exec(entry.steps[i].fragment)?.[1]) / 1000;
      await expect.poll(() => clock(page)).toBe(moment);
      // What the step shows: its selection in the inspector, its packet walk at its hop.
      const view = LIBRARY.find((l) => l.id === entry.id)?.scenario.steps?.[i].view ?? {};
      const selected = /^(?:node|pod|eni):(?:[^/]+\/)?(.+)$/.exec(view.sel ?? '')?.[1];
      if (selected) await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText(selected);
      const hop = /\|(\d+)$/.exec(view.pw ?? '')?.[1];
      if (hop) await expect(page.getByRole('dialog', { name: 'Packet walk' })).toContainText(`Hop ${hop} / `);
      else await expect(page.getByRole('dialog', { name: 'Packet walk' })).toHaveCount(0);
      const fragment = decodeURIComponent(entry.steps[i].fragment);
      if (i === 0) await shot(page, `lesson-${entry.id}-step1-1280x720`);
      expect(fragment).toContain(`v.step=${i + 1}`);
    }
    expect(errors).toEqual([]);
  });
}

test('next and previous by keyboard, as a presentation clicker sends them; the URL follows the step', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const entry = LESSONS[0];
  const errors = await openApp(page, entry.steps[0].fragment);
  await expectStep(page, entry, 0);
  await page.keyboard.press('ArrowRight');
  await expectStep(page, entry, 1);
  await page.keyboard.press('PageDown');
  await expectStep(page, entry, 2);
  await page.keyboard.press(' ');
  await expectStep(page, entry, 3);
  await expect(page).toHaveURL(/&v\.step=4$/);
  await page.keyboard.press('PageUp');
  await expectStep(page, entry, 2);
  await page.keyboard.press('ArrowLeft');
  await expectStep(page, entry, 1);
  await expect(page).toHaveURL(/&v\.step=2$/);
  // Every control reachable at 1024×768: the stage's buttons and the top bar's are on screen.
  for (const id of ['step-previous', 'step-next', 'stage-close', 'share', 'lesson-toggle']) await expect(page.getByTestId(id)).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)).toBe(false);
  await shot(page, 'lesson-stage-1024x768');
  // The step URL reopens that step in a fresh page.
  const url = page.url();
  const fresh = await page.context().newPage();
  await fresh.setViewportSize({ width: 1024, height: 768 });
  await fresh.goto(url);
  await expectStep(fresh, entry, 1);
  expect(errors).toEqual([]);
});

test('a lesson picked from the scenario menu opens on the stage at its first step', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await openApp(page);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(`lesson:${LESSONS[3].id}`);
  await expectStep(page, LESSONS[3], 0);
  await page.getByTestId('step-next').click();
  await expectStep(page, LESSONS[3], 1);
  await page.getByTestId('stage-close').click();
  await expect(page.getByTestId('lesson-panel')).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Scenario controls' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('authoring round trip: add a step from the view, edit it, share, reopen in a fresh browser context, identical', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await openApp(page);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('t3-medium-max-pods');
  await page.getByTestId('step').click();
  await page.getByTestId('lesson-toggle').click();
  await expect(page.getByTestId('lesson-panel')).toContainText('No steps yet');
  await page.getByTestId('add-step').click();
  await expect(page.getByTestId('step-title')).toHaveText('Step 1');
  await page.getByTestId('edit-title').fill('Three small nodes');
  await page.getByTestId('edit-narration').fill('Each t3.medium takes 17 pods.\n\nWatch the api pods fill them.');
  await expect(page.getByTestId('step-title')).toHaveText('Three small nodes');
  await page.getByTestId('add-step').click();
  await page.getByTestId('edit-title').fill('Second look');
  await expect(page.getByTestId('step-count')).toHaveText('Step 2 of 2');
  await page.getByTestId('share').click();
  await expect(page).toHaveURL(/&v\.step=2/);
  const url = page.url();
  const panel = await page.getByTestId('lesson-panel').getByRole('list', { name: 'Steps' }).innerText();

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const fresh = await context.newPage();
  await fresh.goto(url);
  await expect(fresh.getByTestId('step-title')).toHaveText('Second look');
  expect(await fresh.getByTestId('lesson-panel').getByRole('list', { name: 'Steps' }).innerText()).toBe(panel);
  await fresh.getByTestId('step-previous').click();
  await expect(fresh.getByTestId('step-title')).toHaveText('Three small nodes');
  await expect(fresh.getByTestId('lesson-panel')).toContainText('Watch the api pods fill them.');
  await context.close();
  expect(errors).toEqual([]);
});
