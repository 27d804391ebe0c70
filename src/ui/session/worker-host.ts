/**
 * Owns the page's simulation worker and can replace it. `api` is one stable object that
 * forwards every call to the worker of the moment, so the session, the panels and the packet
 * walk keep their reference across a restart.
 *
 * Comlink leaves a call to a dead worker pending forever. Here every call also races the
 * worker's death: an `error` or `messageerror` event from the worker (a crash), or our own
 * `restart()`. A call that rejects — the engine threw, or the worker died — is reported to
 * `onFailure` listeners (the recovery in recovery.ts) and rejected to its caller as well.
 */

/** A comlink-style remote: any method, any arguments, a promise back. */
type Remote = Record<string, (...args: unknown[]) => unknown>;

export interface WorkerFailure {
  error: unknown;
  /** The API method whose call failed, or '(worker)' for a crash outside any call. */
  method: string;
  /** The worker itself died (error event), as opposed to one call rejecting. */
  crashed: boolean;
  /** Which worker failed (1 is the first); failures of a replaced worker are stale. */
  generation: number;
}

export interface WorkerHost<A> {
  api: A;
  /** The worker of the moment: 1 for the first, +1 per restart. */
  generation(): number;
  /** Terminates the worker (its pending calls reject) and starts a fresh one. */
  restart(): void;
  onFailure(listener: (f: WorkerFailure) => void): () => void;
}

interface Live {
  generation: number;
  worker: Worker;
  remote: Remote;
  /** Rejects when this worker dies; every call races it. */
  dead: Promise<never>;
  kill(reason: Error): void;
  stopped: boolean;
}

/** `spawn` makes a worker and its comlink remote (worker-client.ts passes the real ones). */
export function createWorkerHost<A extends object>(spawn: () => { worker: Worker; remote: unknown }): WorkerHost<A> {
  const listeners = new Set<(f: WorkerFailure) => void>();
  const emit = (f: WorkerFailure) => { for (const l of listeners) l(f); };

  function start(generation: number): Live {
    const { worker, remote } = spawn();
    let kill: ((reason: Error) => void) | undefined;
    const dead = new Promise<never>((_resolve, reject) => { kill = reject; });
    dead.catch(() => {}); // only the calls racing it report it
    const live: Live = { generation, worker, remote: remote as Remote, dead, kill: (reason) => kill?.(reason), stopped: false };
    const crash = (message: string) => {
      if (live.stopped) return;
      live.stopped = true;
      const error = new Error(`the simulation worker crashed: ${message}`);
      live.kill(error);
      emit({ error, method: '(worker)', crashed: true, generation });
    };
    worker.addEventListener('error', (ev) => {
      // Handled here (banner, restart, replay): not also an uncaught error in the console.
      ev.preventDefault();
      crash(ev.message || 'the worker script failed');
    });
    worker.addEventListener('messageerror', () => crash('a message could not be read'));
    return live;
  }

  let current = start(1);

  function call(method: string, args: unknown[]): Promise<unknown> {
    const live = current;
    const answer = Promise.resolve().then(() => live.remote[method](...args));
    return Promise.race([answer, live.dead]).catch((error: unknown) => {
      // A call cut short by our restart, or by a crash already reported, is no new failure.
      if (!live.stopped) emit({ error, method, crashed: false, generation: live.generation });
      throw error;
    });
  }

  const api = new Proxy({} as A, {
    get: (_target, key) => (typeof key === 'string' && key !== 'then' ? (...args: unknown[]) => call(key, args) : undefined),
  });

  return {
    api,
    generation: () => current.generation,
    restart() {
      const old = current;
      current = start(old.generation + 1);
      old.stopped = true;
      old.kill(new Error('the simulation worker was restarted'));
      old.worker.terminate();
    },
    onFailure(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
