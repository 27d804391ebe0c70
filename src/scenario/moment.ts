/**
 * How far a scenario's clock can usefully go, for a link's moment (`&t=<ms>`). After its
 * last timeline entry a scenario only settles (warm pools refill, cooldowns expire, EC2
 * retries end), so a moment far beyond it shows nothing new and only makes the worker run
 * the engine through empty hours (31 years for a twelve-digit `t`).
 */
import type { ScenarioSpec } from '../sim/spec.ts';
import { said, type Said } from '../sim/said-template.ts';

/** The latest `at` a timeline entry may have: one week, in seconds. */
export const MAX_TIMELINE_AT_S = 604_800;
/**
 * Time allowed after the last timeline entry. The CLI's `run` settles a scenario in 120 s;
 * an hour leaves room for an EC2 throttling storm to play out, and for a learner who lets
 * the clock run on before sharing.
 */
export const SETTLE_MARGIN_S = 3_600;
/** No scenario reaches past this moment (the last possible entry plus the margin), in ms. */
export const MAX_MOMENT_MS = (MAX_TIMELINE_AT_S + SETTLE_MARGIN_S) * 1000;

/** The last moment worth opening this scenario at: its last timeline entry or lesson step plus SETTLE_MARGIN_S, in ms. */
export function lastMomentMs(spec: Pick<ScenarioSpec, 'timeline' | 'steps'>): number {
  const lastEntry = spec.timeline.reduce((m, t) => Math.max(m, t.at), 0);
  const lastAt = (spec.steps ?? []).reduce((m, s) => Math.max(m, s.at), lastEntry);
  return Math.round((lastAt + SETTLE_MARGIN_S) * 1000);
}

/** "45 s", "12 min", "3 h", "7 days", "31.7 years": a duration for a message (with its text). */
export function formatDuration(ms: number): Said {
  const s = ms / 1000;
  if (s < 120) return said`${Math.round(s * 10) / 10} s`;
  if (s < 3_600) return said`${Math.round(s / 60)} min`;
  if (s < 172_800) return said`${Math.round(s / 360) / 10} h`;
  if (s < 63_072_000) return said`${Math.round(s / 8_640) / 10} days`;
  return said`${Math.round(s / 3_155_760) / 10} years`;
}
