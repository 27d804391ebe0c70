/**
 * kube-proxy at scale (issue 10): rule generation for 200 Services × 10 endpoints on 100 nodes
 * (target < 200 ms per sync), a full sync from cold and the incremental sync after one
 * endpoint changes; and a pod-to-ClusterIP trace on a node holding ~10,000 service rules
 * (target < 1 ms).
 *
 *     npm run bench -- services
 */
import type { EndpointState, ServiceObject } from '../src/sim/k8s/services/objects.ts';
import { buildNodeNetwork } from '../src/sim/linux/build.ts';
import { KubeProxy } from '../src/sim/kube-proxy/proxier.ts';
import { EKS_PROXY_CONFIG } from '../src/sim/kube-proxy/model.ts';
import { exampleInputs } from '../src/sim/trace/example-world.ts';
import { buildWorld, tracePacket } from '../src/sim/trace/index.ts';
import type { ServiceSpec } from '../src/sim/spec.ts';

const NODES = 100;

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** `count` ClusterIP Services of `perService` ready endpoints spread over `nodes` nodes. */
function services(count: number, perService: number, nodes: number): ServiceObject[] {
  const out: ServiceObject[] = [];
  for (let s = 0; s < count; s++) {
    const spec: ServiceSpec = {
      name: `svc-${s}`, namespace: 'default', type: 'ClusterIP', selector: { app: `svc-${s}` },
      ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }], externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None', sessionAffinityTimeoutSeconds: 10800, labels: {}, annotations: {},
    };
    const endpoints = new Map<string, EndpointState>();
    for (let e = 0; e < perService; e++) {
      const n = s * perService + e;
      endpoints.set(`default/svc-${s}-${e}`, {
        podKey: `default/svc-${s}-${e}`, ip: `192.168.${64 + (n >> 8)}.${n & 255}`, nodeName: `node-${n % nodes}`,
        ready: true, serving: true, terminating: false, ports: [8080], createdAtMs: 0,
      });
    }
    out.push({
      key: `default/svc-${s}`, namespace: 'default', name: `svc-${s}`, uid: `uid-${s}`, spec, clusterIP: `10.100.${1 + (s >> 8)}.${s & 255}`,
      ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }], healthCheckNodePort: 0, createdAtMs: 0, endpoints, version: 1, changedAtMs: 0,
    });
  }
  return out;
}

/** One sync: every node's kube-proxy rules as the engine asks for them. */
function syncAll(proxy: KubeProxy): number {
  let rules = 0;
  for (let n = 0; n < NODES; n++) rules += proxy.rulesFor(`node-${n}`).services.length;
  return rules;
}

/** Medians over `runs` after `warmup` unrecorded ones (the JIT settles; the hash cache fills as in a long-running engine). */
function timeSyncs(runs: number, warmup: number): { coldMs: number; changeMs: number } {
  const cold: number[] = [];
  const change: number[] = [];
  for (let r = -warmup; r < runs; r++) {
    const list = services(200, 10, NODES);
    const proxy = new KubeProxy(EKS_PROXY_CONFIG, () => list);
    let t = performance.now();
    syncAll(proxy);
    if (r >= 0) cold.push(performance.now() - t);
    // One endpoint of one Service goes not-ready: its informer fires, every node syncs.
    const svc = list[(r + warmup) % list.length];
    const ep = [...svc.endpoints.values()][0];
    svc.endpoints.set(ep.podKey!, { ...ep, ready: false, serving: false });
    svc.version++;
    proxy.changed(svc, false, 1000);
    t = performance.now();
    syncAll(proxy);
    if (r >= 0) change.push(performance.now() - t);
  }
  return { coldMs: median(cold), changeMs: median(change) };
}

/** The b.5 example's node-a with `count` ten-endpoint Services' rules; its nat rule count. */
function bigServiceNode(count: number) {
  const list = services(count, 10, 2).map((s) => ({ ...s, endpoints: new Map([...s.endpoints].map(([k, e]) => [k, { ...e, nodeName: e.nodeName === 'node-0' ? 'node-a' : 'node-b' }])) }));
  const proxy = new KubeProxy(EKS_PROXY_CONFIG, () => list);
  const inputs = exampleInputs().map((i) => ({ ...i, kubeProxy: proxy.rulesFor(i.nodeName) }));
  const nets = inputs.map(buildNodeNetwork);
  const nat = nets[0].host.netfilter.nat.chains.reduce((n, c) => n + c.rules.length, 0);
  return { world: buildWorld(nets, { inputs }), nat, last: list.at(-1)!.clusterIP };
}

export async function bench(opts: { smoke?: boolean } = {}): Promise<{ name: string; value: number; unit: string; target?: string }[]> {
  // The smoke run (every npm test) only proves the module still runs: one sync, a small node.
  const sync = opts.smoke ? timeSyncs(1, 0) : timeSyncs(9, 3);
  const { world, nat, last } = bigServiceNode(opts.smoke ? 10 : 330);
  const runs = opts.smoke ? 3 : 200;
  const req = { from: 'default/web-1', to: last, proto: 'tcp' as const, dport: 80 };
  tracePacket(world, req);
  const times: number[] = [];
  let hops = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    hops = tracePacket(world, { ...req, sport: 40000 + 2 * i }).hops.length;
    times.push(performance.now() - t);
  }
  return [
    { name: 'kube-proxy sync, 200 services × 10 endpoints on 100 nodes, after one endpoint change', value: round(sync.changeMs), unit: 'ms', target: '< 200 ms' },
    { name: 'kube-proxy sync, the same from cold (every service written)', value: round(sync.coldMs), unit: 'ms', target: '< 200 ms' },
    { name: 'nat rules on the ClusterIP trace node', value: nat, unit: 'rules' },
    { name: `trace pod → ClusterIP (last of 330 services), median (${hops} hops)`, value: round(median(times)), unit: 'ms', target: '< 1 ms' },
  ];
}
