/**
 * A deliberately tiny stand-in for the engine, for facade and UI tests only.
 * It models nothing of ipamd: one node per group entry, one pod per replica, pods run
 * 2 s after creation, every command logs one k8s event. Unlike the engine, it finds its deltas
 * by comparing serialised snapshots (it has no mutation points to mark). Its own check is
 * fake-engine.test.ts.
 */
import type { Simulation } from '../sim/simulation-api.ts';
import type { Command, ScenarioSpec } from '../sim/spec.ts';
import type { NodeView, PodView, SimDelta, SimEvent, SimSnapshot } from '../sim/view.ts';

/** What changed between two lists, by id and serialised form (new items keep their order). */
function diff<T>(before: Map<string, string>, now: readonly T[], idOf: (t: T) => string): { changed: T[]; removed: string[]; sent: Map<string, string> } {
  const sent = new Map<string, string>();
  const changed = now.filter((t) => {
    const json = JSON.stringify(t);
    sent.set(idOf(t), json);
    return before.get(idOf(t)) !== json;
  });
  return { changed, removed: [...before.keys()].filter((id) => !sent.has(id)), sent };
}

export function fakeSpec(overrides: Partial<ScenarioSpec> = {}): ScenarioSpec {
  return {
    name: 'fake', description: '', seed: 1, region: 'us-west-2', accountId: '111122223333',
    clusterName: 'demo', vpc: { id: 'vpc-1', cidrs: ['10.0.0.0/16'] },
    subnets: [{ id: 'subnet-a', availabilityZone: 'us-west-2a', cidr: '10.0.0.0/24', tags: {} }],
    nodeGroups: [{ name: 'ng', instanceType: 't3.medium', count: 2, subnet: 'subnet-a', labels: {}, securityGroups: [] }],
    awsNode: { env: {} }, eniConfigs: [], deployments: [{ name: 'web', namespace: 'default', replicas: 3, labels: {} }],
    ec2: { latencyScale: 1, mutating: { capacity: 200, refillPerSecond: 20 }, nonMutating: { capacity: 100, refillPerSecond: 20 } },
    timeline: [], ...overrides,
  };
}

export function createFakeSimulation(spec: ScenarioSpec): Simulation {
  let now = 0;
  let seq = 0;
  const events: SimEvent[] = [];
  const applied: { atMs: number; command: Command }[] = [];
  const replicas = new Map(spec.deployments.map((d) => [d.name, d.replicas]));
  const created = new Map<string, number>();
  /** Pods are created when their deployment grows (not when first looked at). */
  const born = () => {
    for (const [dep, n] of replicas) for (let i = 0; i < n; i++) if (!created.has(`${dep}-${i}`)) created.set(`${dep}-${i}`, now);
  };
  born();
  const log = (reason: string, message: string) => {
    seq += 1;
    events.push({ seq, timeMs: now, kind: 'k8s', type: 'Normal', reason, object: 'deployment/default/web', message, source: 'fake', touches: [] });
  };
  const nodes = (): NodeView[] => spec.nodeGroups.flatMap((g) =>
    Array.from({ length: g.count }, (_, i) => ({
      name: `${g.name}-${i}`, instanceId: `i-${i}`, instanceType: g.instanceType, nodeGroup: g.name,
      availabilityZone: 'us-west-2a', subnetId: g.subnet, nodeIp: `10.0.0.${10 + i}`, maxPods: 17, podCount: 0,
      mode: 'secondary-ip' as const, ipamd: { status: 'running' as const }, enis: [], warnings: [],
      pool: { totalIPs: 0, assignedIPs: 0, cooldownIPs: 0, availableIPs: 0, totalPrefixes: 0, freePrefixes: 0, maxIPs: 15, maxENIs: 3 },
      counters: { addIpRequests: 0, delIpRequests: {}, noAvailableIpAddresses: 0, ec2ApiRequests: {}, ec2ApiErrors: {}, awsApiErrors: {}, awsApiLatency: {}, reconcile: {}, ipamdErrors: {}, forceRemovedEnis: 0, forceRemovedIps: 0, startedAtMs: 0 },
    })));
  const pods = (): PodView[] => [...replicas].flatMap(([dep, n]) => Array.from({ length: n }, (_, i) => {
    const uid = `${dep}-${i}`;
    if (!created.has(uid)) created.set(uid, now);
    const running = now - (created.get(uid) ?? 0) >= 2000;
    return { namespace: 'default', name: uid, uid, deployment: dep, phase: running ? 'Running' as const : 'Pending' as const, hostNetwork: false, createdAtMs: created.get(uid) ?? 0, restarts: 0 };
  }));
  let sentNodes = new Map<string, string>();
  let sentPods = new Map<string, string>();
  const snapshot = (): SimSnapshot => ({
    timeMs: now, scenarioName: spec.name, region: spec.region, clusterName: spec.clusterName, vpc: { id: spec.vpc.id, cidrs: [...spec.vpc.cidrs] },
    subnets: [], nodes: nodes(), pods: pods(), deployments: [], env: { ...spec.awsNode.env }, ec2: { calls: 0, throttled: 0, errors: 0 }, lastEventSeq: seq,
  });
  return {
    spec,
    get nowMs() { return now; },
    advance(ms) { now += ms; },
    runUntil(at) { now = Math.max(now, at); },
    runSome(at) { now = Math.max(now, at); return true; },
    nextEventTime() { return now + 1000; },
    apply(command) {
      if (command.type === 'scale' && !replicas.has(command.deployment)) return { ok: false, error: `deployment "default/${command.deployment}" not found` };
      applied.push({ atMs: now, command });
      if (command.type === 'scale') { replicas.set(command.deployment, command.replicas); born(); log('ScalingReplicaSet', `Scaled to ${command.replicas}`); }
      return { ok: true };
    },
    snapshot,
    delta(full = false): SimDelta {
      const s = snapshot();
      const n = diff(full ? new Map() : sentNodes, s.nodes, (x) => x.name);
      const p = diff(full ? new Map() : sentPods, s.pods, (x) => x.uid);
      sentNodes = n.sent;
      sentPods = p.sent;
      const head = { timeMs: s.timeMs, ec2: s.ec2, lastEventSeq: s.lastEventSeq };
      const scenario = { scenarioName: s.scenarioName, region: s.region, clusterName: s.clusterName, vpc: s.vpc };
      return {
        full, head, ...(full ? { scenario, env: s.env } : {}),
        changedNodes: n.changed, removedNodes: full ? [] : n.removed, changedPods: p.changed, removedPods: full ? [] : p.removed,
        changedDeployments: [], removedDeployments: [], changedSubnets: [],
      };
    },
    node(name) {
      const view = nodes().find((x) => x.name === name);
      return view && { view, version: 1 };
    },
    nodeNames: () => nodes().map((x) => x.name),
    addressHolder: () => undefined,
    podsOn: (name) => pods().filter((x) => x.node === name),
    pod: (namespace, name) => pods().find((x) => x.namespace === namespace && x.name === name),
    networkInput: () => undefined,
    eventsSince(after) { return events.filter((e) => e.seq > after); },
    appliedCommands() { return applied.slice(); },
  };
}
