/**
 * One namespace's part of a walk: the netfilter hooks in the kernel's order, conntrack's
 * NAT bookkeeping, policy routing and the reverse-path check. It returns where the packet
 * goes next (out of a device, up to a socket, or nowhere) and records every hop.
 */
import { et, type EngineText, type EngineTextId, type EngineTextValue } from '../engine-text.ts';
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

  /** `note`: the English and its text (every hop has both, so the UI can translate each). */
  hop(step: HopStep, where: Hop['where'], before: Packet, after: Packet, note: Note, entry?: string, matched?: string[]): void {
    const h: Hop = { direction: this.direction, step, where, before: viewPacket(before), after: viewPacket(after), note: note.en, text: note.text };
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
    const note = res.verdict === 'DROP' ? said(`${table} ${chain} drops the packet`, 'sim.hop.chainDrops', { table, chain })
      : res.matched.length ? describeEffects(before, p, ct.entry)
        : said(`no rule matched; policy ${c.policy ?? 'ACCEPT'}`, 'sim.hop.noRuleMatched', { policy: c.policy ?? 'ACCEPT' });
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
      if (!hook('mangle', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, droppedIn('mangle', 'OUTPUT'));
      const again = lookup(rec, ref, p, 'lo', p, said('nat OUTPUT routes the rewritten packet again, by its source and mark too (ip_route_me_harder)', 'sim.hop.routeAgain'));
      if (!again) return drop(rec, ref, p, noRoute(p));
      route = again;
    }
    if (route.route.type === 'local') {
      confirm(rec, ref, ctOf());
      return { kind: 'deliver' };
    }
    if (!hook('filter', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, droppedIn('filter', 'OUTPUT'));
    return undefined;
  };
  if (inDev !== undefined) {
    if (!hook('raw', 'PREROUTING', { inIface: inDev })) return drop(rec, ref, p, droppedIn('raw', 'PREROUTING'));
    if (!hook('mangle', 'PREROUTING', { inIface: inDev })) return drop(rec, ref, p, droppedIn('mangle', 'PREROUTING'));
    if (!hook('nat', 'PREROUTING', { inIface: inDev })) return drop(rec, ref, p, droppedIn('nat', 'PREROUTING'));
    const nft = ref.pod ? undefined : ref.node.awsCniNft;
    if (nft && ctOf().fresh) {
      const before = copyPacket(p);
      const lines = runAwsCniNft(nft, p, ctOf().entry, inDev, isLocal(p.dst));
      rec.hop('netfilter', { ns: ref.id, device: inDev, table: 'nft ip aws-cni', chain: 'nat-prerouting' }, before, p, describeEffects(before, p, ctOf().entry), lines[lines.length - 1], lines);
    }
    route = lookup(rec, ref, p, inDev);
    if (!route) return drop(rec, ref, p, noRoute(p));
    if (route.route.type === 'local') {
      const rp = validateSource(ns, p.src, p.dst, inDev, undefined);
      if (!rp.ok) return rpDrop(rec, ref, p, { en: rp.reason, text: rp.text });
      if (!hook('mangle', 'INPUT', { inIface: inDev })) return drop(rec, ref, p, droppedIn('mangle', 'INPUT'));
      if (!hook('filter', 'INPUT', { inIface: inDev })) return drop(rec, ref, p, droppedIn('filter', 'INPUT'));
      // IPVS sees a connection's first packet; later ones follow its connection (and conntrack).
      const vs = ref.pod || !ctOf().fresh ? undefined : ipvsServiceFor(ns, p);
      if (!vs) {
        if (!hook('nat', 'INPUT', { inIface: inDev })) return drop(rec, ref, p, droppedIn('nat', 'INPUT'));
        confirm(rec, ref, ctOf());
        return { kind: 'deliver' };
      }
      // IPVS takes the packet at LOCAL_IN (before nat INPUT) and sends it on through LOCAL_OUT.
      const done = throughIpvs(vs);
      if (done) return done;
    } else {
      if (route.route.type !== 'unicast') return drop(rec, ref, p, said(`route type ${route.route.type}: ${formatRoute(route.route)}`, 'sim.hop.routeType', { type: route.route.type, route: formatRoute(route.route) }));
      if (sysctlNumber(ns, 'net.ipv4.ip_forward', ref.pod ? 0 : 1) !== 1) return drop(rec, ref, p, said('net.ipv4.ip_forward=0: the namespace does not forward', 'sim.hop.noForwarding'));
      const rp = validateSource(ns, p.src, p.dst, inDev, route.route.dev);
      if (!rp.ok) return rpDrop(rec, ref, p, { en: rp.reason, text: rp.text });
      // Early demux ran before routing (after PREROUTING): only now is it known to matter.
      const demux = earlyDemux(ref, rec.sockets, p);
      if (demux) {
        const reason = demuxDropReason(demux);
        rec.hop('drop', { ns: ref.id, device: inDev }, p, p, reason, `${demux.sysctl} = 1`);
        return { kind: 'drop', reason: reason.en };
      }
      rec.hop('forward', { ns: ref.id, device: inDev }, p, p, said(`forwarded from ${inDev} to ${route.route.dev}; rp_filter passed`, 'sim.hop.forwarded', { from: inDev, to: route.route.dev }));
      if (!hook('mangle', 'FORWARD', { inIface: inDev, outIface: route.route.dev })) return drop(rec, ref, p, droppedIn('mangle', 'FORWARD'));
      if (!hook('filter', 'FORWARD', { inIface: inDev, outIface: route.route.dev })) return drop(rec, ref, p, droppedIn('filter', 'FORWARD'));
    }
  } else {
    route = lookup(rec, ref, p, 'lo');
    if (!route) return drop(rec, ref, p, noRoute(p));
    if (rec.direction === 'request') {
      const connected = p.proto === 'tcp' || (p.proto === 'udp' && !!rec.result.request.connected);
      rec.sockets.push({ ns: ref.id, proto: p.proto, local: p.src, lport: p.sport, remote: p.dst, rport: p.dport, connected });
    }
    const routedDst = p.dst;
    const routedMark = p.mark;
    if (!hook('raw', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, droppedIn('raw', 'OUTPUT'));
    if (!hook('mangle', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, droppedIn('mangle', 'OUTPUT'));
    if (!hook('nat', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, droppedIn('nat', 'OUTPUT'));
    // A ClusterIP the node itself calls: IPVS at LOCAL_OUT (after nat OUTPUT, before filter), with
    // the VIP as source (the local route's `src`), which KUBE-SERVICES' `src,dst` rule marked for masquerade.
    const vs = route.route.type === 'local' && !ref.pod && ctOf().fresh ? ipvsServiceFor(ns, p) : undefined;
    if (vs) {
      const done = throughIpvs(vs);
      if (done) return done;
    } else {
      if (!hook('filter', 'OUTPUT', { outIface: route.route.dev })) return drop(rec, ref, p, droppedIn('filter', 'OUTPUT'));
      // ip_route_me_harder: a destination rewritten in nat OUTPUT (or a mark set in mangle
      // OUTPUT) sends the packet through routing again.
      if (p.dst !== routedDst || p.mark !== routedMark) {
        route = lookup(rec, ref, p, 'lo');
        if (!route) return drop(rec, ref, p, noRoute(p));
      }
      if (route.route.type === 'local') {
        confirm(rec, ref, ctOf());
        return { kind: 'deliver' };
      }
    }
  }
  const dev = route.route.dev;
  if (!hook('mangle', 'POSTROUTING', { inIface: postIn, outIface: dev })) return drop(rec, ref, p, droppedIn('mangle', 'POSTROUTING'));
  if (!hook('nat', 'POSTROUTING', { inIface: postIn, outIface: dev })) return drop(rec, ref, p, droppedIn('nat', 'POSTROUTING'));
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
  const server = `${vs.protocol.toUpperCase()} ${formatIpv4(vs.address)}:${vs.port}`;
  if (i === undefined) {
    rec.hop('drop', where, p, p, said(`IPVS virtual server ${server} (${vs.service}) has no real server: IPVS answers ICMP port unreachable (connection refused)`, 'sim.ipvs.noRealServer', { server, service: vs.service }), lines[0], lines);
    return undefined;
  }
  const rs = vs.realServers[i];
  p.dst = rs.address;
  p.dport = rs.port;
  ct.entry.dnat = { to: rs.address, port: rs.port };
  ct.entry.ipvs = virtualServerLine(vs);
  const how = vs.persistentTimeout !== undefined
    ? said(`persistent ${vs.persistentTimeout}: this client keeps it`, 'sim.ipvs.persistent', { timeout: vs.persistentTimeout })
    : said(`${vs.scheduler}: real server ${i + 1} of ${vs.realServers.length}`, 'sim.ipvs.scheduled', { scheduler: vs.scheduler, n: i + 1, total: vs.realServers.length });
  const real = `${formatIpv4(rs.address)}:${rs.port}`;
  const from = `${formatIpv4(before.dst)}:${before.dport}`;
  rec.hop('ipvs', where, before, p, said(`IPVS virtual server ${server} (${vs.service}, scheduler ${vs.scheduler}) picks ${real} (${how.en}); Masq (NAT): destination rewritten ${from} → ${real}, kept in conntrack (net.ipv4.vs.conntrack=1)`,
    'sim.ipvs.picks', { server, service: vs.service, scheduler: vs.scheduler, real, how: how.text, from }), realServerLine(rs), [lines[0], realServerLine(rs)]);
  rec.result.service ??= vs.service;
  return lookup(rec, ref, p, 'lo', { src: 0, mark: 0 }, said('IPVS routes the packet to its real server by destination alone', 'sim.ipvs.routeByDestination'));
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
      ? said(`IPVS translates the reply back to its virtual server ${e.ipvs} (the connection's conntrack entry carries it)`, 'sim.hop.ipvsReplyBack', { vs: e.ipvs })
      : said(`conntrack reverses the connection's NAT (nat ${chain} is not traversed by established connections)`, 'sim.hop.conntrackReverses', { chain });
    rec.hop('conntrack', { ns: ref.id, table: 'nat', chain }, before, p, note);
  }
  return true;
}

function droppedIn(table: string, chain: string): Note {
  return said(`dropped in ${table} ${chain}`, 'sim.hop.droppedIn', { table, chain });
}

function noRoute(p: Packet): Note {
  return said(`no route to ${formatIpv4(p.dst)} (Network is unreachable)`, 'sim.hop.noRoute', { ip: formatIpv4(p.dst) });
}

/** A hop's explanation: the English note and, for the UI, the same as a message id and values. */
export interface Note { readonly en: string; readonly text: EngineText }

export function said(en: string, id: EngineTextId, values?: Record<string, EngineTextValue>): Note {
  return { en, text: et(id, values) };
}

function describeEffects(before: Packet, after: Packet, ct: ConntrackEntry): Note {
  const notes: Note[] = [];
  if (before.src !== after.src) notes.push(said(`source rewritten ${formatIpv4(before.src)} → ${formatIpv4(after.src)}`, 'sim.hop.srcRewritten', { from: formatIpv4(before.src), to: formatIpv4(after.src) }));
  if (before.sport !== after.sport) {
    const how = ct.snat?.random ? ` (--${ct.snat.random}: picked at random for this connection; conntrack's reply tuple carries it)` : '';
    const values = { kind: after.proto === 'icmp' ? 'icmp' : 'port', from: before.sport, to: after.sport, how: ct.snat?.random ? et('sim.hop.randomPort', { flag: ct.snat.random }) : '' };
    notes.push(said(`${after.proto === 'icmp' ? 'echo id' : 'source port'} ${before.sport} → ${after.sport}${how}`, 'sim.hop.portChanged', values));
  }
  if (before.dst !== after.dst) notes.push(said(`destination rewritten ${formatIpv4(before.dst)} → ${formatIpv4(after.dst)}`, 'sim.hop.dstRewritten', { from: formatIpv4(before.dst), to: formatIpv4(after.dst) }));
  if (before.mark !== after.mark) notes.push(said(`packet mark now 0x${after.mark.toString(16)}`, 'sim.hop.markNow', { mark: `0x${after.mark.toString(16)}` }));
  if (ct.mark) notes.push(said(`connection mark 0x${ct.mark.toString(16)}`, 'sim.hop.connmark', { mark: `0x${ct.mark.toString(16)}` }));
  // "a; b; c" as nested pairs, so a language can use its own separator.
  return notes.length ? notes.reduceRight((rest, n) => said(`${n.en}; ${rest.en}`, 'sim.hop.both', { first: n.text, rest: rest.text })) : said('rules matched, packet unchanged', 'sim.hop.unchanged');
}

/**
 * `flow`: the source and mark the lookup is made with, when not the packet's (IPVS routes by
 * destination alone); `why`: why the packet is routed (again), said on the ip rule hop.
 */
function lookup(rec: Recorder, ref: NsRef, p: Packet, iif: string, flow: { src: number; mark: number } = p, why?: Note): RouteResult | undefined {
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
    rec.hop('send', { ns: ref.id, device: res.route.dev }, before, p, said(`source address chosen: ${formatIpv4(p.src)}`, 'sim.hop.sourceChosen', { ip: formatIpv4(p.src) }));
  }
  const table = tableName(res.table);
  rec.hop('ip-rule', { ns: ref.id, device: iif }, p, p, why ? said(`${why.en}: first matching rule sends the lookup to table ${table}`, 'sim.hop.ruleToTableBecause', { why: why.text, table })
    : said(`first matching rule sends the lookup to table ${table}`, 'sim.hop.ruleToTable', { table }), formatIpRule(res.rule));
  const via = res.route.via === undefined ? undefined : formatIpv4(res.route.via);
  rec.hop('route', { ns: ref.id, table }, p, p, res.route.type === 'local' ? said('a local address: delivered up the stack', 'sim.hop.localAddress')
    : via === undefined ? said(`out of ${res.route.dev}`, 'sim.hop.outOf', { dev: res.route.dev }) : said(`out of ${res.route.dev} via ${via}`, 'sim.hop.outOfVia', { dev: res.route.dev, via }), formatRoute(res.route));
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
function rpDrop(rec: Recorder, ref: NsRef, p: Packet, reason: Note): NsOutcome {
  const decision = rec.result.routes[rec.result.routes.length - 1];
  if (decision) decision.error = 'Invalid argument';
  return drop(rec, ref, p, reason);
}

function drop(rec: Recorder, ref: NsRef, p: Packet, reason: Note): NsOutcome {
  rec.hop('drop', { ns: ref.id }, p, p, reason);
  return { kind: 'drop', reason: reason.en };
}
