/**
 * A virtual clock with a binary-heap event queue.
 *
 * Events at the same instant run in the order they were scheduled (a sequence number
 * breaks ties), which is what makes a run reproducible: same scenario, same commands,
 * same event log.
 */
export type TimerCallback = (nowMs: number) => void;

export interface TimerHandle {
  cancel(): void;
}

/** A scheduled callback; it is its own handle (one allocation per timer). */
class Entry implements TimerHandle {
  cancelled = false;
  constructor(readonly at: number, readonly seq: number, readonly fn: TimerCallback) {}
  cancel(): void {
    this.cancelled = true;
  }
}

export class EventQueue {
  private heap: Entry[] = [];
  private seq = 0;
  private now = 0;

  /** Current simulated time in milliseconds since the scenario started. */
  get nowMs(): number {
    return this.now;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Schedules fn to run delayMs from now (0 = later in this same instant). */
  after(delayMs: number, fn: TimerCallback): TimerHandle {
    return this.at(this.now + Math.max(0, delayMs), fn);
  }

  at(atMs: number, fn: TimerCallback): TimerHandle {
    const e = new Entry(Math.max(atMs, this.now), this.seq++, fn);
    this.push(e);
    return e;
  }

  /** Time of the next pending event, or undefined when nothing is scheduled. */
  peekTime(): number | undefined {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
    return this.heap.length ? this.heap[0].at : undefined;
  }

  /** Runs every event up to and including untilMs, then sets the clock to untilMs. */
  runUntil(untilMs: number): number {
    let ran = 0;
    for (;;) {
      const next = this.peekTime();
      if (next === undefined || next > untilMs) break;
      const e = this.pop()!;
      this.now = e.at;
      e.fn(this.now);
      ran++;
    }
    if (untilMs > this.now) this.now = untilMs;
    return ran;
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      const t = h[i];
      h[i] = h[p];
      h[p] = t;
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    if (!h.length) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        const t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
      }
    }
    return top;
  }
}
