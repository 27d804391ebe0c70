/**
 * The simulation worker: the engine, its catalogue and text views behind one comlink API.
 * `self` is passed explicitly (toolchain pitfall 1: @vitest/web-worker needs it).
 *
 * The text views and the packet-walk API load on their first use (worker-lazy-* chunks): the
 * first paint needs only the engine, and the page's initial JavaScript has a 250 KB budget.
 * So do two parts of the engine (src/sim/core.ts): ELBv2 and the AWS Load Balancer Controller
 * load while a scenario that installs the controller loads, before its first tick; the packet
 * walks of `traffic` commands too when its timeline sends traffic, and otherwise in the
 * background after the load (a command typed meanwhile fails with a message, nothing changed).
 */
import type { IpvsWriter } from '../sim/kube-proxy/ipvs.ts';
import * as Comlink from 'comlink';
import { createSimulation, createSimulationInSteps, ipvsPart, loadBalancingPart, needsIpvs, needsLoadBalancing, needsTrafficWalks, trafficWalksPart } from '../sim/core.ts';
import type { LoadBalancingFactory } from '../sim/engine/load-balancing.ts';
import type { TrafficWalks } from '../sim/engine/traffic-walks.ts';
import { createSimApi } from './api.ts';
import { catalogDeps } from './catalog-deps.ts';

let textViews: Promise<typeof import('./text-views.ts')> | undefined;
let traces: Promise<typeof import('./trace-api.ts')> | undefined;
const views = () => (textViews ??= import('./text-views.ts'));
const tracer = () => (traces ??= import('./trace-api.ts'));
/** The load-balancing part, once a scenario needed it (the engine refuses such a scenario without it). */
let loadBalancing: LoadBalancingFactory | undefined;
/** kube-proxy's IPVS mode, once a scenario that runs it was loaded. */
let ipvs: IpvsWriter | undefined;
/** The packet walks, once loaded (the engine asks for them when a `traffic` command runs). */
let walks: TrafficWalks | undefined;
const loadWalks = () => trafficWalksPart().then((w) => { walks = w; });
const trafficWalks = () => walks;

const api = createSimApi({
  prepare: async (spec, commands) => {
    if (needsLoadBalancing(spec)) loadBalancing ??= await loadBalancingPart();
    if (needsIpvs(spec)) ipvs ??= await ipvsPart();
    if (needsTrafficWalks(spec, commands)) await loadWalks();
    // Not awaited: it arrives while the scenario plays (a failed fetch is tried again on the next load).
    else if (!walks) loadWalks().catch(() => {});
  },
  createSimulation: (spec) => createSimulation(spec, { loadBalancing, trafficWalks, ipvs }),
  createSimulationInSteps: (spec) => createSimulationInSteps(spec, { loadBalancing, trafficWalks, ipvs }),
  ...catalogDeps,
  renderText: (sim, kind, target, networks) => views().then((m) => m.renderText(sim, kind, target, networks)),
  runCommand: (sim, target, networks) => views().then((m) => m.runCommand(sim, target, networks)),
  tracePoints: (sim) => tracer().then((m) => m.tracePoints(sim)),
  traceWalk: (sim, request, networks) => tracer().then((m) => m.traceWalk(sim, request, networks)),
  traceTargets: (sim) => tracer().then((m) => m.traceTargets(sim)),
  traceSpreadWalk: (sim, request, count, networks) => tracer().then((m) => m.traceSpreadWalk(sim, request, count, networks)),
});

// Typed as Window under the UI tsconfig, which also sees this file; it is the worker scope at run time.
Comlink.expose(api, self as unknown as Comlink.Endpoint);
