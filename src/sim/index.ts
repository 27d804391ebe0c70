/**
 * The engine's public entry point, every part included (the CLI, tests, benchmarks). The
 * worker builds engines through `core.ts` instead and loads the load-balancing and IPVS parts on demand.
 */
import { createLoadBalancing } from './engine/load-balancing.ts';
import { trafficWalks } from './engine/traffic-walks.ts';
import { writeIpvs } from './kube-proxy/ipvs.ts';
import { createSimulation as create, createSimulationInSteps as createInSteps, type Engine, type EngineOptions } from './engine/simulation.ts';
import type { LoadProgress } from './simulation-api.ts';
import type { ScenarioSpec } from './spec.ts';

export { Engine, type EngineOptions } from './engine/simulation.ts';
export { EPOCH_ISO, wallClockIso } from './clock/epoch.ts';
export type { ApplyResult, LoadProgress, Simulation } from './simulation-api.ts';
export type * from './spec.ts';
export type * from './view.ts';

/** Creates a simulation from a validated scenario, with every part of the engine. */
export function createSimulation(spec: ScenarioSpec, opts: EngineOptions = {}): Engine {
  return create(spec, { loadBalancing: createLoadBalancing, trafficWalks: () => trafficWalks, ipvs: writeIpvs, ...opts });
}

/** Builds a simulation one slice at a time (see `Engine.populate`), with every part of the engine. */
export function createSimulationInSteps(spec: ScenarioSpec, opts: EngineOptions = {}): Generator<LoadProgress, Engine> {
  return createInSteps(spec, { loadBalancing: createLoadBalancing, trafficWalks: () => trafficWalks, ipvs: writeIpvs, ...opts });
}
