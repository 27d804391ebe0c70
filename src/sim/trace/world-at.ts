/**
 * Worlds from a running simulation. `worldFromSimulation` builds every node up front (the CLI,
 * the lab script); `lazyWorldOf` builds only the nodes a walk reaches, through a cache kept by
 * node version (the worker). Both take each node's input from the engine's `networkInput`, so
 * a node's Linux view follows the env its own aws-node runs with.
 */
import { buildNodeNetwork } from '../linux/build.ts';
import { formatIpv4 } from '../net/ipv4.ts';
import type { NetworkInputs, Simulation } from '../simulation-api.ts';
import { lazyWorld, type BuiltNode, type LazyWorld, type NetworkSource } from './lazy-world.ts';
import type { NetworkCache } from './network-cache.ts';
import { buildWorld, type TraceWorld, type WorldOptions } from './world.ts';

export type NetworkInputsAt = (sim: Simulation) => NetworkInputs;

/** Every node's input, in order, and the fabric's load balancers, hosts and Services. */
export function networkInputsOf(sim: Simulation): NetworkInputs {
  if (sim.networkInputs) return sim.networkInputs();
  const nodes = sim.nodeNames().flatMap((n) => sim.networkInput(n) ?? []);
  return { vpcCidrs: [...sim.spec.vpc.cidrs], nodes };
}

/** Builds the whole world the tracer walks from a simulation at its current time. */
export function worldFromSimulation(sim: Simulation, options: WorldOptions = {}, inputsAt: NetworkInputsAt = networkInputsOf): TraceWorld {
  return worldFromInputs(inputsAt(sim), { seed: sim.spec.seed, nowMs: sim.nowMs, subnets: sim.spec.subnets, ...options });
}

/** Builds the world from network inputs (nodes, the subnets' route tables, and the fabric's load balancers, hosts, Services). */
export function worldFromInputs(inputs: NetworkInputs, options: WorldOptions = {}): TraceWorld {
  const { vpcCidrs, nodes } = inputs;
  return buildWorld(nodes.map(buildNodeNetwork), {
    vpcCidrs, inputs: nodes,
    ...(inputs.subnets ? { subnets: inputs.subnets } : {}),
    ...(inputs.loadBalancers ? { loadBalancers: inputs.loadBalancers } : {}),
    ...(inputs.hosts ? { hosts: inputs.hosts } : {}),
    ...(inputs.services ? { services: inputs.services } : {}),
    ...(inputs.seed !== undefined ? { seed: inputs.seed } : {}),
    ...(inputs.nowMs !== undefined ? { nowMs: inputs.nowMs } : {}),
    ...(inputs.recentSeen ? { recentSeen: inputs.recentSeen } : {}),
    ...options,
  });
}

/** One node's network from the cache (built on a miss), at the node's current version. */
export function cachedNetwork(sim: Simulation, cache: NetworkCache, node: string): BuiltNode | undefined {
  const current = sim.node(node);
  return current && cache.get(sim, node, current.version, () => sim.networkInput(node));
}

/** The engine as a lazy world's source, with built nodes shared through `cache`. */
export function simulationSource(sim: Simulation, cache: NetworkCache): NetworkSource {
  let snapshotPods: { namespace: string; name: string; node?: string }[] | undefined;
  return {
    vpcCidrs: sim.spec.vpc.cidrs,
    world: { subnets: sim.spec.subnets },
    ...(sim.fabricInputs ? { fabric: sim.fabricInputs() } : {}),
    nodeNames: () => sim.nodeNames(),
    network: (node) => cachedNetwork(sim, cache, node),
    nodeHolding: (ip) => sim.addressHolder(formatIpv4(ip)),
    podNode: (namespace, name) => sim.pod(namespace, name)?.node,
    podsNamed(name) {
      // Only a bare pod name (the CLI's) needs every pod; the UI's pickers give namespace/name.
      snapshotPods ??= sim.snapshot().pods;
      return snapshotPods.flatMap((p) => (p.name === name && p.node !== undefined ? [{ namespace: p.namespace, node: p.node }] : []));
    },
  };
}

/** A world that builds (or reuses) only the nodes a walk reaches. */
export function lazyWorldOf(sim: Simulation, cache: NetworkCache): LazyWorld {
  return lazyWorld(simulationSource(sim, cache));
}
