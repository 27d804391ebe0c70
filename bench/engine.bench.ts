/**
 * The engine at scale: N m5.large nodes scaled from 0 to 25 pods per node and back over
 * one simulated hour (scale-up at 60 s, scale-down at 1,800 s), default aws-node settings.
 * Reports wall time, the cost per simulated node-hour at 10, 100 and 1,000 nodes, and how much
 * work that was: logged events and queue callbacks (timers, EC2 responses, pool loop cycles:
 * most callbacks log nothing).
 *
 *     npx tsx bench/engine.bench.ts
 */
import { parseScenario } from '../src/scenario/index.ts';
import { createSimulation } from '../src/sim/index.ts';

/**
 * EC2 request buckets of an account whose limits were raised for a large cluster (AWS raises
 * them on request). With the documented defaults (200 tokens, 5 a second per mutating API) a
 * thousand nodes starting at once spend the first half hour in RequestLimitExceeded retries:
 * real, and reported separately below, but a benchmark of EC2's refill rate, not of the engine.
 */
export const RAISED_LIMITS = { mutating: { capacity: 2000, refillPerSecond: 50 }, nonMutating: { capacity: 1000, refillPerSecond: 200 } };

export function scalingScenario(nodes: number, ec2Limits?: typeof RAISED_LIMITS) {
  // Three /18 subnets (16,379 usable addresses each) in three AZs, as an EKS VPC would have.
  const subnetCount = Math.min(3, Math.max(1, Math.ceil((nodes * 40) / 16000)));
  const subnets = Array.from({ length: subnetCount }, (_, i) => ({
    id: `subnet-0${String(i + 1).repeat(16)}`,
    availabilityZone: `us-west-2${'abc'[i]}`,
    cidr: `10.0.${i * 64}.0/18`,
  }));
  const perSubnet = Math.ceil(nodes / subnetCount);
  const parsed = parseScenario({
    v: 1,
    name: `bench-${nodes}`,
    vpc: { cidrs: ['10.0.0.0/16'] },
    subnets,
    nodeGroups: subnets.map((s, i) => ({ name: `ng-${i}`, instanceType: 'm5.large', count: Math.min(perSubnet, nodes - i * perSubnet), subnet: s.id })),
    // Three deployments share the 25 pods per node (a scenario caps one at 10,000 replicas).
    ...(ec2Limits ? { ec2: ec2Limits } : {}),
    deployments: ['web', 'api', 'worker'].map((name) => ({ name, replicas: 0 })),
    timeline: ['web', 'api', 'worker'].flatMap((name, i) => [
      { at: 60, command: { type: 'scale', deployment: name, replicas: Math.floor((nodes * 25 + i) / 3) } },
      { at: 1800, command: { type: 'scale', deployment: name, replicas: 0 } },
    ]),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.spec;
}

function runOnce(nodes: number, limits?: typeof RAISED_LIMITS, untilMs = 3_600_000) {
  const spec = scalingScenario(nodes, limits);
  const t0 = performance.now();
  const sim = createSimulation(spec);
  sim.runUntil(untilMs);
  const ms = performance.now() - t0;
  const snap = sim.snapshot();
  return { ms, events: sim.eventsSince(0).length, callbacks: sim.queue.executed, throttled: snap.ec2.throttled };
}

export interface BenchOptions { smoke?: boolean }

function median(xs: number[]): number {
  return xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];
}

export async function bench(opts: BenchOptions = {}): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const rows: { name: string; value: number; unit: string; target?: string }[] = [];
  // The smoke run (CI): tiny clusters for ten simulated minutes, no timing gate.
  const sizes = opts.smoke ? [2, 5] : [10, 100, 1000];
  const until = opts.smoke ? 600_000 : 3_600_000;
  for (const n of sizes) {
    const runs = opts.smoke ? 1 : n === 1000 ? 3 : 5;
    const results = Array.from({ length: runs }, () => runOnce(n, RAISED_LIMITS, until));
    const ms = median(results.map((r) => r.ms));
    if (n === 1000) {
      rows.push({ name: `engine: 1,000 m5.large, 0→25,000→0 pods, 1 simulated hour, raised EC2 limits (${results[0].events} events, ${results[0].callbacks} queue callbacks)`, value: Math.round(ms), unit: 'ms', target: '< 2000 ms' });
    }
    rows.push({ name: `engine: cost per simulated node-hour at ${n} nodes (raised EC2 limits)`, value: Math.round((ms / n / (until / 3_600_000)) * 1000) / 1000, unit: 'ms' });
    rows.push({ name: `engine: queue callbacks / logged events at ${n} nodes`, value: results[0].callbacks, unit: `callbacks / ${results[0].events} events` });
  }
  for (const n of opts.smoke ? [3] : [100, 1000]) {
    const r = runOnce(n, undefined, until);
    rows.push({ name: `engine: ${n} nodes with EC2's default request limits (${r.throttled} RequestLimitExceeded, ${r.events} events, ${r.callbacks} queue callbacks)`, value: Math.round(r.ms), unit: 'ms' });
  }
  return rows;
}

if (process.argv[1]?.endsWith('engine.bench.ts')) {
  void bench().then((rows) => {
    for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
  });
}
