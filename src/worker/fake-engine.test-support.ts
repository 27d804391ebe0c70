/**
 * A deliberately tiny stand-in for the engine, for facade and UI tests only.
 * It models nothing of ipamd: one node per group entry, one pod per replica, pods run
 * 2 s after creation, every command logs one k8s event. Its own check is fake-engine.test.ts.
 */
import type { Simulation } from '../sim/simulation-api.ts';
import type { Command, ScenarioSpec } from '../sim/spec.ts';
import type { NodeView, PodView, SimEvent, SimSnapshot } from '../sim/view.ts';

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
  return {
    spec,
    get nowMs() { return now; },
    advance(ms) { now += ms; },
    runUntil(at) { now = Math.max(now, at); },
    nextEventTime() { return now + 1000; },
    apply(command) {
      applied.push({ atMs: now, command });
      if (command.type === 'scale') { replicas.set(command.deployment, command.replicas); log('ScalingReplicaSet', `Scaled to ${command.replicas}`); }
      return { ok: true };
    },
    snapshot(): SimSnapshot {
      return { timeMs: now, scenarioName: spec.name, region: spec.region, clusterName: spec.clusterName, vpc: { id: spec.vpc.id, cidrs: [...spec.vpc.cidrs] },
        subnets: [], nodes: nodes(), pods: pods(), deployments: [], env: { ...spec.awsNode.env }, ec2: { calls: 0, throttled: 0, errors: 0 }, lastEventSeq: seq };
    },
    eventsSince(after) { return events.filter((e) => e.seq > after); },
    appliedCommands() { return applied.slice(); },
  };
}
