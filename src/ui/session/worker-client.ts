/**
 * The page's one simulation worker, behind a host that can restart it (worker-host.ts).
 * Created lazily on first use and never terminated by React: StrictMode double-mounts
 * effects in dev, and a cleanup that killed the worker would kill it for the second mount too.
 */
import * as Comlink from 'comlink';
import type { SimApi } from '../../worker/api.ts';
import type { SimSessionOptions } from './sim-session.ts';
import { createWorkerHost, type WorkerHost } from './worker-host.ts';

export type RemoteSimApi = Comlink.Remote<SimApi>;

let host: WorkerHost<RemoteSimApi> | undefined;

/** The page's worker host: its `api` follows the worker across restarts. */
export function simWorkerHost(): WorkerHost<RemoteSimApi> {
  if (!host) {
    host = createWorkerHost<RemoteSimApi>(() => {
      const worker = new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
      return { worker, remote: Comlink.wrap<SimApi>(worker) };
    });
  }
  return host;
}

/** The worker API of the moment (the same object before and after a restart). */
export function simWorker(): RemoteSimApi {
  return simWorkerHost().api;
}

/** Session options for the real worker: callbacks cross to it as comlink proxies. */
export const workerSessionOptions: SimSessionOptions = { proxy: (fn) => Comlink.proxy(fn) };
