import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock } from 'xstate';
import { en } from '../i18n/english.test-support.ts';
import { SLOW_MS, stageMachine } from './stage-machine.ts';

/** A stage whose openStep answers only when the test says, on a simulated clock. */
function stage() {
  const clock = new SimulatedClock();
  const pending: { index: number; resolve: (ok: boolean) => void }[] = [];
  const actor = createActor(stageMachine.provide({
    actors: { openStep: fromPromise<boolean, { index: number }>(({ input }) => new Promise((resolve) => pending.push({ index: input.index, resolve }))) },
  }), { clock }).start();
  const value = () => JSON.stringify(actor.getSnapshot().value);
  const finish = async (ok = true) => { pending.shift()?.resolve(ok); await Promise.resolve(); await Promise.resolve(); };
  return { actor, clock, pending, value, finish, ctx: () => actor.getSnapshot().context };
}

describe('presenter stage machine', () => {
  it('opens a step, says "opening" only once it is slow, then shows it', async () => {
    const s = stage();
    s.actor.send({ type: 'OPEN', index: 2, count: 5 });
    expect(s.value()).toBe('{"opening":"quiet"}');
    s.clock.increment(SLOW_MS - 1);
    expect(s.value()).toBe('{"opening":"quiet"}');
    s.clock.increment(1);
    expect(s.value()).toBe('{"opening":"slow"}');
    expect(s.pending.map((p) => p.index)).toEqual([2]);
    await s.finish();
    expect(s.value()).toBe('"showing"');
    expect(s.ctx()).toMatchObject({ index: 2, count: 5, error: undefined });
  });

  it('goes next and previous within the lesson, never past either end', async () => {
    const s = stage();
    s.actor.send({ type: 'OPEN', index: 0, count: 2 });
    await s.finish();
    s.actor.send({ type: 'PREVIOUS' });
    expect([s.value(), s.pending.length]).toEqual(['"showing"', 0]);
    s.actor.send({ type: 'NEXT' });
    await s.finish();
    expect(s.ctx().index).toBe(1);
    s.actor.send({ type: 'NEXT' });
    expect([s.value(), s.pending.length, s.ctx().index]).toEqual(['"showing"', 0, 1]);
    s.actor.send({ type: 'GO_TO', index: 7 });
    expect(s.value()).toBe('"showing"');
  });

  it('lets the newest of three quick presses win (a clicker pressed three times)', async () => {
    const s = stage();
    s.actor.send({ type: 'OPEN', index: 0, count: 6 });
    s.actor.send({ type: 'NEXT' });
    s.actor.send({ type: 'NEXT' });
    expect(s.ctx().index).toBe(2);
    // The first two openings are abandoned; only the last one's answer moves the stage.
    expect(s.pending.map((p) => p.index)).toEqual([0, 1, 2]);
    s.clock.increment(SLOW_MS);
    expect(s.value()).toBe('{"opening":"slow"}');
    await s.finish();
    await s.finish();
    expect(s.value()).toBe('{"opening":"slow"}');
    await s.finish();
    expect([s.value(), s.ctx().index]).toEqual(['"showing"', 2]);
  });

  it('shows the step with an error when it could not be opened, and closes from anywhere', async () => {
    const s = stage();
    s.actor.send({ type: 'OPEN', index: 1, count: 3 });
    await s.finish(false);
    expect(en(s.ctx().error)).toBe('this step could not be opened');
    s.actor.send({ type: 'OPEN', index: 0, count: 3 });
    s.actor.send({ type: 'CLOSE' });
    expect(s.value()).toBe('"closed"');
  });

  it('opens an empty lesson for authoring, and follows the step count as steps are added', () => {
    const s = stage();
    s.actor.send({ type: 'OPEN', index: 0, count: 0 });
    expect([s.value(), s.pending.length]).toEqual(['"showing"', 0]);
    s.actor.send({ type: 'STEPS_CHANGED', count: 1, index: 0 });
    expect(s.ctx()).toMatchObject({ count: 1, index: 0 });
    s.actor.send({ type: 'STEPS_CHANGED', count: 3, index: 2 });
    s.actor.send({ type: 'PREVIOUS' });
    expect(s.pending.map((p) => p.index)).toEqual([1]);
  });
});
