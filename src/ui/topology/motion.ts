/** One place that knows whether the user asked for reduced motion. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Transition duration to use: 0 when motion is reduced. */
export function motionMs(ms: number): number {
  return prefersReducedMotion() ? 0 : ms;
}
