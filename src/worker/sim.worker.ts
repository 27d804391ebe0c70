/**
 * The simulation worker: the engine, its catalogue and text views behind one comlink API.
 * `self` is passed explicitly (toolchain pitfall 1: @vitest/web-worker needs it).
 *
 * The text views and the packet-walk API load on their first use (worker-lazy-* chunks): the
 * first paint needs only the engine, and the page's initial JavaScript has a 250 KB budget.
 */
import * as Comlink from 'comlink';
import { createSimulation, createSimulationInSteps } from '../sim/index.ts';
import { createSimApi } from './api.ts';
import { catalogDeps } from './catalog-deps.ts';

let textViews: Promise<typeof import('./text-views.ts')> | undefined;
let traces: Promise<typeof import('./trace-api.ts')> | undefined;
const views = () => (textViews ??= import('./text-views.ts'));
const tracer = () => (traces ??= import('./trace-api.ts'));

const api = createSimApi({
  createSimulation, createSimulationInSteps, ...catalogDeps,
  renderText: (sim, kind, target, networks) => views().then((m) => m.renderText(sim, kind, target, networks)),
  runCommand: (sim, target, networks) => views().then((m) => m.runCommand(sim, target, networks)),
  tracePoints: (sim) => tracer().then((m) => m.tracePoints(sim)),
  traceWalk: (sim, request, networks) => tracer().then((m) => m.traceWalk(sim, request, networks)),
  traceTargets: (sim) => tracer().then((m) => m.traceTargets(sim)),
  traceSpreadWalk: (sim, request, count, networks) => tracer().then((m) => m.traceSpreadWalk(sim, request, count, networks)),
});

// Typed as Window under the UI tsconfig, which also sees this file; it is the worker scope at run time.
Comlink.expose(api, self as unknown as Comlink.Endpoint);
