/**
 * The packet walk for the UI: what can be picked (`tracePoints`), and one walk (`traceWalk`)
 * with its transcript and, for every namespace it touched, the real tools' output the
 * datapath view highlights. Built on the engine's tracer and Linux renderers, exactly as
 * the CLI `trace` command is, so the browser and the terminal tell the same story. A walk
 * builds only the nodes it reaches (a lazy world over the per-node network cache); the pickers'
 * list comes from the engine's views and builds none.
 */
import { formatIpv4 } from '../sim/net/ipv4.ts';
import { renderView, type ViewName } from '../sim/linux/render/index.ts';
import type { Simulation } from '../sim/simulation-api.ts';
import {
  lazyWorldOf, NetworkCache, resolveDestination, resolveSource, tracePacket, traceTranscript, type NsRef, type TraceRequest, type TraceResult, type Walkable,
} from '../sim/trace/index.ts';
import type { PacketSpread, PacketWalk, PacketWalkRequest, TracePoint, TraceTarget, WalkNamespace } from './protocol.ts';
import { MAX_SPREAD, traceSpread } from '../sim/trace/spread.ts';
import { resolveLoadBalancer } from '../sim/trace/load-balancer.ts';

/** The stand-in internet host every scenario's fabric routes to. */
export const EXTERNAL_HOST = '203.0.113.10';

/**
 * Pods with a network namespace (node by node, in creation order), then nodes (by the
 * address on their primary ENI), then the internet host: read from the engine's views.
 */
export function tracePoints(sim: Simulation): TracePoint[] {
  const pods: TracePoint[] = [];
  const nodes: TracePoint[] = [];
  for (const name of sim.nodeNames()) {
    for (const p of sim.podsOn(name)) {
      // The pods a node's Linux model gives a namespace (nodeNetworkInput's rule).
      if (p.hostNetwork || p.phase === 'Pending' || !p.ip) continue;
      pods.push({ kind: 'pod', id: `${p.namespace}/${p.name}`, ip: p.ip, node: name });
    }
    const view = sim.node(name)?.view;
    const primary = view?.enis.find((e) => e.kind === 'primary' && e.attachmentState === 'attached');
    nodes.push({ kind: 'node', id: name, ip: primary?.primaryIp ?? '', node: name });
  }
  return [...pods, ...nodes, { kind: 'external', id: 'external', ip: EXTERNAL_HOST }];
}

/** Walks one packet and its reply; unknown endpoints come back as `{ ok: false }`, never a throw. */
export function traceWalk(sim: Simulation, req: PacketWalkRequest, networks: NetworkCache = new NetworkCache()): PacketWalk {
  const w = lazyWorldOf(sim, networks);
  const q = walkQuery(w, req);
  if (typeof q === 'string') return { ok: false, error: q };
  const result = tracePacket(w, q);
  return { ok: true, result, transcript: traceTranscript(result), timeMs: sim.nowMs, namespaces: touched(w, result) };
}

/** The tracer's query for a request, or what is wrong with it (both endpoints resolved, the port checked). */
function walkQuery(w: Walkable, req: PacketWalkRequest): TraceRequest | string {
  const from = resolveSource(w, req.from);
  if (typeof from === 'string') return from;
  // The tracer takes the internet host by address as a destination; the pickers call it `external`.
  const target = req.to === 'external' || req.to === 'internet' ? formatIpv4(w.fabric.internetHost) : req.to;
  const to = resolveDestination(w, target);
  if (typeof to === 'string') return to;
  if (req.dport !== undefined && (req.proto === 'icmp' || !(req.dport >= 1 && req.dport <= 65535))) {
    return req.proto === 'icmp' ? 'icmp has no ports' : `port must be 1-65535, got ${req.dport}`;
  }
  return { from: req.from, to: target, proto: req.proto, ...(req.dport ? { dport: req.dport } : {}) };
}

const lines = (text: string): string[] => text.split('\n').map((l) => l.trimEnd()).filter((l) => l.length > 0);

/** The namespaces the hops visited, in order of first visit, with their views. */
function touched(w: Walkable, r: TraceResult): WalkNamespace[] {
  const out: WalkNamespace[] = [];
  for (const h of r.hops) {
    const ref = w.namespace(h.where.ns);
    if (!ref || out.some((n) => n.id === ref.id)) continue;
    out.push(describe(w, ref, r));
  }
  return out;
}

function describe(w: Walkable, ref: NsRef, r: TraceResult): WalkNamespace {
  const node = ref.node;
  const podOpt = ref.pod ? { pod: `${ref.pod.namespace}/${ref.pod.pod}` } : {};
  const view = (name: ViewName, extra: { table?: string } = {}) => lines(renderView(node, name, { ...podOpt, ...extra }));
  const views: Record<string, string[]> = { 'ip rule': view('ip rule'), 'ip neigh': view('ip neigh') };
  const tables = new Set(['main']);
  for (const h of r.hops) if (h.where.ns === ref.id && h.step === 'route' && h.where.table) tables.add(h.where.table);
  for (const t of tables) views[`ip route show table ${t}`] = view('ip route show table', { table: t });
  if (!ref.pod) {
    for (const t of ['raw', 'mangle', 'nat', 'filter'] as const) views[`iptables -t ${t} -S`] = view(`iptables -t ${t} -S`);
    // kube-proxy's IPVS mode: the listing an `ipvs` hop marks its virtual and real server in.
    if (r.hops.some((h) => h.where.ns === ref.id && h.where.table === 'ipvs')) views['ipvsadm -Ln'] = view('ipvsadm -Ln');
  }
  const devices = ref.pod
    ? [{ name: 'eth0', ip: formatIpv4(ref.pod.ip), mac: ref.pod.links.find((l) => l.name === 'eth0')?.mac ?? '' }]
    : w.enisOf(node.nodeName).map((e) => ({
      name: e.device,
      mac: e.mac,
      ...(e.ips.length ? { ip: formatIpv4(e.ips[0]) } : {}),
      ...(e.publicIp !== undefined ? { publicIp: formatIpv4(e.publicIp) } : {}),
    }));
  return {
    id: ref.id,
    node: node.nodeName,
    ...(ref.pod ? { pod: { namespace: ref.pod.namespace, name: ref.pod.pod, ip: formatIpv4(ref.pod.ip), hostVeth: ref.pod.hostVeth } } : {}),
    devices,
    views,
  };
}

/** Services (by their DNS names) and load balancers (by theirs) a walk can go to. */
export function traceTargets(sim: Simulation): TraceTarget[] {
  // The fabric's load balancers and Services only: no node's model is built for this list.
  const fabric = sim.fabricInputs?.() ?? {};
  const loadBalancers = fabric.loadBalancers ?? [];
  const services = fabric.services ?? [];
  const out: TraceTarget[] = [];
  const objects = sim.clusterObjects?.();
  for (const s of objects?.services ?? []) {
    if (s.clusterIP === 'None') continue;
    out.push({
      kind: 'service', id: `${s.name}.${s.namespace}.svc.cluster.local`, object: `${s.namespace}/${s.name}`, ip: s.clusterIP,
      ports: s.ports.map((p) => ({ port: p.port, proto: p.protocol === 'UDP' ? 'udp' : 'tcp' })),
    });
  }
  for (const lb of loadBalancers) {
    const owner = services.find((s) => s.loadBalancerHostname === lb.dnsName);
    const first = resolveLoadBalancer(lb)?.[0];
    out.push({
      kind: 'loadbalancer', id: lb.dnsName, object: owner ? `${owner.namespace}/${owner.name}` : lb.name,
      ...(first !== undefined ? { ip: formatIpv4(first) } : {}),
      ports: lb.listeners.map((l) => ({ port: l.port, proto: l.protocol })),
    });
  }
  return out;
}

/** "Send `count` requests" at the current moment: where they landed (nothing is recorded). */
export function traceSpreadWalk(sim: Simulation, req: PacketWalkRequest, count: number, networks: NetworkCache = new NetworkCache()): PacketSpread {
  if (!(Number.isInteger(count) && count >= 1 && count <= MAX_SPREAD)) return { ok: false, error: `count must be a whole number from 1 to ${MAX_SPREAD}` };
  // Built nodes only as the walks reach them, shared with the single walks through the cache.
  const w = lazyWorldOf(sim, networks);
  const q = walkQuery(w, req);
  if (typeof q === 'string') return { ok: false, error: q };
  const { spread } = traceSpread(w, q, count);
  return { ok: true, spread, timeMs: sim.nowMs };
}
