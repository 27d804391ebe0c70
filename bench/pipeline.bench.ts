/**
 * The engine → worker pipeline (issue 8): what the worker spends on a tick and how much it
 * sends, idle and when one node gains one pod; full snapshots and deltas at 10 / 100 / 1,000
 * nodes; a 5,000-node scenario loading in slices, and how fast a cancel lands.
 *
 * "Sent" is the structured-clone size of the answer (node:v8's serializer is the algorithm
 * postMessage uses); "worker cost" is the facade call plus that serialisation.
 *
 *     npm run bench -- pipeline
 */
import { serialize, deserialize } from 'node:v8';
import { parseScenario } from '../src/scenario/index.ts';
import { createSimulation, createSimulationInSteps, type Engine } from '../src/sim/index.ts';
import { LiveViews } from '../src/sim/engine/live-views.ts';
import { createSimApi } from '../src/worker/api.ts';
import { catalogDeps } from '../src/worker/catalog-deps.ts';
import { renderText } from '../src/worker/text-views.ts';
import { tracePoints, traceWalk } from '../src/worker/trace-api.ts';
import type { LoadProgress } from '../src/worker/protocol.ts';
import { realScheduler, type Scheduler } from '../src/worker/slices.ts';
import { RAISED_LIMITS, scalingScenario } from './engine.bench.ts';

type Row = { name: string; value: number; unit: string; target?: string };
export interface BenchOptions { smoke?: boolean }

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];
const r3 = (ms: number) => Math.round(ms * 1000) / 1000;
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

function facade(scheduler?: Scheduler) {
  return createSimApi({ createSimulation, createSimulationInSteps, renderText, tracePoints, traceWalk, ...catalogDeps, ...(scheduler ? { scheduler } : {}) });
}

type Api = ReturnType<typeof facade>;

/** Loads and takes every page, as the page's session does; the pages' total structured-clone size. */
async function loadAll(api: Api, spec: Parameters<Api['load']>[0], atMs: number, onProgress?: (p: LoadProgress) => void) {
  const r = await api.load(spec, atMs, {}, onProgress);
  if (!r.ok) return { r, bytes: 0, largest: 0, pages: 0 };
  let bytes = serialize(r).length;
  let largest = bytes;
  for (let i = 1; i <= (r.pages ?? 0); i++) {
    const size = serialize(api.loadPage(i)).length;
    bytes += size;
    largest = Math.max(largest, size);
  }
  return { r, bytes, largest, pages: 1 + (r.pages ?? 0) };
}

/** A cluster of `nodes` settled at 25 pods a node (15 minutes in: scaled at 60 s, still up). */
async function settled(nodes: number) {
  const api = facade();
  const { r } = await loadAll(api, scalingScenario(nodes, RAISED_LIMITS), 900_000);
  if (!r.ok) throw new Error(r.error);
  return api;
}

/** One facade call and the serialisation of its answer. */
function timed<T>(call: () => T): { ms: number; bytes: number; value: T } {
  const t = performance.now();
  const value = call();
  const bytes = serialize(value).length;
  return { ms: performance.now() - t, bytes, value };
}

async function idleTicks(nodes: number, runs: number, tickMs: number): Promise<{ ms: number; bytes: number }> {
  const api = await settled(nodes);
  for (let i = 0; i < 20; i++) timed(() => api.tick(tickMs)); // warm-up
  const samples = Array.from({ length: runs }, () => timed(() => api.tick(tickMs)));
  return { ms: median(samples.map((s) => s.ms)), bytes: Math.max(...samples.map((s) => s.bytes)) };
}

/**
 * One more replica at a time, ticking 16 ms until it runs: the tick in which its node gains it
 * (bound: the node's pod count goes up) and the tick in which it gets its address. Medians.
 */
async function oneMorePod(nodes: number, runs: number): Promise<{ boundMs: number; boundBytes: number; addressMs: number; commandMs: number }> {
  const api = await settled(nodes);
  const bound: number[] = [];
  const boundBytes: number[] = [];
  const addressed: number[] = [];
  const commands: number[] = [];
  let replicas = Math.floor((nodes * 25) / 3);
  for (let k = 0; k < runs; k++) {
    replicas++;
    commands.push(timed(() => api.apply({ type: 'scale', deployment: 'web', replicas })).ms);
    let seen = 0;
    for (let i = 0; i < 400 && seen < 2; i++) {
      const t = timed(() => api.tick(16));
      if (t.value.delta.changedNodes.length === 0) continue;
      if (seen === 0) {
        bound.push(t.ms);
        boundBytes.push(t.bytes);
      } else {
        addressed.push(t.ms);
      }
      seen++;
    }
  }
  return { boundMs: median(bound), boundBytes: median(boundBytes), addressMs: median(addressed), commandMs: median(commands) };
}

function snapshotRows(sim: Engine, nodes: number): Row[] {
  const fresh = [0, 1, 2].map(() => { const t = performance.now(); new LiveViews(sim).snapshot(); return performance.now() - t; });
  const t = performance.now();
  const full = sim.delta(true);
  const deltaMs = performance.now() - t;
  const wire = serialize(full);
  const t2 = performance.now();
  deserialize(wire);
  const receiveMs = performance.now() - t2;
  return [
    { name: `snapshot from scratch at ${nodes} nodes (${sim.cluster.pods.size} pods)`, value: r3(median(fresh)), unit: 'ms' },
    { name: `full delta at ${nodes} nodes: build / structured-clone size / deserialise (the page's side)`, value: r3(deltaMs), unit: `ms / ${kb(wire.length)} KB / ${r3(receiveMs)} ms` },
  ];
}

/** `nodes` m5.large nodes and three deployments of `replicas` each, no timeline: a big but valid scenario. */
function bigScenario(nodes: number, replicas: number) {
  const perSubnet = Math.ceil(nodes / 3);
  const parsed = parseScenario({
    v: 1,
    name: `big-${nodes}`,
    vpc: { cidrs: ['10.0.0.0/16'] },
    subnets: [0, 1, 2].map((i) => ({ id: `subnet-0${String(i + 1).repeat(16)}`, availabilityZone: `us-west-2${'abc'[i]}`, cidr: `10.0.${i * 64}.0/18` })),
    nodeGroups: [0, 1, 2].map((i) => ({ name: `ng-${i}`, instanceType: 'm5.large', count: Math.min(perSubnet, nodes - i * perSubnet), subnet: `subnet-0${String(i + 1).repeat(16)}` })),
    ec2: RAISED_LIMITS,
    deployments: ['web', 'api', 'worker'].map((name) => ({ name, replicas })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.spec;
}

/** Loads a big scenario in slices; the longest time between two progress reports; the pages. */
async function slicedLoad(nodes: number, replicas: number) {
  const api = facade();
  const big = bigScenario(nodes, replicas);
  let last = performance.now();
  let longest = 0;
  let slices = 0;
  const onProgress = (_p: LoadProgress) => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    slices++;
  };
  const t = performance.now();
  const { r, largest, pages, bytes } = await loadAll(api, big, 0, onProgress);
  if (!r.ok) throw new Error(r.error);
  return { totalMs: performance.now() - t, longestGapMs: longest, slices, pages, largest, bytes };
}

/**
 * Cancels a load `afterMs` into it and times how long until it answers "cancelled". The smoke
 * run ends a slice after every step (a tiny load would otherwise finish inside its first slice).
 */
async function cancelLatency(nodes: number, replicas: number, afterMs: number, smoke: boolean): Promise<number> {
  let clock = 0;
  const api = facade(smoke ? { now: () => (clock += 100), pause: realScheduler.pause } : undefined);
  const big = bigScenario(nodes, replicas);
  const loading = api.load(big, 0, { loadId: 1 });
  await new Promise((res) => setTimeout(res, afterMs));
  const t = performance.now();
  api.cancelLoad(1);
  const r = await loading;
  if (r.ok || !r.cancelled) throw new Error('the load was not cancelled');
  return performance.now() - t;
}

export async function bench(opts: BenchOptions = {}): Promise<Row[]> {
  const smoke = opts.smoke ?? false;
  const sizes = smoke ? [2, 4] : [10, 100, 1000];
  const runs = smoke ? 3 : 200;
  const rows: Row[] = [];
  for (const n of sizes) {
    const idle = await idleTicks(n, runs, 16);
    rows.push({ name: `worker: idle tick (16 ms) at ${n} nodes, ${n * 25} pods`, value: r3(idle.ms), unit: 'ms', target: n === sizes.at(-1) ? '< 1 ms' : undefined });
    rows.push({ name: `worker: idle tick (16 ms) at ${n} nodes, sent`, value: idle.bytes, unit: 'bytes', target: n === sizes.at(-1) ? '< 1024 bytes' : undefined });
  }
  const big = sizes.at(-1)!;
  const idle64 = await idleTicks(big, smoke ? 3 : 60, 1000);
  rows.push({ name: `worker: idle tick of 1 s (64× at 60 fps) at ${big} nodes (runs the ipamd loops due in that second)`, value: r3(idle64.ms), unit: 'ms' });
  const gain = await oneMorePod(big, smoke ? 1 : 25);
  rows.push({ name: `worker: a tick in which one node gains one pod, at ${big} nodes (median)`, value: r3(gain.boundMs), unit: 'ms', target: '< 2 ms' });
  rows.push({ name: `worker: that tick, sent`, value: gain.boundBytes, unit: 'bytes' });
  rows.push({ name: `worker: the tick in which the pod gets its address (median)`, value: r3(gain.addressMs), unit: 'ms' });
  rows.push({ name: `worker: the scale command itself at ${big} nodes`, value: r3(gain.commandMs), unit: 'ms' });
  for (const n of sizes) {
    const sim = createSimulation(scalingScenario(n, RAISED_LIMITS));
    sim.runUntil(900_000);
    rows.push(...snapshotRows(sim, n));
  }
  const loadNodes = smoke ? 20 : 5000;
  const loadReplicas = smoke ? 50 : 10_000;
  const load = await slicedLoad(loadNodes, loadReplicas);
  rows.push({ name: `load ${loadNodes} nodes + ${3 * loadReplicas} pods in slices: total`, value: Math.round(load.totalMs), unit: 'ms' });
  rows.push({ name: `  longest time between progress reports (${load.slices} reports)`, value: Math.round(load.longestGapMs), unit: 'ms' });
  rows.push({ name: `  sent in ${load.pages} messages (${kb(load.bytes)} KB): the largest`, value: kb(load.largest), unit: 'KB' });
  rows.push({ name: `  cancel 50 ms in: until the load answers "cancelled"`, value: r3(await cancelLatency(loadNodes, loadReplicas, smoke ? 0 : 50, smoke)), unit: 'ms' });
  return rows;
}

if (process.argv[1]?.endsWith('pipeline.bench.ts')) {
  void bench().then((rows) => {
    for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
  });
}
