/**
 * `tracePacket`: one packet from a pod, a node or the internet to an address or a pod,
 * walked through every namespace, netfilter hook, rule, table and the VPC fabric it meets,
 * then its reply back through conntrack. Deterministic: the same world and request give
 * the same hops.
 */
import { formatIpv4, parseIpv4, type Ipv4 } from '../net/ipv4.ts';
import { formatConntrack } from './conntrack.ts';
import { fromEni, fromInternet, type FabricOutcome, type FabricState } from './fabric.ts';
import type { TraceRequest, TraceResult } from './hop.ts';
import { Recorder, traverseNamespace } from './host-path.ts';
import { copyPacket, type Packet } from './packet.ts';
import type { NsRef, Walkable } from './world.ts';

/** A start or end point: a namespace, or the stand-in internet host. */
export type Place = { kind: 'ns'; ref: NsRef } | { kind: 'internet' };

const MAX_STEPS = 64;

/** Resolves `from` (pod, node or `external`); undefined with a reason when unknown. */
export function resolveSource(w: Walkable, from: string): Place | string {
  if (from === 'external' || from === 'internet') return { kind: 'internet' };
  const ref = w.findEndpoint(from);
  if (ref) return { kind: 'ns', ref };
  return `unknown source "${from}": expected a pod (namespace/name or a unique name), a node name, or "external"`;
}

/** Resolves `to` (IP or pod) to an address; a string is an error. */
export function resolveDestination(w: Walkable, to: string): number | string {
  const ip = parseIpv4(to);
  if (ip.ok) return ip.value;
  const ref = w.findEndpoint(to);
  if (ref?.pod) return ref.pod.ip;
  if (ref) {
    const a = ref.netns.addresses.find((x) => x.family === 'inet' && x.scope === 'global');
    if (a) return a.local as number;
  }
  return `unknown destination "${to}": expected an IPv4 address or a pod`;
}

/**
 * Traces one packet and its reply. Throws only on an unknown endpoint (check with
 * `resolveSource`/`resolveDestination` first for user input).
 */
export function tracePacket(w: Walkable, req: TraceRequest): TraceResult {
  const from = resolveSource(w, req.from);
  const dst = resolveDestination(w, req.to);
  if (typeof from === 'string') throw new Error(from);
  if (typeof dst === 'string') throw new Error(dst);
  const result: TraceResult = { request: req, delivered: false, replied: false, hops: [], routes: [], counters: [], conntrack: [] };
  const rec = new Recorder(result, w.fabric.seed);
  const fabric: FabricState = { natGateway: [] };
  const sport = req.sport ?? (req.proto === 'icmp' ? 1 : 40000);
  const dport = req.proto === 'icmp' ? 0 : (req.dport ?? 80);
  const p: Packet = { src: from.kind === 'internet' ? w.fabric.internetHost : 0, dst, proto: req.proto, sport, dport, mark: 0 };

  const reached = walk(w, rec, fabric, from, copyPacket(p));
  if (reached) {
    result.delivered = true;
    rec.direction = 'reply';
    const back: Packet = { src: reached.pkt.dst, dst: reached.pkt.src, proto: p.proto, sport: reached.pkt.dport, dport: reached.pkt.sport, mark: 0 };
    const home = walk(w, rec, fabric, reached.place, back);
    result.replied = !!home && samePlace(home.place, from);
  }
  if (!result.drop) {
    const last = result.hops[result.hops.length - 1];
    if (last?.step === 'drop') result.drop = { direction: last.direction, ns: last.where.ns, reason: last.note };
  }
  for (const [ns, table] of rec.conntrack) {
    if (w.namespace(ns)?.pod) continue;
    for (const e of table.entries) {
      if (e.proto === 'tcp' && e.replied && !result.replied) e.halfOpen = true;
      result.conntrack.push({ ns, line: formatConntrack(e) });
    }
  }
  return result;
}

function samePlace(a: Place, b: Place): boolean {
  return a.kind === 'internet' ? b.kind === 'internet' : b.kind === 'ns' && a.ref.id === b.ref.id;
}

/** Carries the packet from `start` until it is delivered (returns where) or dropped. */
function walk(w: Walkable, rec: Recorder, fabric: FabricState, start: Place, p: Packet): { place: Place; pkt: Packet } | undefined {
  let at: { kind: 'ns'; ref: NsRef; inDev?: string } | { kind: 'fabric'; out: FabricOutcome } =
    start.kind === 'internet' ? { kind: 'fabric', out: fromInternetStart(w, rec, fabric, p) } : { kind: 'ns', ref: start.ref };
  for (let i = 0; i < MAX_STEPS; i++) {
    if (at.kind === 'fabric') {
      const out = at.out;
      if (out.kind === 'drop') return undefined;
      if (out.kind === 'internet') {
        rec.hop('deliver', { ns: 'internet' }, p, p, `delivered to the internet host ${formatIpv4(p.dst)}`);
        return { place: { kind: 'internet' }, pkt: p };
      }
      at = { kind: 'ns', ref: w.namespace(out.eni.node)!, inDev: out.eni.device };
      rec.hop('transmit', { ns: out.eni.node, device: out.eni.device }, p, p, `arrives on ${out.eni.device}`);
      continue;
    }
    const ref = at.ref;
    const outcome = traverseNamespace(rec, ref, p, at.inDev);
    if (outcome.kind === 'drop') return undefined;
    if (outcome.kind === 'deliver') {
      rec.hop('deliver', { ns: ref.id }, p, p, `delivered to a socket in ${ref.pod ? `pod ${ref.pod.namespace}/${ref.pod.pod}` : `node ${ref.id}`}`);
      return { place: { kind: 'ns', ref }, pkt: p };
    }
    const next = transmit(w, rec, fabric, ref, outcome.dev, outcome.nexthop, p);
    if (!next) return undefined;
    at = next;
  }
  rec.hop('drop', { ns: 'vpc' }, p, p, 'routing loop: the packet went round more than 64 hops');
  return undefined;
}

function fromInternetStart(w: Walkable, rec: Recorder, fabric: FabricState, p: Packet): FabricOutcome {
  rec.hop('send', { ns: 'internet' }, p, p, `the internet host ${formatIpv4(p.src)} sends to ${formatIpv4(p.dst)}`);
  return fromInternet(w, rec, fabric, p);
}

/** Puts the packet on `dev`: across a veth to the peer namespace, or onto the VPC fabric. */
function transmit(w: Walkable, rec: Recorder, fabric: FabricState, ref: NsRef, dev: string, nexthop: number, p: Packet): { kind: 'ns'; ref: NsRef; inDev: string } | { kind: 'fabric'; out: FabricOutcome } | undefined {
  const link = ref.netns.links.find((l) => l.name === dev);
  const neigh = ref.netns.neighbours.find((n) => n.dev === dev && n.ip === nexthop);
  const neighLine = neigh ? `${formatIpv4(neigh.ip)} dev ${neigh.dev}${neigh.lladdr ? ` lladdr ${neigh.lladdr}` : ''} ${neigh.state}` : undefined;
  if (link?.kind === 'veth') {
    const peer = vethPeer(w, ref, dev);
    if (!peer) {
      rec.hop('drop', { ns: ref.id, device: dev }, p, p, `veth ${dev} has no peer in the model`);
      return undefined;
    }
    const mac = peer.ref.netns.links.find((l) => l.name === peer.dev)?.mac;
    rec.hop('neighbour', { ns: ref.id, device: dev }, p, p, neighLine ? `next hop ${formatIpv4(nexthop)} resolved by ${neigh?.state === 'PERMANENT' ? 'a static entry' : 'an entry learned earlier'}` : `ARP for ${formatIpv4(nexthop)} answered by ${peer.dev} (${mac ?? '?'})`, neighLine);
    if (!neigh && mac) learnNeighbour(ref, nexthop, dev, mac);
    rec.hop('transmit', { ns: peer.ref.id, device: peer.dev }, p, p, `crosses the veth pair ${dev} → ${peer.dev}`);
    return { kind: 'ns', ref: peer.ref, inDev: peer.dev };
  }
  const eni = w.enisOf(ref.node.nodeName).find((e) => e.device === dev);
  if (!eni || !link) {
    rec.hop('drop', { ns: ref.id, device: dev }, p, p, `${dev} is not a device the model connects anywhere`);
    return undefined;
  }
  rec.hop('neighbour', { ns: ref.id, device: dev }, p, p, neighLine ? `next hop ${formatIpv4(nexthop)} resolved from the neighbour table` : `ARP for ${formatIpv4(nexthop)} on ${dev}: the VPC answers for every address it routes`, neighLine);
  if (!neigh) {
    const answer = vpcArpAnswer(w, ref, nexthop);
    if (answer) learnNeighbour(ref, nexthop, dev, answer);
  }
  rec.hop('transmit', { ns: 'vpc', device: eni.id }, p, p, `leaves ${dev} (ENI ${eni.mac}) onto the VPC`);
  return { kind: 'fabric', out: fromEni(w, rec, fabric, eni, p) };
}

/**
 * The kernel keeps the ARP answer: a REACHABLE entry in the sender's neighbour table (what
 * `ip neigh` / `arp -n` show after traffic). The model's contract lets the tracer add these.
 */
function learnNeighbour(ref: NsRef, ip: number, dev: string, mac: string): void {
  ref.netns.neighbours.push({ ip: (ip >>> 0) as Ipv4, dev, lladdr: mac, state: 'REACHABLE' });
}

/**
 * Who answers an ARP request sent out of an ENI: for an address an ENI holds, the VPC answers
 * with that ENI's MAC (reference e.4); for a subnet's router, the MAC the node already knows for
 * the VPC router. Nobody answers for an address no ENI holds.
 */
function vpcArpAnswer(w: Walkable, ref: NsRef, ip: number): string | undefined {
  const owner = w.eniOwning(ip);
  if (owner) return owner.mac;
  // A subnet's router is one of the sending node's own ENIs' gateways.
  const gateways = new Set(w.enisOf(ref.node.nodeName).map((e) => e.gateway).filter((g) => g !== undefined));
  if (gateways.has(ip as Ipv4)) return ref.netns.neighbours.find((n) => gateways.has(n.ip))?.lladdr;
  return undefined;
}

function vethPeer(w: Walkable, ref: NsRef, dev: string): { ref: NsRef; dev: string } | undefined {
  if (ref.pod) return { ref: w.namespace(ref.node.nodeName)!, dev: ref.pod.hostVeth };
  const pod = ref.node.pods.find((p) => p.hostVeth === dev);
  if (!pod) return undefined;
  const podRef = w.namespace(`${ref.node.nodeName}/${pod.namespace}/${pod.pod}`)!;
  const eth0 = pod.links.find((l) => l.kind === 'veth')?.name ?? 'eth0';
  return { ref: podRef, dev: eth0 };
}

