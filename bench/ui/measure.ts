/** In-page probes: frame busy time, rAF intervals and long tasks, collected while the app plays. */
import type { Page } from '@playwright/test';

export interface FrameStats { frames: number; busyP95: number; busyMax: number; intervalP95: number; longTasks: number; longestTaskMs: number }

export function p95(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
}

/**
 * Measures for `ms` of wall time. Busy time of a frame = from its requestAnimationFrame
 * callback to a message posted from it, which runs after that frame's style, layout and
 * paint on the main thread. Long tasks come from the Long Tasks API (> 50 ms).
 */
export async function measureFrames(page: Page, ms: number): Promise<FrameStats> {
  const raw = await page.evaluate((duration) => new Promise<{ busy: number[]; intervals: number[]; tasks: number[] }>((resolve) => {
    const busy: number[] = [];
    const intervals: number[] = [];
    const tasks: number[] = [];
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    obs.observe({ type: 'longtask', buffered: false });
    const channel = new MessageChannel();
    let frameStart = 0;
    let last = 0;
    channel.port1.addEventListener('message', () => { busy.push(performance.now() - frameStart); });
    channel.port1.start();
    const end = performance.now() + duration;
    const loop = (t: number) => {
      if (last) intervals.push(t - last);
      last = t;
      frameStart = performance.now();
      channel.port2.postMessage(0);
      if (performance.now() < end) requestAnimationFrame(loop);
      else setTimeout(() => { obs.disconnect(); resolve({ busy, intervals, tasks }); }, 100);
    };
    requestAnimationFrame(loop);
  }), ms);
  return {
    frames: raw.busy.length,
    busyP95: round(p95(raw.busy)),
    busyMax: round(Math.max(0, ...raw.busy)),
    intervalP95: round(p95(raw.intervals)),
    longTasks: raw.tasks.length,
    longestTaskMs: round(Math.max(0, ...raw.tasks)),
  };
}

export const round = (x: number) => Math.round(x * 100) / 100;
