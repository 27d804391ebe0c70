/**
 * The worker facade: one object whose methods the UI calls through comlink. It owns the
 * page's Simulation and streams the engine's own deltas (what changed, recorded as it changed).
 * Derived views (a node's `ip`/`iptables`, a packet walk) are built on demand from node
 * networks cached by node version, and requests on one channel are latest-wins. Loading works
 * in slices, reports progress, and can be cancelled; the previous scenario runs until the new
 * one is complete. Engine modules come in as `EngineDeps` so the facade is testable without a worker.
 */
import type { LoadProgress, Simulation } from '../sim/simulation-api.ts';
import { NodeBacklog } from './node-backlog.ts';
import type { Command, ScenarioSpec, TimedCommand } from '../sim/spec.ts';
import { NetworkCache } from '../sim/trace/network-cache.ts';
import type { SimEvent } from '../sim/view.ts';
import { createLatestGate } from './latest.ts';
import { linkApi } from './link-api.ts';
import type {
  CommandAnswer, CommandResult, InstanceTypeSummary, LoadOptions, LoadResult, PacketSpread, PacketWalk, PacketWalkRequest, ProgressCallback, RecordedCommand, RequestTicket,
  ShareState, SnapshotPage, Superseded, TextViewKind, TextViewTarget, TickResult, TracePoint, TraceTarget,
} from './protocol.ts';
import { Cancelled, realScheduler, SlicedJob, type Scheduler } from './slices.ts';

export interface EngineDeps {
  createSimulation(spec: ScenarioSpec): Simulation;
  /** Builds the world slice by slice (the engine's `populate`); without it a load builds it in one go. */
  createSimulationInSteps?(spec: ScenarioSpec): Generator<LoadProgress, Simulation>;
  /**
   * Loads the engine parts `spec` needs (sim.worker.ts: the load-balancing chunk) before it is
   * built, so no tick ever waits for code; a failure fails the load and the old scenario stays.
   */
  prepare?(spec: ScenarioSpec, commands: readonly RecordedCommand[]): Promise<void>;
  searchInstanceTypes(query: string, limit: number): InstanceTypeSummary[];
  describeInstanceType(name: string): InstanceTypeSummary | undefined;
  renderText(sim: Simulation, kind: TextViewKind, target: TextViewTarget, networks: NetworkCache): string | Promise<string>;
  /** A typed command's text and the change it asks for (text-views.ts); a promise when its code loads lazily. */
  runCommand?(sim: Simulation, target: TextViewTarget, networks: NetworkCache): CommandAnswer | Promise<CommandAnswer>;
  /** The packet walk (trace-api.ts); optional so facades without a tracer still build. Promises when loaded lazily. */
  tracePoints?(sim: Simulation): TracePoint[] | Promise<TracePoint[]>;
  traceWalk?(sim: Simulation, request: PacketWalkRequest, networks: NetworkCache): PacketWalk | Promise<PacketWalk>;
  /** Services and load balancers to walk to, and "send n requests" (trace-api.ts). */
  traceTargets?(sim: Simulation): TraceTarget[] | Promise<TraceTarget[]>;
  traceSpreadWalk?(sim: Simulation, request: PacketWalkRequest, count: number, networks: NetworkCache): PacketSpread | Promise<PacketSpread>;
  /** The clock and pause between slices (default: performance.now and a macrotask). */
  scheduler?: Scheduler;
}

/** Events per tick the UI keeps up with; a 64× burst beyond this is summarised. */
export const MAX_EVENTS_PER_TICK = 200;
/**
 * Events run between two looks at the clock: few, because one event can be dear (a scheduling
 * pass over a large backlog takes milliseconds at 5,000 nodes).
 */
const EVENTS_PER_CHECK = 25;
/**
 * A full delta's nodes and pods per message: about half a megabyte of structured clone, which
 * the page decodes in a few tens of ms, so a 5,000-node scenario arrives without a long task.
 */
export const PAGE_NODES = 100;
export const PAGE_PODS = 1500;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A typed command or walk that threw (or whose lazily loaded code failed), as an answer. */
const failedCommand = (err: unknown): CommandAnswer => ({ text: `error: ${message(err)}` });
const failedWalk = (err: unknown): { ok: false; error: string } => ({ ok: false, error: message(err) });

/** Runs `s` to `atMs` in slices (the same events, in the same order, as one `runUntil`). */
async function runTo(job: SlicedJob, s: Simulation, atMs: number): Promise<void> {
  const from = s.nowMs;
  while (!s.runSome(atMs, EVENTS_PER_CHECK)) {
    await job.step({ phase: 'events', done: Math.round(s.nowMs - from), total: Math.round(atMs - from) });
  }
}

/** A simulation and what the page has been sent of it. */
interface Stream {
  sim: Simulation;
  lastSeq: number;
  needFull: boolean;
  /** Node views waiting for a later answer (a tick carries at most TICK_NODES known nodes). */
  backlog: NodeBacklog;
}

/** Splits a full delta into pages: the first travels with the load result, the rest on request. */
function paginate(delta: TickResult['delta']): { first: TickResult['delta']; rest: SnapshotPage[] } {
  const nodes = delta.changedNodes;
  const pods = delta.changedPods;
  const count = Math.max(Math.ceil(nodes.length / PAGE_NODES), Math.ceil(pods.length / PAGE_PODS), 1);
  const page = (i: number) => ({
    changedNodes: nodes.slice(Math.ceil((nodes.length * i) / count), Math.ceil((nodes.length * (i + 1)) / count)),
    changedPods: pods.slice(Math.ceil((pods.length * i) / count), Math.ceil((pods.length * (i + 1)) / count)),
  });
  const rest: SnapshotPage[] = [];
  for (let i = 1; i < count; i++) rest.push({ ok: true, ...page(i) });
  return { first: { ...delta, ...page(0) }, rest };
}

export function createSimApi(deps: EngineDeps) {
  let current: Stream | undefined;
  /** A loaded scenario whose full delta the page is still taking page by page. */
  let arriving: { stream: Stream; pages: SnapshotPage[]; taken: number } | undefined;
  const networks = new NetworkCache();
  const gate = createLatestGate();
  const scheduler = deps.scheduler ?? realScheduler;
  /** The load in progress: a newer load or `cancelLoad` cancels it. */
  let loading: { id: number; cancelled: boolean } | undefined;
  let loads = 0;

  function need(): Simulation {
    if (!current) throw new Error('No scenario loaded');
    return current.sim;
  }

  function collect(stream: Stream | undefined = current): TickResult {
    if (!stream) throw new Error('No scenario loaded');
    const s = stream.sim;
    const fresh: SimEvent[] = s.eventsSince(stream.lastSeq);
    if (fresh.length > 0) stream.lastSeq = fresh[fresh.length - 1].seq;
    const skipped = Math.max(0, fresh.length - MAX_EVENTS_PER_TICK);
    const delta = stream.backlog.pass(s.delta(stream.needFull));
    stream.needFull = false;
    return {
      delta,
      events: skipped > 0 ? fresh.slice(skipped) : fresh,
      skippedEvents: skipped,
      nextEventMs: s.nextEventTime(),
      ...(stream.backlog.size > 0 ? { heldNodes: stream.backlog.size } : {}),
    };
  }

  /**
   * Builds `spec`, replays `commands` at their times, runs to `atMs`, all in slices; swaps it in
   * only when complete. A failure or a cancel leaves the scenario on screen as it was.
   */
  async function build(spec: ScenarioSpec, commands: readonly RecordedCommand[], atMs: number, opts: LoadOptions, onProgress?: ProgressCallback): Promise<LoadResult> {
    if (!Number.isFinite(atMs) || atMs < 0) return { ok: false, error: `the moment to open at must be a time ≥ 0 ms, got ${atMs}` };
    let last = 0;
    for (const [i, c] of commands.entries()) {
      if (!Number.isFinite(c.atMs) || c.atMs < last || c.atMs > atMs) {
        return { ok: false, error: `recorded command ${i + 1} is at ${c.atMs} ms: commands must be in time order, between 0 and ${atMs} ms` };
      }
      last = c.atMs;
    }
    if (loading) loading.cancelled = true;
    arriving = undefined;
    const me = { id: opts.loadId ?? --loads, cancelled: false };
    loading = me;
    const job = new SlicedJob(scheduler, () => me.cancelled, onProgress);
    try {
      await deps.prepare?.(spec, commands);
      if (me.cancelled) throw new Cancelled();
      const next = deps.createSimulationInSteps ? await job.drain(deps.createSimulationInSteps(spec)) : deps.createSimulation(spec);
      for (const c of commands) {
        await runTo(job, next, c.atMs);
        const r = next.apply(c.command);
        if (!r.ok) return { ok: false, error: `replaying the recorded commands diverged at ${c.atMs} ms: ${r.error}` };
      }
      await runTo(job, next, atMs);
      if (next.prepareViews) await job.drain(next.prepareViews());
      // The last slice before the swap: a cancel that came in meanwhile still wins.
      await job.step({ phase: 'views', done: 1, total: 1 });
      if (me.cancelled) throw new Cancelled();
      const stream: Stream = { sim: next, lastSeq: 0, needFull: true, backlog: new NodeBacklog() };
      const result = collect(stream);
      const { first, rest } = paginate(result.delta);
      if (rest.length > 0) {
        // The page takes the rest page by page; the old scenario runs until it has all of it.
        arriving = { stream, pages: rest, taken: 0 };
        return { ok: true, ...result, delta: first, pages: rest.length };
      }
      swapIn(stream);
      return { ok: true, ...result };
    } catch (err) {
      if (err instanceof Cancelled) return { ok: false, error: 'cancelled', cancelled: true };
      return { ok: false, error: message(err) };
    } finally {
      if (loading === me) loading = undefined;
    }
  }

  function swapIn(stream: Stream): void {
    current = stream;
    arriving = undefined;
    networks.clear();
  }

  return {
    /**
     * Starts a fresh simulation of `spec`, run forward to `atMs`, in slices (progress through
     * `onProgress`, cancel with `cancelLoad`). The previous scenario keeps running meanwhile
     * and stays if this one fails or is cancelled.
     */
    load(spec: ScenarioSpec, atMs = 0, opts: LoadOptions = {}, onProgress?: ProgressCallback): Promise<LoadResult> {
      return build(spec, [], atMs, opts, onProgress);
    },
    /**
     * Rebuilds a moment exactly: `spec`, then the user's recorded commands each at its time,
     * then on to `atMs`. The engine is deterministic, so this is the same world, ids and event
     * log as the one recorded (what a restarted worker needs after a crash).
     */
    restore(spec: ScenarioSpec, commands: RecordedCommand[], atMs: number, opts: LoadOptions = {}, onProgress?: ProgressCallback): Promise<LoadResult> {
      return build(spec, commands, atMs, opts, onProgress);
    },
    /**
     * Page `index` (1…pages) of a loaded scenario's full delta; taking the last one makes the
     * new scenario current. Pages of a load that was cancelled or replaced are refused.
     */
    loadPage(index: number): SnapshotPage {
      const a = arriving;
      if (!a) return { ok: false, error: 'no scenario is arriving (it was cancelled or replaced)' };
      if (index !== a.taken + 1) return { ok: false, error: `page ${index} asked for, page ${a.taken + 1} of ${a.pages.length} expected` };
      const page = a.pages[index - 1];
      a.taken++;
      if (a.taken >= a.pages.length) swapIn(a.stream);
      return page;
    },
    /** Cancels the load in progress (the one named `loadId`, if given), or the pages still arriving. */
    cancelLoad(loadId?: number): boolean {
      if (arriving && !loading) {
        arriving = undefined;
        return true;
      }
      if (!loading || (loadId !== undefined && loading.id !== loadId)) return false;
      loading.cancelled = true;
      return true;
    },
    apply(command: Command): CommandResult {
      const result = need().apply(command);
      return { result, ...collect() };
    },
    /** Advances simulated time by `ms` and returns what changed. */
    tick(ms: number): TickResult {
      if (ms > 0) need().advance(ms);
      return collect();
    },
    runUntil(atMs: number): TickResult {
      need().runUntil(atMs);
      return collect();
    },
    /** Runs to the next pending event ("step"); nothing happens when the queue is empty. */
    step(): TickResult {
      const s = need();
      const at = s.nextEventTime();
      if (at !== undefined) s.runUntil(Math.max(at, s.nowMs));
      return collect();
    },
    /** The next delta is full: for a page that lost track of the stream. */
    resync(): TickResult {
      if (current) current.needFull = true;
      return collect();
    },
    nextEventTime(): number | undefined {
      return need().nextEventTime();
    },
    snapshot() {
      return need().snapshot();
    },
    /** Events after `seq`, for a full timeline rebuild. */
    eventsSince(seq: number): SimEvent[] {
      return need().eventsSince(seq);
    },
    /**
     * One tool's output for a node, ENI or pod; with a ticket, a newer request on its channel
     * wins. A typed kubectl/aws command answers once its renderers have loaded.
     */
    textView(kind: TextViewKind, target: TextViewTarget, ticket?: RequestTicket): Promise<string | Superseded> {
      const s = need();
      return gate.run(ticket, () => {
        try {
          const text = deps.renderText(s, kind, target, networks);
          return typeof text === 'string' ? text : text.catch((err: unknown) => `error: ${message(err)}`);
        } catch (err) {
          return `error: ${message(err)}`;
        }
      });
    },
    /**
     * A typed command line: its text and, for `iptables -Z`, the change it asks for. Nothing
     * changes here: the page applies `effect` as a user command, so it is recorded.
     */
    typedCommand(target: TextViewTarget, ticket?: RequestTicket): Promise<CommandAnswer | Superseded> {
      const s = need();
      return gate.run(ticket, () => {
        if (!deps.runCommand) return { text: 'this worker has no command line\n' };
        try {
          const a = deps.runCommand(s, target, networks);
          return a instanceof Promise ? a.catch(failedCommand) : a;
        } catch (err) {
          return failedCommand(err);
        }
      });
    },
    /** Pods, nodes and the internet host a packet walk can start from or go to. */
    tracePoints(ticket?: RequestTicket): Promise<TracePoint[] | Superseded> {
      const s = need();
      return gate.run(ticket, () => (deps.tracePoints ? deps.tracePoints(s) : []));
    },
    /** One packet and its reply, hop by hop, at the current moment; latest wins with a ticket. */
    trace(request: PacketWalkRequest, ticket?: RequestTicket): Promise<PacketWalk | Superseded> {
      const s = need();
      return gate.run(ticket, (): PacketWalk | Promise<PacketWalk> => {
        if (!deps.traceWalk) return { ok: false, error: 'this worker has no packet tracer' };
        try {
          const w = deps.traceWalk(s, request, networks);
          return w instanceof Promise ? w.catch(failedWalk) : w;
        } catch (err) {
          return failedWalk(err);
        }
      });
    },
    /** Services (ClusterIPs) and load balancers (DNS names) a walk can go to. */
    traceTargets(): Promise<TraceTarget[]> {
      const s = need();
      return Promise.resolve(deps.traceTargets ? deps.traceTargets(s) : []);
    },
    /** "Send `count` requests" now: where they landed across pods (the walks leave no state). */
    spread(request: PacketWalkRequest, count: number): Promise<PacketSpread> {
      const s = need();
      if (!deps.traceSpreadWalk) return Promise.resolve({ ok: false, error: 'this worker has no packet tracer' });
      try {
        return Promise.resolve(deps.traceSpreadWalk(s, request, count, networks)).catch(failedWalk);
      } catch (err) {
        return Promise.resolve(failedWalk(err));
      }
    },
    /** Instance types whose name starts with (then contains) `query`, for the picker. */
    searchInstanceTypes(query: string, limit = 40): InstanceTypeSummary[] {
      return deps.searchInstanceTypes(query, limit);
    },
    getInstanceType(name: string): InstanceTypeSummary | undefined {
      return deps.describeInstanceType(name);
    },
    /** The scenario with the user's commands folded into its timeline, and the current time. */
    shareState(): ShareState {
      const s = need();
      const applied: TimedCommand[] = s.appliedCommands().map((c) => ({ at: c.atMs / 1000, command: c.command }));
      const timeline = [...s.spec.timeline, ...applied].toSorted((a, b) => a.at - b.at);
      return { spec: { ...s.spec, timeline }, nowMs: s.nowMs };
    },
    /** decodeLink / parseScenario / encodeLink: links and validation off the main thread (link-api.ts). */
    ...linkApi,
    /** The user's commands as recorded (what `restore` replays). */
    recordedCommands(): RecordedCommand[] {
      return need().appliedCommands();
    },
    /** Node models built so far by the derived views (the per-node cache's misses). */
    networkBuilds(): number {
      return networks.builds;
    },
  };
}

export type SimApi = ReturnType<typeof createSimApi>;
