import { describe, expect, it } from 'vitest';
import type { RequestTicket } from '../../worker/protocol.ts';
import { createLatestChannel } from './latest-channel.ts';

/** A worker call the test answers by hand. */
function deferred() {
  const calls: { ticket: RequestTicket; answer: (v: string) => void; fail: (e: Error) => void }[] = [];
  const call = (ticket: RequestTicket) => new Promise<string>((answer, fail) => calls.push({ ticket, answer, fail }));
  return { calls, call };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('latest-wins channel', () => {
  it('keeps one request in flight; of those asked meanwhile only the newest is sent', async () => {
    const ch = createLatestChannel('text:1');
    const { calls, call } = deferred();
    const first = ch.request(call);
    const second = ch.request(call);
    const third = ch.request(call);
    await settle();
    expect(calls.map((c) => c.ticket.seq)).toEqual([1]);
    expect(await second).toBeUndefined();
    calls[0].answer('stale');
    expect(await first).toBeUndefined();
    await settle();
    expect(calls.map((c) => c.ticket)).toEqual([{ channel: 'text:1', seq: 1 }, { channel: 'text:1', seq: 3 }]);
    calls[1].answer('fresh');
    expect(await third).toBe('fresh');
  });

  it('treats the worker saying superseded as no answer, and passes a rejection on', async () => {
    const ch = createLatestChannel('trace');
    expect(await ch.request(() => ({ superseded: true as const }))).toBeUndefined();
    await expect(ch.request(() => Promise.reject(new Error('worker crashed')))).rejects.toThrow('worker crashed');
    expect(await ch.request(() => 'after a failure')).toBe('after a failure');
  });
});
