import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock } from 'xstate';
import { FRAME_MS, neighbourSpeed, playbackMachine } from './playback-machine.ts';

function start(stepTo?: number) {
  const clock = new SimulatedClock();
  const advanced: number[] = [];
  const machine = playbackMachine.provide({
    actions: { advanceSimulation: (_a, p) => { advanced.push(p.ms); } },
    actors: { stepToNextEvent: fromPromise(async () => stepTo) },
  });
  const actor = createActor(machine, { clock }).start();
  return { clock, advanced, actor };
}

describe('playback machine', () => {
  it('starts paused and advances nothing while paused', () => {
    const { clock, advanced, actor } = start();
    clock.increment(1000);
    expect(actor.getSnapshot().value).toBe('paused');
    expect(advanced).toEqual([]);
  });

  it('advances FRAME_MS × speed of simulated time per frame while playing', () => {
    const { clock, advanced, actor } = start();
    actor.send({ type: 'PLAY' });
    for (let i = 0; i < 3; i++) clock.increment(FRAME_MS);
    expect(advanced).toEqual([100, 100, 100]);
    actor.send({ type: 'SET_SPEED', speed: 16 });
    clock.increment(FRAME_MS);
    expect(advanced.at(-1)).toBe(1600);
  });

  it('stops advancing on PAUSE and toggles with TOGGLE', () => {
    const { clock, advanced, actor } = start();
    actor.send({ type: 'TOGGLE' });
    clock.increment(FRAME_MS);
    actor.send({ type: 'PAUSE' });
    for (let i = 0; i < 10; i++) clock.increment(FRAME_MS);
    expect(advanced).toHaveLength(1);
    actor.send({ type: 'TOGGLE' });
    expect(actor.getSnapshot().value).toBe('playing');
  });

  it('refuses speeds outside 0.25×–64×', () => {
    const { actor } = start();
    actor.send({ type: 'SET_SPEED', speed: 128 });
    expect(actor.getSnapshot().context.speed).toBe(1);
    actor.send({ type: 'SET_SPEED', speed: 0.25 });
    expect(actor.getSnapshot().context.speed).toBe(0.25);
  });

  it('steps to the next event time and pauses', async () => {
    const { actor } = start(4200);
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'STEP' });
    expect(actor.getSnapshot().value).toBe('stepping');
    await new Promise((r) => setTimeout(r, 0));
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.timeMs).toBe(4200);
  });

  it('offers neighbouring speeds, clamped', () => {
    expect(neighbourSpeed(1, 1)).toBe(2);
    expect(neighbourSpeed(64, 1)).toBe(64);
    expect(neighbourSpeed(0.25, -1)).toBe(0.25);
  });
});
