/**
 * A plain-text transcript of a trace: one block per hop with where it happened, the entry
 * that decided it (as the real tool prints it) and the packet before → after.
 */
import type { Hop, TraceResult } from './hop.ts';
import type { PacketView } from './packet.ts';

const port = (ip: string, n?: number) => (n === undefined ? ip : `${ip}:${n}`);

function packetText(p: PacketView): string {
  return `${port(p.src, p.sport)} → ${port(p.dst, p.dport)} ${p.proto}${p.mark ? ` mark ${p.mark}` : ''}`;
}

function whereText(h: Hop): string {
  const w = h.where;
  return [w.ns, w.device && `dev ${w.device}`, w.table && (h.step === 'netfilter' || h.step === 'conntrack' ? `${w.table} ${w.chain}` : `table ${w.table}`)].filter(Boolean).join(', ');
}

/** The walk as text, request then reply, ending with the verdict and conntrack entries. */
export function traceTranscript(r: TraceResult): string {
  const out: string[] = [`trace ${r.request.from} → ${r.request.to} (${r.request.proto}${r.request.dport ? ` port ${r.request.dport}` : ''})`];
  let dir = '';
  r.hops.forEach((h, i) => {
    if (h.direction !== dir) {
      dir = h.direction;
      out.push('', dir === 'request' ? '── request' : '── reply');
    }
    out.push(`${String(i + 1).padStart(3)}. [${h.step}] ${whereText(h)}`);
    if (h.matched && h.matched.length > 1) for (const m of h.matched) out.push(`       ${m}`);
    else if (h.entry) out.push(`       ${h.entry.replace('\t', ' ')}`);
    const before = packetText(h.before);
    const after = packetText(h.after);
    out.push(`       ${before === after ? before : `${before}  ⇒  ${after}`}`);
    out.push(`       ${h.note}`);
  });
  out.push('');
  if (r.delivered && r.replied) out.push('result: delivered, and the reply came back');
  else if (r.delivered) out.push(`result: delivered, but the reply was dropped — ${r.drop?.reason ?? 'unknown'}`);
  else out.push(`result: dropped — ${r.drop?.reason ?? 'unknown'}`);
  if (r.fabricSource) out.push(`source seen by the VPC: ${r.fabricSource}`);
  if (r.conntrack.length) {
    out.push('', 'conntrack -L');
    for (const c of r.conntrack) out.push(`  [${c.ns}] ${c.line}`);
  }
  return out.join('\n') + '\n';
}
