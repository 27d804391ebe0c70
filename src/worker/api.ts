/**
 * The worker facade: one object whose methods the UI calls through comlink.
 * It owns the single Simulation of the page and streams deltas, not snapshots.
 * Engine modules come in as `EngineDeps` so the facade is testable without a worker.
 */
import type { Simulation } from '../sim/simulation-api.ts';
import type { Command, ScenarioSpec, TimedCommand } from '../sim/spec.ts';
import type { SimEvent } from '../sim/view.ts';
import { createDeltaTracker } from './delta.ts';
import { linkApi } from './link-api.ts';
import type {
  CommandResult, InstanceTypeSummary, LoadResult, PacketWalk, PacketWalkRequest, ShareState, TextViewKind, TextViewTarget, TickResult, TracePoint,
} from './protocol.ts';

export interface EngineDeps {
  createSimulation(spec: ScenarioSpec): Simulation;
  searchInstanceTypes(query: string, limit: number): InstanceTypeSummary[];
  describeInstanceType(name: string): InstanceTypeSummary | undefined;
  renderText(sim: Simulation, kind: TextViewKind, target: TextViewTarget): string;
  /** The packet walk (trace-api.ts); optional so facades without a tracer still build. */
  tracePoints?(sim: Simulation): TracePoint[];
  traceWalk?(sim: Simulation, request: PacketWalkRequest): PacketWalk;
}

/** Events per tick the UI keeps up with; a 64× burst beyond this is summarised. */
export const MAX_EVENTS_PER_TICK = 200;

export function createSimApi(deps: EngineDeps) {
  let sim: Simulation | undefined;
  let lastSeq = 0;
  const tracker = createDeltaTracker();

  function need(): Simulation {
    if (!sim) throw new Error('No scenario loaded');
    return sim;
  }

  function collect(): TickResult {
    const s = need();
    const fresh: SimEvent[] = s.eventsSince(lastSeq);
    if (fresh.length > 0) lastSeq = fresh[fresh.length - 1].seq;
    const skipped = Math.max(0, fresh.length - MAX_EVENTS_PER_TICK);
    return {
      delta: tracker.next(s.snapshot()),
      events: skipped > 0 ? fresh.slice(skipped) : fresh,
      skippedEvents: skipped,
      nextEventMs: s.nextEventTime(),
    };
  }

  return {
    /** Starts a fresh simulation of `spec`, optionally run forward to `atMs`. */
    load(spec: ScenarioSpec, atMs = 0): LoadResult {
      try {
        sim = deps.createSimulation(spec);
        lastSeq = 0;
        tracker.reset();
        if (atMs > 0) sim.runUntil(atMs);
        return { ok: true, ...collect() };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
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
    textView(kind: TextViewKind, target: TextViewTarget): string {
      try {
        return deps.renderText(need(), kind, target);
      } catch (err) {
        return `error: ${err instanceof Error ? err.message : String(err)}`;
      }
    },
    /** Pods, nodes and the internet host a packet walk can start from or go to. */
    tracePoints(): TracePoint[] {
      const s = need();
      return deps.tracePoints ? deps.tracePoints(s) : [];
    },
    /** One packet and its reply, hop by hop, at the current moment. */
    trace(request: PacketWalkRequest): PacketWalk {
      const s = need();
      if (!deps.traceWalk) return { ok: false, error: 'this worker has no packet tracer' };
      try {
        return deps.traceWalk(s, request);
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
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
  };
}

export type SimApi = ReturnType<typeof createSimApi>;
