/**
 * The bridge between the store and the worker: every user action becomes a worker call,
 * every answer a `receiveTick` into the store. At most one advance is in flight, so a slow
 * tick at 64× drops frames instead of queueing them.
 */
import type { Command, ScenarioSpec } from '../../sim/spec.ts';
import type { ApplyResult } from '../../sim/simulation-api.ts';
import type { CheckedScenario, DecodedLink } from '../../worker/link-api.ts';
import type { CommandResult, InstanceTypeSummary, LoadResult, ShareState, TextViewKind, TextViewTarget, TickResult } from '../../worker/protocol.ts';
import type { AppStore } from '../store/app-store.ts';

type Async<T> = T | Promise<T>;

/** The subset of the worker API the session uses (the comlink remote satisfies it). */
export interface SessionApi {
  load(spec: ScenarioSpec, atMs?: number): Async<LoadResult>;
  apply(command: Command): Async<CommandResult>;
  tick(ms: number): Async<TickResult>;
  step(): Async<TickResult>;
  runUntil(atMs: number): Async<TickResult>;
  textView(kind: TextViewKind, target: TextViewTarget): Async<string>;
  searchInstanceTypes(query: string, limit?: number): Async<InstanceTypeSummary[]>;
  getInstanceType(name: string): Async<InstanceTypeSummary | undefined>;
  shareState(): Async<ShareState>;
  /** Links and validation run in the worker (src/worker/link-api.ts), never on the main thread. */
  decodeLink(hash: string): Async<DecodedLink>;
  parseScenario(json: unknown): Async<CheckedScenario>;
  encodeLink(state: ShareState, view: Record<string, string>): Async<string>;
}

export interface SimSession {
  /**
   * Loads a scenario; on failure the previous one keeps running and a banner says why.
   * The selection is cleared unless `keepSelection` (a shared link opens with its own).
   */
  load(spec: ScenarioSpec, source: string, atMs?: number, keepSelection?: boolean): Promise<boolean>;
  /** Reloads the current scenario from its start (or the given moment). */
  restart(atMs?: number): Promise<boolean>;
  advance(ms: number): Promise<void>;
  step(): Promise<number>;
  command(command: Command): Promise<ApplyResult>;
  api: SessionApi;
}

export function createSimSession(store: AppStore, api: SessionApi): SimSession {
  let advancing = false;
  const state = () => store.getState();

  const session: SimSession = {
    api,
    async load(spec, source, atMs = 0, keepSelection = false) {
      const r = await api.load(spec, atMs);
      if (!r.ok) {
        state().showBanner({ tone: 'error', title: `Scenario “${spec.name}” could not start`, detail: `${r.error}. The previous scenario is still running.` });
        return false;
      }
      state().setScenario(spec, source, atMs);
      if (!keepSelection) state().select(undefined);
      state().highlightEvent(undefined);
      state().receiveTick(r);
      return true;
    },
    async restart(atMs = 0) {
      const { spec, source } = state();
      return spec ? session.load(spec, source, atMs) : false;
    },
    async advance(ms) {
      if (advancing || !state().snapshot) return;
      advancing = true;
      try {
        state().receiveTick(await api.tick(ms));
      } finally {
        advancing = false;
      }
    },
    async step() {
      const r = await api.step();
      state().receiveTick(r);
      return r.delta.head.timeMs;
    },
    async command(command) {
      const r = await api.apply(command);
      state().receiveTick(r);
      if (!r.result.ok) state().showBanner({ tone: 'error', title: 'The simulator refused that change', detail: r.result.error });
      return r.result;
    },
  };
  return session;
}
