/**
 * In-page probes for the UI benchmark. A frame's work is everything the main thread did for
 * it, in two parts measured separately and added up:
 *
 * - the tasks between frames: each message from the simulation worker is one task — comlink's
 *   handler, the session, the store update and React's render of it (React renders an
 *   external-store update in a microtask of that task; effects of a sync render run in it
 *   too). A listener before comlink's and one after it time the task (`installTaskProbe`,
 *   an init script that wraps Worker: no app code is changed for the benchmark); timer
 *   callbacks and MessagePort handlers (the packet player's and xstate's timers, React's
 *   scheduler) are tasks too, timed with the microtasks they queue;
 * - the frame itself: from the first requestAnimationFrame callback (the picture draws in
 *   its own rAF, after ours) to a message posted from it, which runs after style, layout and
 *   paint.
 *
 * Long tasks (> 50 ms) come from the Long Tasks API, long animation frames from LoAF.
 */
import type { Page } from '@playwright/test';

export interface FrameStats {
  frames: number;
  /** p95 / max of a frame's work: its rAF-to-paint time plus the worker answers handled in it. */
  workP95: number;
  workMax: number;
  /** The two parts alone. */
  paintP95: number;
  answerP95: number;
  answers: number;
  intervalP95: number;
  longTasks: number;
  longestTaskMs: number;
  longFrames: number;
  longestFrameMs: number;
}

export function p95(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
}

export const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Init script: times every task in which the page handles a message from a Web Worker, and
 * every timer callback and MessagePort `onmessage` handler the app runs (the packet player's and
 * xstate's timers, React's scheduler), each with the microtasks it queued (React's render of a
 * store update): what the main thread does outside a frame's rAF-to-paint span.
 */
export function installTaskProbe(): void {
  const w = window as unknown as { vcxTasks: { start: number; dur: number }[]; Worker: typeof Worker };
  w.vcxTasks = [];
  /** Times `run` and the microtasks it queues (ours is queued last, so theirs run first). */
  const timed = (run: () => unknown) => {
    const start = performance.now();
    try { return run(); } finally { queueMicrotask(() => { const dur = performance.now() - start; if (dur > 0.1) w.vcxTasks.push({ start, dur }); }); }
  };
  const originalSetTimeout = window.setTimeout.bind(window);
  (window as unknown as { setTimeout: unknown }).setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) =>
    typeof fn === 'function' ? originalSetTimeout(() => timed(() => (fn as (...a: unknown[]) => unknown)(...args)), ms) : originalSetTimeout(fn as string, ms);
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  if (onmessage?.set && onmessage.get) {
    Object.defineProperty(MessagePort.prototype, 'onmessage', {
      configurable: true,
      get: onmessage.get,
      set(this: MessagePort, fn: ((ev: MessageEvent) => unknown) | null) {
        onmessage.set!.call(this, typeof fn === 'function' ? (ev: MessageEvent) => timed(() => fn.call(this, ev)) : fn);
      },
    });
  }
  const Original = w.Worker;
  w.Worker = class extends Original {
    override addEventListener(type: string, fn: EventListenerOrEventListenerObject, opts?: boolean | AddEventListenerOptions): void {
      if (type !== 'message') { super.addEventListener(type, fn, opts); return; }
      let start = 0;
      // Microtasks run between listeners, so the last one sees the store update and React's render done.
      super.addEventListener('message', () => { start = performance.now(); });
      super.addEventListener(type, fn, opts);
      super.addEventListener('message', () => { w.vcxTasks.push({ start, dur: performance.now() - start }); });
    }
  };
}

/** Measures frames for `ms` of wall time (or until `until` returns true in the page, checked each frame). */
export async function measureFrames(page: Page, ms: number, until?: string): Promise<FrameStats> {
  const raw = await page.evaluate(([duration, stop]) => new Promise<{ frames: { start: number; end: number }[]; tasks: { start: number; dur: number }[]; long: number[]; loaf: number[] }>((resolve) => {
    const w = window as unknown as { vcxTasks?: { start: number; dur: number }[] };
    const firstTask = w.vcxTasks?.length ?? 0;
    const frames: { start: number; end: number }[] = [];
    const long: number[] = [];
    const loaf: number[] = [];
    const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); });
    obs.observe({ type: 'longtask', buffered: false });
    const lobs = new PerformanceObserver((list) => { for (const e of list.getEntries()) loaf.push(e.duration); });
    try { lobs.observe({ type: 'long-animation-frame', buffered: false }); } catch { /* older Chromium */ }
    const done = stop ? new Function(`return (${stop})`) as () => boolean : () => false;
    const channel = new MessageChannel();
    channel.port1.addEventListener('message', () => { frames[frames.length - 1].end = performance.now(); });
    channel.port1.start();
    const end = performance.now() + duration;
    const loop = () => {
      frames.push({ start: performance.now(), end: 0 });
      channel.port2.postMessage(0);
      if (performance.now() < end && !done()) requestAnimationFrame(loop);
      else setTimeout(() => { obs.disconnect(); lobs.disconnect(); resolve({ frames, tasks: (w.vcxTasks ?? []).slice(firstTask), long, loaf }); }, 150);
    };
    requestAnimationFrame(loop);
  }), [ms, until ?? ''] as const);

  const frames = raw.frames.filter((f) => f.end > 0);
  const work: number[] = [];
  const paint: number[] = [];
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    const next = frames[i + 1]?.start ?? Infinity;
    const inFrame = raw.tasks.filter((t) => t.start >= f.start && t.start < next);
    // An answer that ran between our rAF and the paint message is counted once, as an answer.
    const between = inFrame.filter((t) => t.start < f.end).reduce((a, t) => a + t.dur, 0);
    const own = Math.max(0, f.end - f.start - between);
    paint.push(own);
    work.push(own + inFrame.reduce((a, t) => a + t.dur, 0));
  }
  const intervals = frames.slice(1).map((f, i) => f.start - frames[i].start);
  return {
    frames: frames.length,
    workP95: round(p95(work)),
    workMax: round(Math.max(0, ...work)),
    paintP95: round(p95(paint)),
    answerP95: round(p95(raw.tasks.map((t) => t.dur))),
    answers: raw.tasks.length,
    intervalP95: round(p95(intervals)),
    longTasks: raw.long.length,
    longestTaskMs: round(Math.max(0, ...raw.long)),
    longFrames: raw.loaf.length,
    longestFrameMs: round(Math.max(0, ...raw.loaf)),
  };
}

/**
 * Time from an input event on `selector` (wheel, click) to the first frame painted after the
 * page has handled it and `ready` (a page expression) holds: what a user waits for.
 */
export async function armInputTimer(page: Page, selector: string, type: 'wheel' | 'click', ready = 'true'): Promise<void> {
  await page.evaluate(([sel, kind, cond]) => {
    const w = window as unknown as { vcxInput?: Promise<number> };
    const el = document.querySelector(sel);
    if (!el) throw new Error(`no ${sel}`);
    const check = new Function(`return (${cond})`) as () => boolean;
    w.vcxInput = new Promise<number>((resolve) => {
      el.addEventListener(kind, (ev) => {
        const t0 = ev.timeStamp;
        const channel = new MessageChannel();
        channel.port1.addEventListener('message', () => resolve(performance.now() - t0));
        channel.port1.start();
        // The frame is over at whichever comes first: the message posted from its animation-frame
        // callback, or the next frame's callbacks (ours is the first registered). The message alone
        // waits behind that next frame when the page asks for one at once (cards still to draw),
        // and would count a second frame's work.
        const frame = () => {
          if (!check()) { requestAnimationFrame(frame); return; }
          channel.port2.postMessage(0);
          requestAnimationFrame(() => resolve(performance.now() - t0));
        };
        requestAnimationFrame(frame);
      }, { capture: true, once: true });
    });
  }, [selector, type, ready] as const);
}

export async function inputTime(page: Page): Promise<number> {
  return round(await page.evaluate(() => (window as unknown as { vcxInput: Promise<number> }).vcxInput));
}
