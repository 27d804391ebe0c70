/**
 * What lies outside the node in a walk, drawn as what it is: the internet host by its real
 * address (a walk to 8.8.8.8 says 8.8.8.8), an address in the VPC that nothing owns, a load
 * balancer the packet passed, the other nodes on the path. Pure; the datapath layout and
 * (later) the map place these boxes.
 */
import type { Hop } from '../../sim/trace/hop.ts';
import type { PacketWalk } from '../../worker/protocol.ts';
import { english } from '../i18n/catalogues.ts';
import type { Say } from '../i18n/text.ts';
import { nodeOf } from './hop-model.ts';

type Walk = Extract<PacketWalk, { ok: true }>;

export interface Endpoint {
  /** The station hops at this endpoint sit at (`internet`, `lb:<name>`, `remote:<node>`, `addr:<ip>`). */
  station: string;
  kind: 'internet' | 'lb' | 'remote';
  title: string;
  lines: string[];
}

const withPort = (ip: string, port?: number) => (port === undefined ? ip : `${ip}:${port}`);

/**
 * The load balancer a hop is at, from the tracer's `elb:<name>/<eni>` device on the VPC fabric
 * (branch `services` writes these); undefined for any other hop.
 */
export function loadBalancerOf(h: Hop): string | undefined {
  if (h.where.ns !== 'vpc' || !h.where.device?.startsWith('elb:')) return undefined;
  return h.where.device.slice(4).split('/')[0] || undefined;
}

/** Did the walk go to (or come from) the internet: a hop on the internet or at its gateway? */
function internetBound(hops: Hop[]): boolean {
  return hops.some((h) => h.where.ns === 'internet' || (h.where.ns === 'vpc' && (h.where.device === 'igw' || h.where.device === 'nat-gateway')));
}

/** The endpoints beyond `node`, in the order the picture stacks them; `say` gives their words in the page's language. */
export function endpointsOf(walk: Walk, node: string, say: Say = english()): Endpoint[] {
  const hops = walk.result.hops;
  const out: Endpoint[] = [];
  const first = hops[0];
  if (first && internetBound(hops)) {
    // The internet end: the destination of a packet sent out, or the source of one sent in.
    const fromOutside = first.where.ns === 'internet';
    const addr = fromOutside ? withPort(first.after.src) : withPort(first.after.dst, first.after.dport);
    out.push({ station: 'internet', kind: 'internet', title: say('walk.map.internet'), lines: [addr, fromOutside ? say('walk.dp.sender') : say('walk.dp.destination')] });
  }
  const lbs = [...new Set(hops.map(loadBalancerOf).filter((n): n is string => n !== undefined))];
  for (const lb of lbs) out.push({ station: `lb:${lb}`, kind: 'lb', title: say('walk.map.lb'), lines: [lb] });
  const remotes = [...new Set(hops.map((h) => nodeOf(h.where.ns)).filter((n): n is string => n !== undefined && n !== node))];
  for (const r of remotes) {
    const ns = walk.namespaces.find((n) => n.id === r);
    const pod = walk.namespaces.find((n) => n.node === r && n.pod)?.pod;
    out.push({ station: `remote:${r}`, kind: 'remote', title: say('walk.dp.otherNode'), lines: [r.split('.')[0], pod ? say('walk.dp.podIp', { pod: pod.name, ip: pod.ip }) : ns?.devices[0]?.ip ?? ''] });
  }
  // A destination nobody in the walk owns and not on the internet: an address in the VPC (a drop says why).
  const dst = first?.after.dst;
  const owned = walk.namespaces.some((n) => n.devices.some((d) => d.ip === dst) || n.pod?.ip === dst);
  if (first && dst && !owned && !internetBound(hops) && lbs.length === 0) {
    out.push({ station: `addr:${dst}`, kind: 'remote', title: say('walk.dp.vpcAddress'), lines: [withPort(dst, first.after.dport), walk.result.delivered ? '' : say('walk.dp.notReached')] });
  }
  return out;
}
