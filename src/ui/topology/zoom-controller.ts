/**
 * Pan and zoom of the topology (d3-zoom), framework-free: created once with the SVG,
 * told what to fit or focus, destroyed with the component.
 */
import { select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3';
import type { Camera } from '../links/view-state.ts';
import type { Box } from './layout.ts';
import { ZOOM_EXTENT } from './lod.ts';

export interface ZoomController {
  fit(box: Box, animate?: boolean): void;
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
 * `onView` fires on every change of the transform (the picture decides, once per frame, what
 * the new view needs); `onUser` when the user pans or zooms by hand (not on programmatic
 * fits); `onEnd` when any pan, zoom or transition comes to rest.
 */
export function createZoom(svg: SVGSVGElement, viewport: SVGGElement, onView: () => void, duration: () => number, onUser: () => void = () => {}, onEnd: () => void = () => {}): ZoomController {
  const sel = select(svg);
  let k = 1;
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent(ZOOM_EXTENT)
    .on('zoom', (e) => {
      viewport.setAttribute('transform', e.transform.toString());
      if (e.sourceEvent) onUser();
      k = e.transform.k;
      onView();
    })
    .on('end', () => onEnd());
  sel.call(behavior).on('dblclick.zoom', null);

  const transformFor = (box: Box, maxK: number) => {
    const rect = svg.getBoundingClientRect();
    const w = Math.max(1, rect.width);
    const h = Math.max(1, rect.height);
    // Keep clear of the overlays (problems and zoom tools on top, legend at the bottom),
    // measured: with presenter text they are taller than the defaults.
    const top = Math.max(52, overlayEdge(svg, '.problems-head, .stage-tools', (r) => r.bottom - rect.top + 10));
    const bottom = Math.max(48, overlayEdge(svg, '.legend', (r) => rect.bottom - r.top + 8));
    const scale = Math.min(maxK, (w - 32) / Math.max(1, box.w), (h - top - bottom) / Math.max(1, box.h));
    return zoomIdentity.translate(w / 2 - scale * (box.x + box.w / 2), top + (h - top - bottom) / 2 - scale * (box.y + box.h / 2)).scale(scale);
  };
  const size = () => {
    const { width, height } = svg.getBoundingClientRect();
    return { w: Math.max(1, width), h: Math.max(1, height) };
  };
  const go = (t: ReturnType<typeof transformFor>, animate: boolean) => {
    const d = animate ? duration() : 0;
    if (d > 0) sel.transition().duration(d).call(behavior.transform, t);
    else sel.call(behavior.transform, t);
  };

  return {
    fit: (box, animate = true) => go(transformFor(box, 1.6), animate),
    focus: (box) => go(transformFor({ x: box.x - 20, y: box.y - 20, w: box.w + 40, h: box.h + 40 }, 3), true),
    zoomBy: (factor) => {
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
      go(zoomIdentity.translate(w * fx - k * x, h / 2 - k * y).scale(k), true);
    },
    destroy: () => { sel.on('.zoom', null); sel.interrupt(); },
  };
}
