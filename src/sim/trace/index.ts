/**
 * The packet tracer: walk a packet and its reply through the nodes' Linux models and the
 * VPC fabric (see README.md).
 */
export { tracePacket, traceFlow, resolveSource, resolveDestination, type Place, type TracedFlow } from './tracer.ts';
export { traceSpread, spreadText, ephemeralPort, MAX_SPREAD, type Spread } from './spread.ts';
export { traceTranscript } from './transcript.ts';
export { buildWorld, findEndpoint, type TraceWorld, type Walkable, type WorldOptions, type Fabric, type FabricEni, type NsRef } from './world.ts';
export { cachedNetwork, lazyWorldOf, networkInputsOf, worldFromSimulation, worldFromInputs, type NetworkInputsAt } from './world-at.ts';
export { lazyWorld, type BuiltNode, type LazyWorld, type NetworkSource } from './lazy-world.ts';
export { NetworkCache } from './network-cache.ts';
export { networkInputsFromSnapshot, nodeNetworkInput } from './snapshot-input.ts';
export type { Hop, HopStep, Direction, RouteDecision, CounterHit, PolicyHit, RecentSet, ReachedEndpoint, TraceRequest, TraceResult } from './hop.ts';
export type { PacketView, Proto } from './packet.ts';
