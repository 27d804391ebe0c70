/** The engine's public entry point. */
export { createSimulation, Engine, EPOCH_ISO } from './engine/simulation.ts';
export type { ApplyResult, Simulation } from './simulation-api.ts';
export type * from './spec.ts';
export type * from './view.ts';
