/**
 * Keeps change tracking honest. Over random small clusters (secondary IPs or prefixes, subnets
 * that run out, throttling EC2, security groups for pods) driven by random commands and ticks,
 * the page's copy — the first full delta with every later delta applied by the UI's own
 * `applyDelta` — must equal, after every step, a snapshot built from scratch (fresh views over
 * the same engine, no cache, no marks). A mutation point that forgets to mark what it changed
 * shows up here as a stale node, pod, deployment or subnet.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta } from '../../ui/store/apply-delta.ts';
import { scenario, type Driver } from '../testing/driver.ts';
import type { SimSnapshot } from '../view.ts';
import { LiveViews } from './live-views.ts';
import { buildNodeNetwork } from '../linux/build.ts';
import { runNodeCommand } from '../linux/render/index.ts';

type Step =
  | { kind: 'tick'; ms: number }
  /** Run exactly one event (checked after each: a delta boundary between any two events). */
  | { kind: 'event' }
  /** Run events one at a time, `count` of them. */
  | { kind: 'events'; count: number }
  /** Delete a deployment and add it back before the next delta: it moves to the end. */
  | { kind: 'recreate'; deployment: 'web' | 'api' }
  /** Scale down, then leave the cluster alone past the 30 s cooldown: only the clock changes the view. */
  | { kind: 'releaseAndWait'; deployment: 'web' | 'api'; by: number }
  | { kind: 'scale'; deployment: 'web' | 'api'; replicas: number }
  | { kind: 'setEnv'; name: string; value: string | null }
  | { kind: 'addNodes' }
  | { kind: 'removeNodes' }
  | { kind: 'deletePod'; pick: number }
  | { kind: 'addDeployment' }
  | { kind: 'deleteDeployment' }
  | { kind: 'cordon'; pick: number; on: boolean }
  | { kind: 'taint'; pick: number; effect: 'NoSchedule' | 'NoExecute'; remove: boolean }
  | { kind: 'readSnapshot' }
  | { kind: 'resync' }
  | { kind: 'service'; on: boolean; policy: 'Cluster' | 'Local' }
  | { kind: 'podHealth'; healthy: boolean }
  | { kind: 'traffic'; pick: number; proto: 'tcp' | 'udp' }
  | { kind: 'zero' };

interface Case {
  type: 'm5.large' | 't3.medium' | 'c5.large';
  subnet: string;
  nodes: number;
  seed: number;
  env: Record<string, string>;
  sgp: boolean;
  tightEc2: boolean;
  steps: Step[];
}

const tick = fc.constantFrom(0, 16, 250, 1000, 2500, 7000, 30_000, 65_000).map((ms): Step => ({ kind: 'tick', ms }));
const envStep = fc.oneof(
  fc.record({ kind: fc.constant('setEnv' as const), name: fc.constantFrom('WARM_IP_TARGET', 'MINIMUM_IP_TARGET', 'WARM_ENI_TARGET', 'WARM_PREFIX_TARGET'), value: fc.option(fc.integer({ min: 0, max: 6 }).map(String), { nil: null }) }),
  fc.record({ kind: fc.constant('setEnv' as const), name: fc.constantFrom('ENABLE_PREFIX_DELEGATION', 'AWS_VPC_K8S_CNI_EXTERNALSNAT', 'ENABLE_POD_ENI'), value: fc.constantFrom('true', 'false') }),
  // Start-up refusals (dual stack, neither family: aws-node crash-loops or is restarted by its
  // liveness probe) and a valid IPv6 env (the node says IPv6 mode is not modelled).
  fc.record({ kind: fc.constant('setEnv' as const), name: fc.constantFrom('ENABLE_IPv6', 'ENABLE_IPv4'), value: fc.constantFrom('true', 'false') }),
  // A bad value: aws-node crash-loops on it.
  fc.record({ kind: fc.constant('setEnv' as const), name: fc.constant('WARM_IP_TARGET'), value: fc.constant('-3') }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: tick },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('events' as const), count: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recreate' as const), deployment: fc.constantFrom('web' as const, 'api' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('releaseAndWait' as const), deployment: fc.constantFrom('web' as const, 'api' as const), by: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('scale' as const), deployment: fc.constantFrom('web' as const, 'api' as const), replicas: fc.integer({ min: 0, max: 45 }) }) },
  { weight: 2, arbitrary: envStep },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'addNodes' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'removeNodes' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deletePod' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'addDeployment' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'deleteDeployment' }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cordon' as const), pick: fc.nat(), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('taint' as const), pick: fc.nat(), effect: fc.constantFrom('NoSchedule' as const, 'NoExecute' as const), remove: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'readSnapshot' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'resync' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('service' as const), on: fc.boolean(), policy: fc.constantFrom('Cluster' as const, 'Local' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('podHealth' as const), healthy: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('traffic' as const), pick: fc.nat(), proto: fc.constantFrom('tcp' as const, 'udp' as const) }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'zero' }) },
);
const caseArb: fc.Arbitrary<Case> = fc.record({
  type: fc.constantFrom('m5.large' as const, 't3.medium' as const, 'c5.large' as const),
  subnet: fc.constantFrom('192.168.0.0/19', '192.168.0.0/24', '192.168.0.0/26'),
  nodes: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  env: fc.record({
    ENABLE_PREFIX_DELEGATION: fc.constantFrom('true', 'false'),
    WARM_IP_TARGET: fc.constantFrom('0', '2', '5'),
    ENABLE_POD_ENI: fc.constantFrom('true', 'false'),
  }),
  sgp: fc.boolean(),
  tightEc2: fc.boolean(),
  steps: fc.array(step, { minLength: 1, maxLength: 20 }),
});

function start(c: Case): Driver {
  const b = scenario().seed(c.seed).subnet('subnet-0aaaaaaaaaaaaaaa1', c.subnet).nodes(c.type, c.nodes).env(c.env)
    .deployment('web', 3).deployment('api', 0);
  if (c.sgp) b.securityGroupPolicy('api-sg', { app: 'api' }, ['sg-0bbbbbbbbbbbbbbb1']);
  // A bucket of 6 tokens refilled at 1 a second: ipamd's calls get throttled.
  if (c.tightEc2) b.ec2Buckets({ capacity: 6, refillPerSecond: 1 }, { capacity: 6, refillPerSecond: 1 });
  return b.start();
}

function apply(d: Driver, s: Step): void {
  const cluster = d.engine.cluster;
  switch (s.kind) {
    case 'tick': d.engine.advance(s.ms); break;
    case 'service': {
      // A ClusterIP Service in front of web (tcp 80 and udp 53 → 8080): endpoints follow its pods.
      const has = d.engine.services.services.has('default/web');
      if (s.on && !has) {
        d.apply({ type: 'addService', service: {
          name: 'web', namespace: 'default', type: 'ClusterIP', selector: { app: 'web' },
          ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }, { name: 'dns', protocol: 'UDP', port: 53, targetPort: 8053 }],
          externalTrafficPolicy: 'Cluster', internalTrafficPolicy: s.policy, sessionAffinity: 'None', sessionAffinityTimeoutSeconds: 10800, labels: {}, annotations: {},
        } });
      } else if (!s.on && has) d.apply({ type: 'deleteService', service: 'web' });
      break;
    }
    case 'podHealth': d.apply({ type: 'setPodHealth', healthy: s.healthy, deployment: 'web' }); break;
    case 'traffic': {
      const svc = d.engine.services.services.get('default/web');
      const from = [...cluster.pods.values()].filter((p) => p.phase === 'Running' && !p.hostNetwork && p.ip !== undefined);
      if (svc && from.length) {
        const p = from[s.pick % from.length];
        d.apply({ type: 'traffic', from: `${p.namespace}/${p.name}`, to: svc.clusterIP, proto: s.proto, dport: s.proto === 'tcp' ? 80 : 53, count: 3 });
      }
      break;
    }
    case 'zero': {
      const nodes = [...cluster.nodes.keys()];
      if (nodes.length) d.apply({ type: 'zeroCounters', node: nodes[0] });
      break;
    }
    case 'event': {
      const next = d.engine.nextEventTime();
      if (next !== undefined) d.engine.runSome(next, 1);
      break;
    }
    case 'events': break;
    case 'recreate': {
      const dep = cluster.deployments.get(`default/${s.deployment}`);
      if (!dep) break;
      d.apply({ type: 'deleteDeployment', deployment: s.deployment });
      d.apply({ type: 'addDeployment', deployment: { name: s.deployment, namespace: 'default', replicas: dep.replicas, labels: { app: s.deployment } } });
      break;
    }
    case 'releaseAndWait': {
      // Expanded by `expand` into a scale and two ticks, each followed by a delta.
      const dep = cluster.deployments.get(`default/${s.deployment}`);
      if (dep) d.apply({ type: 'scale', deployment: s.deployment, replicas: Math.max(0, dep.replicas - s.by) });
      break;
    }
    case 'scale': d.apply({ type: 'scale', deployment: s.deployment, replicas: s.replicas }); break;
    case 'setEnv': d.setEnv(s.name, s.value); break;
    case 'addNodes': if (cluster.nodes.size < 4) d.addNodes('ng-1', 1); break;
    case 'removeNodes': if (cluster.nodes.size > 1) d.removeNodes('ng-1', 1); break;
    case 'deletePod': {
      const pods = [...cluster.pods.values()].filter((p) => !p.hostNetwork && p.phase !== 'Terminating');
      if (pods.length) d.deletePod(pods[s.pick % pods.length].name);
      break;
    }
    case 'addDeployment':
      if (!cluster.deployments.has('default/batch')) d.apply({ type: 'addDeployment', deployment: { name: 'batch', namespace: 'default', replicas: 4, labels: { app: 'batch' } } });
      break;
    case 'deleteDeployment': if (cluster.deployments.has('default/batch')) d.apply({ type: 'deleteDeployment', deployment: 'batch' }); break;
    case 'cordon': {
      // cordon / uncordon mark the node (Ready,SchedulingDisabled, its taint) and stop ipamd's growth.
      const nodes = [...cluster.nodes.keys()];
      if (nodes.length) d.apply({ type: s.on ? 'cordon' : 'uncordon', node: nodes[s.pick % nodes.length] });
      break;
    }
    case 'taint': {
      // A NoExecute taint also evicts the node's pods.
      const nodes = [...cluster.nodes.keys()];
      if (nodes.length) d.apply({ type: 'taint', node: nodes[s.pick % nodes.length], key: 'dedicated', value: 'x', effect: s.effect, ...(s.remove ? { remove: true } : {}) });
      break;
    }
    case 'readSnapshot': d.engine.snapshot(); break;
    case 'resync': break;
  }
}

/** A compound step as the steps the loop checks one by one. */
function expand(s: Step): Step[] {
  if (s.kind === 'releaseAndWait') return [s, { kind: 'tick', ms: 3000 }, { kind: 'tick', ms: 31_000 }];
  if (s.kind === 'events') return Array.from({ length: s.count }, () => ({ kind: 'event' as const }));
  return [s];
}

/** Every view built from the engine's state as it is now, with no cache and no marks. */
function fresh(d: Driver): SimSnapshot {
  return new LiveViews(d.engine).snapshot();
}

describe('change tracking (fast-check)', () => {
  it('the first snapshot plus every delta equals a snapshot built from scratch, after every step', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const d = start(c);
      let copy = applyDelta(undefined, d.engine.delta(true));
      expect(copy).toEqual(fresh(d));
      for (const [i, s] of c.steps.flatMap(expand).entries()) {
        apply(d, s);
        const delta = d.engine.delta(s.kind === 'resync');
        copy = applyDelta(copy, delta);
        const where = `after step ${i + 1} (${JSON.stringify(s)}) at ${d.engine.nowMs} ms`;
        expect(copy, where).toEqual(fresh(d));
        expect(d.engine.snapshot(), `engine snapshot ${where}`).toEqual(copy);
      }
    }), { numRuns: 100 });
  });

  it('a node whose version did not change shows the same network (kube-proxy rules, counters, conntrack)', () => {
    // What the worker's NetworkCache relies on: a node's Linux model is reused while its version
    // stands, so every change to what `iptables`/`conntrack` print must bump the node's version.
    const text = (d: Driver, node: string): string => {
      const input = d.engine.networkInput(node);
      if (!input) return '';
      const net = buildNodeNetwork(input);
      return ['iptables -t nat -S', 'iptables -t nat -L -n -v', 'conntrack -L'].map((c) => runNodeCommand(net, c)?.output ?? '').join('\n');
    };
    fc.assert(fc.property(caseArb, (c) => {
      const d = start(c);
      const seen = new Map<string, { version: number; text: string }>();
      for (const [i, s] of [{ kind: 'service', on: true, policy: 'Cluster' } as Step, ...c.steps.flatMap(expand)].entries()) {
        apply(d, s);
        for (const node of d.engine.nodeNames()) {
          const version = d.engine.node(node)!.version;
          const now = text(d, node);
          const before = seen.get(node);
          if (before && before.version === version) expect(now, `${node} after step ${i} (${JSON.stringify(s)}) at ${d.engine.nowMs} ms, version ${version}`).toBe(before.text);
          seen.set(node, { version, text: now });
        }
      }
    }), { numRuns: 25 });
  });

  it('an idle tick sends nothing but the clock', () => {
    fc.assert(fc.property(caseArb, fc.constantFrom(0, 1, 16), (c, ms) => {
      const d = start(c);
      d.engine.delta(true);
      for (const s of c.steps.flatMap(expand)) apply(d, s);
      d.engine.advance(300_000);
      d.engine.delta();
      // Settled: nothing is due in the next few ms unless a timer fires exactly then.
      const next = d.engine.nextEventTime();
      if (next !== undefined && next <= d.engine.nowMs + ms) return;
      const idle = d.engine.delta();
      expect(idle).toMatchObject({ changedNodes: [], removedNodes: [], changedPods: [], removedPods: [], changedDeployments: [], removedDeployments: [], changedSubnets: [] });
      expect(idle.env).toBeUndefined();
      expect(idle.scenario).toBeUndefined();
    }), { numRuns: 25 });
  });
});
