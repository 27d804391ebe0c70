/**
 * Pan and zoom of the topology (d3-zoom), framework-free: created once with the SVG,
 * told what to fit or focus, destroyed with the component.
 */
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';
import type { Box } from './layout.ts';

export interface ZoomController {
  fit(box: Box, animate?: boolean): void;
  focus(box: Box): void;
  zoomBy(factor: number): void;
  scale(): number;
  destroy(): void;
}

/** `onUser` fires when the user pans or zooms by hand (not on programmatic fits). */
export function createZoom(svg: SVGSVGElement, viewport: SVGGElement, onScale: (k: number) => void, duration: () => number, onUser: () => void = () => {}): ZoomController {
  const sel = select(svg);
  let k = 1;
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.08, 6])
    .on('zoom', (e) => {
      viewport.setAttribute('transform', e.transform.toString());
      if (e.sourceEvent) onUser();
      if (e.transform.k !== k) { k = e.transform.k; onScale(k); }
    });
  sel.call(behavior).on('dblclick.zoom', null);

  const transformFor = (box: Box, maxK: number) => {
    const { width, height } = svg.getBoundingClientRect();
    const w = Math.max(1, width);
    const h = Math.max(1, height);
    // Keep clear of the overlays: problems/zoom tools on top, legend at the bottom.
    const top = 52;
    const bottom = 48;
    const scale = Math.min(maxK, (w - 32) / Math.max(1, box.w), (h - top - bottom) / Math.max(1, box.h));
    return zoomIdentity.translate(w / 2 - scale * (box.x + box.w / 2), top + (h - top - bottom) / 2 - scale * (box.y + box.h / 2)).scale(scale);
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
    destroy: () => { sel.on('.zoom', null); sel.interrupt(); },
  };
}
