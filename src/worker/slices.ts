/**
 * Long work in slices: a job runs for about `SLICE_MS`, then pauses (a macrotask) so the
 * worker answers the messages queued meanwhile — a cancel, ticks of the scenario still on
 * screen — and reports progress. Slicing changes when the engine works, never what it does:
 * the engine's steps (`populate`, `runSome`) are the same operations in the same order.
 */
import type { LoadProgress } from '../sim/simulation-api.ts';
import { yieldToQueue } from './latest.ts';

export const SLICE_MS = 12;

/** The clock and the pause between slices (tests give a fake one). */
export interface Scheduler {
  now(): number;
  pause(): Promise<void>;
}

export const realScheduler: Scheduler = { now: () => performance.now(), pause: yieldToQueue };

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export class SlicedJob {
  private sliceStart: number;
  /** Slices run so far (each ended with a pause). */
  slices = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly cancelled: () => boolean,
    private readonly onProgress?: (p: LoadProgress) => void,
  ) {
    this.sliceStart = scheduler.now();
  }

  /**
   * Call between steps: pauses when the slice is used up (reporting `progress` first), and
   * throws `Cancelled` when the job was cancelled meanwhile.
   */
  async step(progress: LoadProgress): Promise<void> {
    if (this.scheduler.now() - this.sliceStart < SLICE_MS) return;
    this.onProgress?.(progress);
    await this.scheduler.pause();
    this.slices++;
    if (this.cancelled()) throw new Cancelled();
    this.sliceStart = this.scheduler.now();
  }

  /** Drains a generator of steps, one `step` check after each. */
  async drain<T>(steps: Generator<LoadProgress, T>): Promise<T> {
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      await this.step(r.value);
    }
  }
}
