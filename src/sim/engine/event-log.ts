/** The simulation's event log: every EC2 call, ipamd decision and Kubernetes event, in order. */
import type { CloudTrailRecord, SimEvent } from '../view.ts';

type NewEvent = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'seq' | 'timeMs'> : never) : never;

export class EventLog {
  private readonly events: SimEvent[] = [];
  private seq = 0;

  constructor(private readonly now: () => number, private readonly limit = Infinity) {}

  /** Appends an event (the object passed in is adopted: callers build a fresh one). */
  push(e: NewEvent): void {
    const ev = e as SimEvent;
    ev.seq = ++this.seq;
    ev.timeMs = this.now();
    this.events.push(ev);
    if (this.events.length > this.limit) this.events.splice(0, this.events.length - this.limit);
  }

  /** An EC2 call whose CloudTrail record is built (once) when first read. */
  pushEc2(node: string, latencyMs: number, makeRecord: () => CloudTrailRecord, touches: string[]): void {
    let record: CloudTrailRecord | undefined;
    const e = { seq: ++this.seq, timeMs: this.now(), kind: 'ec2', node, latencyMs, touches } as SimEvent & { kind: 'ec2' };
    // An enumerable getter: structured clone and JSON.stringify both read it like data.
    Object.defineProperty(e, 'record', { enumerable: true, get: () => (record ??= makeRecord()) });
    this.events.push(e);
    if (this.events.length > this.limit) this.events.splice(0, this.events.length - this.limit);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Events with seq > afterSeq (binary search: seq grows by one per event). */
  since(afterSeq: number): SimEvent[] {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid].seq <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }
}
