/**
 * Click everything: every sample, played to a moment where its kinds of element exist, and
 * every kind of thing the picture and the panels offer clicked like a user would — node,
 * ENI row, each IP slot kind (assigned, warm, cooling, empty), /28 prefix, trunk row and
 * branch cell, pod, unscheduled pod, event, CloudTrail record, problem, every tab of the
 * inspector's tools and of the controls. After each click the inspector must make sense
 * (the right kind, the right name, the real tool's output for it), and the page must log no
 * error. Then it plays on to 2:30 at 64×. Screenshots per sample are kept in reports/screenshots/.
 */
import { cpuThrottle, expect, test, type Page } from './fixtures.ts';
import { idle, openApp, pickScenario, playUntil, runUntil, shot } from './helpers.ts';

type Kind =
  | 'node' | 'eni' | 'assigned' | 'warm' | 'cooling' | 'empty' | 'prefix' | 'trunk' | 'branch' | 'pod' | 'unscheduled'
  | 'event' | 'cloudtrail' | 'problem' | 'overview' | 'node tools' | 'pod tools' | 'controls';

const EVERY_KIND: readonly Kind[] = [
  'node', 'eni', 'assigned', 'warm', 'cooling', 'empty', 'prefix', 'trunk', 'branch', 'pod', 'unscheduled',
  'event', 'cloudtrail', 'problem', 'overview', 'node tools', 'pod tools', 'controls',
];

/** What each sample must offer once played (the moment is reached by waiting for it). */
const SAMPLES: { id: string; ready: string[]; kinds: Kind[]; deletePod?: boolean; speed?: number; fastTo?: number }[] = [
  // Ready once a web pod holds an address: CoreDNS's (kube-system) do from 0:06, before the web
  // deployment scales at 0:10, and the pod deleted below is a default/ one.
  { id: 'default-m5-large', ready: ['rect.cell.assigned[data-sel^="pod:default/"]', 'rect.cell.warm'], deletePod: true,
    kinds: ['node', 'eni', 'assigned', 'warm', 'cooling', 'pod', 'event', 'cloudtrail', 'overview', 'node tools', 'pod tools', 'controls'] },
  // Pods wait briefly while nodes boot; the ones that stay are those no node has room for.
  { id: 't3-medium-max-pods', ready: ['.pending-reason:has-text("Too many pods")', '.pending-pods rect'], kinds: ['node', 'eni', 'assigned', 'pod', 'unscheduled', 'problem', 'event', 'cloudtrail'] },
  // Its released addresses cool down for 30 simulated seconds: played slowly enough to stop inside them,
  // after 64× up to 1:40 (web scales down to 2 at 2:00; ipamd hands the surplus back at 2:06).
  { id: 'warm-ip-target', speed: 8, fastTo: 100, ready: ['rect.cell.cooling', 'rect.cell.empty'], kinds: ['node', 'eni', 'cooling', 'empty', 'event'] },
  { id: 'prefix-delegation', ready: ['g.prefix rect.cell.assigned'], kinds: ['node', 'prefix', 'assigned', 'pod', 'event'] },
  { id: 'custom-networking', ready: ['rect.cell.assigned', 'rect.cell.empty'], kinds: ['node', 'eni', 'assigned', 'empty', 'pod', 'event'] },
  { id: 'subnet-exhaustion', ready: ['[data-testid="problems"]', 'rect.pod.ContainerCreating'], kinds: ['node', 'eni', 'pod', 'problem', 'event', 'cloudtrail'] },
  { id: 'three-az', ready: ['rect.cell.warm'], kinds: ['node', 'eni', 'assigned', 'warm', 'pod', 'event', 'pod tools'] },
  { id: 'security-groups-for-pods', ready: ['g.eni[data-kind="trunk"] rect.cell.assigned'], kinds: ['node', 'node tools', 'trunk', 'branch', 'pod', 'event'] },
];

/** The inspector shows `kind` (its heading) for `title`, with no error in its tool output. */
async function expectInspector(page: Page, kind: 'Node' | 'ENI' | 'Pod', title: string) {
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { level: 2 })).toHaveText(kind);
  await expect(inspector.locator('.title')).toHaveText(title);
  // The text views' own failure forms (kubectl describe may quote a real "rpc error").
  await expect(page.getByTestId('terminal')).not.toContainText(/^(error: |no node )/m);
}

/** Each tool of the node inspector, and a line of what the real command prints. */
const NODE_TOOLS: [string, RegExp][] = [
  ['kubectl get pods', /NAMESPACE\s+NAME\s+READY\s+STATUS/],
  ['aws ec2 describe-network-interfaces', /"NetworkInterfaces": \[/],
  ['curl -s localhost:61678/metrics', /awscni_/],
  // 0, or 20 once security groups for pods moved it below the VLAN rules (both samples that list node tools).
  ['ip rule', /^(0|20):\s+from all lookup local$/m],
  ['ip route show', /table local/],
  ['iptables -t nat', /^-P PREROUTING ACCEPT$/m],
  ['ip addr', /^1: lo: <LOOPBACK,UP,LOWER_UP>/m],
  ['kubectl get nodes', /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP/m],
  ['describe node', /^Name:\s+ip-\d+-\d+-\d+-\d+\.\S+$/m],
  ['allocatable', /^NAME\s+PODS\s+POD-ENI$/m],
];

/** The pod's tools, in its network namespace: the VPC CNI's link-local gateway is its default route. */
const POD_TOOLS: Record<string, RegExp> = {
  'kubectl describe pod': /^Name:\s+\S+$/m,
  'ip addr': /^2: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP>/m,
  'ip route show': /^default via 169\.254\.1\.1 dev eth0/m,
};

/**
 * Drives one page: remembers which node the camera is focused on, so clicks inside a card go
 * to a card that is on screen and large enough to hit.
 */
function driver(page: Page) {
  let focused = '';
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  const terminal = page.getByTestId('terminal');

  /** The card of a node holding `inner`, selected and zoomed onto (kept while it has what is asked for). */
  async function cardWith(inner: string) {
    const current = page.locator(`g.node[data-name="${focused}"]`);
    if (focused && await current.locator(inner).count()) return current;
    const card = page.locator('g.node', { has: page.locator(inner) }).first();
    const name = (await card.getAttribute('data-name')) ?? '';
    await card.focus();
    await page.keyboard.press('Enter');
    await expectInspector(page, 'Node', name);
    await page.getByRole('button', { name: 'Focus on the selected node' }).click();
    const target = page.locator(`g.node[data-name="${name}"]`);
    await expect.poll(async () => (await target.locator('.node-card').boundingBox())?.width ?? 0).toBeGreaterThan(300);
    focused = name;
    return target;
  }

  /** Clicks a `cell` of an ENI row and expects that ENI's inspector; returns the row. */
  async function cellOfEni(cell: string) {
    const row = (await cardWith(cell)).locator('g.eni', { has: page.locator(cell) }).first();
    const eni = (await row.getAttribute('data-sel'))?.replace(/^eni:/, '') ?? '';
    await row.locator(cell).first().click();
    await expectInspector(page, 'ENI', eni);
    await expect(terminal).toContainText(`"NetworkInterfaceId": "${eni}"`);
    return row;
  }

  /** Clicks a pod chip or an address a pod holds (`cell`) and expects that pod's inspector. */
  async function pod(cell: string) {
    const target = (await cardWith(cell)).locator(cell).first();
    const [namespace, name] = ((await target.getAttribute('data-sel'))?.replace(/^pod:/, '') ?? '').split('/');
    await target.click();
    await expectInspector(page, 'Pod', name);
    await expect(terminal).toContainText(new RegExp(`Name:\\s+${name}\\nNamespace:\\s+${namespace}`));
  }

  /** Clicks an ENI row's label and expects its inspector. */
  async function eniRow(row: string) {
    const target = (await cardWith(row)).locator(row).first();
    const eni = (await target.getAttribute('data-sel'))?.replace(/^eni:/, '') ?? '';
    await target.locator('.eni-label').click();
    await expectInspector(page, 'ENI', eni);
    await expect(terminal).toContainText(`"NetworkInterfaceId": "${eni}"`);
  }

  return { cardWith, cellOfEni, pod, eniRow, inspector, terminal, focused: () => focused };
}

async function clickEverything(page: Page, sample: (typeof SAMPLES)[number]): Promise<Set<Kind>> {
  const done = new Set<Kind>();
  const d = driver(page);
  const back = page.getByRole('button', { name: 'Back to cluster' });
  if (await back.count()) await back.click();

  // The controls' tabs (the Workloads tab once blanked the page).
  for (const [tab, text] of [['aws-node', 'WARM_ENI_TARGET'], ['Workloads', 'not running yet'], ['Nodes', '+ Add node group']] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tabpanel')).toContainText(text);
  }
  done.add('controls');

  // The cluster overview's node list.
  const first = page.locator('.node-list button').first();
  const listed = (await first.locator('.mono').textContent()) ?? '';
  await first.click();
  await expectInspector(page, 'Node', listed);
  done.add('overview');
  await back.click();

  // A node, and (in the samples that list them) every tool of its inspector.
  await d.cardWith(sample.kinds.includes('trunk') ? 'g.eni[data-kind="trunk"]' : 'g.eni');
  done.add('node');
  if (sample.kinds.includes('node tools')) {
    const tools = page.getByRole('tablist', { name: /^Tools on / });
    for (const [tab, output] of NODE_TOOLS) {
      await tools.getByRole('tab', { name: tab }).click();
      await expect(d.terminal).toContainText(output);
    }
    done.add('node tools');
  }

  // An ENI row, then back to its node through the inspector's link.
  await d.eniRow('g.eni');
  done.add('eni');
  await d.inspector.getByRole('button', { name: d.focused(), exact: true }).click();
  await expectInspector(page, 'Node', d.focused());

  // Address slots of each kind: free ones show their ENI, held ones their pod.
  for (const [kind, cell] of [['warm', '.cells rect.cell.warm'], ['cooling', '.cells rect.cell.cooling'], ['empty', '.cells rect.cell.empty']] as const) {
    if (!sample.kinds.includes(kind)) continue;
    await d.cellOfEni(cell);
    done.add(kind);
  }
  if (sample.kinds.includes('assigned')) {
    await d.pod('rect.cell.assigned[data-sel^="pod:"]');
    done.add('assigned');
  }
  if (sample.kinds.includes('prefix')) {
    // A /28 block: a free address in it shows the ENI, whose inspector lists the prefix.
    const row = await d.cellOfEni('g.prefix rect.cell.warm');
    const cidr = (await row.locator('g.prefix', { has: page.locator('rect.cell.warm') }).first().getAttribute('data-keys')) ?? '';
    await expect(d.inspector.locator('.facts')).toContainText(cidr);
    done.add('prefix');
  }
  if (sample.kinds.includes('trunk')) {
    await d.eniRow('g.eni[data-kind="trunk"]');
    await expect(d.inspector.locator('.facts')).toContainText('trunk · attached');
    done.add('trunk');
    // A branch ENI is a cell of the trunk's row, held by its pod: kubectl describe shows its annotation.
    await d.pod('g.eni[data-kind="trunk"] rect.cell.assigned');
    await expect(d.terminal).toContainText('vpc.amazonaws.com/pod-eni');
    done.add('branch');
  }

  // A pod chip (a running one has a network namespace, so pod-side tools), and every tool.
  const running = await page.locator('g.node g.pods rect.pod.Running:not(.host)').count();
  await d.pod(running ? 'g.pods rect.pod.Running:not(.host)' : 'g.pods rect.pod:not(.host)');
  done.add('pod');
  const podTools = page.getByRole('tablist', { name: /^Pod .* commands$/ });
  for (const tab of await podTools.getByRole('tab').all()) {
    const label = (await tab.textContent()) ?? '';
    await tab.click();
    await expect(d.terminal).toContainText(POD_TOOLS[label] ?? /^$/);
  }
  if ((await podTools.getByRole('tab').count()) > 1) done.add('pod tools');

  if (sample.kinds.includes('unscheduled')) {
    await page.getByRole('button', { name: 'Fit the whole VPC' }).click();
    const pending = page.locator('.pending-pods rect').first();
    const name = (await pending.getAttribute('data-sel'))?.replace(/^pod:[^/]+\//, '') ?? '';
    await pending.click();
    await expectInspector(page, 'Pod', name);
    await expect(d.inspector.locator('.facts')).toContainText('not scheduled');
    await expect(page.getByTestId('pod-reason')).toContainText('Unschedulable');
    done.add('unscheduled');
  }

  if (sample.kinds.includes('problem')) {
    const problems = page.getByTestId('problems');
    await problems.getByRole('button', { expanded: false }).click();
    const link = problems.locator('.problem li button').first();
    const name = (await link.textContent()) ?? '';
    await link.click();
    await expectInspector(page, 'Node', name);
    await expect(d.inspector.getByRole('note').first()).toBeVisible();
    done.add('problem');
  }

  // The timeline: an event lights up what it touched; an EC2 call opens into its CloudTrail record.
  const event = page.locator('.event .event-main').first();
  await event.click();
  await expect(event).toHaveAttribute('aria-pressed', 'true');
  done.add('event');
  if (sample.kinds.includes('cloudtrail')) {
    await page.getByRole('radio', { name: 'EC2 API' }).click();
    const call = page.locator('.event.ec2').first();
    await call.getByRole('button', { name: /CloudTrail record of/ }).click();
    await expect(call.locator('.cloudtrail')).toContainText('"eventSource": "ec2.amazonaws.com"');
    done.add('cloudtrail');
  }
  return done;
}

test('the samples together offer every kind of thing there is to click', () => {
  expect(new Set(SAMPLES.flatMap((s) => s.kinds))).toEqual(new Set(EVERY_KIND));
});

/**
 * The page's CPU slowdown in this project: the simulation moves only as fast as the page takes
 * its answers, so waits for a moment of the simulation stretch with it.
 */
const slower = cpuThrottle;

/** In the page: every selector finds an element. */
const allThere = (sels: string[]) => sels.every((sel) => document.querySelector(sel) !== null);

for (const sample of SAMPLES) {
  test(`click everything in ${sample.id}`, async ({ page }) => {
    test.setTimeout(180_000 * slower());
    const errors = await openApp(page);
    await pickScenario(page, sample.id);
    if (sample.fastTo) await runUntil(page, sample.fastTo, 64);
    await playUntil(page, async () => {
      for (const s of sample.ready) await expect(page.locator(s).first()).toBeAttached({ timeout: 60_000 * slower() });
    }, sample.speed ?? 32);
    if (sample.deletePod) {
      // A deleted pod's address cools down for 30 s before reuse: that is the cooling slot.
      const held = page.locator('rect.cell.assigned[data-sel^="pod:default/"]').first();
      await held.click();
      await page.getByRole('button', { name: 'Delete pod' }).click();
      // Played at 1× until the cooling slot and every kind the sample was ready with are there at
      // once (one check in the page): the pool can be drained for a moment while ipamd attaches
      // an ENI, and a moment without a warm slot has nothing warm to click.
      // The pause lands a tick after the check on a slow (throttled) page, and that tick can drain
      // the pool again: checked once more when paused and idle, and played on until it holds then.
      const wanted = ['rect.cell.cooling', ...sample.ready];
      for (let tries = 0; tries < 8; tries++) {
        await playUntil(page, async () => { await page.waitForFunction(allThere, wanted, { timeout: 60_000 * slower() }); }, 1);
        await idle(page);
        if (await page.evaluate(allThere, wanted)) break;
      }
      for (const sel of wanted) await expect(page.locator(sel).first()).toBeAttached();
    }
    const done = await clickEverything(page, sample);
    expect(sample.kinds.filter((k) => !done.has(k))).toEqual([]);
    await shot(page, `click-everything-${sample.id}`);
    // Then the sample plays on to 2:30 with everything it drew (its script's later commands too).
    await runUntil(page, 150, 64);
    await expect(page.locator('g.node')).not.toHaveCount(0);
    await expect(page.locator('g.eni').first()).toBeAttached();
    await shot(page, `fixture-${sample.id}`);
    expect(errors).toEqual([]);
  });
}
