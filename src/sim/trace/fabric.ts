/**
 * The VPC between the nodes: it delivers an address only to the ENI it is assigned to,
 * drops what an ENI sends from an address that is not its own (source/destination check),
 * reaches the internet through an internet gateway (1:1 NAT of public IPs) or a NAT
 * gateway, hands load balancer addresses to the load balancer (load-balancer.ts) and EKS's
 * API server addresses to the control plane.
 */
import { cidrContains, formatCidr, formatIpv4 } from '../net/ipv4.ts';
import { said, type Note, type Recorder } from './host-path.ts';
import { forwardNew, lbNodeAt, replyThrough, type LbFlow } from './load-balancer.ts';
import { copyPacket, type Packet } from './packet.ts';
import { eniOwns, subnetRouteOf, type FabricEni, type FabricHost, type NatGateway, type Walkable } from './world.ts';

export type FabricOutcome =
  | { kind: 'eni'; eni: FabricEni }
  | { kind: 'host'; host: FabricHost }
  | { kind: 'internet' }
  | { kind: 'drop'; reason: string };

/** Translations kept across request and reply: the NAT gateway's and the load balancers'. */
export interface FabricState {
  /** `gateway`: the subnet's NAT gateway (its own SNAT to its private IP, then its Elastic IP). */
  natGateway: { privateSrc: number; publicSrc: number; dst: number; gateway?: NatGateway }[];
  lbFlows: LbFlow[];
  /** A load balancer target the request forces (TraceRequest.lbTarget). */
  lbTarget?: string;
}

/** The ENI that owns ip, if any. */
export function eniOwning(w: Walkable, ip: number): FabricEni | undefined {
  return w.eniOwning(ip);
}

/** A packet an ENI put on the wire. */
export function fromEni(w: Walkable, rec: Recorder, st: FabricState, eni: FabricEni, p: Packet): FabricOutcome {
  const where = { ns: 'vpc', device: eni.id };
  if (rec.direction === 'request' && rec.result.fabricSource === undefined) rec.result.fabricSource = formatIpv4(p.src);
  if (eni.sourceDestCheck && !eniOwns(eni, p.src)) {
    const reason = `source/destination check: ${formatIpv4(p.src)} is not an address of the sending ENI (${eni.device} on ${eni.node})`;
    rec.hop('drop', where, p, p, said(reason, 'sim.hop.srcDstCheck', { src: formatIpv4(p.src), dev: eni.device, node: eni.node }));
    return { kind: 'drop', reason };
  }
  const back = replyThrough(rec, st.lbFlows, p);
  if (back?.kind === 'forward') return afterLoadBalancer(w, rec, st, p);
  if (w.fabric.vpcCidrs.some((c) => cidrContains(c, p.dst))) return toVpcAddress(w, rec, st, p, where);
  return toInternet(w, rec, st, eni, p, where);
}

/** A packet the control plane (an API server ENI) sends: its reply into the VPC. */
export function fromHost(w: Walkable, rec: Recorder, st: FabricState, host: FabricHost, p: Packet): FabricOutcome {
  return toVpcAddress(w, rec, st, p, { ns: 'vpc', device: host.label });
}

/** Where a load balancer's output goes: an address in the VPC, or back out to the internet. */
function afterLoadBalancer(w: Walkable, rec: Recorder, st: FabricState, p: Packet): FabricOutcome {
  if (w.fabric.vpcCidrs.some((c) => cidrContains(c, p.dst))) return toVpcAddress(w, rec, st, p, { ns: 'vpc' });
  if (w.eniWithPublicIp(p.dst) !== undefined || st.natGateway.some((n) => n.publicSrc === p.dst)) return fromInternet(w, rec, st, p);
  return { kind: 'internet' };
}

function toVpcAddress(w: Walkable, rec: Recorder, st: FabricState, p: Packet, where: { ns: string; device?: string }): FabricOutcome {
  const lb = lbNodeAt(w, p.dst);
  if (lb) {
    const out = forwardNew(w, rec, st.lbFlows, lb.lb, lb.node, p, st.lbTarget);
    return out.kind === 'drop' ? out : afterLoadBalancer(w, rec, st, p);
  }
  const host = w.fabric.hosts.find((h) => h.ip === p.dst);
  if (host) {
    rec.hop('fabric', { ns: 'vpc', device: host.label }, p, p, said(`the VPC delivers ${formatIpv4(p.dst)} to ${host.label}`, 'sim.hop.vpcDeliversHost', { ip: formatIpv4(p.dst), host: host.label }));
    return { kind: 'host', host };
  }
  const target = eniOwning(w, p.dst);
  if (!target) {
    const reason = `no ENI in the VPC owns ${formatIpv4(p.dst)}`;
    rec.hop('drop', where, p, p, said(reason, 'sim.hop.noOwner', { ip: formatIpv4(p.dst) }));
    return { kind: 'drop', reason };
  }
  rec.hop('fabric', { ns: 'vpc', device: target.id }, p, p, said(`the VPC delivers ${formatIpv4(p.dst)} to the ENI that owns it: ${target.device} on ${target.node} (${target.mac})`, 'sim.hop.vpcDeliversEni', { ip: formatIpv4(p.dst), dev: target.device, node: target.node, mac: target.mac }));
  return { kind: 'eni', eni: target };
}

function toInternet(w: Walkable, rec: Recorder, st: FabricState, eni: FabricEni, p: Packet, where: { ns: string; device?: string }): FabricOutcome {
  const before = copyPacket(p);
  const route = subnetRouteOf(w.fabric, eni.ips[0] ?? p.src);
  if (route) {
    const table: Note = said(`route table of ${route.id ?? formatCidr(route.cidr)} (${formatCidr(route.cidr)})`, 'sim.hop.routeTableOf', { id: route.id ?? formatCidr(route.cidr), cidr: formatCidr(route.cidr) });
    if (route.defaultRoute.kind === 'none') {
      const reason = `the ${table.en} has no route to ${formatIpv4(p.dst)}: no 0.0.0.0/0 route (a private subnet without a NAT gateway), so the VPC drops it`;
      rec.hop('drop', where, p, p, said(reason, 'sim.hop.noDefaultRoute', { table: table.text, ip: formatIpv4(p.dst) }), w.fabric.vpcCidrs.map((c) => `${formatCidr(c)} local`).join('\n'));
      return { kind: 'drop', reason };
    }
    if (route.defaultRoute.kind === 'nat') return viaNatGateway(w, rec, st, route.defaultRoute.gateway, p, table);
    // 0.0.0.0/0 → igw: the walk below is the one every scenario had before route tables (no extra hop).
  }
  const inet = w.fabric.internet;
  if (inet.kind === 'nat-gateway') {
    st.natGateway.push({ privateSrc: p.src, publicSrc: inet.publicIp, dst: p.dst });
    p.src = inet.publicIp;
    rec.hop('fabric', { ns: 'vpc', device: 'nat-gateway' }, before, p, said(`the subnet routes ${formatIpv4(p.dst)} to a NAT gateway, which translates the source to its public IP`, 'sim.hop.subnetToNat', { ip: formatIpv4(p.dst) }));
    return lbNodeAt(w, p.dst) ? fromInternet(w, rec, st, p) : { kind: 'internet' };
  }
  if (eni.publicIp === undefined || eni.ips[0] !== p.src) {
    const reason = `the internet gateway translates only private IPs that have a public IP; ${formatIpv4(p.src)} has none`;
    rec.hop('drop', { ...where, device: 'igw' }, p, p, said(reason, 'sim.hop.noPublicIp', { ip: formatIpv4(p.src) }));
    return { kind: 'drop', reason };
  }
  p.src = eni.publicIp;
  rec.hop('fabric', { ns: 'vpc', device: 'igw' }, before, p, said(`the internet gateway maps ${formatIpv4(before.src)} to its public IP ${formatIpv4(eni.publicIp)}`, 'sim.hop.igwMaps', { from: formatIpv4(before.src), to: formatIpv4(eni.publicIp) }));
  return lbNodeAt(w, p.dst) ? fromInternet(w, rec, st, p) : { kind: 'internet' };
}

/**
 * The subnet routes to a NAT gateway in a public subnet: it translates the source to its own
 * private IP, and its subnet's internet gateway maps that to the gateway's Elastic IP.
 */
function viaNatGateway(w: Walkable, rec: Recorder, st: FabricState, g: NatGateway, p: Packet, table: Note): FabricOutcome {
  const before = copyPacket(p);
  rec.hop('fabric', { ns: 'vpc', device: g.id }, p, p, said(`the ${table.en} sends ${formatIpv4(p.dst)} to NAT gateway ${g.id} in ${formatCidr(g.subnet)}`, 'sim.hop.tableToNat', { table: table.text, ip: formatIpv4(p.dst), gateway: g.id, subnet: formatCidr(g.subnet) }), `0.0.0.0/0 ${g.id}`);
  p.src = g.privateIp;
  rec.hop('fabric', { ns: 'vpc', device: g.id }, before, p, said(`NAT gateway ${g.id} translates the source ${formatIpv4(before.src)} → its private IP ${formatIpv4(g.privateIp)}`, 'sim.hop.natTranslates', { gateway: g.id, from: formatIpv4(before.src), to: formatIpv4(g.privateIp) }));
  const mid = copyPacket(p);
  p.src = g.publicIp;
  rec.hop('fabric', { ns: 'vpc', device: 'igw' }, mid, p, said(`the NAT gateway's public subnet routes to the internet gateway, which maps ${formatIpv4(g.privateIp)} to its Elastic IP ${formatIpv4(g.publicIp)}`, 'sim.hop.natToEip', { from: formatIpv4(g.privateIp), to: formatIpv4(g.publicIp) }));
  st.natGateway.push({ privateSrc: before.src, publicSrc: g.publicIp, dst: p.dst, gateway: g });
  // An internet-facing load balancer's public address comes back in from the internet.
  return lbNodeAt(w, p.dst) ? fromInternet(w, rec, st, p) : { kind: 'internet' };
}

/** A packet arriving from the internet. */
export function fromInternet(w: Walkable, rec: Recorder, st: FabricState, p: Packet): FabricOutcome {
  const before = copyPacket(p);
  if (rec.direction === 'request' && rec.result.fabricSource === undefined) rec.result.fabricSource = formatIpv4(p.src);
  const nat = st.natGateway.find((n) => n.publicSrc === p.dst && n.dst === p.src);
  if (nat?.gateway) {
    const g = nat.gateway;
    p.dst = g.privateIp;
    rec.hop('fabric', { ns: 'vpc', device: 'igw' }, before, p, said(`the internet gateway maps the Elastic IP back to the NAT gateway's private IP ${formatIpv4(g.privateIp)}`, 'sim.hop.eipBack', { ip: formatIpv4(g.privateIp) }));
    const mid = copyPacket(p);
    p.dst = nat.privateSrc;
    rec.hop('fabric', { ns: 'vpc', device: g.id }, mid, p, said(`NAT gateway ${g.id} translates the reply back to ${formatIpv4(nat.privateSrc)}`, 'sim.hop.natReplyBack', { gateway: g.id, ip: formatIpv4(nat.privateSrc) }));
    return toVpcAddress(w, rec, st, p, { ns: 'vpc' });
  }
  if (nat) {
    p.dst = nat.privateSrc;
    rec.hop('fabric', { ns: 'vpc', device: 'nat-gateway' }, before, p, said('the NAT gateway translates the reply back to the private address', 'sim.hop.natReplyPrivate'));
    return toVpcAddress(w, rec, st, p, { ns: 'vpc' });
  }
  const lb = lbNodeAt(w, p.dst);
  if (lb?.node.publicIp === p.dst) {
    const out = forwardNew(w, rec, st.lbFlows, lb.lb, lb.node, p, st.lbTarget);
    return out.kind === 'drop' ? out : afterLoadBalancer(w, rec, st, p);
  }
  const eni = w.eniWithPublicIp(p.dst);
  if (!eni) {
    const reason = `${formatIpv4(p.dst)} is not a public IP of this VPC: the internet cannot reach it`;
    rec.hop('drop', { ns: 'internet' }, p, p, said(reason, 'sim.hop.notPublic', { ip: formatIpv4(p.dst) }));
    return { kind: 'drop', reason };
  }
  p.dst = eni.ips[0];
  rec.hop('fabric', { ns: 'vpc', device: 'igw' }, before, p, said(`the internet gateway maps the public IP back to ${formatIpv4(p.dst)}`, 'sim.hop.igwBack', { ip: formatIpv4(p.dst) }));
  return toVpcAddress(w, rec, st, p, { ns: 'vpc' });
}
