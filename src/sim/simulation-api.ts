/**
 * The engine's public surface. The worker exposes exactly this (plus text views) over
 * comlink; the CLI, tests and benchmarks call it directly.
 */
import type { NodeNetworkInput } from './linux/input.ts';
import type { Command, ScenarioSpec } from './spec.ts';
import type { ClusterObjects, NodeView, PodView, SimDelta, SimEvent, SimSnapshot } from './view.ts';
import type { FabricHost, FabricLoadBalancer, FabricService, WorldOptions } from './trace/world.ts';

/** What the Linux model of every node is built from, at the simulation's current time. */
export interface NetworkInputs {
  vpcCidrs: string[];
  nodes: NodeNetworkInput[];
  /** The subnets' route tables (scenario `subnets[].defaultRoute`, NAT gateways). */
  subnets?: WorldOptions['subnets'];
  /** The VPC's load balancers, API server addresses and Services (the tracer's fabric). */
  loadBalancers?: FabricLoadBalancer[];
  hosts?: FabricHost[];
  services?: FabricService[];
  /** The scenario's seed and the time: random choices of walks draw from them. */
  seed?: number;
  nowMs?: number;
  /** `xt_recent` lists traffic left on a node (ClientIP affinity). */
  recentSeen?(node: string, list: string, ip: number, seconds: number): boolean;
}

export type ApplyResult = { ok: true } | { ok: false; error: string };

/** How far a slice-by-slice build or run has come. */
export interface LoadProgress {
  /** Building nodes, creating pods, running events, building views, sending them to the page. */
  phase: 'nodes' | 'pods' | 'events' | 'views' | 'transfer';
  done: number;
  total: number;
}

export interface Simulation {
  readonly spec: ScenarioSpec;
  /** Simulated milliseconds since the scenario started. */
  readonly nowMs: number;
  /** Runs every event (timeline commands included) up to nowMs + ms. */
  advance(ms: number): void;
  /** Runs every event up to the absolute time atMs. */
  runUntil(atMs: number): void;
  /**
   * Runs at most `maxEvents` events up to atMs; true once it got there. Repeating it until it
   * returns true is exactly `runUntil(atMs)` (a loader runs a long stretch in slices this way).
   */
  runSome(atMs: number, maxEvents: number): boolean;
  /** Time of the next pending event, for "step to next event". */
  nextEventTime(): number | undefined;
  /** Applies a command now (a user action), and records it. */
  apply(command: Command): ApplyResult;
  /** The whole world, in order (linear in its size: for loading, resyncing and tools). */
  snapshot(): SimSnapshot;
  /**
   * What changed since the previous delta, as the engine recorded it while changing things;
   * `full` (and the first call) gives every view. Its cost follows the change, not the world.
   */
  delta(full?: boolean): SimDelta;
  /** Rebuilds the stale views in slices (what a loader does before its first full delta). */
  prepareViews?(): Generator<LoadProgress, void>;
  /** One node's view and its version, a number that changes whenever the view does. */
  node(name: string): { view: NodeView; version: number } | undefined;
  /** Node names, in the engine's order. */
  nodeNames(): string[];
  /** The node whose ENI holds an address as EC2 sees it (a branch ENI's: its trunk's node). */
  addressHolder(ip: string): string | undefined;
  /** The pods bound to a node, in creation order. */
  podsOn(name: string): PodView[];
  pod(namespace: string, name: string): PodView | undefined;
  /**
   * What the node's Linux networking is built from: its ENIs, its pods with addresses, and the
   * env its aws-node set the node up with (which lags a DaemonSet edit until the node restarts).
   */
  networkInput(name: string): NodeNetworkInput | undefined;
  /** Events with seq > afterSeq, oldest first. */
  eventsSince(afterSeq: number): SimEvent[];
  /** Commands applied by the user so far, with their times, for replay and sharing. */
  appliedCommands(): { atMs: number; command: Command }[];
  /**
   * Every node's Linux-model input now, kube-proxy's rules included. Optional so that
   * stand-in engines can leave it out (the snapshot bridge is used then).
   */
  networkInputs?(): NetworkInputs;
  /** The tracer's fabric beyond the nodes (load balancers, API server hosts, Services, seed, time). */
  fabricInputs?(): Omit<NetworkInputs, 'vpcCidrs' | 'nodes'>;
  /** Services, EndpointSlices, Ingresses, TargetGroupBindings, load balancers and target groups now. */
  clusterObjects?(): ClusterObjects;
}
