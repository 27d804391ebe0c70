/**
 * Pan and zoom of the topology (d3-zoom), framework-free: created once with the SVG,
 * told what to fit or focus, destroyed with the component.
 */
import { interpolateZoom, select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3';
import type { Camera } from '../links/view-state.ts';
import type { Box } from './layout.ts';
import { ZOOM_EXTENT } from './lod.ts';

/**
 * What a fit must show beyond the VPC: world points (the packet map's badges outside the VPC
 * box, `box`), each with a label of constant screen size around it (`pad`, screen pixels).
 */
export interface FitExtra {
  box: Box;
  pad: { top: number; right: number; bottom: number; left: number };
}

/** The smallest box holding both. */
export function unionBox(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

export interface ZoomController {
  /** Fits `box` (and `extra`, when given) into what the overlays and a docked panel leave free. */
  fit(box: Box, animate?: boolean, extra?: FitExtra): void;
  focus(box: Box): void;
  zoomBy(factor: number): void;
  scale(): number;
  /** The world point at the centre of the SVG and the zoom factor. */
  camera(): Camera;
  /** Shows `camera` at once (no transition): a shared link's view. */
  setCamera(camera: Camera): void;
  /**
   * Glides so the world point (x, y) sits at fraction `fx` of the picture's width (the part a
   * docked panel leaves free), mid-height, zoomed in to at least `minK`: the packet followed.
   */
  panTo(x: number, y: number, minK: number, fx: number): void;
  destroy(): void;
}

/** The largest `edge` over the stage's overlays matching `selector` (0 when none is shown). */
function overlayEdge(svg: SVGSVGElement, selector: string, edge: (r: DOMRect) => number): number {
  let out = 0;
  for (const el of svg.parentElement?.querySelectorAll(selector) ?? []) {
    const r = el.getBoundingClientRect();
    if (r.height > 0) out = Math.max(out, edge(r));
  }
  return out;
}

/**
 * How much of the picture the docked packet walk covers: its right edge on a wide screen (the
 * panel is wider than the inspector column it sits over), its lower part on a phone.
 */
export function dockedCover(stage: DOMRect): { right: number; bottom: number } {
  const r = stage.width > 0 ? document.querySelector('.pw.docked')?.getBoundingClientRect() : undefined;
  if (!r || r.height <= 0 || r.width <= 0 || r.left >= stage.right || r.top >= stage.bottom) return { right: 0, bottom: 0 };
  if (r.left > stage.left + 1) return { right: stage.right - r.left, bottom: 0 };
  return { right: 0, bottom: stage.bottom - Math.max(stage.top, r.top) };
}

/**
 * `onView` fires on every change of the transform (the picture decides, once per frame, what
 * the new view needs); `onUser` when the user pans or zooms by hand (not on programmatic
 * fits); `onEnd` when any pan, zoom or transition comes to rest.
 */
export function createZoom(svg: SVGSVGElement, viewport: SVGGElement, onView: () => void, duration: () => number, onUser: () => void = () => {}, onEnd: () => void = () => {}): ZoomController {
  const sel = select(svg);
  let k = 1;
  /**
   * The next glide is the camera following the packet: at an unchanged zoom it pans in a straight
   * line. d3's default (van Wijk's smooth zoom) zooms out and back in on the way, and every change
   * of scale lays out every text of the picture again (the browser sizes SVG text for the screen
   * scale), a frame's budget at 100 nodes; a pan at one scale moves the picture only.
   * Read when the glide starts, so the last glide asked for decides (an earlier one never starts).
   */
  let following = false;
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent(ZOOM_EXTENT)
    .interpolate((a: number[], b: number[]) => {
      if (!following || a[2] !== b[2]) return interpolateZoom(a as [number, number, number], b as [number, number, number]);
      return (t: number) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2]];
    })
    .on('zoom', (e) => {
      // The scale to 9 digits: a straight pan's frames compute it back from the view's width
      // (w / (w / k)), a last bit off for some k, and any change of scale lays out every text again.
      const t = e.transform;
      viewport.setAttribute('transform', `translate(${t.x},${t.y}) scale(${Number(t.k.toPrecision(9))})`);
      if (e.sourceEvent) onUser();
      k = e.transform.k;
      onView();
    })
    .on('end', () => onEnd());
  sel.call(behavior).on('dblclick.zoom', null);

  const transformFor = (target: Box, maxK: number, extra?: FitExtra) => {
    const box = extra ? unionBox(target, extra.box) : target;
    const pad = extra?.pad ?? { top: 0, right: 0, bottom: 0, left: 0 };
    const rect = svg.getBoundingClientRect();
    const w = Math.max(1, rect.width);
    const h = Math.max(1, rect.height);
    // Keep clear of the overlays (problems and zoom tools on top, legend at the bottom),
    // measured: with presenter text they are taller than the defaults.
    const top = Math.max(52, overlayEdge(svg, '.problems-head, .stage-tools', (r) => r.bottom - rect.top + 10));
    // The docked packet walk: at most half the picture is given up to it.
    const dock = dockedCover(rect);
    const bottom = Math.max(48, overlayEdge(svg, '.legend', (r) => rect.bottom - r.top + 8), Math.min(h / 2, dock.bottom));
    const free = Math.max(1, w - Math.min(w / 2, dock.right));
    const scale = Math.min(maxK, (free - 32 - pad.left - pad.right) / Math.max(1, box.w), (h - top - bottom - pad.top - pad.bottom) / Math.max(1, box.h));
    return zoomIdentity
      .translate((pad.left + free - pad.right) / 2 - scale * (box.x + box.w / 2), (top + pad.top + h - bottom - pad.bottom) / 2 - scale * (box.y + box.h / 2))
      .scale(scale);
  };
  const size = () => {
    const { width, height } = svg.getBoundingClientRect();
    return { w: Math.max(1, width), h: Math.max(1, height) };
  };
  const go = (t: ReturnType<typeof transformFor>, animate: boolean, follow = false) => {
    following = follow;
    const d = animate ? duration() : 0;
    if (d > 0) sel.transition().duration(d).call(behavior.transform, t);
    else sel.call(behavior.transform, t);
  };

  return {
    fit: (box, animate = true, extra) => go(transformFor(box, 1.6, extra), animate),
    focus: (box) => go(transformFor({ x: box.x - 20, y: box.y - 20, w: box.w + 40, h: box.h + 40 }, 3), true),
    zoomBy: (factor) => {
      following = false;
      const d = duration();
      if (d > 0) sel.transition().duration(d).call(behavior.scaleBy, factor);
      else sel.call(behavior.scaleBy, factor);
    },
    scale: () => k,
    camera: () => {
      const t = zoomTransform(svg);
      const { w, h } = size();
      return { cx: (w / 2 - t.x) / t.k, cy: (h / 2 - t.y) / t.k, k: t.k };
    },
    setCamera: (c) => {
      const { w, h } = size();
      sel.interrupt();
      sel.call(behavior.transform, zoomIdentity.translate(w / 2 - c.k * c.cx, h / 2 - c.k * c.cy).scale(c.k));
    },
    panTo: (x, y, minK, fx) => {
      const { w, h } = size();
      const t = zoomTransform(svg);
      const k = Math.min(ZOOM_EXTENT[1], Math.max(t.k, minK));
      go(zoomIdentity.translate(w * fx - k * x, h / 2 - k * y).scale(k), true, true);
    },
    destroy: () => { sel.on('.zoom', null); sel.interrupt(); },
  };
}
