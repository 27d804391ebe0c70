/**
 * One namespace's part of a walk: the netfilter hooks in the kernel's order, conntrack's
 * NAT bookkeeping, policy routing and the reverse-path check. It returns where the packet
 * goes next (out of a device, up to a socket, or nowhere) and records every hop.
 */
import { formatIpv4 } from '../net/ipv4.ts';
import type { NetfilterTableName } from '../linux/model.ts';
import { ConntrackTable, type ConntrackEntry } from './conntrack.ts';
import { formatIpRule, formatIptRule, formatRoute, tableName } from './format.ts';
import type { Direction, Hop, HopStep, TraceResult } from './hop.ts';
import { flowDraw, runChain, type HookContext, type RecentLists } from './netfilter.ts';
import { snatPort } from './nat-port.ts';
import { demuxDropReason, earlyDemux, type TraceSocket } from './early-demux.ts';
import { runAwsCniNft } from './nft-connmark.ts';
import { copyPacket, packetBytes, viewPacket, type Packet } from './packet.ts';
import { fibLookup, isLocalAddress, sysctlNumber, validateSource, type RouteResult } from './routing.ts';
import type { NsRef } from './world.ts';
import type { IpvsService } from '../linux/model.ts';
import { ipvsSchedule, ipvsServiceFor, realServerLine, virtualServerLine } from './ipvs.ts';

/** Where a packet goes after a namespace is done with it. */
export type NsOutcome =
  | { kind: 'transmit'; dev: string; nexthop: number }
  | { kind: 'deliver' }
  | { kind: 'drop'; reason: string };

/** What the walk's random choices and `xt_recent` lists draw on. */
export interface WalkContext {
  seed: number;
  /** The moment (ms since the scenario began): with the seed, what randomised SNAT ports are drawn from. */
  nowMs?: number;
  /** Forced statistic choices: chain → target chain (TraceRequest.picks). */
  picks?: Record<string, string>;
  /** The lists traffic left on a node before this walk. */
  recentSeen?(node: string, list: string, ip: number, seconds: number): boolean;
}

/** Shared recorder for one trace. */
export class Recorder {
  readonly result: TraceResult;
  readonly conntrack = new Map<string, ConntrackTable>();
  /** Sockets the walk's sender opened (early demux looks them up). */
  readonly sockets: TraceSocket[] = [];
  direction: Direction = 'request';
  readonly ctx: WalkContext;
  /** Randomised SNAT ports are drawn from this (nat-port.ts): the scenario seed and the moment. */
  readonly snatSeed: string;

  constructor(result: TraceResult, ctx: WalkContext = { seed: 0 }) {
    this.result = result;
    this.ctx = ctx;
    this.snatSeed = `${ctx.seed}@${ctx.nowMs ?? 0}`;
  }

  /** The namespace's recent lists: what traffic left, plus what this walk set. */
  recent(ref: NsRef): RecentLists {
    return {
      seen: (list, ip, seconds) =>
        this.result.recentSets.some((r) => r.ns === ref.id && r.list === list && r.ip === formatIpv4(ip)) ||
        (!ref.pod && !!this.ctx.recentSeen?.(ref.id, list, ip, seconds)),
      set: (list, ip) => {
        if (!this.result.recentSets.some((r) => r.ns === ref.id && r.list === list && r.ip === formatIpv4(ip))) this.result.recentSets.push({ ns: ref.id, list, ip: formatIpv4(ip) });
      },
    };
  }

  hop(step: HopStep, where: Hop['where'], before: Packet, after: Packet, note: string, entry?: string, matched?: string[]): void {
    const h: Hop = { direction: this.direction, step, where, before: viewPacket(before), after: viewPacket(after), note };
    if (entry !== undefined) h.entry = entry;
    if (matched) h.matched = matched;
    this.result.hops.push(h);
  }

  table(ns: string): ConntrackTable {
    let t = this.conntrack.get(ns);
    if (!t) {
      t = new ConntrackTable(ns);
      this.conntrack.set(ns, t);
    }
    return t;
  }
}

interface CtState {
  entry: ConntrackEntry;
  direction: 'original' | 'reply';
  fresh: boolean;
}

/** Walks the packet through one namespace. `inDev` undefined = generated locally. */
export function traverseNamespace(rec: Recorder, ref: NsRef, p: Packet, inDev: string | undefined): NsOutcome {
  const ns = ref.netns;
  const hasRules = (['raw', 'mangle', 'nat', 'filter'] as const).some((t) => ns.netfilter[t]?.chains.some((c) => c.rules.length > 0));
  // Looked up at the first hook: a locally generated packet has its source only after routing.
  let ctState: CtState | undefined;
  const ctOf = () => (ctState ??= lookupConntrack(rec, ref, p, hasRules));
  const isLocal = (ip: number, dev?: string) => isLocalAddress(ns, ip, dev);

  const hook = (table: NetfilterTableName, chain: string, ctx: Omit<HookContext, 'netns' | 'ct' | 'isLocal'>): boolean => {
    if (!hasRules) return true;
    const c = ns.netfilter[table]?.chains.find((x) => x.name === chain);
    if (!c) return true;
    const ct = ctOf();
    if (table === 'nat' && !ct.fresh) return natByConntrack(rec, ref, p, ct, chain);
    const before = copyPacket(p);
    const natPort = (pkt: Packet, mode: 'random' | 'random-fully') => snatPort(rec.snatSeed, ref.id, pkt, mode);
    const res = runChain(table, chain, p, { ...ctx, netns: ns, ct: ct.entry, isLocal, natPort, recent: rec.recent(ref), draw: drawFor(rec, ns, table, before) });
    const bytes = packetBytes(p.proto);
    for (const m of res.matched) {
      rec.result.counters.push({ direction: rec.direction, ns: ref.id, table, chain: m.chain, index: m.index, text: formatIptRule(m.chain, m.rule), bytes });
      if (rec.direction === 'request' && rec.result.service === undefined) rec.result.service = serviceOf(m.chain, m.rule);
    }
    if (!res.decidedBy && res.verdict !== 'NAT') rec.result.policies.push({ direction: rec.direction, ns: ref.id, table, chain, bytes });
    if (res.matched.length === 0 && c.rules.length === 0) return true;
    const lines = res.matched.map((m) => formatIptRule(m.chain, m.rule));
    const decided = res.decidedBy ? formatIptRule(res.decidedBy.chain, res.decidedBy.rule) : undefined;
    const note = res.verdict === 'DROP' ? `${table} ${chain} drops the packet` : res.matched.length ? describeEffects(before, p, ct.entry) : `no rule matched; policy ${c.policy ?? 'ACCEPT'}`;
    rec.hop('netfilter', { ns: ref.id, device: ctx.inIface ?? ctx.outIface, table, chain }, before, p, note, decided ?? lines[lines.length - 1], lines);
    return res.verdict !== 'DROP';
  };

  let route: RouteResult | undefined;
  // The input device POSTROUTING sees: none for what IPVS sends on through LOCAL_OUT.
  let postIn = inDev;

  /**
   * IPVS NAT forwarding ("Masq"): the real server becomes the destination and the packet is
   * routed by that destination alone (`__ip_vs_get_out_rt`), then sent through LOCAL_OUT, where
   * nat's hook routes it again by its source and mark too, the connection's reply no longer
   * coming from where it was sent (`nf_nat_ipv4_local_fn` → `ip_route_me_harder`): a pod on a
   * secondary ENI leaves by its own ENI (rule 1536). Undefined: go on to POSTROUTING.
   */
  const throughIpvs = (vs: IpvsService): NsOutcome | undefined => {
    const first = ipvsNat(rec, ref, p, vs, ctOf());
    if (!first) return { kind: 'drop', reason: `IPVS virtual server ${virtualServerLine(vs)} has no real server: ICMP port unreachable` };
    postIn = undefined;
    route = first;
    if (route.route.type !== 'local') {
      if (!hook('mangle', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, 'dropped in mangle OUTPUT');
      const again = lookup(rec, ref, p, 'lo', p, 'nat OUTPUT routes the rewritten packet again, by its source and mark too (ip_route_me_harder)');
      if (!again) return drop(rec, ref, p, `no route to ${formatIpv4(p.dst)} (Network is unreachable)`);
      route = again;
    }
    if (route.route.type === 'local') {
      confirm(rec, ref, ctOf());
      return { kind: 'deliver' };
    }
    if (!hook('filter', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, 'dropped in filter OUTPUT');
    return undefined;
  };
  if (inDev !== undefined) {
    if (!hook('raw', 'PREROUTING', { inIface: inDev })) return drop(rec, ref, p, 'dropped in raw PREROUTING');
    if (!hook('mangle', 'PREROUTING', { inIface: inDev })) return drop(rec, ref, p, 'dropped in mangle PREROUTING');
    if (!hook('nat', 'PREROUTING', { inIface: inDev })) return drop(rec, ref, p, 'dropped in nat PREROUTING');
    const nft = ref.pod ? undefined : ref.node.awsCniNft;
    if (nft && ctOf().fresh) {
      const before = copyPacket(p);
      const lines = runAwsCniNft(nft, p, ctOf().entry, inDev, isLocal(p.dst));
      rec.hop('netfilter', { ns: ref.id, device: inDev, table: 'nft ip aws-cni', chain: 'nat-prerouting' }, before, p, describeEffects(before, p, ctOf().entry), lines[lines.length - 1], lines);
    }
    route = lookup(rec, ref, p, inDev);
    if (!route) return drop(rec, ref, p, `no route to ${formatIpv4(p.dst)} (Network is unreachable)`);
    if (route.route.type === 'local') {
      const rp = validateSource(ns, p.src, p.dst, inDev, undefined);
      if (!rp.ok) return rpDrop(rec, ref, p, rp.reason);
      if (!hook('mangle', 'INPUT', { inIface: inDev })) return drop(rec, ref, p, 'dropped in mangle INPUT');
      if (!hook('filter', 'INPUT', { inIface: inDev })) return drop(rec, ref, p, 'dropped in filter INPUT');
      // IPVS sees a connection's first packet; later ones follow its connection (and conntrack).
      const vs = ref.pod || !ctOf().fresh ? undefined : ipvsServiceFor(ns, p);
      if (!vs) {
        if (!hook('nat', 'INPUT', { inIface: inDev })) return drop(rec, ref, p, 'dropped in nat INPUT');
        confirm(rec, ref, ctOf());
        return { kind: 'deliver' };
      }
      // IPVS takes the packet at LOCAL_IN (before nat INPUT) and sends it on through LOCAL_OUT.
      const done = throughIpvs(vs);
      if (done) return done;
    } else {
      if (route.route.type !== 'unicast') return drop(rec, ref, p, `route type ${route.route.type}: ${formatRoute(route.route)}`);
      if (sysctlNumber(ns, 'net.ipv4.ip_forward', ref.pod ? 0 : 1) !== 1) return drop(rec, ref, p, 'net.ipv4.ip_forward=0: the namespace does not forward');
      const rp = validateSource(ns, p.src, p.dst, inDev, route.route.dev);
      if (!rp.ok) return rpDrop(rec, ref, p, rp.reason);
      // Early demux ran before routing (after PREROUTING): only now is it known to matter.
      const demux = earlyDemux(ref, rec.sockets, p);
      if (demux) {
        const reason = demuxDropReason(demux);
        rec.hop('drop', { ns: ref.id, device: inDev }, p, p, reason, `${demux.sysctl} = 1`);
        return { kind: 'drop', reason };
      }
      rec.hop('forward', { ns: ref.id, device: inDev }, p, p, `forwarded from ${inDev} to ${route.route.dev}; rp_filter passed`);
      if (!hook('mangle', 'FORWARD', { inIface: inDev, outIface: route.route.dev })) return drop(rec, ref, p, 'dropped in mangle FORWARD');
      if (!hook('filter', 'FORWARD', { inIface: inDev, outIface: route.route.dev })) return drop(rec, ref, p, 'dropped in filter FORWARD');
    }
  } else {
    route = lookup(rec, ref, p, 'lo');
    if (!route) return drop(rec, ref, p, `no route to ${formatIpv4(p.dst)} (Network is unreachable)`);
    if (rec.direction === 'request') {
      const connected = p.proto === 'tcp' || (p.proto === 'udp' && !!rec.result.request.connected);
      rec.sockets.push({ ns: ref.id, proto: p.proto, local: p.src, lport: p.sport, remote: p.dst, rport: p.dport, connected });
    }
    const routedDst = p.dst;
    const routedMark = p.mark;
    if (!hook('raw', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, 'dropped in raw OUTPUT');
    if (!hook('mangle', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, 'dropped in mangle OUTPUT');
    if (!hook('nat', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, 'dropped in nat OUTPUT');
    // A ClusterIP the node itself calls: IPVS at LOCAL_OUT (after nat OUTPUT, before filter), with
    // the VIP as source (the local route's `src`), which KUBE-SERVICES' `src,dst` rule marked for masquerade.
    const vs = route.route.type === 'local' && !ref.pod && ctOf().fresh ? ipvsServiceFor(ns, p) : undefined;
    if (vs) {
      const done = throughIpvs(vs);
      if (done) return done;
    } else {
      if (!hook('filter', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, 'dropped in filter OUTPUT');
      // ip_route_me_harder: a destination rewritten in nat OUTPUT (or a mark set in mangle
      // OUTPUT) sends the packet through routing again.
      if (p.dst !== routedDst || p.mark !== routedMark) {
        route = lookup(rec, ref, p, 'lo');
        if (!route) return drop(rec, ref, p, `no route to ${formatIpv4(p.dst)} (Network is unreachable)`);
      }
      if (route.route.type === 'local') {
        confirm(rec, ref, ctOf());
        return { kind: 'deliver' };
      }
    }
  }
  const dev = route.route.dev;
  if (!hook('mangle', 'POSTROUTING', { inIface: postIn, outIface: dev })) return drop(rec, ref, p, 'dropped in mangle POSTROUTING');
  if (!hook('nat', 'POSTROUTING', { inIface: postIn, outIface: dev })) return drop(rec, ref, p, 'dropped in nat POSTROUTING');
  confirm(rec, ref, ctOf());
  return { kind: 'transmit', dev, nexthop: route.route.via ?? p.dst };
}

/**
 * IPVS NAT forwarding for a NEW connection: the scheduler's real server becomes the
 * destination (recorded on the connection, `net.ipv4.vs.conntrack=1`), then the route to it,
 * looked up by destination alone as `__ip_vs_get_out_rt` does (no source, no mark).
 */
function ipvsNat(rec: Recorder, ref: NsRef, p: Packet, vs: IpvsService, ct: CtState): RouteResult | undefined {
  const before = copyPacket(p);
  const i = ipvsSchedule(vs, p, rec.ctx.seed);
  const where = { ns: ref.id, device: 'kube-ipvs0', table: 'ipvs' };
  const lines = [virtualServerLine(vs), ...vs.realServers.map(realServerLine)];
  if (i === undefined) {
    rec.hop('drop', where, p, p, `IPVS virtual server ${vs.protocol.toUpperCase()} ${formatIpv4(vs.address)}:${vs.port} (${vs.service}) has no real server: IPVS answers ICMP port unreachable (connection refused)`, lines[0], lines);
    return undefined;
  }
  const rs = vs.realServers[i];
  p.dst = rs.address;
  p.dport = rs.port;
  ct.entry.dnat = { to: rs.address, port: rs.port };
  ct.entry.ipvs = virtualServerLine(vs);
  const how = vs.persistentTimeout !== undefined ? `persistent ${vs.persistentTimeout}: this client keeps it` : `${vs.scheduler}: real server ${i + 1} of ${vs.realServers.length}`;
  const named = `${vs.protocol.toUpperCase()} ${formatIpv4(vs.address)}:${vs.port}`;
  rec.hop('ipvs', where, before, p, `IPVS virtual server ${named} (${vs.service}, scheduler ${vs.scheduler}) picks ${formatIpv4(rs.address)}:${rs.port} (${how}); Masq (NAT): destination rewritten ${formatIpv4(before.dst)}:${before.dport} → ${formatIpv4(rs.address)}:${rs.port}, kept in conntrack (net.ipv4.vs.conntrack=1)`, realServerLine(rs), [lines[0], realServerLine(rs)]);
  rec.result.service ??= vs.service;
  return lookup(rec, ref, p, 'lo', { src: 0, mark: 0 }, 'IPVS routes the packet to its real server by destination alone');
}

/**
 * The `-m statistic` draws of one chain walk: from the seed and the flow as it entered the
 * hook, unless the request forces a chain's choice (the rule jumping to the forced chain draws
 * 0, which every probability takes; the others draw the maximum, which none does).
 */
function drawFor(rec: Recorder, ns: NsRef['netns'], table: NetfilterTableName, flow: Packet): (chain: string, index: number) => number {
  return (chain, index) => {
    const forced = rec.ctx.picks?.[chain];
    if (forced === undefined) return flowDraw(flow, chain, index, rec.ctx.seed);
    const target = ns.netfilter[table].chains.find((c) => c.name === chain)?.rules[index]?.target;
    return target?.kind === 'jump' && target.chain === forced ? 0 : 0x7fffffff;
  };
}

const SERVICE_CHAIN = /^KUBE-(SVC|SVL|EXT|FW)-/;

/** kube-proxy's name for the service a KUBE-SERVICES / KUBE-NODEPORTS rule sends to. */
function serviceOf(chain: string, rule: { target?: { kind: string; chain?: string }; matches: { module: string; comment?: string }[] }): string | undefined {
  if (chain !== 'KUBE-SERVICES' && chain !== 'KUBE-NODEPORTS') return undefined;
  if (rule.target?.kind !== 'jump' || !SERVICE_CHAIN.test(rule.target.chain ?? '')) return undefined;
  const comment = rule.matches.find((m) => m.module === 'comment')?.comment;
  return comment?.replace(/ (cluster IP|external IP|loadbalancer IP)$/, '');
}

function lookupConntrack(rec: Recorder, ref: NsRef, p: Packet, tracked: boolean): CtState {
  const table = rec.table(ref.id);
  if (!tracked) return { ...new ConntrackTable(ref.id).lookup(p) };
  const found = table.lookup(p);
  if (!found.fresh && found.direction === 'reply') {
    found.entry.replied = true;
    found.entry.state = 'ESTABLISHED';
  }
  return found;
}

function confirm(rec: Recorder, ref: NsRef, ct: CtState): void {
  if (ct.fresh && !ref.pod) rec.table(ref.id).confirm(ct.entry);
}

/** nat chains see only a connection's first packet; later ones are translated by conntrack. */
function natByConntrack(rec: Recorder, ref: NsRef, p: Packet, ct: CtState, chain: string): boolean {
  const e = ct.entry;
  const before = copyPacket(p);
  const dstHook = chain === 'PREROUTING' || chain === 'OUTPUT';
  if (dstHook && ct.direction === 'reply' && e.snat) {
    p.dst = e.orig.src;
    p.dport = e.orig.sport;
  } else if (dstHook && ct.direction === 'original' && e.dnat) {
    p.dst = e.dnat.to;
    if (e.dnat.port) p.dport = e.dnat.port;
  } else if (!dstHook && ct.direction === 'reply' && e.dnat) {
    p.src = e.orig.dst;
    p.sport = e.orig.dport;
  } else if (!dstHook && ct.direction === 'original' && e.snat) {
    p.src = e.snat.to;
    if (e.snat.port !== undefined) p.sport = e.snat.port;
  }
  if (before.src !== p.src || before.dst !== p.dst || before.sport !== p.sport || before.dport !== p.dport) {
    const note = e.ipvs && !dstHook && ct.direction === 'reply' && e.dnat
      ? `IPVS translates the reply back to its virtual server ${e.ipvs} (the connection's conntrack entry carries it)`
      : `conntrack reverses the connection's NAT (nat ${chain} is not traversed by established connections)`;
    rec.hop('conntrack', { ns: ref.id, table: 'nat', chain }, before, p, note);
  }
  return true;
}

function describeEffects(before: Packet, after: Packet, ct: ConntrackEntry): string {
  const notes: string[] = [];
  if (before.src !== after.src) notes.push(`source rewritten ${formatIpv4(before.src)} → ${formatIpv4(after.src)}`);
  if (before.sport !== after.sport) {
    const how = ct.snat?.random ? ` (--${ct.snat.random}: picked at random for this connection; conntrack's reply tuple carries it)` : '';
    notes.push(`${after.proto === 'icmp' ? 'echo id' : 'source port'} ${before.sport} → ${after.sport}${how}`);
  }
  if (before.dst !== after.dst) notes.push(`destination rewritten ${formatIpv4(before.dst)} → ${formatIpv4(after.dst)}`);
  if (before.mark !== after.mark) notes.push(`packet mark now 0x${after.mark.toString(16)}`);
  if (ct.mark) notes.push(`connection mark 0x${ct.mark.toString(16)}`);
  return notes.length ? notes.join('; ') : 'rules matched, packet unchanged';
}

/**
 * `flow`: the source and mark the lookup is made with, when not the packet's (IPVS routes by
 * destination alone); `why`: why the packet is routed (again), said on the ip rule hop.
 */
function lookup(rec: Recorder, ref: NsRef, p: Packet, iif: string, flow: { src: number; mark: number } = p, why?: string): RouteResult | undefined {
  const ns = ref.netns;
  const res = fibLookup(ns, { src: flow.src, dst: p.dst, iif, mark: flow.mark });
  const decision: TraceResult['routes'][number] = { direction: rec.direction, ns: ref.id, iif, src: formatIpv4(flow.src), dst: formatIpv4(p.dst), mark: flow.mark };
  rec.result.routes.push(decision);
  if (!res) {
    decision.error = 'Network is unreachable';
    return undefined;
  }
  decision.result = { type: res.route.type, dev: res.route.dev, table: tableName(res.table) };
  if (res.route.via !== undefined) decision.result.via = formatIpv4(res.route.via);
  if (p.src === 0) {
    const before = copyPacket(p);
    p.src = res.route.src ?? sourceFor(ref, res.route.dev);
    rec.hop('send', { ns: ref.id, device: res.route.dev }, before, p, `source address chosen: ${formatIpv4(p.src)}`);
  }
  rec.hop('ip-rule', { ns: ref.id, device: iif }, p, p, `${why ? `${why}: ` : ''}first matching rule sends the lookup to table ${tableName(res.table)}`, formatIpRule(res.rule));
  rec.hop('route', { ns: ref.id, table: tableName(res.table) }, p, p, res.route.type === 'local' ? 'a local address: delivered up the stack' : `out of ${res.route.dev}${res.route.via !== undefined ? ` via ${formatIpv4(res.route.via)}` : ''}`, formatRoute(res.route));
  return res;
}

/** The address the kernel picks as source on a device (its first IPv4 address, else any). */
function sourceFor(ref: NsRef, dev: string): number {
  const ns = ref.netns;
  const link = ns.links.find((l) => l.name === dev);
  const own = ns.addresses.find((a) => a.family === 'inet' && a.ifindex === link?.ifindex && a.scope === 'global');
  const any = ns.addresses.find((a) => a.family === 'inet' && a.scope === 'global');
  return ((own ?? any)?.local as number | undefined) ?? 0;
}

/** The reverse-path check is part of input routing: `ip route get … iif` fails with EINVAL (e.6). */
function rpDrop(rec: Recorder, ref: NsRef, p: Packet, reason: string): NsOutcome {
  const decision = rec.result.routes[rec.result.routes.length - 1];
  if (decision) decision.error = 'Invalid argument';
  return drop(rec, ref, p, reason);
}

function drop(rec: Recorder, ref: NsRef, p: Packet, reason: string): NsOutcome {
  rec.hop('drop', { ns: ref.id }, p, p, reason);
  return { kind: 'drop', reason };
}
