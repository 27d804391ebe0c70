/**
 * The simulation worker: the engine, its catalogue and text views behind one comlink API.
 * `self` is passed explicitly (toolchain pitfall 1: @vitest/web-worker needs it).
 */
import * as Comlink from 'comlink';
import { createSimulation, createSimulationInSteps } from '../sim/index.ts';
import { createSimApi } from './api.ts';
import { catalogDeps } from './catalog-deps.ts';
import { renderText } from './text-views.ts';
import { traceSpreadWalk, traceTargets, traceWalk, tracePoints } from './trace-api.ts';

const api = createSimApi({ createSimulation, createSimulationInSteps, renderText, tracePoints, traceWalk, traceTargets, traceSpreadWalk, ...catalogDeps });

// Typed as Window under the UI tsconfig, which also sees this file; it is the worker scope at run time.
Comlink.expose(api, self as unknown as Comlink.Endpoint);
