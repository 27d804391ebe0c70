import { describe, expect, it } from 'vitest';
import { createWorkerHost, type WorkerFailure } from './worker-host.ts';

/** A Worker stand-in: an event target that can be terminated, and a remote whose calls we settle by hand. */
function fakeWorkers() {
  const spawned: { worker: Worker & { terminated: boolean }; pending: { method: string; resolve(v: unknown): void; reject(e: unknown): void }[] }[] = [];
  const spawn = () => {
    const target = new EventTarget() as EventTarget & { terminated: boolean; terminate(): void };
    target.terminated = false;
    target.terminate = () => { target.terminated = true; };
    const entry = { worker: target as unknown as Worker & { terminated: boolean }, pending: [] as typeof spawned[number]['pending'] };
    const remote = new Proxy({}, {
      get: (_t, method: string) => (...args: unknown[]) => new Promise((resolve, reject) => entry.pending.push({ method: `${method}(${args.join(',')})`, resolve, reject })),
    });
    spawned.push(entry);
    return { worker: entry.worker, remote };
  };
  return { spawned, spawn };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function crash(worker: Worker, message: string) {
  const ev = new Event('error', { cancelable: true }) as Event & { message: string };
  ev.message = message;
  worker.dispatchEvent(ev);
  return ev;
}

describe('worker host', () => {
  it('forwards calls to the worker of the moment and keeps one api object across a restart', async () => {
    const w = fakeWorkers();
    const host = createWorkerHost<{ tick(ms: number): Promise<string> }>(w.spawn);
    const api = host.api;
    const first = api.tick(100);
    await tick();
    expect(w.spawned[0].pending.map((p) => p.method)).toEqual(['tick(100)']);
    w.spawned[0].pending[0].resolve('t1');
    expect(await first).toBe('t1');
    host.restart();
    expect(host.api).toBe(api);
    expect(host.generation()).toBe(2);
    expect(w.spawned[0].worker.terminated).toBe(true);
    const second = api.tick(5);
    await tick();
    expect(w.spawned[1].pending.map((p) => p.method)).toEqual(['tick(5)']);
    w.spawned[1].pending[0].resolve('t2');
    expect(await second).toBe('t2');
  });

  it('reports a rejected call with its method, and still rejects it to the caller', async () => {
    const w = fakeWorkers();
    const host = createWorkerHost<{ apply(c: string): Promise<void> }>(w.spawn);
    const failures: WorkerFailure[] = [];
    host.onFailure((f) => failures.push(f));
    const call = host.api.apply('scale');
    await tick();
    w.spawned[0].pending[0].reject(new Error('engine threw'));
    await expect(call).rejects.toThrow('engine threw');
    expect(failures).toEqual([{ error: new Error('engine threw'), method: 'apply', crashed: false, generation: 1 }]);
  });

  it('a crashed worker rejects the calls it left pending (comlink would wait forever) and is reported once', async () => {
    const w = fakeWorkers();
    const host = createWorkerHost<{ tick(ms: number): Promise<void>; step(): Promise<void> }>(w.spawn);
    const failures: WorkerFailure[] = [];
    host.onFailure((f) => failures.push(f));
    const a = host.api.tick(1);
    const b = host.api.step();
    await tick();
    const ev = crash(w.spawned[0].worker, 'Uncaught RangeError: out of memory');
    await expect(a).rejects.toThrow('the simulation worker crashed: Uncaught RangeError: out of memory');
    await expect(b).rejects.toThrow('crashed');
    expect(ev.defaultPrevented).toBe(true);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ method: '(worker)', crashed: true, generation: 1 });
  });

  it('calls cut short by a restart reject without being reported as new failures', async () => {
    const w = fakeWorkers();
    const host = createWorkerHost<{ tick(ms: number): Promise<void> }>(w.spawn);
    const failures: WorkerFailure[] = [];
    host.onFailure((f) => failures.push(f));
    const pending = host.api.tick(1);
    await tick();
    host.restart();
    await expect(pending).rejects.toThrow('restarted');
    // The old worker's late error is stale too.
    crash(w.spawned[0].worker, 'late');
    await tick();
    expect(failures).toEqual([]);
  });

  it('is not mistaken for a promise (no then), so it can be returned from async code', async () => {
    const host = createWorkerHost<object>(fakeWorkers().spawn);
    expect(await Promise.resolve(host.api)).toBe(host.api);
  });
});
