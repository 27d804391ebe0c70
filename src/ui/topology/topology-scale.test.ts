// @vitest-environment happy-dom
/** The picture at scale: glyphs zoomed out, only the cards in view zoomed in, clicks on glyphs. */
import { zoomTransform } from 'd3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Selection } from '../store/slices.ts';
import { CULL_ABOVE, GLYPH_BELOW } from './lod.ts';
import { syntheticNode, syntheticSnapshot } from './synthetic.test-support.ts';
import { createTopology } from './topology-controller.ts';

/** An SVG that reports an 800×500 box (happy-dom lays nothing out). */
function sized() {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(el);
  el.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, right: 800, bottom: 500, width: 800, height: 500, toJSON: () => ({}) });
  return el;
}

/** The subpaths ("M…Z" rectangles) of a path's d, as [x, y, w, h]. */
function rects(d: string | null): number[][] {
  return [...(d ?? '').matchAll(/M([-\d.]+),([-\d.]+)h([-\d.]+)v([-\d.]+)/g)].map((m) => m.slice(1).map(Number));
}

describe('the picture at 1,000 nodes (happy-dom)', () => {
  it('fitted, it draws every node as a glyph, 64 to a bucket, and no cards', () => {
    const el = sized();
    const t = createTopology(el, () => {});
    t.update({ snapshot: syntheticSnapshot(1000, 20), generation: 1, highlight: [] });
    expect(zoomTransform(el).k).toBeLessThan(GLYPH_BELOW);
    expect(t.lod()).toBe('glyph');
    expect(el.classList.contains('lod-glyph')).toBe(true);
    expect(el.querySelectorAll('g.node')).toHaveLength(0);
    const buckets = el.querySelectorAll('.glyph-bucket');
    expect(buckets).toHaveLength(Math.ceil(1000 / 64));
    const frames = [...buckets].reduce((sum, b) => sum + rects(b.querySelector('.glyph-frame')?.getAttribute('d') ?? '').length, 0);
    expect(frames).toBe(1000);
    // 1,000 nodes in ~150 elements, not ~30 per card.
    expect(el.querySelectorAll('.glyphs *').length).toBeLessThan(200);
    t.destroy();
  });

  it('a glyph’s bars are the card’s: pods against max pods, the pool’s addresses against its limit', () => {
    const el = sized();
    const t = createTopology(el, () => {});
    const snap = syntheticSnapshot(CULL_ABOVE + 1, 0);
    // Node 0: 10 of 29 pods; 9 addresses of a 27 limit: 6 assigned, 2 warm, 1 cooling.
    snap.nodes[0] = syntheticNode(0, 10, { pool: { totalIPs: 9, assignedIPs: 6, cooldownIPs: 1, availableIPs: 3, totalPrefixes: 0, freePrefixes: 0, maxIPs: 27, maxENIs: 3 } });
    snap.nodes[1] = syntheticNode(1, 29, { warnings: [{ code: 'MaxPodsReached', message: '29/29', text: { id: 'sim.warning.maxPods', values: { pods: 29, max: 29 } } }] });
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    const b = el.querySelector('.glyph-bucket');
    const [track] = rects(b?.querySelector('.glyph-track')?.getAttribute('d') ?? null);
    const [pods] = rects(b?.querySelector('.glyph-pods')?.getAttribute('d') ?? null);
    expect(pods[2] / track[2]).toBeCloseTo(10 / 29, 2);
    const part = (cls: string) => rects(b?.querySelector(cls)?.getAttribute('d') ?? null)[0][2];
    const poolTrack = rects(b?.querySelector('.glyph-track')?.getAttribute('d') ?? null)[1][2];
    expect(part('.glyph-assigned') / poolTrack).toBeCloseTo(6 / 27, 2);
    expect(part('.glyph-warm') / poolTrack).toBeCloseTo(2 / 27, 2);
    expect(part('.glyph-cooling') / poolTrack).toBeCloseTo(1 / 27, 2);
    // The full node is red, and outlined as a warning.
    expect(rects(b?.querySelector('.glyph-full')?.getAttribute('d') ?? null)).toHaveLength(1);
    expect(rects(b?.querySelector('.glyph-warn')?.getAttribute('d') ?? null)).toHaveLength(1);
    t.destroy();
  });

  it('a click on a glyph selects the node under the pointer', () => {
    const el = sized();
    const picked: Selection[] = [];
    const t = createTopology(el, (s) => picked.push(s));
    const snap = syntheticSnapshot(300, 5);
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    // The 150th node's glyph: its frame rectangle, in world coordinates, to screen.
    const target = snap.nodes[150].name;
    const frame = [...el.querySelectorAll('.glyph-frame')].flatMap((p) => rects(p.getAttribute('d')))[150];
    const [sx, sy] = zoomTransform(el).apply([frame[0] + frame[2] / 2, frame[1] + frame[3] / 2]);
    el.querySelector('.glyph-frame')?.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: sx, clientY: sy }));
    expect(picked).toEqual([{ kind: 'node', id: target, node: target }]);
    // The selection is outlined on the glyph layer.
    t.update({ snapshot: snap, generation: 1, highlight: [], selection: picked[0] });
    expect(rects(el.querySelector('.glyph-selected')?.getAttribute('d') ?? null)[0]).toEqual(frame);
    t.destroy();
  });

  it('zoomed in, a large cluster has cards only where the camera looks, and fills the view over frames', async () => {
    const el = sized();
    const t = createTopology(el, () => {});
    const snap = syntheticSnapshot(1000, 20);
    // A camera on the middle of the first AZ at zoom 1: full cards.
    t.update({ snapshot: snap, generation: 1, highlight: [], camera: { cx: 1500, cy: 2000, k: 1 } });
    expect(t.lod()).toBe('detail');
    const view = { x: 1500 - 400, y: 2000 - 250, w: 800, h: 500 };
    const boxes = new Map([...el.querySelectorAll('.glyph-frame')].flatMap((p) => rects(p.getAttribute('d'))).map((r, i) => [snap.nodes[i].name, r]));
    const inside = [...boxes].filter(([, [x, y, w, h]]) => x >= view.x && y >= view.y && x + w <= view.x + view.w && y + h <= view.y + view.h).map(([n]) => n);
    const far = [...boxes].filter(([, [x, y, w, h]]) => x + w < view.x - 400 || x > view.x + view.w + 400 || y + h < view.y - 250 || y > view.y + view.h + 250).map(([n]) => n);
    expect(inside.length).toBeGreaterThan(0);
    // Cards left over by the frame budget follow in the next frames.
    await vi.waitFor(() => {
      const drawn = new Set([...el.querySelectorAll('g.node')].filter((g) => g.querySelector('.node-card')).map((g) => g.getAttribute('data-name')));
      for (const n of inside) expect(drawn.has(n)).toBe(true);
    }, { timeout: 5000 });
    const drawn = new Set([...el.querySelectorAll('g.node')].map((g) => g.getAttribute('data-name')));
    for (const n of far) expect(drawn.has(n)).toBe(false);
    expect(drawn.size).toBeLessThan(60);
    t.destroy();
  });

  it('a small cluster keeps every card, even zoomed far out (each reachable by the keyboard, one tab stop)', () => {
    const el = sized();
    const t = createTopology(el, () => {});
    t.update({ snapshot: syntheticSnapshot(6, 3), generation: 1, highlight: [], camera: { cx: 500, cy: 400, k: 0.1 } });
    expect(t.lod()).toBe('glyph');
    expect(el.querySelectorAll('g.node[tabindex]')).toHaveLength(6);
    expect(el.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    expect(el.querySelectorAll('.glyph-bucket')).toHaveLength(1);
    t.destroy();
  });

  it('an event lights up the glyphs of the nodes it touched', () => {
    const el = sized();
    const t = createTopology(el, () => {});
    const snap = syntheticSnapshot(200, 3);
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    t.update({ snapshot: snap, generation: 1, highlight: [snap.nodes[7].enis[0].id, snap.nodes[9].enis[0].secondaryIps[1].ip] });
    expect(rects(el.querySelector('.glyph-hl')?.getAttribute('d') ?? null)).toHaveLength(2);
    expect(el.querySelector('.glyphs')?.classList.contains('has-hl')).toBe(true);
    t.destroy();
  });
});

describe('a wheel zoom across a level of detail (happy-dom, frames by hand)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  /**
   * 1,000 nodes with the camera on the first AZ at zoom `k`, and their animation frames run when
   * the test says (`frame()`). With `stillClock`, performance.now() stands still: a frame's card
   * budget is never used up, a budget of nothing is.
   */
  function picture(k: number, stillClock = true) {
    const queue: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => queue.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    if (stillClock) vi.spyOn(performance, 'now').mockReturnValue(1000);
    const el = sized() as SVGSVGElement;
    const t = createTopology(el, () => {});
    t.update({ snapshot: syntheticSnapshot(1000, 20), generation: 1, highlight: [], camera: { cx: 1500, cy: 2000, k } });
    return { el, t, frame: () => { for (const cb of queue.splice(0)) cb(performance.now()); } };
  }
  /**
   * A wheel notch at the picture's centre, in (deltaY < 0) or out (d3 finds the pointer by the
   * box: happy-dom's SVG maps no points, its WheelEvent has no clientX).
   */
  const wheel = (el: SVGSVGElement, deltaY = -120) => {
    for (const [key, value] of [['createSVGPoint', undefined], ['clientLeft', 0], ['clientTop', 0]] as const) Object.defineProperty(el, key, { value, configurable: true });
    const ev = new WheelEvent('wheel', { deltaY, bubbles: true, cancelable: true });
    Object.defineProperties(ev, { clientX: { value: 400 }, clientY: { value: 250 } });
    el.dispatchEvent(ev);
  };
  const cards = (el: SVGSVGElement) => el.querySelectorAll('g.node .node-card').length;

  it('answers the wheel at the new scale first, switches the next frame, and starts cards the frame after', () => {
    const { el, t, frame } = picture(GLYPH_BELOW * 0.95);
    expect(t.lod()).toBe('glyph');
    wheel(el);
    expect(zoomTransform(el).k).toBeGreaterThan(GLYPH_BELOW);
    frame();
    // The wheel's own frame: the picture moved, nothing else.
    expect(t.lod()).toBe('glyph');
    expect(el.classList.contains('lod-glyph')).toBe(true);
    frame();
    // The switch: the whole picture restyled, no card started.
    expect(t.lod()).toBe('summary');
    expect(el.classList.contains('lod-glyph')).toBe(false);
    expect(cards(el)).toBe(0);
    frame();
    expect(cards(el)).toBeGreaterThan(1);
    t.destroy();
  });

  it('within a level of detail, the frame that answers a wheel starts no card; the frames between inputs do', () => {
    const { el, t, frame } = picture(0.5);
    expect(t.lod()).toBe('summary');
    const before = cards(el);
    expect(before).toBeGreaterThan(0);
    // A notch out: the view grows, and cards are wanted at its new edges.
    wheel(el, 120);
    frame();
    expect(t.lod()).toBe('summary');
    expect(cards(el)).toBeLessThanOrEqual(before);
    frame();
    expect(cards(el)).toBeGreaterThan(before);
    t.destroy();
  });

  it('a zoom that goes on every frame does not put the switch off', () => {
    const { el, t, frame } = picture(GLYPH_BELOW * 0.95, false);
    for (let i = 0; i < 2; i++) { wheel(el); frame(); }
    expect(t.lod()).toBe('summary');
    t.destroy();
  });
});
