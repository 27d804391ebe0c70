/**
 * Every text view of a node with 110 pods and ~2,000 iptables rules (issue 4: < 5 ms total).
 *
 *     npx tsx bench/run.ts linux-views
 */
import { buildBenchNode, countRules } from '../src/sim/linux/bench-node.ts';
import { renderView, VIEW_NAMES, type ViewName } from '../src/sim/linux/render/index.ts';

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;
const POD_VIEWS: ViewName[] = ['ip addr', 'ip link', 'ip rule', 'ip route', 'ip route show table all', 'ip neigh'];

/** Median time of all host views; of all host + every pod's views; build time; rule count. */
export async function bench(opts: { smoke?: boolean } = {}): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  // The smoke run (CI) goes through every step once or twice, with no timing gate.
  const n = (runs: number) => (opts.smoke ? Math.min(runs, 2) : runs);
  const builds: number[] = [];
  let net = buildBenchNode();
  for (let i = 0; i < n(7); i++) {
    const t = performance.now();
    net = buildBenchNode();
    builds.push(performance.now() - t);
  }
  const tCold = performance.now();
  for (const v of VIEW_NAMES) renderView(net, v, { table: '2', timeMs: 0 });
  const coldMs = performance.now() - tCold;
  // A second node in the same process: renderers compiled, its rule texts not yet cached.
  net = buildBenchNode();
  const tNew = performance.now();
  for (const v of VIEW_NAMES) renderView(net, v, { table: '2', timeMs: 0 });
  const newNodeMs = performance.now() - tNew;
  // What the UI pays on every update: build the node (not timed), then render every view
  // of it once, nothing cached; one node at a time, as the inspector does.
  const freshRuns: number[] = [];
  for (let i = 0; i < n(21); i++) {
    const fresh = buildBenchNode();
    const t = performance.now();
    for (const v of VIEW_NAMES) renderView(fresh, v, { table: '2', timeMs: 0 });
    freshRuns.push(performance.now() - t);
  }
  const hostRuns: number[] = [];
  const allRuns: number[] = [];
  let chars = 0;
  const buildMs = median(builds);
  const hostViews = () => {
    for (const v of VIEW_NAMES) chars += renderView(net, v, { table: '2', timeMs: 0 }).length;
  };
  for (let i = 0; i < n(10); i++) hostViews(); // warm-up: let the JIT compile the renderers
  for (let i = 0; i < n(40); i++) {
    const t = performance.now();
    hostViews();
    hostRuns.push(performance.now() - t);
  }
  for (let i = 0; i < n(20); i++) {
    const t = performance.now();
    hostViews();
    for (const p of net.pods) for (const v of POD_VIEWS) chars += renderView(net, v, { pod: `${p.namespace}/${p.pod}` }).length;
    allRuns.push(performance.now() - t);
  }
  if (chars === 0) throw new Error('no output');
  return [
    { name: `iptables rules on the node`, value: countRules(net), unit: 'rules' },
    { name: 'build 110-pod node network (incl. 2,000 service rules), median', value: round(buildMs), unit: 'ms' },
    { name: `all ${VIEW_NAMES.length} host views, first render in a cold process`, value: round(coldMs), unit: 'ms' },
    { name: `all ${VIEW_NAMES.length} host views, first render of another node`, value: round(newNodeMs), unit: 'ms' },
    { name: `all ${VIEW_NAMES.length} host views of a freshly built 110-pod node, median of 21 nodes`, value: round(median(freshRuns)), unit: 'ms', target: '< 5 ms' },
    { name: `all ${VIEW_NAMES.length} host views, same node again (rule texts cached), median`, value: round(median(hostRuns)), unit: 'ms' },
    { name: 'host views + 6 views in each of 110 pod namespaces, median', value: round(median(allRuns)), unit: 'ms' },
  ];
}
