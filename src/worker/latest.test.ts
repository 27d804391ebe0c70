import { describe, expect, it } from 'vitest';
import { createLatestGate, SUPERSEDED } from './latest.ts';

describe('latest-wins gate (worker side)', () => {
  it('drops a request a newer one on its channel overtook before its work started', async () => {
    const gate = createLatestGate();
    let worked = 0;
    const work = (v: string) => () => { worked++; return v; };
    // Three requests arrive while the worker is busy; each yields first, so all register.
    const answers = await Promise.all([
      gate.run({ channel: 'trace', seq: 1 }, work('one')),
      gate.run({ channel: 'trace', seq: 2 }, work('two')),
      gate.run({ channel: 'text:a', seq: 1 }, work('other channel')),
      gate.run({ channel: 'trace', seq: 3 }, work('three')),
    ]);
    expect(answers).toEqual([SUPERSEDED, SUPERSEDED, 'other channel', 'three']);
    expect(worked).toBe(2);
    expect(gate.dropped).toBe(2);
  });

  it('drops a request older than one already seen, and runs untracked requests as they come', async () => {
    const gate = createLatestGate();
    expect(await gate.run({ channel: 'trace', seq: 5 }, () => 5)).toBe(5);
    expect(await gate.run({ channel: 'trace', seq: 4 }, () => 4)).toBe(SUPERSEDED);
    expect(await gate.run(undefined, () => 'no ticket')).toBe('no ticket');
  });
});
