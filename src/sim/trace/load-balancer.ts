/**
 * Elastic Load Balancing in the walk (services-and-load-balancers.md 4.8, 5): a packet that
 * reaches a load balancer node's address is forwarded to one target of the listener's target
 * group — a pod IP (ip targets) or a node's NodePort (instance targets).
 *
 * - NLB: per-flow choice among healthy targets in the node's AZ (all AZs with cross-zone on);
 *   with no healthy target anywhere it fails open to every registered target. The source is
 *   the client's when the target group preserves client IPs, else the NLB node's private IP
 *   (the port kept: the real NLB picks one). Replies come back through the NLB, which
 *   translates them back.
 * - ALB: a proxy. It ends the client's connection and opens its own from the node's private IP
 *   to the target (the client's address only in X-Forwarded-For); always cross-zone.
 *
 * Choices are seeded: the same seed and flow pick the same node and target.
 */
import { formatIpv4 } from '../net/ipv4.ts';
import { et } from '../engine-text.ts';
import { said, type Note, type Recorder } from './host-path.ts';
import { copyPacket, type Packet } from './packet.ts';
import type { FabricLbNode, FabricListener, FabricLoadBalancer, FabricTarget, Walkable } from './world.ts';

/** A connection a load balancer forwarded: how the client sees it and how the target does. */
export interface LbFlow {
  lb: string;
  proto: Packet['proto'];
  client: { ip: number; port: number };
  /** The address and port the client sent to (the node's public or private IP, the listener port). */
  front: { ip: number; port: number };
  /** The source the target sees. */
  back: { ip: number; port: number };
  target: { ip: number; port: number };
}

/** Where a forwarded packet goes next. */
export type LbOutcome = { kind: 'forward'; pkt: Packet } | { kind: 'drop'; reason: string };

/** A small seeded hash of numbers, for the load balancers' per-flow choices. */
export function lbHash(seed: number, ...values: number[]): number {
  let h = 2166136261 ^ seed;
  for (const v of values) h = Math.imul(h ^ v, 16777619) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

/** The load balancer node answering on `ip` (its public or private address). */
export function lbNodeAt(w: Walkable, ip: number): { lb: FabricLoadBalancer; node: FabricLbNode } | undefined {
  for (const lb of w.fabric.loadBalancers) {
    for (const node of lb.nodes) if (node.privateIp === ip || node.publicIp === ip) return { lb, node };
  }
  return undefined;
}

const receives = (t: FabricTarget) => t.healthy;

/**
 * The addresses a load balancer's DNS name resolves to now: every node's (public for
 * internet-facing) address, minus the AZs that have no healthy target while others do (Route 53
 * health checks of the nodes). Undefined while the load balancer is provisioning.
 */
export function resolveLoadBalancer(lb: FabricLoadBalancer): number[] | undefined {
  if (!lb.active) return undefined;
  const address = (n: FabricLbNode) => (lb.scheme === 'internet-facing' ? n.publicIp : n.privateIp);
  const healthyZones = new Set(lb.listeners.flatMap((l) => l.targets.filter(receives).map((t) => t.zone)));
  const withHealthy = lb.crossZone || lb.type === 'application' ? lb.nodes.filter(() => healthyZones.size > 0) : lb.nodes.filter((n) => healthyZones.has(n.zone));
  const nodes = withHealthy.length ? withHealthy : lb.nodes;
  return nodes.flatMap((n) => (address(n) === undefined ? [] : [address(n)!]));
}

/** The targets a node may choose from for a new flow, and why when there are none. */
function candidates(lb: FabricLoadBalancer, node: FabricLbNode, l: FabricListener): FabricTarget[] | Note {
  const crossZone = lb.crossZone || lb.type === 'application';
  const inScope = crossZone ? l.targets : l.targets.filter((t) => t.zone === node.zone);
  const healthy = inScope.filter(receives);
  if (healthy.length) return healthy;
  // Fail open: with no healthy target, ELB sends to every registered one.
  const registered = inScope.filter((t) => t.registered);
  if (registered.length) return registered;
  if (lb.type === 'application') return said('the ALB answers 503 Service Unavailable itself: its target group has no registered targets', 'sim.lb.alb503');
  return crossZone ? said(`target group ${l.targetGroup ?? ''} has no registered targets: the NLB resets the connection`, 'sim.lb.noTargets', { group: l.targetGroup ?? '' })
    : said(`no registered target in ${node.zone} and cross-zone load balancing is off: the NLB node resets the connection`, 'sim.lb.noTargetInZone', { zone: node.zone });
}

/**
 * A new flow arriving at a load balancer node: picks the listener and a target and rewrites
 * the packet for the target (recording the flow for the reply).
 */
export function forwardNew(w: Walkable, rec: Recorder, flows: LbFlow[], lb: FabricLoadBalancer, node: FabricLbNode, p: Packet, forced?: string): LbOutcome {
  // On the VPC fabric, at the load balancer node's ENI (`elb:<name>/<eni>`).
  const where = { ns: 'vpc', device: `elb:${lb.name}/${node.eniId}` };
  const drop = (reason: Note): LbOutcome => {
    rec.hop('drop', where, p, p, reason);
    return { kind: 'drop', reason: reason.en };
  };
  if (!lb.active) return drop(said(`${lb.name} is still provisioning: it does not forward yet`, 'sim.lb.provisioning', { lb: lb.name }));
  const listener = lb.listeners.find((l) => l.port === p.dport && l.protocol === p.proto);
  if (!listener) return drop(said(`${lb.name} has no ${p.proto.toUpperCase()} listener on port ${p.dport}`, 'sim.lb.noListener', { lb: lb.name, proto: p.proto.toUpperCase(), port: p.dport }));
  const pool = candidates(lb, node, listener);
  if (!Array.isArray(pool)) return drop(pool);
  const target = forced !== undefined ? pool.find((t) => `${formatIpv4(t.ip)}:${t.port}` === forced) : pool[lbHash(w.seed, p.src, p.sport, node.privateIp, p.dport) % pool.length];
  if (!target) return drop(said(`the forced target ${forced} is not one ${lb.name} would choose now`, 'sim.lb.forcedTarget', { target: forced ?? '', lb: lb.name }));
  const before = copyPacket(p);
  const alb = lb.type === 'application';
  const keepClient = !alb && listener.preserveClientIp;
  const back = keepClient ? { ip: p.src, port: p.sport } : { ip: node.privateIp, port: alb ? 1024 + (lbHash(w.seed, p.src, p.sport) % 64511) : p.sport };
  flows.push({ lb: lb.name, proto: p.proto, client: { ip: p.src, port: p.sport }, front: { ip: p.dst, port: p.dport }, back, target: { ip: target.ip, port: target.port } });
  p.src = back.ip;
  p.sport = back.port;
  p.dst = target.ip;
  p.dport = target.port;
  const how = alb
    ? `the ALB ends the client's connection and opens its own from ${formatIpv4(node.privateIp)} (the client's address goes in X-Forwarded-For)`
    : keepClient ? 'client IP preserved (preserve_client_ip.enabled=true)' : `source becomes the NLB node's private IP ${formatIpv4(node.privateIp)} (preserve_client_ip.enabled=false)`;
  const healthNote = target.healthy ? '' : ' — no target is healthy, so it fails open';
  const howText = alb ? et('sim.lb.albProxies', { ip: formatIpv4(node.privateIp) }) : keepClient ? et('sim.lb.clientKept') : et('sim.lb.nlbSource', { ip: formatIpv4(node.privateIp) });
  rec.hop('fabric', where, before, p, said(`${lb.name} (${node.zone}) forwards to ${target.label} ${formatIpv4(target.ip)}:${target.port} from target group ${listener.targetGroup ?? ''}; ${how}${healthNote}`, 'sim.lb.forwards', {
    lb: lb.name, zone: node.zone, target: target.label, address: `${formatIpv4(target.ip)}:${target.port}`, group: listener.targetGroup ?? '', how: howText, open: target.healthy ? '' : et('sim.lb.failOpen'),
  }));
  if (rec.direction === 'request' && !rec.result.loadBalancer) {
    rec.result.loadBalancer = { name: lb.name, zone: node.zone, nodeIp: formatIpv4(before.dst), target: `${formatIpv4(target.ip)}:${target.port}`, targetLabel: target.label };
  }
  return { kind: 'forward', pkt: p };
}

/** A target's reply to a forwarded flow: translated back to what the client sent to. */
export function replyThrough(rec: Recorder, flows: LbFlow[], p: Packet): LbOutcome | undefined {
  const f = flows.find((x) => x.proto === p.proto && x.target.ip === p.src && x.target.port === p.sport && x.back.ip === p.dst && x.back.port === p.dport);
  if (!f) return undefined;
  const before = copyPacket(p);
  p.src = f.front.ip;
  p.sport = f.front.port;
  p.dst = f.client.ip;
  p.dport = f.client.port;
  rec.hop('fabric', { ns: 'vpc', device: `elb:${f.lb}` }, before, p, said(`${f.lb} sends the reply back to the client from ${formatIpv4(f.front.ip)}:${f.front.port}`, 'sim.lb.replyBack', { lb: f.lb, address: `${formatIpv4(f.front.ip)}:${f.front.port}` }));
  return { kind: 'forward', pkt: p };
}
