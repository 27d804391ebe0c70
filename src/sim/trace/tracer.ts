/**
 * `tracePacket`: one packet from a pod, a node or the internet to an address or a pod,
 * walked through every namespace, netfilter hook, rule, table and the VPC fabric it meets,
 * then its reply back through conntrack. Deterministic: the same world and request give
 * the same hops.
 */
import { formatIpv4, parseIpv4, type Ipv4 } from '../net/ipv4.ts';
import { formatConntrack, type ConntrackEntry } from './conntrack.ts';
import { fromEni, fromHost, fromInternet, type FabricOutcome, type FabricState } from './fabric.ts';
import type { ReachedEndpoint, TraceRequest, TraceResult } from './hop.ts';
import { et } from '../engine-text.ts';
import { Recorder, said, traverseNamespace } from './host-path.ts';
import { lbHash, resolveLoadBalancer } from './load-balancer.ts';
import { copyPacket, type Packet } from './packet.ts';
import type { FabricHost, NsRef, Walkable } from './world.ts';

/** A start or end point: a namespace, the stand-in internet host, or a VPC host (the API server). */
export type Place = { kind: 'ns'; ref: NsRef } | { kind: 'internet' } | { kind: 'host'; host: FabricHost };

const MAX_STEPS = 64;

/** Resolves `from` (pod, node or `external`); undefined with a reason when unknown. */
export function resolveSource(w: Walkable, from: string): Place | string {
  if (from === 'external' || from === 'internet') return { kind: 'internet' };
  const ref = w.findEndpoint(from);
  if (ref) return { kind: 'ns', ref };
  return `unknown source "${from}": expected a pod (namespace/name or a unique name), a node name, or "external"`;
}

const SERVICE_NAME = /^([a-z0-9-]+)\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?\.?$/;

/**
 * Resolves `to` to an address; a string is an error. `to` is an IPv4 address, a pod or node,
 * a Service's DNS name (`<name>.<namespace>[.svc[.cluster.local]]` → its ClusterIP) or a load
 * balancer's DNS name (one of the addresses it resolves to, chosen by `salt` and the seed, as
 * a client's resolver would pick one).
 */
export function resolveDestination(w: Walkable, to: string, salt = 0): number | string {
  const ip = parseIpv4(to);
  if (ip.ok) return ip.value;
  const ref = w.findEndpoint(to);
  if (ref?.pod) return ref.pod.ip;
  if (ref) {
    const a = ref.netns.addresses.find((x) => x.family === 'inet' && x.scope === 'global');
    if (a) return a.local as number;
  }
  let name = to.toLowerCase();
  const byObject = /^loadbalancer:([a-z0-9-]+)\/([a-z0-9.-]+)$/.exec(name);
  if (byObject) {
    const objects = w.fabric.services.filter((s) => s.namespace === byObject[1] && s.name === byObject[2]);
    const withLb = objects.find((o) => o.kind === 'service' && o.loadBalancerHostname) ?? objects.find((o) => o.loadBalancerHostname);
    if (!withLb) return objects.length ? `${byObject[1]}/${byObject[2]} has no load balancer hostname in its status yet` : `no Service or Ingress ${byObject[1]}/${byObject[2]}`;
    name = withLb.loadBalancerHostname!;
  }
  const lb = w.fabric.loadBalancers.find((l) => l.dnsName === name || `${l.dnsName}.` === name);
  if (lb) {
    const addresses = resolveLoadBalancer(lb);
    if (!addresses) return `Could not resolve host: ${lb.dnsName} (${lb.name} is still provisioning; its DNS name resolves once it is active)`;
    if (!addresses.length) return `${lb.dnsName} has no addresses`;
    return addresses[lbHash(w.seed, salt, addresses.length) % addresses.length];
  }
  const svc = SERVICE_NAME.exec(name);
  const found = svc && w.fabric.services.find((s) => s.kind === 'service' && s.name === svc[1] && s.namespace === svc[2]);
  if (found) {
    const c = parseIpv4(found.clusterIP ?? '');
    if (c.ok) return c.value;
    return `${to} is a headless Service: it has no ClusterIP`;
  }
  return `unknown destination "${to.slice(0, 253)}": expected an IPv4 address, a pod, a node, a Service (<name>.<namespace>.svc.cluster.local), a load balancer's DNS name or loadbalancer:<namespace>/<service or ingress>`;
}

/**
 * Traces one packet and its reply. Throws only on an unknown endpoint (check with
 * `resolveSource`/`resolveDestination` first for user input).
 */
export function tracePacket(w: Walkable, req: TraceRequest): TraceResult {
  return traceFlow(w, req).result;
}

/** A trace and the connections it left in the nodes' conntrack tables (for the engine to keep). */
export interface TracedFlow {
  result: TraceResult;
  connections: { ns: string; entry: ConntrackEntry }[];
}

/** `tracePacket`, also returning the conntrack entries (node namespaces only) as data. */
export function traceFlow(w: Walkable, req: TraceRequest): TracedFlow {
  const from = resolveSource(w, req.from);
  const sport = req.sport ?? (req.proto === 'icmp' ? 1 : 40000);
  const dst = resolveDestination(w, req.to, sport);
  if (typeof from === 'string') throw new Error(from);
  if (typeof dst === 'string') throw new Error(dst);
  const result: TraceResult = { request: req, delivered: false, replied: false, hops: [], routes: [], counters: [], policies: [], recentSets: [], conntrack: [] };
  const rec = new Recorder(result, { seed: w.seed, nowMs: w.nowMs, ...(req.picks ? { picks: req.picks } : {}), ...(w.recentSeen ? { recentSeen: w.recentSeen } : {}) });
  const fabric: FabricState = { natGateway: [], lbFlows: [], ...(req.lbTarget ? { lbTarget: req.lbTarget } : {}) };
  const dport = req.proto === 'icmp' ? 0 : (req.dport ?? 80);
  const p: Packet = { src: from.kind === 'internet' ? w.fabric.internetHost : 0, dst, proto: req.proto, sport, dport, mark: 0 };

  const reached = walk(w, rec, fabric, from, copyPacket(p));
  if (reached) {
    result.delivered = true;
    result.endpoint = endpointOf(reached.place, reached.pkt);
    rec.direction = 'reply';
    const back: Packet = { src: reached.pkt.dst, dst: reached.pkt.src, proto: p.proto, sport: reached.pkt.dport, dport: reached.pkt.sport, mark: 0 };
    const home = walk(w, rec, fabric, reached.place, back);
    result.replied = !!home && samePlace(home.place, from);
  }
  if (!result.drop) {
    const last = result.hops[result.hops.length - 1];
    if (last?.step === 'drop') result.drop = { direction: last.direction, ns: last.where.ns, reason: last.note, ...(last.text && { text: last.text }) };
  }
  const connections: TracedFlow['connections'] = [];
  for (const [ns, table] of rec.conntrack) {
    const ref = w.namespace(ns);
    if (!ref || ref.pod) continue;
    const established = Number(ref.netns.sysctls['net.netfilter.nf_conntrack_tcp_timeout_established'] ?? 432000);
    for (const e of table.entries) {
      // The SYN-ACK passed conntrack but never reached the client (early demux, e.9): SYN_RECV.
      if (e.proto === 'tcp' && e.replied && !result.replied) e.halfOpen = true;
      result.conntrack.push({ ns, line: formatConntrack(e, established) });
      connections.push({ ns, entry: e });
    }
  }
  return { result, connections };
}

function samePlace(a: Place, b: Place): boolean {
  if (a.kind === 'internet') return b.kind === 'internet';
  if (a.kind === 'host') return b.kind === 'host' && a.host.ip === b.host.ip;
  return b.kind === 'ns' && a.ref.id === b.ref.id;
}

function endpointOf(place: Place, p: Packet): ReachedEndpoint {
  const e: ReachedEndpoint = { ip: formatIpv4(p.dst) };
  if (p.proto !== 'icmp') e.port = p.dport;
  if (place.kind === 'host') e.host = place.host.label;
  else if (place.kind === 'ns') {
    if (place.ref.pod) e.pod = `${place.ref.pod.namespace}/${place.ref.pod.pod}`;
    e.node = place.ref.node.nodeName;
  }
  return e;
}

/** Carries the packet from `start` until it is delivered (returns where) or dropped. */
function walk(w: Walkable, rec: Recorder, fabric: FabricState, start: Place, p: Packet): { place: Place; pkt: Packet } | undefined {
  let at: { kind: 'ns'; ref: NsRef; inDev?: string } | { kind: 'fabric'; out: FabricOutcome } =
    start.kind === 'internet' ? { kind: 'fabric', out: fromInternetStart(w, rec, fabric, p) }
      : start.kind === 'host' ? { kind: 'fabric', out: fromHostStart(w, rec, fabric, start.host, p) }
        : { kind: 'ns', ref: start.ref };
  for (let i = 0; i < MAX_STEPS; i++) {
    if (at.kind === 'fabric') {
      const out = at.out;
      if (out.kind === 'drop') return undefined;
      if (out.kind === 'internet') {
        rec.hop('deliver', { ns: 'internet' }, p, p, said(`delivered to the internet host ${formatIpv4(p.dst)}`, 'sim.hop.deliverInternet', { ip: formatIpv4(p.dst) }));
        return { place: { kind: 'internet' }, pkt: p };
      }
      if (out.kind === 'host') {
        rec.hop('deliver', { ns: 'vpc', device: out.host.label }, p, p, said(`delivered to ${out.host.label}`, 'sim.hop.deliverHost', { host: out.host.label }));
        return { place: { kind: 'host', host: out.host }, pkt: p };
      }
      at = { kind: 'ns', ref: w.namespace(out.eni.node)!, inDev: out.eni.device };
      rec.hop('transmit', { ns: out.eni.node, device: out.eni.device }, p, p, said(`arrives on ${out.eni.device}`, 'sim.hop.arrives', { dev: out.eni.device }));
      continue;
    }
    const ref = at.ref;
    const outcome = traverseNamespace(rec, ref, p, at.inDev);
    if (outcome.kind === 'drop') return undefined;
    if (outcome.kind === 'deliver') {
      const pod = ref.pod && `${ref.pod.namespace}/${ref.pod.pod}`;
      rec.hop('deliver', { ns: ref.id }, p, p, pod ? said(`delivered to a socket in pod ${pod}`, 'sim.hop.deliverPod', { pod }) : said(`delivered to a socket in node ${ref.id}`, 'sim.hop.deliverNode', { node: ref.id }));
      return { place: { kind: 'ns', ref }, pkt: p };
    }
    const next = transmit(w, rec, fabric, ref, outcome.dev, outcome.nexthop, p);
    if (!next) return undefined;
    at = next;
  }
  rec.hop('drop', { ns: 'vpc' }, p, p, said('routing loop: the packet went round more than 64 hops', 'sim.hop.loop'));
  return undefined;
}

function fromHostStart(w: Walkable, rec: Recorder, fabric: FabricState, host: FabricHost, p: Packet): FabricOutcome {
  rec.hop('send', { ns: 'vpc', device: host.label }, p, p, said(`${host.label} sends to ${formatIpv4(p.dst)}`, 'sim.hop.hostSends', { host: host.label, ip: formatIpv4(p.dst) }));
  return fromHost(w, rec, fabric, host, p);
}

function fromInternetStart(w: Walkable, rec: Recorder, fabric: FabricState, p: Packet): FabricOutcome {
  rec.hop('send', { ns: 'internet' }, p, p, said(`the internet host ${formatIpv4(p.src)} sends to ${formatIpv4(p.dst)}`, 'sim.hop.internetSends', { src: formatIpv4(p.src), dst: formatIpv4(p.dst) }));
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
      rec.hop('drop', { ns: ref.id, device: dev }, p, p, said(`veth ${dev} has no peer in the model`, 'sim.hop.noPeer', { dev }));
      return undefined;
    }
    const mac = peer.ref.netns.links.find((l) => l.name === peer.dev)?.mac;
    const ip = formatIpv4(nexthop);
    const resolved = neigh?.state === 'PERMANENT' ? said(`next hop ${ip} resolved by a static entry`, 'sim.hop.neighStatic', { ip }) : said(`next hop ${ip} resolved by an entry learned earlier`, 'sim.hop.neighLearned', { ip });
    rec.hop('neighbour', { ns: ref.id, device: dev }, p, p, neighLine ? resolved : said(`ARP for ${ip} answered by ${peer.dev} (${mac ?? '?'})`, 'sim.hop.arpPeer', { ip, dev: peer.dev, mac: mac ?? '?' }), neighLine);
    if (!neigh && mac) learnNeighbour(ref, nexthop, dev, mac);
    const before = copyPacket(p);
    const scrubbed = scrubMark(p);
    rec.hop('transmit', { ns: peer.ref.id, device: peer.dev }, before, p, said(`crosses the veth pair ${dev} → ${peer.dev}${scrubbed ? '; the packet mark stays behind (a veth into another namespace clears it)' : ''}`,
      'sim.hop.crossesVeth', { from: dev, to: peer.dev, scrubbed: scrubbed ? et('sim.hop.markStaysVeth') : '' }));
    return { kind: 'ns', ref: peer.ref, inDev: peer.dev };
  }
  const eni = w.enisOf(ref.node.nodeName).find((e) => e.device === dev);
  if (!eni || !link) {
    rec.hop('drop', { ns: ref.id, device: dev }, p, p, said(`${dev} is not a device the model connects anywhere`, 'sim.hop.notConnected', { dev }));
    return undefined;
  }
  const ip = formatIpv4(nexthop);
  rec.hop('neighbour', { ns: ref.id, device: dev }, p, p, neighLine ? said(`next hop ${ip} resolved from the neighbour table`, 'sim.hop.neighTable', { ip }) : said(`ARP for ${ip} on ${dev}: the VPC answers for every address it routes`, 'sim.hop.arpVpc', { ip, dev }), neighLine);
  if (!neigh) {
    const answer = vpcArpAnswer(w, ref, nexthop);
    if (answer) learnNeighbour(ref, nexthop, dev, answer);
  }
  const before = copyPacket(p);
  const scrubbed = scrubMark(p);
  rec.hop('transmit', { ns: 'vpc', device: eni.id }, before, p, said(`leaves ${dev} (ENI ${eni.mac}) onto the VPC${scrubbed ? '; the packet mark stays on the node (it is not carried on the wire)' : ''}`,
    'sim.hop.leaves', { dev, mac: eni.mac, scrubbed: scrubbed ? et('sim.hop.markStaysNode') : '' }));
  return { kind: 'fabric', out: fromEni(w, rec, fabric, eni, p) };
}

/**
 * skb->mark lives in the kernel of one namespace: it is not on the wire, and a veth into another
 * namespace clears it (skb_scrub_packet). The connection mark stays in that namespace's conntrack.
 * Returns whether there was one.
 */
function scrubMark(p: Packet): boolean {
  if (!p.mark) return false;
  p.mark = 0;
  return true;
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

