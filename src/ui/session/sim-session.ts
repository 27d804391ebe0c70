/**
 * The bridge between the store and the worker: every user action becomes a worker call,
 * every answer a `receiveTick` into the store. At most one advance is in flight, so a slow
 * tick at 64× drops frames instead of queueing them. The session records the user's commands
 * with their times, so a restarted worker can rebuild the same moment (`reattach`); derived
 * views (text views, the packet walk) go through latest-wins channels.
 */
import { msg } from '../i18n/text.ts';
import type { Command, ScenarioSpec } from '../../sim/spec.ts';
import type { ApplyResult } from '../../sim/simulation-api.ts';
import type { CheckedScenario, DecodedLink } from '../../worker/link-api.ts';
import type {
  CommandAnswer, CommandResult, InstanceTypeSummary, LoadOptions, LoadProgress, LoadResult, PacketWalk, PacketWalkRequest, ProgressCallback, RecordedCommand,
  RequestTicket, ShareState,
  SnapshotPage, Superseded, TextViewKind, TextViewTarget, TickResult, TracePoint,
} from '../../worker/protocol.ts';
import type { AppStore } from '../store/app-store.ts';
import { createLatestChannel, type LatestChannel } from './latest-channel.ts';

type Async<T> = T | Promise<T>;

/** The subset of the worker API the session uses (the comlink remote satisfies it). */
export interface SessionApi {
  load(spec: ScenarioSpec, atMs?: number, opts?: LoadOptions, onProgress?: ProgressCallback): Async<LoadResult>;
  restore(spec: ScenarioSpec, commands: RecordedCommand[], atMs: number, opts?: LoadOptions, onProgress?: ProgressCallback): Async<LoadResult>;
  cancelLoad(loadId?: number): Async<boolean>;
  loadPage(index: number): Async<SnapshotPage>;
  apply(command: Command): Async<CommandResult>;
  tick(ms: number): Async<TickResult>;
  step(): Async<TickResult>;
  runUntil(atMs: number): Async<TickResult>;
  resync(): Async<TickResult>;
  textView(kind: TextViewKind, target: TextViewTarget, ticket?: RequestTicket): Async<string | Superseded>;
  typedCommand(target: TextViewTarget, ticket?: RequestTicket): Async<CommandAnswer | Superseded>;
  tracePoints(ticket?: RequestTicket): Async<TracePoint[] | Superseded>;
  trace(request: PacketWalkRequest, ticket?: RequestTicket): Async<PacketWalk | Superseded>;
  searchInstanceTypes(query: string, limit?: number): Async<InstanceTypeSummary[]>;
  getInstanceType(name: string): Async<InstanceTypeSummary | undefined>;
  shareState(): Async<ShareState>;
  /** Links and validation run in the worker (src/worker/link-api.ts), never on the main thread. */
  decodeLink(hash: string): Async<DecodedLink>;
  parseScenario(json: unknown): Async<CheckedScenario>;
  encodeLink(state: ShareState, view: Record<string, string>): Async<string>;
  /** A lesson's JSON export and import (validated like a link), in the worker. */
  exportScenario(state: ShareState): Async<import('../../scenario/scenario-json.ts').ScenarioJson>;
  importScenario(text: string): Async<CheckedScenario>;
}

export interface SimSessionOptions {
  /**
   * Wraps the progress callback for the trip to the worker (`Comlink.proxy` for a real
   * worker; functions cannot be structured-cloned). Default: as is (an in-page API).
   */
  proxy?: <F extends (...args: never[]) => unknown>(fn: F) => F;
}

export interface SimSession {
  /**
   * Loads a scenario; on failure the previous one keeps running and a banner says why.
   * The selection is cleared unless `keepSelection` (a shared link opens with its own).
   */
  load(spec: ScenarioSpec, source: string, atMs?: number, keepSelection?: boolean): Promise<boolean>;
  /** Reloads the current scenario from its start (or the given moment). */
  restart(atMs?: number): Promise<boolean>;
  /**
   * Moves the current scenario to `atMs` (earlier or later) by deterministic replay in the
   * worker (`restore`): the scenario from its start with the user's commands made up to that
   * moment. Commands made after it have not happened yet there and are forgotten; the result
   * says how many, so the page can tell the user. The selection stays.
   */
  rewind(atMs: number): Promise<{ ok: boolean; dropped: number }>;
  /** Cancels a load still in progress; the scenario on screen stays. */
  cancelLoad(): void;
  advance(ms: number): Promise<void>;
  step(): Promise<number>;
  command(command: Command): Promise<ApplyResult>;
  /** One tool's output on a panel's channel; `undefined` when a newer request on it won. */
  textView(channel: string, kind: TextViewKind, target: TextViewTarget): Promise<string | undefined>;
  /**
   * A command line typed on a panel's channel: its text, and a change it asks for
   * (`iptables -Z`) applied as a recorded user command; `undefined` when a newer line won.
   */
  typeCommand(channel: string, target: TextViewTarget): Promise<string | undefined>;
  tracePoints(): Promise<TracePoint[] | undefined>;
  trace(request: PacketWalkRequest): Promise<PacketWalk | undefined>;
  /** The user's commands since the scenario was loaded, with the simulated time of each. */
  recorded(): RecordedCommand[];
  /**
   * Rebuilds the moment on screen on `api` (a restarted worker): the scenario, the recorded
   * commands at their times, on to the current time. The session uses `api` from then on.
   */
  reattach(api: SessionApi): Promise<boolean>;
  readonly api: SessionApi;
}

export function createSimSession(store: AppStore, initialApi: SessionApi, options: SimSessionOptions = {}): SimSession {
  let api = initialApi;
  let advancing = false;
  let recorded: RecordedCommand[] = [];
  let loadSeq = 0;
  const channels = new Map<string, LatestChannel>();
  const state = () => store.getState();
  const proxy = options.proxy ?? (<F>(fn: F) => fn);

  const channel = (name: string) => {
    let c = channels.get(name);
    if (!c) channels.set(name, (c = createLatestChannel(name)));
    return c;
  };

  /**
   * Runs a load (or restore) with progress in the store, then takes the rest of a paged full
   * delta one message at a time (each decoded in a task of its own, so the page stays live).
   */
  async function run(label: string, call: (opts: LoadOptions, onProgress: ProgressCallback) => Async<LoadResult>): Promise<LoadResult> {
    const loadId = ++loadSeq;
    const report = (progress: LoadProgress) => {
      if (state().loading?.loadId === loadId) state().setLoading({ loadId, label, progress });
    };
    state().setLoading({ loadId, label, progress: undefined });
    try {
      const r = await call({ loadId }, proxy(report));
      if (!r.ok || !r.pages) return r;
      const nodes = [...r.delta.changedNodes];
      const pods = [...r.delta.changedPods];
      for (let i = 1; i <= r.pages; i++) {
        if (state().loading?.loadId !== loadId) return { ok: false, error: 'cancelled', cancelled: true };
        report({ phase: 'transfer', done: i, total: r.pages });
        const page = await api.loadPage(i);
        if (!page.ok) return page.error.includes('cancelled') ? { ok: false, error: 'cancelled', cancelled: true } : page;
        nodes.push(...page.changedNodes);
        pods.push(...page.changedPods);
      }
      return { ...r, delta: { ...r.delta, changedNodes: nodes, changedPods: pods } };
    } finally {
      if (state().loading?.loadId === loadId) state().setLoading(undefined);
    }
  }

  /** A catch-up tick is due (the worker held node views back, see worker/node-backlog.ts). */
  let catchUp: ReturnType<typeof setTimeout> | undefined;

  /** A tick answer; a delta the copy cannot take (it missed the full one) asks for a resync. */
  async function receive(tick: TickResult): Promise<void> {
    if (!state().receiveTick(tick)) state().receiveTick(await api.resync());
    // Held-back node views come with the next answer: while playing that is the next tick;
    // paused, an empty tick fetches them, each batch in a task of its own.
    else if (tick.heldNodes && !catchUp) catchUp = setTimeout(() => { catchUp = undefined; void session.advance(0); }, 0);
  }

  const session: SimSession = {
    get api() {
      return api;
    },
    async load(spec, source, atMs = 0, keepSelection = false) {
      const r = await run(spec.name, (opts, onProgress) => api.load(spec, atMs, opts, onProgress));
      if (!r.ok) {
        if (r.cancelled) state().showBanner({ tone: 'info', title: msg('session.cancelled', { name: spec.name }), detail: msg('session.previousRuns') });
        else state().showBanner({ tone: 'error', title: msg('session.couldNotStart', { name: spec.name }), detail: msg('session.errorPreviousRuns', { error: r.error }) });
        return false;
      }
      recorded = [];
      state().setScenario(spec, source, atMs);
      if (!keepSelection) state().select(undefined);
      state().highlightEvent(undefined);
      await receive(r);
      return true;
    },
    async restart(atMs = 0) {
      const { spec, source } = state();
      return spec ? session.load(spec, source, atMs) : false;
    },
    async rewind(atMs) {
      const { spec } = state();
      if (!spec) return { ok: false, dropped: 0 };
      const kept = recorded.filter((c) => c.atMs <= atMs);
      const r = await run(spec.name, (opts, onProgress) => api.restore(spec, kept, atMs, opts, onProgress));
      if (!r.ok) {
        if (!r.cancelled) state().showBanner({ tone: 'error', title: msg('session.rewindFailed'), detail: msg('session.rewindStays', { error: r.error }) });
        return { ok: false, dropped: 0 };
      }
      const dropped = recorded.length - kept.length;
      recorded = kept;
      state().highlightEvent(undefined);
      await receive(r);
      return { ok: true, dropped };
    },
    cancelLoad() {
      const loading = state().loading;
      if (!loading) return;
      void api.cancelLoad(loading.loadId);
      // Pages still to come are not taken: the worker keeps the old scenario.
      state().setLoading(undefined);
    },
    async advance(ms) {
      if (advancing || !state().snapshot) return;
      advancing = true;
      try {
        await receive(await api.tick(ms));
      } finally {
        advancing = false;
      }
    },
    async step() {
      const r = await api.step();
      await receive(r);
      return r.delta.head.timeMs;
    },
    async command(command) {
      const r = await api.apply(command);
      if (r.result.ok) recorded.push({ atMs: r.delta.head.timeMs, command });
      await receive(r);
      if (!r.result.ok) state().showBanner({ tone: 'error', title: msg('session.refused'), detail: r.result.error });
      return r.result;
    },
    textView(name, kind, target) {
      return channel(`text:${name}`).request((ticket) => api.textView(kind, target, ticket));
    },
    async typeCommand(name, target) {
      const answer = await channel(`text:${name}`).request((ticket) => api.typedCommand(target, ticket));
      if (answer === undefined) return undefined;
      // Through `command`: recorded (share link, a restarted worker's replay) and streamed like a click.
      if (answer.effect) await session.command(answer.effect);
      return answer.text;
    },
    tracePoints() {
      return channel('trace-points').request((ticket) => api.tracePoints(ticket));
    },
    trace(request) {
      return channel('trace').request((ticket) => api.trace(request, ticket));
    },
    recorded: () => recorded.slice(),
    async reattach(next) {
      const { spec, snapshot } = state();
      api = next;
      channels.clear();
      if (!spec) return false;
      const startAtMs = state().startAtMs;
      const atMs = Math.max(snapshot?.timeMs ?? startAtMs, startAtMs);
      // The scenario was loaded at startAtMs; replaying from its start reaches that moment too.
      const r = await run(spec.name, (opts, onProgress) => next.restore(spec, recorded, atMs, opts, onProgress));
      if (!r.ok) {
        state().showBanner({ tone: 'error', title: msg('session.rebuildFailed'), detail: r.error });
        return false;
      }
      await receive(r);
      return true;
    },
  };
  return session;
}
