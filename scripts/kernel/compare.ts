/**
 * One flow, kernel against simulator: routing decisions (`ip route get`), the deciding
 * `ip rule` / `ip route` lines, reachability, the source the fabric saw, and which iptables
 * rules' counters moved.
 */
import type { TraceResult } from '../../src/sim/trace/hop.ts';
import type { TraceWorld } from '../../src/sim/trace/world.ts';
import type { LabNames } from '../../src/sim/lab/names.ts';
import { captureFirstSource, readCounters, resetCounters, routeGet } from './kernel-state.ts';
import type { Flow } from './scenarios.ts';
import { inNs, udpEcho, type Listeners } from './shell.ts';
import { snatPortCheck } from './snat-ports.ts';

export interface Check {
  name: string;
  ok: boolean;
  kernel: string;
  sim: string;
}

/** The iptables command (or its -save) of the backend the node owning namespace `id` runs: AL2 legacy, AL2023 nft. */
export const iptFor = (w: TraceWorld, id: string, what: 'cmd' | 'save') => {
  const legacy = w.namespaces.get(id)?.node.config.iptablesBackend !== 'nft';
  return what === 'cmd' ? (legacy ? 'iptables-legacy' : 'iptables-nft') : legacy ? 'iptables-legacy-save' : 'iptables-nft-save';
};

/** Routing decisions: same type, device, table and gateway (or both refuse). */
export function routeChecks(w: TraceWorld, names: LabNames, label: string, sim: TraceResult): Check[] {
  return sim.routes.map((d) => {
    const k = routeGet(names.of(d.ns), d);
    const where = `${label} route ${d.direction} ${d.ns} iif ${d.iif} ${d.src}→${d.dst}${d.mark ? ` mark 0x${d.mark.toString(16)}` : ''}`;
    if (!d.result || d.error) return { name: where, ok: k.type === 'error' && k.error === d.error, kernel: k.raw, sim: `error: ${d.error}` };
    const r = d.result;
    const simText = r.type === 'local' ? `local table ${r.table}` : `dev ${r.dev} table ${r.table}${r.via ? ` via ${r.via}` : ''}`;
    const kText = k.type === 'error' ? `error: ${k.error}` : k.type === 'local' ? `local table ${k.table}` : `dev ${k.dev} table ${k.table}${k.via ? ` via ${k.via}` : ''}`;
    return { name: where, ok: simText === kText, kernel: kText, sim: simText };
  });
}

/** The lines the tracer quotes must be lines the real `ip rule` / `ip route` print. */
export function entryChecks(w: TraceWorld, names: LabNames, label: string, sim: TraceResult): Check[] {
  const missing: string[] = [];
  const cache = new Map<string, string[]>();
  const lines = (ns: string, argv: string[]) => {
    const key = ns + argv.join(' ');
    if (!cache.has(key)) cache.set(key, inNs(names.of(ns), argv).stdout.split('\n').map((l) => l.trim()));
    return cache.get(key)!;
  };
  let count = 0;
  for (const h of sim.hops) {
    if (!h.entry || !w.namespaces.has(h.where.ns)) continue;
    if (h.step === 'ip-rule') {
      count++;
      if (!lines(h.where.ns, ['ip', 'rule']).includes(h.entry.trim())) missing.push(`ip rule: ${h.entry}`);
    } else if (h.step === 'route') {
      count++;
      if (!lines(h.where.ns, ['ip', 'route', 'show', 'table', h.where.table ?? 'main']).includes(h.entry.trim())) missing.push(`ip route show table ${h.where.table}: ${h.entry}`);
    }
  }
  return [{ name: `${label} ${count} quoted ip rule/route lines appear in the kernel's output`, ok: missing.length === 0, kernel: missing.length ? 'not printed by the kernel' : 'all printed', sim: missing.join(' | ') || 'all printed' }];
}

/** World id of a node name or `namespace/pod`. */
function podId(w: TraceWorld, name: string): string {
  return w.namespaces.get(name)?.id ?? [...w.namespaces.values()].find((r) => r.pod && `${r.pod.namespace}/${r.pod.pod}` === name)!.id;
}

/**
 * How long a ping or a UDP client waits for a reply. In the lab a reply comes within milliseconds or never (no
 * link delay, every neighbour answers ARP at once), so a flow the tracer predicts to fail
 * waits less: the wait is the test's cost, not its check. A flow predicted to succeed keeps
 * the long wait, so a slow machine does not fail it; one predicted to fail that does get a
 * reply still fails the check, only a reply later than the short wait would be missed.
 */
const WAIT_S = { expected: 2, expectedFail: 0.5 };

/** Sends the flow in the lab; true when the reply came back. */
async function sendFlow(w: TraceWorld, names: LabNames, flow: Flow, dst: string, dstNs: string, expectReply: boolean, listeners: Listeners): Promise<boolean> {
  const src = flow.from === 'external' ? names.inet : names.of(podId(w, flow.from));
  const wait = expectReply ? WAIT_S.expected : WAIT_S.expectedFail;
  if (flow.proto === 'icmp') return inNs(src, ['ping', '-c1', `-W${wait}`, '-q', dst], { timeoutMs: 5000 }).code === 0;
  const serverNs = flow.server ? names.of(podId(w, flow.server.pod)) : dstNs;
  const serverPort = flow.server?.port ?? flow.dport ?? 80;
  await listeners.ensure(serverNs, serverPort, flow.proto);
  if (flow.proto === 'udp') return udpEcho(src, dst, flow.dport ?? 80, flow.connected, wait * 1000);
  // Under the kernel's 1 s initial RTO: a walk is one SYN and its answer, and a retransmitted
  // SYN (after a SYN-ACK was dropped, e.9) would be ESTABLISHED in conntrack and move other rules.
  // Not shortened for expected failures: `timeout` also covers bash's start, which on a busy
  // machine could eat a short wait before the SYN is sent.
  const answered = inNs(src, ['timeout', '0.9', 'bash', '-c', `exec 3<>/dev/tcp/${dst}/${flow.dport ?? 80}`], { timeoutMs: 5000 }).code === 0;
  if (!answered) await listeners.stop(serverNs, serverPort, 'tcp');
  return answered;
}

/** Runs the flow in the kernel and compares what moved with what the tracer said. */
export async function trafficChecks(w: TraceWorld, names: LabNames, label: string, flow: Flow, sim: TraceResult, dst: string, dstNs: string, listeners: Listeners): Promise<Check[]> {
  const nodes = w.nodes.map((n) => n.nodeName);
  resetCounters(nodes.map(names.of), (ns) => iptFor(w, nodes.find((n) => names.of(n) === ns)!, 'cmd'));
  inNs(names.vpc, ['conntrack', '-F']);
  const simOk = sim.delivered && sim.replied;
  const capture = await captureFirstSource(names.vpc, sim.fabricSource !== undefined);
  const ok = await sendFlow(w, names, flow, dst, dstNs, simOk, listeners);
  const seen = await capture.stop();
  const checks: Check[] = [
    { name: `${label} reachability`, ok: ok === simOk, kernel: ok ? 'reply received' : 'no reply', sim: simOk ? 'reply received' : `no reply (${sim.drop?.reason ?? '?'})` },
  ];
  if (seen !== undefined || sim.fabricSource !== undefined) {
    checks.push({ name: `${label} source seen on the VPC fabric`, ok: seen === sim.fabricSource, kernel: seen ?? 'nothing reached the fabric', sim: sim.fabricSource ?? 'nothing reaches the fabric' });
  }
  for (const node of nodes) {
    const port = snatPortCheck(label, node, names.of(node), sim);
    if (port) checks.push(port);
    const moved = readCounters(names.of(node), iptFor(w, node, 'save')).filter((c) => c.packets > 0);
    // Rules are identified by table, chain and position; the text is shown for reading.
    const kernelHits = new Map(moved.map((c) => [`${c.table} ${c.chain} ${c.index}`, `${c.table}: ${c.text}`]));
    const simHits = new Map(sim.counters.filter((c) => c.ns === node).map((c) => [`${c.table} ${c.chain} ${c.index}`, `${c.table}: ${c.text}`]));
    const onlyK = [...kernelHits].filter(([k]) => !simHits.has(k)).map(([, t]) => t);
    const onlyS = [...simHits].filter(([k]) => !kernelHits.has(k)).map(([, t]) => t);
    const kSet = kernelHits;
    checks.push({
      name: `${label} iptables counters on ${node} (${kSet.size} rules moved)`,
      ok: onlyK.length === 0 && onlyS.length === 0,
      kernel: onlyK.length ? `moved but not in the trace: ${onlyK.join(' | ')}` : 'same rules',
      sim: onlyS.length ? `traced but did not move: ${onlyS.join(' | ')}` : 'same rules',
    });
  }
  return checks;
}
