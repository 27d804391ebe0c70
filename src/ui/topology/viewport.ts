/** The part of the world the camera shows, and which node boxes fall in it. */
import type { Box } from './layout.ts';

export interface Transform { x: number; y: number; k: number }

/** World rectangle visible in a `width`×`height` picture under `t`, grown by `margin` of its size on each side. */
export function visibleWorld(t: Transform, width: number, height: number, margin = 0): Box {
  const w = width / t.k;
  const h = height / t.k;
  return { x: -t.x / t.k - w * margin, y: -t.y / t.k - h * margin, w: w * (1 + 2 * margin), h: h * (1 + 2 * margin) };
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The box containing world point (x, y), if any. Linear: a click, not a frame, pays it. */
export function boxAt<B extends Box>(boxes: Iterable<B>, x: number, y: number): B | undefined {
  for (const b of boxes) if (x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h) return b;
  return undefined;
}
