/** The engine's public entry point. */
export { createSimulation, createSimulationInSteps, Engine } from './engine/simulation.ts';
export { EPOCH_ISO, wallClockIso } from './clock/epoch.ts';
export type { ApplyResult, LoadProgress, Simulation } from './simulation-api.ts';
export type * from './spec.ts';
export type * from './view.ts';
