/**
 * The engine without its on-demand parts: the worker's entry. Two parts are chunks of their
 * own, loaded first and then passed to the engine as options:
 * - `loadBalancingPart()` (ELBv2, the AWS Load Balancer Controller, its annotations), which a
 *   scenario that installs the controller needs before it is built;
 * - `trafficWalksPart()` (the tracer a `traffic` command runs), which a scenario whose timeline
 *   sends traffic needs before it runs; others get it in the background after their load.
 * - `ipvsPart()` (kube-proxy's IPVS mode: its virtual servers, ipsets and rules), which a
 *   scenario with `cluster.kubeProxyMode: "ipvs"` needs before it is built.
 * Every other scenario, the default samples included, starts without them. src/sim/index.ts is
 * the entry with every part (the CLI, tests, benchmarks).
 */
import type { LoadBalancingFactory } from './engine/load-balancing.ts';
import type { TrafficWalks } from './engine/traffic-walks.ts';
import type { IpvsWriter } from './kube-proxy/ipvs.ts';
import type { Command, ScenarioSpec } from './spec.ts';

export { createSimulation, createSimulationInSteps, Engine, type EngineOptions } from './engine/simulation.ts';

/** Whether `spec` needs the load-balancing part (only the controller creates load balancers). */
export const needsLoadBalancing = (spec: ScenarioSpec): boolean => spec.addons?.awsLoadBalancerController === true;

/** Whether running `spec` (and `commands` replayed on it) sends traffic (its lesson steps' commands are in its timeline). */
export const needsTrafficWalks = (spec: ScenarioSpec, commands: readonly { command: Command }[] = []): boolean =>
  spec.timeline.some((t) => t.command.type === 'traffic') || commands.some((c) => c.command.type === 'traffic');

/** Loads a part once; a failed fetch is not kept, so the next load tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let part: Promise<T> | undefined;
  return () => {
    part ??= load().catch((e: unknown) => {
      part = undefined;
      throw e;
    });
    return part;
  };
}

/** The load-balancing part (a dynamic import: its own chunk in the worker's build). */
export const loadBalancingPart: () => Promise<LoadBalancingFactory> = once(() => import('./engine/load-balancing.ts').then((m) => m.createLoadBalancing));

/** The packet walks `traffic` commands run (a dynamic import: its own chunk in the worker's build). */
export const trafficWalksPart: () => Promise<TrafficWalks> = once(() => import('./engine/traffic-walks.ts').then((m) => m.trafficWalks));

/** Whether `spec` runs kube-proxy in IPVS mode (and so needs the IPVS part). */
export const needsIpvs = (spec: ScenarioSpec): boolean => spec.cluster?.kubeProxyMode === 'ipvs';

/** kube-proxy's IPVS mode (a dynamic import: its own chunk in the worker's build). */
export const ipvsPart: () => Promise<IpvsWriter> = once(() => import('./kube-proxy/ipvs.ts').then((m) => m.writeIpvs));
