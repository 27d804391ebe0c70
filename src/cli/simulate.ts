/**
 * Runs a scenario for a CLI command within the CLI's bounds: the pods the deployments ask
 * for are counted before the engine is built (20 million pods would exhaust the heap while
 * the engine creates them), and the engine runs with an event budget, so a long run stops
 * with a message naming --max-events instead of running for hours.
 */
import { createSimulation, type Engine, type ScenarioSpec } from '../sim/index.ts';
import { countFlag, secondsFlag } from './args.ts';
import { CliError, type CliContext, type CliLimits } from './cli-error.ts';

/** Seconds after the last timeline command that a run goes on by default, long enough to settle. */
export const SETTLE_SECONDS = 120;

/** The default end of a run: 120 s after the timeline's last command. */
export function defaultSeconds(spec: ScenarioSpec): number {
  return spec.timeline.reduce((m, t) => Math.max(m, t.at), 0) + SETTLE_SECONDS;
}

/**
 * The most pods the scenario's deployments ask for at any moment (replaying scale,
 * addDeployment and deleteDeployment in time order), and which entry first pushes the total
 * past `max`. DaemonSet pods (two per node, at most 10,000) are not counted.
 */
export function peakPods(spec: ScenarioSpec, max: number): { peak: number; culprit?: string } {
  const replicas = new Map<string, number>();
  let total = 0;
  let peak = 0;
  let culprit: string | undefined;
  const set = (key: string, n: number, where: string) => {
    total += n - (replicas.get(key) ?? 0);
    replicas.set(key, n);
    if (total > peak) peak = total;
    if (total > max && culprit === undefined) culprit = where;
  };
  for (const d of spec.deployments) set(`${d.namespace}/${d.name}`, d.replicas, `deployment ${d.namespace}/${d.name} (replicas ${d.replicas})`);
  for (const { at, command: c } of spec.timeline) {
    if (c.type === 'scale') set(`${c.namespace ?? 'default'}/${c.deployment}`, c.replicas, `the scale of ${c.namespace ?? 'default'}/${c.deployment} to ${c.replicas} at ${at} s`);
    else if (c.type === 'addDeployment') set(`${c.deployment.namespace}/${c.deployment.name}`, c.deployment.replicas, `addDeployment ${c.deployment.namespace}/${c.deployment.name} (replicas ${c.deployment.replicas}) at ${at} s`);
    else if (c.type === 'deleteDeployment') set(`${c.namespace ?? 'default'}/${c.deployment}`, 0, '');
  }
  return { peak, culprit };
}

/** The event budget of this call: --max-events if given, else the default. */
export function eventBudget(flag: string | true | undefined, limits: CliLimits): number {
  return countFlag(flag, 'max-events', 1, limits.maxEventsCeiling) ?? limits.maxEvents;
}

/** The time to run to: the flag (bounded by the ceiling), else the scenario's default. */
export function runSeconds(spec: ScenarioSpec, flag: string | true | undefined, name: string, limits: CliLimits): number {
  return secondsFlag(flag, name, limits.maxSeconds) ?? defaultSeconds(spec);
}

/** A simulation of `spec`, checked against the pod bound, not yet run. */
export function boundedSimulation(spec: ScenarioSpec, limits: CliLimits): Engine {
  const { peak, culprit } = peakPods(spec, limits.maxPods);
  if (peak > limits.maxPods) {
    throw new CliError(`the scenario asks for up to ${peak} pods at once (${culprit} takes it past ${limits.maxPods}); the CLI simulates at most ${limits.maxPods}: lower the deployments' replicas (deployments[].replicas, scale commands)`);
  }
  return createSimulation(spec);
}

/** Engine events one call may still spend (shared by the runs of one call, e.g. `run --every`). */
export interface EventBudget {
  max: number;
  spent: number;
  /** The most --max-events accepts, for the message. */
  ceiling: number;
}

export function newBudget(max: number, limits: CliLimits): EventBudget {
  return { max, spent: 0, ceiling: limits.maxEventsCeiling };
}

/**
 * Runs `sim` to `seconds`, spending from `budget`. When the budget runs out with events
 * still due, throws a CliError that says where the run stopped and names --max-events and
 * the time flag (`--until`, `--at`).
 */
export function runBounded(sim: Engine, seconds: number, budget: EventBudget, flag = 'until'): void {
  const target = Math.round(seconds * 1000);
  budget.spent += sim.runUntil(target, budget.max - budget.spent);
  const next = sim.nextEventTime();
  if (next !== undefined && next <= target) {
    throw new CliError(`the run stopped at ${(sim.nowMs / 1000).toFixed(3)} s of ${seconds} s: it used its budget of ${budget.max} engine events; raise it with --max-events (at most ${budget.ceiling}) or give a smaller --${flag}`);
  }
}

/** Builds `spec` and runs it to `seconds` within the context's limits. */
export function simulateTo(spec: ScenarioSpec, seconds: number, ctx: CliContext, maxEvents = ctx.limits.maxEvents, flag = 'until'): Engine {
  const sim = boundedSimulation(spec, ctx.limits);
  runBounded(sim, seconds, newBudget(maxEvents, ctx.limits), flag);
  return sim;
}
