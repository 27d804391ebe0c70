import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryHeap } from './binary-heap.ts';
import { EventQueue } from './event-queue.ts';

describe('BinaryHeap', () => {
  it('pops in order for any input', () => {
    fc.assert(fc.property(fc.array(fc.integer()), (xs) => {
      const h = new BinaryHeap<number>((a, b) => a < b);
      for (const x of xs) h.push(x);
      const out: number[] = [];
      while (h.size) out.push(h.pop()!);
      expect(out).toEqual(xs.toSorted((a, b) => a - b));
    }));
  });
});

describe('EventQueue', () => {
  it('runs events by time, same-time events in the order they were scheduled, and skips cancelled ones', () => {
    const q = new EventQueue();
    const seen: string[] = [];
    q.after(20, () => seen.push('b@20'));
    q.after(10, () => seen.push('a@10'));
    q.after(20, () => seen.push('c@20'));
    const cancelled = q.after(15, () => seen.push('never'));
    q.after(10, (now) => q.after(0, () => seen.push(`d@${now}`)));
    cancelled.cancel();
    expect(q.peekTime()).toBe(10);
    q.runUntil(15);
    expect(seen).toEqual(['a@10', 'd@10']);
    expect(q.nowMs).toBe(15);
    q.runUntil(100);
    expect(seen).toEqual(['a@10', 'd@10', 'b@20', 'c@20']);
    expect(q.nowMs).toBe(100);
    expect(q.peekTime()).toBeUndefined();
  });

  it('stops after maxEvents when more are due, leaving the clock at the last event run, and carries on later', () => {
    const q = new EventQueue();
    const seen: number[] = [];
    // A self-rescheduling timer, like ipamd's 5 s loop: without a budget, runUntil(huge) never returns.
    const tick = (now: number) => {
      seen.push(now);
      q.after(5, tick);
    };
    q.after(5, tick);
    expect(q.runUntil(1e21, 3)).toBe(3);
    expect(seen).toEqual([5, 10, 15]);
    expect(q.nowMs).toBe(15);
    expect(q.peekTime()).toBe(20);
    expect(q.runUntil(22, 100)).toBe(1);
    expect(q.nowMs).toBe(22);
    // A budget that is not reached changes nothing: the clock still moves to the target.
    expect(q.runUntil(24, 100)).toBe(0);
    expect(q.nowMs).toBe(24);
  });
});
