/**
 * A trace world from engine state: the NodeNetworkInputs of every node (from
 * `networkInputsFromSnapshot` unless another source is given), built into Linux models.
 */
import { buildNodeNetwork } from '../linux/build.ts';
import type { NodeNetworkInput } from '../linux/input.ts';
import type { Simulation } from '../simulation-api.ts';
import { networkInputsFromSnapshot } from './snapshot-input.ts';
import { buildWorld, type TraceWorld, type WorldOptions } from './world.ts';

export type NetworkInputsAt = (sim: Simulation) => { vpcCidrs: string[]; nodes: NodeNetworkInput[] };

/** Builds the world the tracer walks from a simulation at its current time. */
export function worldFromSimulation(sim: Simulation, options: WorldOptions = {}, inputsAt?: NetworkInputsAt): TraceWorld {
  const { vpcCidrs, nodes } = inputsAt ? inputsAt(sim) : networkInputsFromSnapshot(sim.snapshot());
  return buildWorld(nodes.map(buildNodeNetwork), { vpcCidrs, inputs: nodes, ...options });
}
