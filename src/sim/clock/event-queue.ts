/**
 * A virtual clock with a binary-heap event queue.
 *
 * Events at the same instant run in the order they were scheduled (a sequence number
 * breaks ties), which is what makes a run reproducible: same scenario, same commands,
 * same event log.
 */
import { BinaryHeap } from './binary-heap.ts';

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
  private readonly heap = new BinaryHeap<Entry>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;
  private now = 0;
  /** Callbacks run so far (what the engine's work is counted in; far more than logged events). */
  executed = 0;

  /** Current simulated time in milliseconds since the scenario started. */
  get nowMs(): number {
    return this.now;
  }

  get size(): number {
    return this.heap.size;
  }

  /** Schedules fn to run delayMs from now (0 = later in this same instant). */
  after(delayMs: number, fn: TimerCallback): TimerHandle {
    return this.at(this.now + Math.max(0, delayMs), fn);
  }

  at(atMs: number, fn: TimerCallback): TimerHandle {
    const e = new Entry(Math.max(atMs, this.now), this.seq++, fn);
    this.heap.push(e);
    return e;
  }

  /** Time of the next pending event, or undefined when nothing is scheduled. */
  peekTime(): number | undefined {
    while (this.heap.size && this.heap.peek()!.cancelled) this.heap.pop();
    return this.heap.peek()?.at;
  }

  /**
   * Runs every event up to and including untilMs, then sets the clock to untilMs. With
   * `maxEvents`, stops after that many events if more are due (the clock then stays at the
   * last event run, so a caller can tell and carry on later). Returns the events run.
   */
  runUntil(untilMs: number, maxEvents = Infinity): number {
    let ran = 0;
    for (;;) {
      if (ran >= maxEvents) {
        const next = this.peekTime();
        if (next !== undefined && next <= untilMs) return ran;
        break;
      }
      if (!this.runNext(untilMs)) break;
      ran++;
    }
    if (untilMs > this.now) this.now = untilMs;
    return ran;
  }

  /**
   * Runs at most `maxEvents` events up to untilMs; true once none is left before untilMs (the
   * clock then reads untilMs). Calling it until it returns true is exactly `runUntil(untilMs)`:
   * the clock stays at the last event run in between, so nothing else can tell the pieces apart.
   */
  runSome(untilMs: number, maxEvents: number): boolean {
    for (let i = 0; i < maxEvents; i++) {
      if (!this.runNext(untilMs)) {
        if (untilMs > this.now) this.now = untilMs;
        return true;
      }
    }
    const next = this.peekTime();
    if (next !== undefined && next <= untilMs) return false;
    if (untilMs > this.now) this.now = untilMs;
    return true;
  }

  private runNext(untilMs: number): boolean {
    const next = this.peekTime();
    if (next === undefined || next > untilMs) return false;
    const e = this.heap.pop()!;
    this.now = e.at;
    this.executed++;
    e.fn(this.now);
    return true;
  }
}
