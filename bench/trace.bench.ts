/**
 * One packet trace (request and reply) on a node with 110 pods and ~2,000 iptables rules
 * (issue 4: median < 1 ms in Node).
 *
 *     npx tsx bench/run.ts trace
 */
import { buildBenchNode, countRules } from '../src/sim/linux/bench-node.ts';
import { buildWorld, tracePacket, type TraceRequest } from '../src/sim/trace/index.ts';

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

function timeTrace(req: TraceRequest, runs: number): { coldMs: number; medianMs: number; hops: number } {
  // A fresh world per measurement set: the first trace also builds the rule/route indexes.
  const world = buildWorld([buildBenchNode()]);
  let t = performance.now();
  const first = tracePacket(world, req);
  const coldMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    tracePacket(world, req);
    times.push(performance.now() - t);
  }
  return { coldMs, medianMs: median(times), hops: first.hops.length };
}

export async function bench(opts: { smoke?: boolean } = {}): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  const runs = opts.smoke ? 3 : 200;
  const rules = countRules(buildBenchNode());
  // Pod on a secondary ENI to the internet: every nat PREROUTING/POSTROUTING rule is evaluated.
  const internet = timeTrace({ from: 'default/app-1', to: '203.0.113.10', proto: 'tcp', dport: 443 }, runs);
  // Pod to a ClusterIP: KUBE-SERVICES, statistic match, DNAT to an endpoint, un-DNAT on the reply.
  const service = timeTrace({ from: 'default/app-2', to: '10.100.0.7', proto: 'tcp', dport: 80 }, runs);
  return [
    { name: `iptables rules on the node`, value: rules, unit: 'rules' },
    { name: `trace pod → internet, median (${internet.hops} hops)`, value: round(internet.medianMs), unit: 'ms', target: '< 1 ms' },
    { name: 'trace pod → internet, first (builds indexes)', value: round(internet.coldMs), unit: 'ms' },
    { name: `trace pod → ClusterIP, median (${service.hops} hops)`, value: round(service.medianMs), unit: 'ms', target: '< 1 ms' },
  ];
}
