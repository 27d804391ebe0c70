import { expect, test } from './fixtures.ts';
import { expectNoSeriousAxeViolations, openApp, pickScenario, playUntil, shot } from './helpers.ts';

/** The element that has focus: its class, data-sel and the node card around it. */
const focused = (page: import('@playwright/test').Page) => page.evaluate(() => {
  const el = document.activeElement;
  return { cls: el?.getAttribute('class') ?? '', sel: el?.getAttribute('data-sel') ?? '', node: (el?.closest('g.node') as SVGGElement | null)?.dataset.name ?? '' };
});

test('the cluster picture is one tab stop: arrow keys walk nodes, ENIs and pods; Enter inspects; a warned node shows the focus ring', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await openApp(page);
  await pickScenario(page, 'subnet-exhaustion');
  await playUntil(page, () => expect(page.locator('g.node.has-warning').first()).toBeAttached({ timeout: 30_000 }));
  const picture = page.getByTestId('topology');
  await expect(picture.locator('[tabindex="0"]')).toHaveCount(1);
  // Tab from the control before the picture lands on its one stop; Tab again leaves it.
  await picture.locator('[tabindex="0"]').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect((await focused(page)).cls).toMatch(/^node\b/);

  // ArrowDown to the first node with a warning: the focus colour, not the warning's, outlines its card.
  const warned = (await page.locator('g.node.has-warning').first().getAttribute('data-name')) ?? '';
  for (let i = 0; i < 20 && (await focused(page)).node !== warned; i++) await page.keyboard.press('ArrowDown');
  expect((await focused(page)).node).toBe(warned);
  const colours = await page.evaluate(() => {
    const card = document.activeElement?.querySelector('.node-card');
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--focus');
    document.body.append(probe);
    const focus = getComputedStyle(probe).color;
    probe.remove();
    return { stroke: card ? getComputedStyle(card).stroke : '', width: card ? getComputedStyle(card).strokeWidth : '', focus };
  });
  expect(colours.stroke).toBe(colours.focus);
  expect(parseFloat(colours.width)).toBeGreaterThanOrEqual(4);
  await shot(page, 'keyboard-warned-node-1280x720');

  // Into the node: its ENI rows first, Enter opens the ENI inspector.
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await focused(page)).sel).toMatch(/^eni:eni-/);
  const eni = (await focused(page)).sel.slice(4);
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('ENI');
  await expect(inspector.locator('.title')).toHaveText(eni);
  // Down past the ENIs to the pods; Enter opens the pod.
  for (let i = 0; i < 12 && !(await focused(page)).sel.startsWith('pod:'); i++) await page.keyboard.press('ArrowDown');
  const pod = (await focused(page)).sel.slice(4);
  expect(pod).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
  await page.keyboard.press('Enter');
  await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('Pod');
  await expect(inspector.locator('.title')).toHaveText(pod.split('/')[1]);
  // Back to the node; still one tab stop, and it is where the user is.
  await page.keyboard.press('ArrowLeft');
  expect((await focused(page)).cls).toMatch(/^node\b/);
  expect((await focused(page)).node).toBe(warned);
  await expect(picture.locator('[tabindex="0"]')).toHaveCount(1);
  await expect(picture.locator(`g.node[data-name="${warned}"]`)).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=topology]'))).toBe(false);
  await expectNoSeriousAxeViolations(page);
  expect(errors).toEqual([]);
});
