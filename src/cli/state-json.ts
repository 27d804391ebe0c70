/**
 * The JSON `run` prints: a node's full state (ENIs with creation and attach times, pods,
 * pool, warnings, ipamd's decisions, metrics page), and the compact per-node sample that
 * `run --every` prints at each step. Times are simulated seconds.
 */
import type { Engine, NodeView, PodView, SimEvent, SimSnapshot } from '../sim/index.ts';
import { metricsPage } from '../sim/views/metrics.ts';

/** Decisions kept per node (the newest), so a week-long run prints a bounded list. */
export const MAX_DECISIONS = 200;
/** EC2 calls printed (the newest). */
export const MAX_CALLS = 10_000;

const seconds = (ms: number): number => Math.round(ms) / 1000;

type Decision = { timeSeconds: number; by: 'ipamd' | 'vpc-resource-controller'; message: string };

/** ipamd's and the VPC resource controller's decisions, by node name (newest MAX_DECISIONS each). */
export function decisionsByNode(events: readonly SimEvent[]): Map<string, { list: Decision[]; omitted: number }> {
  const out = new Map<string, { list: Decision[]; omitted: number }>();
  for (const e of events) {
    if (e.kind !== 'ipamd' && e.kind !== 'controller') continue;
    let entry = out.get(e.node);
    if (!entry) out.set(e.node, (entry = { list: [], omitted: 0 }));
    entry.list.push({ timeSeconds: seconds(e.timeMs), by: e.kind === 'ipamd' ? 'ipamd' : 'vpc-resource-controller', message: e.message });
  }
  for (const entry of out.values()) {
    if (entry.list.length > MAX_DECISIONS) {
      entry.omitted = entry.list.length - MAX_DECISIONS;
      entry.list = entry.list.slice(-MAX_DECISIONS);
    }
  }
  return out;
}

/** The snapshot's pods by node name (one pass, not one per node). */
export function podsByNode(snap: SimSnapshot): Map<string, PodView[]> {
  const out = new Map<string, PodView[]>();
  for (const p of snap.pods) {
    if (!p.node) continue;
    let list = out.get(p.node);
    if (!list) out.set(p.node, (list = []));
    list.push(p);
  }
  return out;
}

/** The node as `run` prints it. */
export function nodeJson(n: NodeView, pods: readonly PodView[], decisions: { list: Decision[]; omitted: number } | undefined) {
  return {
    name: n.name,
    instanceId: n.instanceId,
    instanceType: n.instanceType,
    nodeGroup: n.nodeGroup,
    ...(n.groupIndex !== undefined ? { groupIndex: n.groupIndex } : {}),
    availabilityZone: n.availabilityZone,
    nodeIp: n.nodeIp,
    mode: n.mode,
    ipamd: n.ipamd,
    maxPods: n.maxPods,
    podCount: n.podCount,
    ...(n.unschedulable ? { unschedulable: true } : {}),
    ...(n.taints?.length ? { taints: n.taints } : {}),
    enis: n.enis.map((e) => ({
      id: e.id, ifName: e.ifName, deviceIndex: e.deviceIndex, kind: e.kind, subnetId: e.subnetId, primaryIp: e.primaryIp,
      ...(e.createdAtMs !== undefined ? { createdAtSeconds: seconds(e.createdAtMs) } : {}),
      attachedAtSeconds: seconds(e.attachedAtMs),
      attachmentState: e.attachmentState,
      ...(e.vlanId !== undefined ? { vlanId: e.vlanId } : {}),
      secondaryIps: e.secondaryIps.map((a) => ({ ip: a.ip, state: a.state, ...(a.pod ? { pod: a.pod } : {}) })),
      prefixes: e.prefixes.map((p) => ({ cidr: p.cidr, assigned: p.addresses.filter((a) => a.state === 'assigned').map((a) => a.ip) })),
    })),
    pool: n.pool,
    warnings: n.warnings,
    pods: pods.map((p) => ({ name: `${p.namespace}/${p.name}`, phase: p.phase, ip: p.ip ?? null, ...(p.reason ? { reason: p.reason } : {}) })),
    decisions: decisions?.list ?? [],
    ...(decisions?.omitted ? { decisionsOmitted: decisions.omitted } : {}),
    metrics: metricsPage(n),
  };
}

function pick(r: { eventTime: string; eventName: string; userAgent: string; requestParameters: unknown; responseElements: unknown; errorCode?: string; errorMessage?: string }) {
  return {
    eventTime: r.eventTime, eventName: r.eventName, userAgent: r.userAgent, requestParameters: r.requestParameters,
    ...(r.errorCode ? { errorCode: r.errorCode, errorMessage: r.errorMessage } : { responseElements: r.responseElements }),
  };
}

/** The whole end state `run` prints. */
export function stateJson(sim: Engine, spec: { name: string }, untilSeconds: number) {
  const snap = sim.snapshot();
  const events = sim.eventsSince(0);
  const decisions = decisionsByNode(events);
  const calls = events.filter((e): e is Extract<SimEvent, { kind: 'ec2' }> => e.kind === 'ec2');
  const shown = calls.slice(-MAX_CALLS);
  const byNode = podsByNode(snap);
  return {
    scenario: spec.name,
    timeSeconds: untilSeconds,
    nodes: snap.nodes.map((n) => nodeJson(n, byNode.get(n.name) ?? [], decisions.get(n.name))),
    unscheduledPods: snap.pods.filter((p) => !p.node).map((p) => ({ name: `${p.namespace}/${p.name}`, phase: p.phase, reason: p.reason, message: p.message })),
    subnets: snap.subnets,
    ec2: {
      ...snap.ec2,
      ...(calls.length > shown.length ? { callsOmitted: calls.length - shown.length } : {}),
      calls: shown.map((e) => ({ timeSeconds: seconds(e.timeMs), node: e.node, latencyMs: e.latencyMs, ...pick(e.record) })),
    },
  };
}

/** One node in a `run --every` sample: enough to read a transition, small enough for thousands of samples. */
export function nodeSample(n: NodeView, onNode: readonly PodView[]) {
  const pods: Record<string, number> = {};
  for (const p of onNode) pods[p.phase] = (pods[p.phase] ?? 0) + 1;
  return {
    name: n.name,
    ipamd: n.ipamd.status,
    ...(n.unschedulable ? { unschedulable: true } : {}),
    enis: n.enis.filter((e) => e.kind !== 'branch').length,
    ...(n.enis.some((e) => e.kind === 'branch') ? { branchEnis: n.enis.filter((e) => e.kind === 'branch').length } : {}),
    totalIPs: n.pool.totalIPs,
    assignedIPs: n.pool.assignedIPs,
    availableIPs: n.pool.availableIPs,
    cooldownIPs: n.pool.cooldownIPs,
    ...(n.mode === 'prefix-delegation' ? { prefixes: n.pool.totalPrefixes, freePrefixes: n.pool.freePrefixes } : {}),
    pods,
    ...(n.warnings.length ? { warnings: n.warnings.map((w) => w.code) } : {}),
  };
}
