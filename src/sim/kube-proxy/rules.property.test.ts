/**
 * Invariants of kube-proxy's generated rules over random endpoint sets (fast-check), walked
 * with the tracer on the b.5 example's two nodes (services-and-load-balancers.md 1.5):
 * - every ready endpoint is reachable from every node's rules (Cluster policy), and only the
 *   node's own for internalTrafficPolicy Local; serving+terminating endpoints only when no
 *   ready one exists (no terminating endpoint receives new connections while a ready one does);
 * - the probability ladder gives each endpoint 1/n, and the choices sum to one;
 * - with no usable endpoint the ClusterIP is rejected, not DNATed.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import type { IptChain } from '../linux/model.ts';
import { tracePacket } from '../trace/tracer.ts';
import { exampleInputs } from '../trace/example-world.ts';
import { buildWorld } from '../trace/world.ts';
import { kubeIptablesConfig } from './install.ts';
import { EKS_PROXY_CONFIG, type ProxyEndpoint, type ProxyServicePort } from './model.ts';
import { writeServicePort } from './service-rules.ts';

const NODES = ['node-a', 'node-b'] as const;
const CLUSTER_IP = '10.100.12.34';

/** An endpoint in one of the states an EndpointSlice can hold. */
const endpointArb = (i: number) => fc.record({
  state: fc.constantFrom('ready', 'not-ready', 'serving-terminating', 'terminating'),
  node: fc.constantFrom(...NODES),
}).map(({ state, node }): ProxyEndpoint => ({
  ip: `192.168.100.${i + 1}`, port: 8080, nodeName: node,
  ready: state === 'ready', serving: state === 'ready' || state === 'serving-terminating', terminating: state.endsWith('terminating'),
}));

const endpointsArb = fc.integer({ min: 0, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => endpointArb(i))));

function world(svc: ProxyServicePort, endpoints: ProxyEndpoint[]) {
  const inputs = exampleInputs().map((i) => ({
    ...i,
    kubeProxy: { config: kubeIptablesConfig(EKS_PROXY_CONFIG), services: [writeServicePort(svc, endpoints, { config: EKS_PROXY_CONFIG, nodeName: i.nodeName, largeCluster: false })] },
  }));
  return buildWorld(inputs.map(buildNodeNetwork), { inputs });
}

const service = (internalPolicyLocal: boolean): ProxyServicePort => ({
  namespace: 'default', service: 'web', protocol: 'tcp', clusterIP: CLUSTER_IP, port: 80, nodePort: 0, healthCheckNodePort: 0,
  externalPolicyLocal: false, internalPolicyLocal, loadBalancerVIPs: [], loadBalancerSourceRanges: [], externalIPs: [],
});

/** What reference 1.5 says a node may send new connections to. */
function expected(endpoints: ProxyEndpoint[], node: string, local: boolean): string[] {
  const pool = local ? endpoints.filter((e) => e.nodeName === node) : endpoints;
  const ready = pool.filter((e) => e.ready);
  const chosen = ready.length ? ready : pool.filter((e) => e.serving && e.terminating);
  return chosen.map((e) => e.ip).toSorted();
}

/** The chain KUBE-SERVICES sends the ClusterIP to, if any. */
function serviceChain(w: ReturnType<typeof world>, node: string): IptChain | undefined {
  const nat = w.namespaces.get(node)!.netns.netfilter.nat;
  const jump = nat.chains.find((c) => c.name === 'KUBE-SERVICES')!.rules.find((r) => r.dst && r.target?.kind === 'jump' && r.target.chain.startsWith('KUBE-S'));
  const name = jump?.target?.kind === 'jump' ? jump.target.chain : undefined;
  return nat.chains.find((c) => c.name === name);
}

/** Where a packet from the node to the ClusterIP is DNATed when the chain's choice is forced. */
function dnatWith(w: ReturnType<typeof world>, node: string, picks?: Record<string, string>): string | undefined {
  const r = tracePacket(w, { from: node, to: CLUSTER_IP, proto: 'tcp', dport: 80, ...(picks ? { picks } : {}) });
  const hop = r.hops.find((h) => h.step === 'netfilter' && h.before.dst === CLUSTER_IP && h.after.dst !== CLUSTER_IP);
  return hop?.after.dst;
}

describe('kube-proxy rules, for any endpoints', () => {
  it('reach exactly the usable endpoints from every node, and never a terminating one while a ready one exists', () => {
    fc.assert(fc.property(endpointsArb, fc.boolean(), (endpoints, local) => {
      const w = world(service(local), endpoints);
      for (const node of NODES) {
        const want = expected(endpoints, node, local);
        const chain = serviceChain(w, node);
        const reached = new Set<string>();
        for (const r of chain?.rules ?? []) {
          if (r.target?.kind !== 'jump' || !r.target.chain.startsWith('KUBE-SEP-')) continue;
          const to = dnatWith(w, node, { [chain!.name]: r.target.chain });
          if (to) reached.add(to);
        }
        expect([...reached].toSorted()).toEqual(want);
        if (want.length === 0) expect(dnatWith(w, node)).toBeUndefined();
        if (endpoints.some((e) => e.ready && (!local || e.nodeName === node))) {
          for (const ip of reached) expect(endpoints.find((e) => e.ip === ip)!.terminating).toBe(false);
        }
      }
    }), { numRuns: 60 });
  });

  it('give each endpoint 1/n through the statistic ladder; the choices sum to one', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), (n) => {
      const endpoints = Array.from({ length: n }, (_, i): ProxyEndpoint => ({ ip: `192.168.${100 + (i >> 8)}.${(i % 250) + 1}`, port: 8080, nodeName: 'node-b', ready: true, serving: true, terminating: false }));
      const chain = serviceChain(world(service(false), endpoints), 'node-a')!;
      let rest = 1;
      const shares: number[] = [];
      for (const r of chain.rules.filter((x) => x.target?.kind === 'jump' && x.target.chain.startsWith('KUBE-SEP-'))) {
        const stat = r.matches.find((m) => m.module === 'statistic');
        // The kernel compares against the probability rounded to 31 bits, as the rule stores it.
        const p = stat?.module === 'statistic' ? Math.round(stat.probability * 2 ** 31) / 2 ** 31 : 1;
        shares.push(rest * p);
        rest *= 1 - p;
      }
      expect(shares).toHaveLength(n);
      expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      for (const s of shares) expect(Math.abs(s - 1 / n)).toBeLessThan(1e-8);
    }), { numRuns: 40 });
  });
});
