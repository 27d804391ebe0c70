/**
 * Latest wins on the page's side: a channel (one terminal panel, the packet walk) has at most
 * one request in flight; a newer request waits in its place, replacing (and answering
 * `undefined` to) any older one still waiting, and an answer that a newer request overtook
 * is dropped. The worker drops superseded requests too (src/worker/latest.ts), so a user
 * stepping at 64× waits behind at most the one request already running.
 */
import type { RequestTicket, Superseded } from '../../worker/protocol.ts';

type Async<T> = T | Promise<T>;

const isSuperseded = (r: unknown): r is Superseded => typeof r === 'object' && r !== null && (r as Superseded).superseded === true;

export interface LatestChannel {
  /** Sends `call` when the channel is free; resolves `undefined` when a newer request won. */
  request<T>(call: (ticket: RequestTicket) => Async<T | Superseded>): Promise<T | undefined>;
}

interface Waiting {
  seq: number;
  call: (ticket: RequestTicket) => Async<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export function createLatestChannel(name: string): LatestChannel {
  let seq = 0;
  let busy = false;
  let waiting: Waiting | undefined;

  function send(w: Waiting): void {
    busy = true;
    Promise.resolve()
      .then(() => w.call({ channel: name, seq: w.seq }))
      .then((r) => w.resolve(isSuperseded(r) || w.seq !== seq ? undefined : r), w.reject)
      .finally(() => {
        busy = false;
        const next = waiting;
        waiting = undefined;
        if (next) send(next);
      });
  }

  return {
    request<T>(call: (ticket: RequestTicket) => Async<T | Superseded>): Promise<T | undefined> {
      return new Promise<T | undefined>((resolve, reject) => {
        const w: Waiting = { seq: ++seq, call, resolve: resolve as (v: unknown) => void, reject };
        if (!busy) {
          send(w);
          return;
        }
        waiting?.resolve(undefined);
        waiting = w;
      });
    },
  };
}
