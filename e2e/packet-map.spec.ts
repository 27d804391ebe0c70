import type { Locator } from '@playwright/test';
import { expect, test, type Page } from './fixtures.ts';
import { expectNoSeriousAxeViolations, openApp, openWalkOnThreeAz, pickScenario, runUntil, shot } from './helpers.ts';

/** The centre of a locator's box, in page pixels. */
async function centre(l: Locator): Promise<[number, number]> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not laid out');
  return [b.x + b.width / 2, b.y + b.height / 2];
}

/** Is the marker's centre on the element (its box, with `slack` pixels around it)? */
async function sitsOn(marker: Locator, el: Locator, slack = 4): Promise<boolean> {
  const [x, y] = await centre(marker);
  const b = await el.boundingBox();
  if (!b) return false;
  return x >= b.x - slack && x <= b.x + b.width + slack && y >= b.y - slack && y <= b.y + b.height + slack;
}

/** three-az's /19 subnet of a pod address (one node per AZ, each in its own subnet). */
const subnet = (ip: string) => Math.floor(Number(ip.split('.')[2]) / 32);

async function walkOnMap(page: Page, from: string, to: string): Promise<void> {
  if (!(await page.getByRole('dialog', { name: 'Packet walk' }).isVisible())) await page.getByTestId('packet-walk-open').click();
  await page.getByTestId('pw-from').selectOption(from);
  await page.getByTestId('pw-to').selectOption('__typed');
  await page.getByTestId('pw-to-ip').fill(to);
  await page.getByTestId('pw-walk').click();
  await expect(page.getByTestId('pw-verdict')).toBeVisible();
  await page.getByTestId('pw-view-map').click();
}

test('a packet travels on the cluster picture: pod, its ENI, the VPC fabric, the other node\'s ENI, the pod; the callout names device, rule and table', async ({ page }) => {
  // A whole walk stepped hop by hop with box checks, and an axe scan: past 60 s on the loaded 2-core machine.
  test.setTimeout(150_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await openApp(page);
  const from = await openWalkOnThreeAz(page);
  // Two web pods on different nodes: three-az has one node per AZ, each in its own /19 subnet.
  const opts = await from.locator('option[value^="default/web-"]').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent?.split(' · ')[1] ?? '']));
  const [src, srcIp] = opts[0];
  const [dst, dstIp] = opts.find(([, ip]) => subnet(ip) !== subnet(srcIp)) ?? ['', ''];
  expect(dst).not.toBe('');
  await page.getByRole('button', { name: 'Close the packet walk' }).click();
  await walkOnMap(page, src, `${dstIp}:80`);
  await expect(page.getByTestId('pw-verdict')).toContainText('Delivered, and the reply came back');

  const marker = page.getByTestId('pm-marker-A');
  // Followed by the camera, the picture is zoomed in far enough for the cards' pods.
  const srcCard = page.locator(`g.node:has(.pods [data-sel="pod:${src}"])`);
  await expect(srcCard).toHaveCount(1);
  const srcNode = (await srcCard.getAttribute('data-name')) ?? '';
  const dstCard = page.locator(`g.node:has(.pods [data-sel="pod:${dst}"])`);
  // Hop 1: in the source pod, on its chip.
  await expect(marker).toHaveAttribute('data-anchor', `pod:${srcNode}/${src}`);
  expect(await sitsOn(marker, srcCard.locator(`.pods [data-sel="pod:${src}"]`))).toBe(true);
  const seen: string[] = [];
  const positions = new Set<string>();
  const hops = await page.getByTestId('pw-hops').locator('button').count();
  for (let i = 0; i < hops; i++) {
    const anchor = (await marker.getAttribute('data-anchor')) ?? '';
    if (seen.at(-1) !== anchor) seen.push(anchor);
    // In the picture's own coordinates: on screen the followed packet stays where the camera holds it.
    positions.add((await marker.getAttribute('transform')) ?? '');
    // On an ENI: the marker sits on one of that node's ENI rows.
    if (anchor.startsWith('dev:')) {
      const card = anchor.startsWith(`dev:${srcNode}:`) ? srcCard : dstCard;
      const rows = card.locator('g.eni .eni-box');
      let on = false;
      for (let r = 0; r < await rows.count(); r++) on ||= await sitsOn(marker, rows.nth(r));
      expect(on, `${anchor} on an ENI row`).toBe(true);
    }
    if (anchor === 'vpc') await expect(page.getByTestId('pm-badge-vpc')).toBeVisible();
    if (anchor.startsWith(`host:${srcNode}`) && (await page.locator('.pw-step').first().textContent()) === 'route') {
      await expect(page.getByTestId('pm-callout')).toContainText(/→ rule \d+ → table \w+/);
    }
    if (i === 12) await shot(page, 'packet-map-1280x720');
    if (i < hops - 1) await page.getByTestId('pw-forward').click();
  }
  // pod → veth → host → ENI → VPC → the other node's ENI → host → veth → pod, then back.
  const kinds = seen.map((a) => a.split(':')[0]);
  expect(kinds.slice(0, kinds.indexOf('vpc') + 1)).toEqual(['pod', 'veth', 'host', 'dev', 'vpc']);
  expect(seen.some((a) => a.endsWith(`/${dst}`) && a.startsWith('pod:') && !a.startsWith(`pod:${srcNode}/`))).toBe(true);
  expect(seen.at(-1)).toBe(`pod:${srcNode}/${src}`);
  expect(positions.size).toBeGreaterThan(6);
  // The last hop: back on the source pod's chip.
  expect(await sitsOn(marker, srcCard.locator(`.pods [data-sel="pod:${src}"]`))).toBe(true);
  await expectNoSeriousAxeViolations(page);

  // The share link keeps the map view and the hop.
  await page.getByTestId('share').click();
  await expect(page).toHaveURL(/&v\.pwv=map(&|$)/);
  expect(errors).toEqual([]);
});

test('on the map: a branch-ENI pod\'s packet leaves by its VLAN cell on the trunk; 8.8.8.8 is named; two packets, two markers', async ({ page }) => {
  // A whole walk stepped hop by hop with box checks, and an axe scan: past 60 s on the loaded 2-core machine.
  test.setTimeout(150_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const errors = await openApp(page);
  await pickScenario(page, 'security-groups-for-pods');
  await runUntil(page, 40, 16);
  await page.getByRole('button', { name: 'Packet walk' }).click();
  const from = page.getByTestId('pw-from');
  await expect(from.locator('option[value^="default/payments-"]').first()).toBeAttached();
  const pay = (await from.locator('option[value^="default/payments-"]').first().getAttribute('value')) ?? '';
  const web = (await from.locator('option[value^="default/web-"]').first().getAttribute('value')) ?? '';
  await page.getByRole('button', { name: 'Close the packet walk' }).click();
  await walkOnMap(page, pay, '8.8.8.8:443');
  const a = page.getByTestId('pm-marker-A');
  for (let i = 0; i < 40 && !((await a.getAttribute('data-anchor')) ?? '').startsWith('dev:'); i++) await page.getByTestId('pw-forward').click();
  await expect(a).toHaveAttribute('data-anchor', /^dev:.*:vlan\.eth\.\d+$/);
  const cell = page.locator(`g.eni[data-kind="trunk"] [data-sel="pod:${pay}"]`);
  expect(await sitsOn(a, cell)).toBe(true);
  await expect(page.getByTestId('pm-badge-internet')).toContainText('8.8.8.8:443');

  await page.getByTestId('pk-add').click();
  await page.getByTestId('pw-from').selectOption(web);
  await page.getByTestId('pw-walk').click();
  const b = page.getByTestId('pm-marker-B');
  await expect(b).toBeVisible();
  expect((await centre(a)).join()).not.toBe((await centre(b)).join());
  await shot(page, 'packet-map-compare');
  // Fit takes the camera from the packet, and shows the whole VPC and the internet's badge beside
  // it, both clear of the docked walk.
  await page.getByRole('button', { name: 'Fit the whole VPC' }).click();
  await expect(page.getByTestId('pm-follow')).toHaveAttribute('aria-pressed', 'false');
  const clear = async () => page.evaluate(() => {
    const badge = document.querySelector('[data-testid="pm-badge-internet"]')?.getBoundingClientRect();
    const vpc = document.querySelector('.frame-layer rect')?.getBoundingClientRect();
    const stage = document.querySelector('[data-testid="topology"]')?.getBoundingClientRect();
    const panel = document.querySelector('.pw.docked')?.getBoundingClientRect();
    if (!badge || !vpc || !stage || !panel) return 'missing';
    const right = Math.min(stage.right, panel.left);
    return [badge, vpc].every((r) => r.left >= stage.left && r.top >= stage.top && r.right <= right && r.bottom <= stage.bottom) ? 'clear' : JSON.stringify({ badge, vpc, right });
  });
  await expect.poll(clear).toBe('clear');
  await shot(page, 'packet-map-fit');
  await expectNoSeriousAxeViolations(page);
  expect(errors).toEqual([]);
});

test('the camera follows the packet until the user moves the picture; "Follow packet" takes it back', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = await openApp(page);
  const from = await openWalkOnThreeAz(page);
  const src = (await from.locator('option[value^="default/web-"]').first().getAttribute('value')) ?? '';
  await walkOnMap(page, src, '203.0.113.10:443');
  const marker = page.getByTestId('pm-marker-A');
  const svg = page.getByTestId('topology');
  const dock = page.locator('.pw.docked');
  /** The marker is on screen, in the part of the picture the docked panel leaves free. */
  const inFreePart = async () => {
    const [x, y] = await centre(marker);
    const s = (await svg.boundingBox())!;
    const d = (await dock.boundingBox())!;
    return x > s.x && x < Math.min(s.x + s.width, d.x) && y > s.y && y < s.y + s.height;
  };
  const follow = page.getByTestId('pm-follow');
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  for (let i = 0; i < 16; i++) {
    await expect.poll(inFreePart, { message: `hop ${i + 1} in view` }).toBe(true);
    await page.getByTestId('pw-forward').click();
  }
  // Zoomed in far enough for the cards' ENI rows and pods.
  expect(Number(/scale\(([\d.]+)/.exec((await page.locator('g.viewport').getAttribute('transform')) ?? '')?.[1])).toBeGreaterThanOrEqual(0.55);
  // A drag on the picture: the camera is the user's; stepping no longer moves it.
  const s = (await svg.boundingBox())!;
  await page.mouse.move(s.x + 100, s.y + s.height - 120);
  await page.mouse.down();
  await page.mouse.move(s.x + 300, s.y + s.height - 60, { steps: 6 });
  await page.mouse.up();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  const held = await page.locator('g.viewport').getAttribute('transform');
  for (let i = 0; i < 4; i++) await page.getByTestId('pw-forward').click();
  await expect(page.locator('g.viewport')).toHaveAttribute('transform', held ?? '');
  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(inFreePart).toBe(true);
  expect(errors).toEqual([]);
});
