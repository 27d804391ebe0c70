/**
 * The engine's public surface. The worker exposes exactly this (plus text views) over
 * comlink; the CLI, tests and benchmarks call it directly.
 */
import type { Command, ScenarioSpec } from './spec.ts';
import type { SimEvent, SimSnapshot } from './view.ts';

export type ApplyResult = { ok: true } | { ok: false; error: string };

export interface Simulation {
  readonly spec: ScenarioSpec;
  /** Simulated milliseconds since the scenario started. */
  readonly nowMs: number;
  /** Runs every event (timeline commands included) up to nowMs + ms. */
  advance(ms: number): void;
  /** Runs every event up to the absolute time atMs. */
  runUntil(atMs: number): void;
  /** Time of the next pending event, for "step to next event". */
  nextEventTime(): number | undefined;
  /** Applies a command now (a user action), and records it. */
  apply(command: Command): ApplyResult;
  snapshot(): SimSnapshot;
  /** Events with seq > afterSeq, oldest first. */
  eventsSince(afterSeq: number): SimEvent[];
  /** Commands applied by the user so far, with their times, for replay and sharing. */
  appliedCommands(): { atMs: number; command: Command }[];
}
