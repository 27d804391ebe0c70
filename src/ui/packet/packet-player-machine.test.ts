import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { HOP_MS, packetPlayerMachine } from './packet-player-machine.ts';

function start(count = 5) {
  const clock = new SimulatedClock();
  const actor = createActor(packetPlayerMachine, { clock }).start();
  if (count >= 0) actor.send({ type: 'LOAD', count });
  const at = () => actor.getSnapshot().context.index;
  const state = () => actor.getSnapshot().value;
  return { clock, actor, at, state };
}

describe('packet player machine', () => {
  it('is idle until a walk with hops is loaded, then paused on the first hop', () => {
    const { actor, at, state } = start(-1);
    expect(state()).toBe('idle');
    actor.send({ type: 'STEP_FORWARD' });
    expect(at()).toBe(0);
    actor.send({ type: 'LOAD', count: 0 });
    expect(state()).toBe('idle');
    actor.send({ type: 'LOAD', count: 3 });
    expect(state()).toBe('paused');
    expect(at()).toBe(0);
  });

  it('steps forward and back one hop at a time, clamped to the walk', () => {
    const { actor, at } = start(3);
    actor.send({ type: 'STEP_BACK' });
    expect(at()).toBe(0);
    for (let i = 0; i < 5; i++) actor.send({ type: 'STEP_FORWARD' });
    expect(at()).toBe(2);
    actor.send({ type: 'STEP_BACK' });
    expect(at()).toBe(1);
  });

  it('plays one hop per HOP_MS / speed and pauses on the last hop', () => {
    const { clock, actor, at, state } = start(4);
    actor.send({ type: 'PLAY' });
    clock.increment(HOP_MS - 1);
    expect(at()).toBe(0);
    clock.increment(1);
    expect(at()).toBe(1);
    actor.send({ type: 'SET_SPEED', speed: 4 });
    clock.increment(HOP_MS);
    expect(at()).toBe(2);
    clock.increment(HOP_MS / 4);
    expect(at()).toBe(3);
    expect(state()).toBe('paused');
    clock.increment(HOP_MS * 10);
    expect(at()).toBe(3);
  });

  it('PLAY at the end starts again from the first hop', () => {
    const { clock, actor, at, state } = start(2);
    actor.send({ type: 'SEEK', index: 1 });
    actor.send({ type: 'PLAY' });
    expect(at()).toBe(0);
    expect(state()).toBe('playing');
    clock.increment(HOP_MS);
    expect(at()).toBe(1);
  });

  it('PAUSE, a step, or a seek while playing stops the clock where the user put it', () => {
    const { clock, actor, at, state } = start(6);
    actor.send({ type: 'TOGGLE' });
    clock.increment(HOP_MS);
    actor.send({ type: 'TOGGLE' });
    clock.increment(HOP_MS * 3);
    expect(at()).toBe(1);
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'STEP_BACK' });
    expect(state()).toBe('paused');
    expect(at()).toBe(0);
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'SEEK', index: 4 });
    clock.increment(HOP_MS * 3);
    expect(state()).toBe('paused');
    expect(at()).toBe(4);
  });

  it('offers 0.5×–4× only, and a new walk starts at its first hop, paused', () => {
    const { actor, at, state } = start(5);
    actor.send({ type: 'SET_SPEED', speed: 8 });
    expect(actor.getSnapshot().context.speed).toBe(1);
    actor.send({ type: 'SET_SPEED', speed: 0.5 });
    expect(actor.getSnapshot().context.speed).toBe(0.5);
    actor.send({ type: 'SEEK', index: 3 });
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'LOAD', count: 9 });
    expect(state()).toBe('paused');
    expect(at()).toBe(0);
    actor.send({ type: 'UNLOAD' });
    expect(state()).toBe('idle');
  });
});
