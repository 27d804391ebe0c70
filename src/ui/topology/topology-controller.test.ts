// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../../sim/index.ts';
import { createLanguages } from '../i18n/catalogues.ts';
import type { Say } from '../i18n/text.ts';
import { createTopology } from './topology-controller.ts';

function sim(name: keyof typeof SAMPLE_SCENARIOS = 'default-m5-large') {
  const r = parseScenario(SAMPLE_SCENARIOS[name]);
  if (!r.ok) throw new Error('fixture');
  return createSimulation(r.spec);
}

function svg() {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(el);
  return el;
}

describe('topology controller (happy-dom)', () => {
  it('writes its words in the page\'s language and writes them again, on the same cards, after a switch', async () => {
    const s = sim();
    s.runUntil(30_000);
    const snap = s.snapshot();
    const el = svg();
    const languages = createLanguages();
    const say: Say = (id, values) => languages.i18n._(id, values);
    const t = createTopology(el, () => {}, undefined, undefined, undefined, say);
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    const card = el.querySelector('g.node');
    expect(el.querySelector('.pods-label')?.textContent).toBe(`pods ${snap.nodes[0].podCount} / ${snap.nodes[0].maxPods} max`);
    expect(el.querySelector('.az-word')?.textContent).toBe('Availability Zone ');
    await languages.activate('ko');
    t.relabel();
    expect(el.querySelector('.pods-label')?.textContent).toBe(`포드 ${snap.nodes[0].podCount} / 최대 ${snap.nodes[0].maxPods}`);
    expect(el.querySelector('.az-word')?.textContent).toBe('가용 영역 ');
    expect(el.querySelector('.section-label')?.textContent).toBe('포드');
    expect(card?.getAttribute('aria-label')).toMatch(/^노드 /);
    // The card itself is kept (focus on it survives a switch); only its words changed.
    expect(el.querySelector('g.node')).toBe(card);
    t.destroy();
  });

  it("shows a node warning's tooltip as the engine wrote it in English, and translated after a switch", async () => {
    const s = sim();
    s.runUntil(200_000);
    const snap = s.snapshot();
    const warned = snap.nodes.find((n) => n.warnings.some((w) => w.code === 'MaxPodsReached'));
    expect(warned).toBeDefined();
    const el = svg();
    const languages = createLanguages();
    const { i18n } = languages;
    const say: Say = Object.assign((id: string, values?: Record<string, string | number>) => i18n._(id, values), {
      has: (id: string) => i18n.locale !== 'en' && id in i18n.messages,
    });
    const t = createTopology(el, () => {}, undefined, undefined, undefined, say);
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    const tip = () => el.querySelector('.node-warn title')?.textContent ?? '';
    const warning = warned!.warnings.find((w) => w.code === 'MaxPodsReached')!;
    expect(tip()).toContain(`MaxPodsReached: ${warning.message}`);
    await languages.activate('zh-TW');
    t.relabel();
    expect(tip()).toContain('MaxPodsReached: ');
    expect(tip()).toContain('已達 max pods');
    expect(tip()).not.toContain('max pods reached');
    t.destroy();
  });

  it('draws the VPC, subnets, one card per node and an ENI row per attached ENI', () => {
    const s = sim();
    s.runUntil(30_000);
    const snap = s.snapshot();
    const el = svg();
    const t = createTopology(el, () => {});
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    expect(el.querySelector('.vpc-label')?.textContent).toContain(snap.vpc.cidrs[0]);
    expect(el.querySelectorAll('g.node')).toHaveLength(snap.nodes.length);
    expect(el.querySelectorAll('g.eni')).toHaveLength(snap.nodes[0].enis.length);
    const assigned = snap.nodes[0].enis.flatMap((e) => e.secondaryIps).filter((a) => a.state === 'assigned').length;
    expect(el.querySelectorAll('rect.cell.assigned')).toHaveLength(assigned);
    t.destroy();
  });

  it('draws branch ENIs as cells of their trunk row, held by their pods, not as rows of their own', () => {
    const s = sim('security-groups-for-pods');
    s.runUntil(100_000);
    const snap = s.snapshot();
    const node = snap.nodes[0];
    const branches = node.enis.filter((e) => e.kind === 'branch');
    expect(branches.length).toBeGreaterThan(0);
    const el = svg();
    const t = createTopology(el, () => {});
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    expect(el.querySelectorAll('g.eni')).toHaveLength(node.enis.length - branches.length);
    const trunk = node.enis.find((e) => e.kind === 'trunk')!;
    const row = el.querySelector(`g.eni[data-sel="eni:${trunk.id}"]`)!;
    expect(row.querySelector('.eni-label')?.textContent).toContain(`${branches.length} branches`);
    const cells = [...row.querySelectorAll('rect.cell.assigned')];
    expect(cells.map((c) => c.getAttribute('data-keys')).sort()).toEqual(branches.map((b) => b.primaryIp).sort());
    expect(cells.map((c) => c.getAttribute('data-sel')).sort()).toEqual(branches.map((b) => `pod:${b.pod}`).sort());
    t.destroy();
  });

  it('keeps a card where it is as the simulation moves, and marks what an event touched', () => {
    const s = sim();
    s.runUntil(30_000);
    const el = svg();
    const t = createTopology(el, () => {});
    t.update({ snapshot: s.snapshot(), generation: 1, highlight: [] });
    const before = el.querySelector('g.node')?.getAttribute('transform');
    s.advance(60_000);
    const snap = s.snapshot();
    const eni = snap.nodes[0].enis[1].id;
    t.update({ snapshot: snap, generation: 1, highlight: [eni] });
    expect(el.querySelector('g.node')?.getAttribute('transform')).toBe(before);
    expect(el.querySelector(`g.eni.hl`)?.getAttribute('data-keys')).toContain(eni);
    t.destroy();
  });

  it('reports clicks as selections', () => {
    const s = sim();
    s.runUntil(30_000);
    const el = svg();
    const picked: string[] = [];
    const t = createTopology(el, (sel) => picked.push(`${sel.kind}:${sel.id}`));
    const snap = s.snapshot();
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    el.querySelector('.node-card')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(picked).toEqual([`node:${snap.nodes[0].name}`]);
    t.destroy();
  });
});

/** An SVG that reports an 800×500 box (happy-dom lays nothing out). */
function sized() {
  const el = svg();
  el.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, right: 800, bottom: 500, width: 800, height: 500, toJSON: () => ({}) });
  return el;
}

/** Where the fitted VPC's box lands on screen, with a docked packet walk covering `dock` (or none). */
function fittedVpc(dock?: { left: number; top: number; right: number; bottom: number }) {
  const s = sim();
  s.runUntil(30_000);
  const panel = document.createElement('div');
  panel.className = 'pw docked';
  if (dock) panel.getBoundingClientRect = () => ({ x: dock.left, y: dock.top, ...dock, width: dock.right - dock.left, height: dock.bottom - dock.top, toJSON: () => ({}) });
  if (dock) document.body.append(panel);
  const el = sized();
  const t = createTopology(el, () => {});
  t.update({ snapshot: s.snapshot(), generation: 1, highlight: [] });
  const m = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(el.querySelector('g.viewport')?.getAttribute('transform') ?? '');
  const [x, y, k] = (m ?? []).slice(1).map(Number);
  // The VPC frame is the first rect of the frame layer, in world units.
  const frame = el.querySelector('.frame-layer rect');
  const [fx, fy, fw, fh] = ['x', 'y', 'width', 'height'].map((a) => Number(frame?.getAttribute(a) ?? 0));
  t.destroy();
  panel.remove();
  return { left: x + k * fx, right: x + k * (fx + fw), top: y + k * fy, bottom: y + k * (fy + fh) };
}

describe('topology camera (happy-dom)', () => {

  it('shows a shared camera instead of fitting, and reports it back', () => {
    const s = sim();
    s.runUntil(30_000);
    const el = sized();
    const seen: unknown[] = [];
    const t = createTopology(el, () => {}, (c) => seen.push(c));
    t.update({ snapshot: s.snapshot(), generation: 1, highlight: [], camera: { cx: 300, cy: 200, k: 2 } });
    // translate = centre − k·world point: (400 − 600, 250 − 400)
    expect(el.querySelector('g.viewport')?.getAttribute('transform')).toBe('translate(-200,-150) scale(2)');
    expect(seen.at(-1)).toEqual({ cx: 300, cy: 200, k: 2 });
    s.advance(60_000);
    t.update({ snapshot: s.snapshot(), generation: 1, highlight: [] });
    expect(el.querySelector('g.viewport')?.getAttribute('transform')).toBe('translate(-200,-150) scale(2)');
    t.destroy();
  });

  it('fits itself without a camera and reports no camera', () => {
    const s = sim();
    s.runUntil(30_000);
    const el = sized();
    const seen: unknown[] = [];
    const t = createTopology(el, () => {}, (c) => seen.push(c));
    t.update({ snapshot: s.snapshot(), generation: 1, highlight: [] });
    expect(el.querySelector('g.viewport')?.getAttribute('transform')).not.toBe('translate(-200,-150) scale(2)');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((c) => c === undefined)).toBe(true);
    t.destroy();
  });

  it('fits the VPC into what a docked packet walk leaves free: the left part on a wide screen, the upper part on a phone', () => {
    const open = fittedVpc();
    expect(open.right).toBeGreaterThan(600);
    // The panel covers the stage from x = 600.
    const wide = fittedVpc({ left: 600, top: 0, right: 1100, bottom: 500 });
    expect(wide.right).toBeLessThanOrEqual(600);
    expect(wide.left).toBeGreaterThanOrEqual(0);
    // A phone: the panel is a bottom sheet from y = 300.
    const phone = fittedVpc({ left: 0, top: 300, right: 800, bottom: 500 });
    expect(phone.bottom).toBeLessThanOrEqual(300);
    expect(phone.top).toBeGreaterThanOrEqual(0);
  });

  it('fits the packet map\'s badge outside the VPC too (the internet, right of it), label and all, clear of a docked walk', () => {
    const s = sim();
    s.runUntil(30_000);
    const panel = document.createElement('div');
    panel.className = 'pw docked';
    panel.getBoundingClientRect = () => ({ x: 600, y: 0, left: 600, top: 0, right: 1100, bottom: 500, width: 500, height: 500, toJSON: () => ({}) });
    document.body.append(panel);
    const el = sized();
    const t = createTopology(el, () => {});
    t.update({ snapshot: s.snapshot(), generation: 1, highlight: [] });
    const frame = el.querySelector('.frame-layer rect');
    const [fx, fy, fw] = ['x', 'y', 'width'].map((a) => Number(frame?.getAttribute(a) ?? 0));
    // Where the map draws the internet's badge: 90 units right of the VPC's top-right corner, 40 above; 160 px wide.
    const badge = { x: fx + fw + 90, y: fy - 40 };
    const onScreen = () => {
      const m = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(el.querySelector('g.viewport')?.getAttribute('transform') ?? '');
      const [x, y, k] = (m ?? []).slice(1).map(Number);
      return { x: x + k * badge.x, y: y + k * badge.y };
    };
    // Without it the badge's point sits past the VPC's right edge, under the panel.
    expect(onScreen().x + 80).toBeGreaterThan(600);
    t.alsoFit(() => ({ box: { ...badge, w: 0, h: 0 }, pad: { top: 36, right: 80, bottom: 0, left: 80 } }));
    // A picture that fits itself fits again (at once: Fit's own glide is the same fit, animated).
    t.resized();
    const at = onScreen();
    expect(at.x + 80).toBeLessThanOrEqual(600);
    expect(at.y - 36).toBeGreaterThanOrEqual(0);
    t.destroy();
    panel.remove();
  });
});
