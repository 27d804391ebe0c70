/**
 * Measures a lesson claim against a running simulation (the claims test and the CLI use
 * it; the page does not, so the engine stays out of the main bundle).
 */
import { buildNodeNetwork } from '../../sim/linux/build.ts';
import { renderView, VIEW_NAMES, type ViewName } from '../../sim/linux/render/index.ts';
import type { Simulation } from '../../sim/simulation-api.ts';
import { networkInputsFromSnapshot } from '../../sim/trace/snapshot-input.ts';
import { formatIpv4 } from '../../sim/net/ipv4.ts';
import { tracePacket, worldFromSimulation, type TraceResult } from '../../sim/trace/index.ts';
import type { NodeView, SimSnapshot } from '../../sim/view.ts';
import type { Measure, NodeRef } from './lesson.ts';

/** The node `<group>/<index>` names, or its name. */
export function findNode(snap: SimSnapshot, ref: NodeRef): NodeView | undefined {
  const slash = ref.lastIndexOf('/');
  return snap.nodes.find((n) => n.name === ref || (slash > 0 && n.nodeGroup === ref.slice(0, slash) && String(n.groupIndex) === ref.slice(slash + 1)));
}

function node(snap: SimSnapshot, ref: NodeRef): NodeView {
  const found = findNode(snap, ref);
  if (!found) throw new Error(`no node ${ref} at ${snap.timeMs} ms`);
  return found;
}

/** The lines a node's (or pod's) text view prints. */
export function viewLines(sim: Simulation, ref: NodeRef, view: string, pod?: string): string[] {
  if (!(VIEW_NAMES as readonly string[]).includes(view)) throw new Error(`no text view ${view}`);
  const snap = sim.snapshot();
  const name = node(snap, ref).name;
  const input = networkInputsFromSnapshot(snap).nodes.find((n) => n.nodeName === name);
  if (!input) throw new Error(`no network for ${ref}`);
  return renderView(buildNodeNetwork(input), view as ViewName, pod ? { pod } : {}).split('\n').map((l) => l.trimEnd());
}

/** Walks `from|to|proto|port` (`external` is the internet host) at the simulation's moment. */
export function walk(sim: Simulation, spec: string): TraceResult {
  const [from, to, proto, port] = spec.split('|');
  const w = worldFromSimulation(sim);
  const target = to === 'external' ? formatIpv4(w.fabric.internetHost) : to;
  return tracePacket(w, { from, to: target, proto: proto as 'icmp' | 'tcp' | 'udp', ...(port ? { dport: Number(port) } : {}) });
}

/** The number a measure gives at the simulation's current moment. */
export function measure(sim: Simulation, m: Measure): number {
  const snap = sim.snapshot();
  switch (m.kind) {
    case 'pods': {
      const on = m.node === undefined ? undefined : node(snap, m.node).name;
      return snap.pods.filter((p) =>
        (m.phase === undefined || p.phase === m.phase) && (m.namespace === undefined || p.namespace === m.namespace) &&
        (m.deployment === undefined || p.deployment === m.deployment) && (on === undefined || p.node === on) &&
        (m.hostNetwork === undefined || p.hostNetwork === m.hostNetwork) && (m.messageIncludes === undefined || (p.message ?? '').includes(m.messageIncludes))).length;
    }
    case 'enis':
      return node(snap, m.node).enis.filter((e) => e.attachmentState === 'attached' && (m.eniKind === undefined || e.kind === m.eniKind)).length;
    case 'secondaryIps':
      return node(snap, m.node).enis.filter((e) => m.ifName === undefined || e.ifName === m.ifName).reduce((n, e) => n + e.secondaryIps.length, 0);
    case 'prefixes':
      return node(snap, m.node).enis.reduce((n, e) => n + e.prefixes.length, 0);
    case 'pool':
      return node(snap, m.node).pool[m.field];
    case 'maxPods':
      return node(snap, m.node).maxPods;
    case 'ec2Calls': {
      const from = (m.fromS ?? 0) * 1000;
      const to = m.toS === undefined ? Infinity : m.toS * 1000;
      return sim.eventsSince(0).filter((e) => e.kind === 'ec2' && e.timeMs >= from && e.timeMs < to && (m.api === undefined || e.record.eventName === m.api)
        && (m.error === undefined || e.record.errorCode === m.error)).length;
    }
    case 'subnetFree': {
      const s = snap.subnets.find((x) => x.cidr === m.cidr);
      if (!s) throw new Error(`no subnet ${m.cidr}`);
      return s.free;
    }
    case 'line':
      return viewLines(sim, m.node, m.view, m.pod).includes(m.line) ? 1 : 0;
    case 'hop': {
      const h = walk(sim, m.walk).hops[m.hop - 1];
      if (!h) return 0;
      return (m.entry === undefined || h.entry === m.entry) && (m.note === undefined || h.note.includes(m.note)) ? 1 : 0;
    }
    case 'hops':
      return walk(sim, m.walk).hops.length;
    case 'podMessage':
      return snap.pods.some((p) => p.deployment === m.deployment && p.phase === m.phase && p.message === m.message) ? 1 : 0;
  }
}
