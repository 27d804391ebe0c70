/**
 * The page's one simulation worker, created lazily on first use and never terminated:
 * React StrictMode double-mounts effects in dev, and a cleanup that killed the worker
 * would kill it for the second mount too.
 */
import * as Comlink from 'comlink';
import type { SimApi } from '../../worker/api.ts';
import type { SimSessionOptions } from './sim-session.ts';

export type RemoteSimApi = Comlink.Remote<SimApi>;

let remote: RemoteSimApi | undefined;

export function simWorker(): RemoteSimApi {
  if (!remote) {
    const worker = new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
    remote = Comlink.wrap<SimApi>(worker);
  }
  return remote;
}

/** Session options for the real worker: callbacks cross to it as comlink proxies. */
export const workerSessionOptions: SimSessionOptions = { proxy: (fn) => Comlink.proxy(fn) };
