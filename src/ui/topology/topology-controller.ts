/**
 * The topology picture: VPC → AZs → subnets → node cards → ENIs → addresses and pods.
 * A framework-free controller (`update`/`destroy`); React creates it once and feeds it
 * snapshots. Work follows what changed and what is seen:
 *
 * - the layout is recomputed only when nodes come, go or change size;
 * - a card is redrawn only when its node or its pods changed (the store keeps identities);
 * - level of detail by zoom (lod.ts): glyphs far out (glyph-layer.ts), summary cards, then
 *   full cards; a cluster over CULL_ABOVE nodes gets cards only where the camera looks, drawn
 *   within a frame budget, with glyphs beneath the rest;
 * - zooming and panning move one transform; the cards the new view needs follow in the next
 *   animation frame.
 */
import { select, zoomTransform } from 'd3';
import type { NodeView, PodView, SimSnapshot } from '../../sim/view.ts';
import { podsByNode } from '../store/apply-delta.ts';
import type { Camera } from '../links/view-state.ts';
import { english } from '../i18n/catalogues.ts';
import type { Say } from '../i18n/text.ts';
import type { Selection as AppSelection } from '../store/slices.ts';
import { createCardLayer } from './card-layer.ts';
import { createGlyphLayer, nodeTouched } from './glyph-layer.ts';
import { layoutTopology, newSlotMemory, sameLayoutInputs, type Box, type Layout } from './layout.ts';
import { CULL_ABOVE, DETAIL_FROM, lodFor, type Lod } from './lod.ts';
import { motionMs } from './motion.ts';
import { createRoving } from './roving.ts';
import { drawFrame, vpcLabel } from './vpc-frame.ts';
import { boxAt, intersects, visibleWorld } from './viewport.ts';
import { createZoom, type FitExtra } from './zoom-controller.ts';

export interface TopologyInput {
  snapshot: SimSnapshot;
  generation: number;
  selection?: AppSelection;
  highlight: readonly string[];
  /** Shown instead of fitting when this input starts a new generation (a shared link's camera). */
  camera?: Camera;
}

export interface TopologyController {
  update(input: TopologyInput): void;
  fit(): void;
  /** What every fit shows beyond the VPC from now on (the packet map's badges), asked at each fit. */
  alsoFit(extra: () => FitExtra | undefined): void;
  zoomBy(factor: number): void;
  focusNode(name: string): void;
  /** The stage changed size: a picture that fits itself fits again. */
  resized(): void;
  /** The level of detail the picture shows now (for tests and the benchmark). */
  lod(): Lod;
  /** Follows a point (the packet on the map): glides it to fraction `fx` of the width, legible. */
  follow(x: number, y: number, fx: number): void;
  /** A node card's box in world coordinates (drawn or not). */
  nodeBox(name: string): Box | undefined;
  /** The page's language changed: every word on the picture is drawn again in it. */
  relabel(): void;
  destroy(): void;
}

/** The VPC's size, rounded: the picture fits itself again when it changes. */
const sizeKeyOf = (l: Layout) => `${Math.round(l.vpc.w)}x${Math.round(l.vpc.h)}`;

/** Presenter mode's smallest label on screen, and how far a label may grow in its card's room. */
const PRESENTER_LABEL_PX = 14.5;
/** 13.5 px × 1.9: a 17-character node name (ip-192-168-18-131) still fits its 288-unit card. */
const LABEL_BOOST_MAX = 1.9;

/**
 * Frame time a large cluster may spend starting cards; the rest follow next frame. A card costs
 * about 0.3 ms to build and as much again to style and lay out, so a frame stays near 12 ms.
 */
const CARD_BUDGET_MS = 3;
/** Cards are kept this far (in view sizes) beyond the edges, so a short pan shows no gaps. */
const VIEW_MARGIN = 0.25;

const NO_PODS: readonly PodView[] = [];

const presenterOn = () => document.documentElement.dataset.presenter === 'on';

/** `onCamera` reports where the camera came to rest: undefined while the picture fits itself. */
/** `onUserMove`: the user panned or zoomed by hand (a followed packet stops being followed). */
/** `onViewDrawn`: the cards a pan or zoom needed are drawn (a packet on the map re-finds its device in them). */
/** `say`: the picture's words in the page's language (English when not given). */
export function createTopology(svg: SVGSVGElement, onSelect: (s: AppSelection) => void, onCamera: (c: Camera | undefined) => void = () => {}, onUserMove: () => void = () => {},
  onViewDrawn: () => void = () => {}, say: Say = english()): TopologyController {
  const root = select(svg);
  const viewport = root.append('g').attr('class', 'viewport');
  const frameLayer = viewport.append('g').attr('class', 'frame-layer');
  const glyphs = createGlyphLayer(viewport.append('g').attr('class', 'glyph-layer').node() as SVGGElement);
  const nodeLayer = viewport.append('g').attr('class', 'node-layer');
  const cards = createCardLayer(nodeLayer);
  let mem = newSlotMemory();
  let generation = -1;
  let layout: Layout | undefined;
  let laidOut: SimSnapshot | undefined;
  let lastInput: TopologyInput | undefined;
  let lastHighlight: readonly string[] = [];
  let lastSelection: AppSelection | undefined;
  /** False until the first draw of a scenario (its marks are applied over the whole picture). */
  let lastInputDrawn = false;
  let lod: Lod = 'detail';
  /** A level of detail a zoom reached, switched to in the frame after it (scheduleView). */
  let lodDeferred: Lod | undefined;
  /** The user zoomed or panned by hand since the last frame drew the view. */
  let handMoved = false;
  let size = { w: 0, h: 0 };
  let viewFrame = 0;
  let pods: { list: readonly PodView[]; byNode: Map<string, PodView[]> } | undefined;
  /** The --label-boost last written (presenter mode only). */
  let labelBoost = '';

  // Until the user pans or zooms by hand, the picture keeps fitting itself as nodes arrive.
  let autoFit = true;
  /** What fits show beyond the VPC (alsoFit). */
  let fitExtra: () => FitExtra | undefined = () => undefined;
  let fittedTo = '';
  /** Fits the VPC (and what alsoFit adds) and remembers the size it fitted. */
  const fitVpc = (l: Layout, animate: boolean) => {
    zoomer.fit(l.vpc, animate, fitExtra());
    fittedTo = sizeKeyOf(l);
  };
  const measure = () => {
    const r = svg.getBoundingClientRect();
    size = { w: r.width, h: r.height };
  };
  const hasSize = () => { if (!size.w || !size.h) measure(); return size.w > 0 && size.h > 0; };
  /** After a pan or zoom: the level of detail and the cards in view follow, once per frame. */
  const scheduleView = () => {
    if (viewFrame || !lastInput) return;
    viewFrame = requestAnimationFrame(() => {
      viewFrame = 0;
      if (!lastInput) return;
      // A zoom across a level of detail answers the wheel first: this frame shows the picture at
      // its new scale as it is, the next one switches the level of detail (a restyle of the whole
      // picture, and new cards within their budget). Once per change: a zoom that goes on every
      // frame does not put the switch off again.
      const next = lodFor(zoomTransform(svg).k);
      if (next !== lod && next !== lodDeferred) { lodDeferred = next; scheduleView(); return; }
      lodDeferred = undefined;
      // A frame that answers the user's wheel or drag moves the picture only: the cards its view
      // still lacks start in the frames between their inputs (glyphs stand in beneath them).
      const answering = handMoved;
      handMoved = false;
      if (draw(lastInput, false, false, answering)) onViewDrawn();
    });
  };
  const zoomer = createZoom(svg, viewport.node() as SVGGElement, scheduleView, () => motionMs(450), () => { autoFit = false; handMoved = true; onUserMove(); },
    () => onCamera(autoFit ? undefined : zoomer.camera()));

  const onClick = (ev: Event) => {
    const target = (ev.target as Element).closest('[data-sel]');
    if (target) {
      const [kind, ...rest] = (target.getAttribute('data-sel') ?? '').split(':');
      const nodeName = (target.closest('g.node') as SVGGElement | null)?.dataset.name;
      if (kind === 'node' || kind === 'eni' || kind === 'pod') onSelect({ kind, id: rest.join(':'), node: nodeName });
      return;
    }
    // A glyph is part of a shared path: find the node under the pointer from the layout.
    if (layout && ev instanceof MouseEvent && (ev.target as Element).closest('.glyphs')) {
      const r = svg.getBoundingClientRect();
      const [x, y] = zoomTransform(svg).invert([ev.clientX - r.left, ev.clientY - r.top]);
      const hit = boxAt(layout.nodes.values(), x, y);
      if (hit) onSelect({ kind: 'node', id: hit.name, node: hit.name });
    }
  };
  const onKey = (ev: KeyboardEvent) => {
    if ((ev.key === 'Enter' || ev.key === ' ') && (ev.target as Element).matches('g.node, g.eni, rect.pod')) { ev.preventDefault(); onClick(ev); }
  };
  svg.addEventListener('click', onClick);
  svg.addEventListener('keydown', onKey);
  // Presenter mode switched on: its label boost is written with the next frame.
  const presenterWatch = typeof MutationObserver === 'function' ? new MutationObserver(() => scheduleView()) : undefined;
  presenterWatch?.observe(document.documentElement, { attributes: true, attributeFilter: ['data-presenter'] });
  // Arrow keys between nodes and into their ENIs and pods; the picture is one tab stop.
  const roving = createRoving(svg, {
    order: () => lastInput?.snapshot.nodes.map((n) => n.name) ?? [],
    reveal: (name) => { const b = layout?.nodes.get(name); if (b) { autoFit = false; zoomer.focus(b); } },
  });

  /** Marks highlighted (event `touches`) and selected elements inside `scope`. */
  function applyMarks(scope: Element, highlight: readonly string[], selection: AppSelection | undefined): void {
    const set = new Set(highlight);
    const sel = selection ? `${selection.kind}:${selection.id}` : '';
    root.classed('has-highlight', set.size > 0);
    for (const el of scope.querySelectorAll('[data-keys]')) {
      const on = set.size > 0 && (el.getAttribute('data-keys') ?? '').split(' ').some((k) => set.has(k));
      if (on !== el.classList.contains('hl')) el.classList.toggle('hl', on);
    }
    for (const g of scope.matches('g.node') ? [scope] : scope.querySelectorAll('g.node')) {
      const inside = set.size > 0 && g.querySelector('.hl') !== null;
      if (inside !== g.classList.contains('hl-inside')) g.classList.toggle('hl-inside', inside);
    }
    for (const el of scope.querySelectorAll('[data-sel]')) {
      const on = el.getAttribute('data-sel') === sel;
      if (on !== el.classList.contains('selected')) el.classList.toggle('selected', on);
    }
  }

  function glyphMarks(snapshot: SimSnapshot, highlight: readonly string[], selection: AppSelection | undefined): void {
    if (!layout) return;
    const name = selection?.node ?? (selection?.kind === 'node' ? selection.id : undefined);
    const set = new Set(highlight);
    const touched = set.size ? snapshot.nodes.flatMap((n) => (nodeTouched(n, set) ? (layout?.nodes.get(n.name) ?? []) : [])) : [];
    glyphs.marks(name ? layout.nodes.get(name) : undefined, touched);
  }

  /** Pods grouped by node, rebuilt only when the pod list changed and a card needs them. */
  function podsOf(list: readonly PodView[]): (name: string) => readonly PodView[] {
    return (name) => {
      if (!pods || pods.list !== list) pods = { list, byNode: podsByNode(list) };
      return pods.byNode.get(name) ?? NO_PODS;
    };
  }

  /**
   * One frame of drawing: data (`dataChanged`, `fresh` for a new scenario) or only the view (a pan
   * or zoom; `answering` when it answers the user's wheel or drag, and starts no card). True when
   * cards were drawn or redrawn (what sits on them may have moved).
   */
  function draw(input: TopologyInput, dataChanged: boolean, fresh = false, answering = false): boolean {
    const { snapshot, selection, highlight } = input;
    const l = layout;
    if (!l) return false;
    const t = zoomTransform(svg);
    const nextLod = lodFor(t.k);
    const lodChanged = nextLod !== lod;
    lod = nextLod;
    root.classed('lod-glyph', lod === 'glyph').classed('lod-far', lod !== 'detail');
    // How much presenter mode enlarges the picture's labels so they read at >= 14 px on screen
    // at this zoom (presenter.css multiplies their world size by it; capped where the card has room).
    // Written only in presenter mode and when it changed: an inherited property set on the root
    // restyles every element of the picture, a frame's budget at 100 nodes.
    const boost = String(Math.min(LABEL_BOOST_MAX, Math.max(1, PRESENTER_LABEL_PX / (13.5 * t.k))));
    if (boost !== labelBoost && presenterOn()) { labelBoost = boost; root.style('--label-boost', boost); }
    const culling = snapshot.nodes.length > CULL_ABOVE;
    // Glyphs: the whole picture when zoomed out; beneath the cards of a large cluster always.
    const glyphsOn = lod === 'glyph' || culling;
    root.classed('glyphs-on', glyphsOn);
    if (glyphsOn && (dataChanged || lodChanged)) glyphs.update(snapshot.nodes, l);
    let wanted: readonly string[];
    if (culling && lod === 'glyph') wanted = [];
    else if (!culling) wanted = snapshot.nodes.map((n) => n.name);
    else {
      if (!size.w) measure();
      const view = visibleWorld(t, size.w, size.h, VIEW_MARGIN);
      wanted = snapshot.nodes.flatMap((n) => { const b = l.nodes.get(n.name); return b && intersects(b, view) ? [n.name] : []; });
    }
    const nodes = new Map<string, NodeView>(snapshot.nodes.map((n) => [n.name, n]));
    const { redrawn, pending } = cards.sync({
      wanted, nodes, layout: l, podsOf: podsOf(snapshot.pods), detail: lod === 'detail', say,
      // Cards fade in and out as the simulation moves; not on a new scenario, a pan, or at scale.
      enterMs: dataChanged && !fresh && !culling ? motionMs(350) : 0,
      // The frame that switches the level of detail restyles the whole picture, and the frame that
      // answers a wheel or drag moves it: their cards start next frame.
      deadline: culling ? performance.now() + ((lodChanged && !dataChanged) || answering ? 0 : CARD_BUDGET_MS) : undefined,
    });
    if (pending) scheduleView();
    // A tree for assistive technology once it has nodes (an empty tree is an ARIA error).
    nodeLayer.attr('role', wanted.length ? 'tree' : null).attr('aria-label', wanted.length ? say('card.tree') : null);
    roving.drawn();
    const marksChanged = highlight !== lastHighlight || selection !== lastSelection;
    // Marks over the whole picture when they changed; otherwise only on cards drawn just now.
    if (marksChanged || (dataChanged && !lastInputDrawn)) applyMarks(svg, highlight, selection);
    else if (highlight.length > 0 || selection) for (const g of redrawn) applyMarks(g, highlight, selection);
    lastInputDrawn = true;
    if (glyphsOn && (marksChanged || dataChanged || lodChanged)) glyphMarks(snapshot, highlight, selection);
    lastHighlight = highlight;
    lastSelection = selection;
    return redrawn.length > 0 || lodChanged;
  }

  const controller: TopologyController = {
    update(input) {
      const { snapshot, generation: gen } = input;
      const fresh = gen !== generation;
      if (fresh) {
        mem = newSlotMemory(); cards.clear(); generation = gen; autoFit = !input.camera; fittedTo = ''; laidOut = undefined;
        lastHighlight = []; lastSelection = undefined; lastInputDrawn = false;
      }
      if (!layout || !sameLayoutInputs(laidOut, snapshot)) {
        layout = layoutTopology(snapshot, mem, (vpcLabel(snapshot).length + snapshot.clusterName.length + snapshot.region.length + 20) * 8.4 + 40);
        laidOut = snapshot;
      }
      const l = layout;
      let unscheduled: PodView[] = [];
      for (const p of snapshot.pods) if (!p.node) unscheduled.push(p);
      if (unscheduled.length === 0) unscheduled = [];
      drawFrame(frameLayer, snapshot, l, unscheduled, say);
      if (fresh && input.camera) zoomer.setCamera(input.camera);
      // A picture with no size yet (hidden, or not laid out) fits once it has one (resized()).
      if (autoFit && sizeKeyOf(l) !== fittedTo && hasSize()) fitVpc(l, !fresh);
      lastInput = input;
      draw(input, true, fresh);
    },
    fit() { if (layout) { autoFit = true; fitVpc(layout, true); } },
    alsoFit(extra) { fitExtra = extra; },
    zoomBy(f) { autoFit = false; zoomer.zoomBy(f); },
    focusNode(name) { const b = layout?.nodes.get(name); if (b) { autoFit = false; zoomer.focus(b); } },
    resized() {
      measure();
      if (layout && autoFit && hasSize()) fitVpc(layout, false);
      scheduleView();
    },
    lod: () => lod,
    // Zoomed in to where cards show their ENI rows and pods (DETAIL_FROM), so the packet sits on a device.
    follow(x, y, fx) { autoFit = false; zoomer.panTo(x, y, DETAIL_FROM + 0.25, fx); },
    nodeBox: (name) => layout?.nodes.get(name),
    relabel() {
      if (!lastInput) return;
      // Cards are drawn again only when their node changed: forget them, then draw the same input.
      cards.forget();
      lastInputDrawn = false;
      const input = lastInput;
      controller.update({ ...input, camera: undefined });
    },
    destroy() {
      svg.removeEventListener('click', onClick);
      svg.removeEventListener('keydown', onKey);
      presenterWatch?.disconnect();
      roving.destroy();
      if (viewFrame) cancelAnimationFrame(viewFrame);
      zoomer.destroy();
      glyphs.destroy();
      root.selectAll('*').remove();
    },
  };
  return controller;
}
