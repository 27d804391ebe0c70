/**
 * Latest wins: requests on one channel (a terminal panel, the packet walk) carry increasing
 * sequence numbers, and a request that a newer one on its channel superseded is dropped
 * before its work starts. The worker answers messages one at a time, so a request first
 * yields to the event loop: the messages queued behind it (a user stepping at 64×) register
 * their numbers, and only the newest does the work.
 */
import type { RequestTicket, Superseded } from './protocol.ts';

export const SUPERSEDED: Superseded = Object.freeze({ superseded: true as const });

/** Lets already-queued messages run first (a macrotask; they were queued before it). */
export const yieldToQueue = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface LatestGate {
  /** Runs `work` unless a newer request on the ticket's channel came before it could start. */
  run<T>(ticket: RequestTicket | undefined, work: () => T | Promise<T>): Promise<T | Superseded>;
  /** Requests dropped so far (a test and a benchmark watch it). */
  readonly dropped: number;
}

export function createLatestGate(pause: () => Promise<void> = yieldToQueue): LatestGate {
  const newest = new Map<string, number>();
  let dropped = 0;
  return {
    async run(ticket, work) {
      if (!ticket) return work();
      const seen = newest.get(ticket.channel);
      if (seen !== undefined && ticket.seq < seen) {
        dropped++;
        return SUPERSEDED;
      }
      newest.set(ticket.channel, ticket.seq);
      await pause();
      if (newest.get(ticket.channel) !== ticket.seq) {
        dropped++;
        return SUPERSEDED;
      }
      return work();
    },
    get dropped() {
      return dropped;
    },
  };
}
