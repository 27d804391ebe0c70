/**
 * `run <scenario.json> [--until <seconds>]`: runs the scenario and prints the state then —
 * per node its ENIs, pods, pool statistics and metrics — and the EC2 call log.
 * Without --until it runs to 120 s after the last timeline command, long enough to settle.
 */
import { createSimulation } from '../../sim/index.ts';
import { metricsPage } from '../../sim/views/metrics.ts';
import type { CliCommand } from '../cli-error.ts';
import { loadScenario, parseFlags, secondsFlag } from '../load-scenario.ts';

export const command: CliCommand = (args) => {
  const { positional, flags } = parseFlags(args, { until: 'value' });
  const spec = loadScenario(positional[0]);
  const lastAt = spec.timeline.reduce((m, t) => Math.max(m, t.at), 0);
  const until = secondsFlag(flags.until, 'until') ?? lastAt + 120;
  const sim = createSimulation(spec);
  sim.runUntil(until * 1000);
  const snap = sim.snapshot();
  const events = sim.eventsSince(0);
  return JSON.stringify({
    scenario: spec.name,
    timeSeconds: until,
    nodes: snap.nodes.map((n) => ({
      name: n.name,
      instanceId: n.instanceId,
      instanceType: n.instanceType,
      availabilityZone: n.availabilityZone,
      nodeIp: n.nodeIp,
      mode: n.mode,
      ipamd: n.ipamd,
      maxPods: n.maxPods,
      podCount: n.podCount,
      enis: n.enis.map((e) => ({
        id: e.id, ifName: e.ifName, deviceIndex: e.deviceIndex, kind: e.kind, subnetId: e.subnetId, primaryIp: e.primaryIp,
        secondaryIps: e.secondaryIps.map((a) => ({ ip: a.ip, state: a.state, ...(a.pod ? { pod: a.pod } : {}) })),
        prefixes: e.prefixes.map((p) => ({ cidr: p.cidr, assigned: p.addresses.filter((a) => a.state === 'assigned').map((a) => a.ip) })),
      })),
      pool: n.pool,
      warnings: n.warnings,
      pods: snap.pods.filter((p) => p.node === n.name).map((p) => ({ name: `${p.namespace}/${p.name}`, phase: p.phase, ip: p.ip ?? null, ...(p.reason ? { reason: p.reason } : {}) })),
      metrics: metricsPage(n),
    })),
    unscheduledPods: snap.pods.filter((p) => !p.node).map((p) => ({ name: `${p.namespace}/${p.name}`, phase: p.phase, reason: p.reason, message: p.message })),
    subnets: snap.subnets,
    ec2: {
      ...snap.ec2,
      calls: events.flatMap((e) => (e.kind === 'ec2' ? [{ node: e.node, latencyMs: e.latencyMs, ...pick(e.record) }] : [])),
    },
  }, null, 2);
};

function pick(r: { eventTime: string; eventName: string; userAgent: string; requestParameters: unknown; responseElements: unknown; errorCode?: string; errorMessage?: string }) {
  return {
    eventTime: r.eventTime, eventName: r.eventName, userAgent: r.userAgent, requestParameters: r.requestParameters,
    ...(r.errorCode ? { errorCode: r.errorCode, errorMessage: r.errorMessage } : { responseElements: r.responseElements }),
  };
}
