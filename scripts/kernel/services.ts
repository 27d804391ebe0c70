/**
 * Services against the kernel (issue 10 §6): the engine's `nlb-ip-targets` sample, its
 * kube-proxy chains written by the engine and restored into network namespaces by the lab,
 * and four flows through them — a pod to a ClusterIP (TCP), a pod to kube-dns (UDP), the
 * internet to a NodePort (second hop, MASQUERADE) and the internet to the NLB with IP targets
 * (the NLB emulated in the VPC stand-in: DNAT to the target the simulator chose, SNAT to the
 * NLB node's private IP, as preserve_client_ip off does). The kernel's own random `-m statistic`
 * choice is read back from the counters and given to the tracer (`picks`), then compared:
 * reachability, the endpoint reached, the conntrack tuples on every node (DNAT and SNAT), and
 * which iptables rules' counters moved.
 */
import { formatIpv4 } from '../../src/sim/net/ipv4.ts';
import { INET_LINK, type LabNames } from '../../src/sim/lab/names.ts';
import type { TraceResult } from '../../src/sim/trace/hop.ts';
import { resolveDestination, traceFlow } from '../../src/sim/trace/tracer.ts';
import type { TraceWorld } from '../../src/sim/trace/world.ts';
import { iptFor, type Check } from './compare.ts';
import { readCounters, resetCounters } from './kernel-state.ts';
import { inNs, listen } from './shell.ts';

/** The source port every flow uses, in the lab and in the tracer. */
const SPORT = 40000;

export interface ServiceFlow {
  label: string;
  /** A pod (`namespace/name`) or `external`. */
  from: string;
  to: string;
  proto: 'tcp' | 'udp';
  dport: number;
  /** Where listeners run: every endpoint the kernel might pick. */
  servers: { ns: string; port: number }[];
  /** The NLB emulated in the VPC stand-in. */
  lb?: { publicIp: string; privateIp: string };
}

/** One connection (or datagram and its echo) from source port SPORT; true when answered. */
function connect(ns: string, dst: string, port: number, proto: 'tcp' | 'udp'): boolean {
  const code = proto === 'tcp'
    ? `const s=require('net').connect({host:'${dst}',port:${port},localPort:${SPORT}},()=>{s.end();process.exit(0)});s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),2000)`
    : `const s=require('dgram').createSocket('udp4');s.bind(${SPORT},()=>s.send('x',${port},'${dst}'));s.on('message',()=>process.exit(0));setTimeout(()=>process.exit(1),2000)`;
  return inNs(ns, [process.execPath, '-e', code], { timeoutMs: 5000 }).code === 0;
}

/**
 * The NLB stand-in: the public address answers in the VPC namespace and forwards to one target,
 * from the NLB node's private IP; the target's replies may leave to the internet (the lab's
 * internet gateway otherwise lets out only nodes' primary addresses).
 */
function programLb(vpc: string, lb: NonNullable<ServiceFlow['lb']>, target: string, on: boolean): void {
  const [ip, port] = target.split(':');
  const op = on ? '-I' : '-D';
  inNs(vpc, ['iptables', '-t', 'nat', op, 'PREROUTING', '-d', `${lb.publicIp}/32`, '-p', 'tcp', '--dport', '80', '-j', 'DNAT', '--to-destination', target]);
  inNs(vpc, ['iptables', '-t', 'nat', op, 'POSTROUTING', '-d', `${ip}/32`, '-p', 'tcp', '--dport', port, '-j', 'SNAT', '--to-source', lb.privateIp]);
  inNs(vpc, ['iptables', op, 'FORWARD', '-o', INET_LINK, '-s', `${ip}/32`, '-p', 'tcp', '--sport', port, '-m', 'conntrack', '--ctstate', 'ESTABLISHED', '-j', 'ACCEPT']);
  // The NLB node's ENI address: the VPC delivers the target's replies to it (proxy ARP needs a route).
  inNs(vpc, ['ip', 'addr', on ? 'add' : 'del', `${lb.privateIp}/32`, 'dev', 'lo']);
}

const TUPLES = /src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+) (?:\[UNREPLIED\] )?src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+)/;

/** Addresses a node masqueraded to (an entry whose reply goes to another address than the sender). */
function masqueraded(lines: string[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    const m = TUPLES.exec(l);
    if (m && m[6] !== m[1]) out.add(m[6]);
  }
  return out;
}

/**
 * `conntrack -L` tuples, `src dst sport dport | src dst sport dport`, with the source ports of
 * masqueraded addresses masked: MASQUERADE --random-fully picks them at random (the kernel's
 * pick and the tracer's seeded one differ), on the node that translated and on the next hop alike.
 */
function tuples(line: string, masq: Set<string>): string | undefined {
  const m = TUPLES.exec(line);
  if (!m) return undefined;
  const sport = masq.has(m[1]) ? '*' : m[3];
  const dport = masq.has(m[6]) ? '*' : m[8];
  return `${m[1]} ${m[2]} ${sport} ${m[4]} | ${m[5]} ${m[6]} ${m[7]} ${dport}`;
}

/** The tracer's choices the kernel made: `KUBE-SVC-…`/`KUBE-SVL-…` → the `KUBE-SEP-…` it jumped to. */
function kernelPicks(moved: { chain: string; text: string }[]): Record<string, string> {
  const picks: Record<string, string> = {};
  for (const c of moved) {
    const sep = / -j (KUBE-SEP-[A-Z2-7]{16})$/.exec(c.text);
    if (sep && /^KUBE-(SVC|SVL)-/.test(c.chain)) picks[c.chain] = sep[1];
  }
  return picks;
}

/** Runs one flow in the lab and the tracer; the checks comparing them. */
export async function serviceFlowChecks(w: TraceWorld, names: LabNames, flow: ServiceFlow): Promise<Check[]> {
  const nodes = w.nodes.map((n) => n.nodeName);
  // Each node's own backend: AL2 writes iptables-legacy, AL2023 iptables-nft (its counters live in nftables).
  resetCounters(nodes.map((n) => names.of(n)), (ns) => iptFor(w, nodes.find((n) => names.of(n) === ns)!, 'cmd'));
  inNs(names.vpc, ['conntrack', '-F']);
  const req = { from: flow.from, to: flow.to, proto: flow.proto, dport: flow.dport, sport: SPORT };
  // The load balancer is not under test: the lab forwards to the target the simulator picks.
  const lbChoice = flow.lb ? traceFlow(w, req).result.loadBalancer?.target : undefined;
  if (flow.lb && lbChoice) programLb(names.vpc, flow.lb, lbChoice, true);
  const servers = await Promise.all(flow.servers.map((s) => listen(s.ns, s.port, flow.proto)));
  let answered: boolean;
  try {
    const src = flow.from === 'external' ? names.inet : names.of(w.namespaces.get(flow.from)?.id ?? [...w.namespaces.values()].find((r) => r.pod && `${r.pod.namespace}/${r.pod.pod}` === flow.from)!.id);
    answered = connect(src, formatIpv4(resolveDestination(w, flow.to) as number), flow.dport, flow.proto);
  } finally {
    for (const s of servers) s.kill('SIGTERM');
    if (flow.lb && lbChoice) programLb(names.vpc, flow.lb, lbChoice, false);
  }
  const moved = new Map(nodes.map((n) => [n, readCounters(names.of(n), iptFor(w, n, 'save')).filter((c) => c.packets > 0)]));
  const picks = Object.assign({}, ...[...moved.values()].map(kernelPicks)) as Record<string, string>;
  const sim: TraceResult = traceFlow(w, { ...req, picks, ...(lbChoice ? { lbTarget: lbChoice } : {}) }).result;
  const checks: Check[] = [];
  const simOk = sim.delivered && sim.replied;
  checks.push({ name: `${flow.label} reachability`, ok: answered === simOk, kernel: answered ? 'answered' : 'no answer', sim: simOk ? 'answered' : `no answer (${sim.drop?.reason ?? '?'})` });
  // Conntrack was flushed before the flow: every entry is the flow's.
  const kernelLines = new Map(nodes.map((n) => [n, inNs(names.of(n), ['conntrack', '-L']).stdout.split('\n')]));
  const kMasq = masqueraded([...kernelLines.values()].flat());
  const sMasq = masqueraded(sim.conntrack.map((c) => c.line));
  for (const node of nodes) {
    const kTuples = kernelLines.get(node)!.map((l) => tuples(l, kMasq)).filter((t): t is string => !!t).toSorted();
    const sTuples = sim.conntrack.filter((c) => c.ns === node).map((c) => tuples(c.line, sMasq)).filter((t): t is string => !!t).toSorted();
    checks.push({ name: `${flow.label} conntrack tuples on ${node} (${kTuples.length})`, ok: kTuples.join(' ; ') === sTuples.join(' ; '), kernel: kTuples.join(' ; ') || 'none', sim: sTuples.join(' ; ') || 'none' });
    const kHits = new Map(moved.get(node)!.map((c) => [`${c.table} ${c.chain} ${c.index}`, `${c.table}: ${c.text}`]));
    const sHits = new Map(sim.counters.filter((c) => c.ns === node).map((c) => [`${c.table} ${c.chain} ${c.index}`, `${c.table}: ${c.text}`]));
    const onlyK = [...kHits].filter(([k]) => !sHits.has(k)).map(([, t]) => t);
    const onlyS = [...sHits].filter(([k]) => !kHits.has(k)).map(([, t]) => t);
    checks.push({
      name: `${flow.label} iptables counters on ${node} (${kHits.size} rules moved)`, ok: onlyK.length === 0 && onlyS.length === 0,
      kernel: onlyK.length ? `moved but not in the trace: ${onlyK.join(' | ')}` : 'same rules', sim: onlyS.length ? `traced but did not move: ${onlyS.join(' | ')}` : 'same rules',
    });
  }
  // The endpoint: where the node that translated the flow sent it, by its conntrack entry's reply source.
  const kernelEndpoint = [...nodes].flatMap((n) => inNs(names.of(n), ['conntrack', '-L']).stdout.split('\n'))
    .map((l) => /src=\S+ dst=(\S+) sport=\d+ dport=(\d+) (?:\[UNREPLIED\] )?src=(\S+) dst=\S+ sport=(\d+)/.exec(l))
    .find((m) => m && (m[1] !== m[3] || m[2] !== m[4]));
  const k = kernelEndpoint ? `${kernelEndpoint[3]}:${kernelEndpoint[4]}` : 'not translated';
  const s = sim.endpoint ? `${sim.endpoint.ip}:${sim.endpoint.port}` : 'not delivered';
  if (!flow.lb) checks.push({ name: `${flow.label} endpoint reached`, ok: k === s, kernel: k, sim: `${s}${sim.endpoint?.pod ? ` (${sim.endpoint.pod})` : ''}` });
  return checks;
}

/** The four flows through `nlb-ip-targets`' Services (its world at 290 s: the NLB active, no traffic yet). */
export function serviceFlows(w: TraceWorld, names: LabNames): ServiceFlow[] {
  const pods = [...w.namespaces.values()].filter((r) => r.pod);
  const of = (prefix: string) => pods.filter((r) => `${r.pod!.namespace}/${r.pod!.pod}`.startsWith(prefix));
  const ui = of('ui/ui-');
  const dns = of('kube-system/coredns-');
  const uiSvc = w.fabric.services.find((s) => s.kind === 'service' && s.name === 'ui-nlb')!;
  const lb = w.fabric.loadBalancers[0];
  const lbNode = lb.nodes.find((n) => lb.listeners[0].targets.some((t) => t.zone === n.zone && t.healthy)) ?? lb.nodes[0];
  const nodeA = w.nodes.find((n) => !n.pods.some((p) => p.namespace === 'ui'))!;
  const np = nodeA.host.netfilter.nat.chains.find((c) => c.name === 'KUBE-NODEPORTS')!.rules
    .flatMap((r) => r.matches.flatMap((m) => (m.module === 'tcp' && m.dport && !r.dst ? [m.dport.value] : [])))[0];
  const publicA = w.fabric.enis.find((e) => e.node === nodeA.nodeName && e.publicIp !== undefined)!.publicIp!;
  const uiServers = ui.map((r) => ({ ns: names.of(r.id), port: 8080 }));
  const id = (r: (typeof pods)[number]) => `${r.pod!.namespace}/${r.pod!.pod}`;
  return [
    { label: 'services: pod → ClusterIP ui-nlb:80 (tcp)', from: id(dns[0]), to: uiSvc.clusterIP!, proto: 'tcp', dport: 80, servers: uiServers },
    { label: 'services: pod → kube-dns:53 (udp)', from: id(ui[0]), to: '10.100.0.10', proto: 'udp', dport: 53, servers: dns.map((r) => ({ ns: names.of(r.id), port: 53 })) },
    { label: `services: internet → NodePort ${np} on ${nodeA.nodeName}`, from: 'external', to: formatIpv4(publicA), proto: 'tcp', dport: np, servers: uiServers },
    {
      label: 'services: internet → NLB (IP targets)', from: 'external', to: formatIpv4(lbNode.publicIp!), proto: 'tcp', dport: 80, servers: uiServers,
      lb: { publicIp: formatIpv4(lbNode.publicIp!), privateIp: formatIpv4(lbNode.privateIp) },
    },
  ];
}
