/**
 * The packet walks a `traffic` command runs: the tracer, the VPC fabric and the load balancers'
 * hops. A part of its own, like load-balancing.ts: the engine takes it as an option, and the
 * worker loads it (before the command runs) only for a scenario or command that sends traffic.
 */
import { toModelEntry } from '../trace/conntrack.ts';
import { resolveDestination, resolveSource } from '../trace/tracer.ts';
import { ephemeralPort, traceSpread } from '../trace/spread.ts';
import { worldFromInputs } from '../trace/world-at.ts';

export const trafficWalks = { worldFromInputs, resolveSource, resolveDestination, traceSpread, ephemeralPort, toModelEntry };

/** What Traffic needs to walk packets (trafficWalks; a getter, so it can arrive after the engine is built). */
export type TrafficWalks = typeof trafficWalks;
