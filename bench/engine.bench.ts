/**
 * The engine at scale: N m5.large nodes scaled from 0 to 25 pods per node and back over
 * one simulated hour (scale-up at 60 s, scale-down at 1,800 s), default aws-node settings.
 * Reports wall time and the cost per simulated node-hour at 10, 100 and 1,000 nodes.
 *
 *     npx tsx bench/engine.bench.ts
 */
import { parseScenario } from '../src/scenario/index.ts';
import { createSimulation } from '../src/sim/index.ts';

export function scalingScenario(nodes: number) {
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
    deployments: ['web', 'api', 'worker'].map((name) => ({ name, replicas: 0 })),
    timeline: ['web', 'api', 'worker'].flatMap((name, i) => [
      { at: 60, command: { type: 'scale', deployment: name, replicas: Math.floor((nodes * 25 + i) / 3) } },
      { at: 1800, command: { type: 'scale', deployment: name, replicas: 0 } },
    ]),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.spec;
}

function runOnce(nodes: number) {
  const spec = scalingScenario(nodes);
  const t0 = performance.now();
  const sim = createSimulation(spec);
  sim.runUntil(3_600_000);
  const ms = performance.now() - t0;
  const snap = sim.snapshot();
  return { ms, snap, events: sim.eventsSince(0).length };
}

export async function bench(): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const rows: { name: string; value: number; unit: string; target?: string }[] = [];
  for (const n of [10, 100, 1000]) {
    const runs = n === 1000 ? 3 : 5;
    const times: number[] = [];
    let events = 0;
    for (let i = 0; i < runs; i++) {
      const r = runOnce(n);
      times.push(r.ms);
      events = r.events;
    }
    const median = times.toSorted((a, b) => a - b)[Math.floor(runs / 2)];
    if (n === 1000) rows.push({ name: `engine: 1,000 m5.large, 0→25,000→0 pods, 1 simulated hour (${events} events)`, value: Math.round(median), unit: 'ms', target: '< 2000 ms' });
    rows.push({ name: `engine: cost per simulated node-hour at ${n} nodes`, value: Math.round((median / n) * 1000) / 1000, unit: 'ms' });
  }
  return rows;
}

if (process.argv[1]?.endsWith('engine.bench.ts')) {
  void bench().then((rows) => {
    for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
  });
}
