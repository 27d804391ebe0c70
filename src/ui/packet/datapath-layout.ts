/**
 * Geometry of one node's datapath picture (pure), sized from its content: every pod on the
 * node on the left (the walk's pods in full, the others compact) with its host-side veth,
 * the host namespace with its netfilter hooks, routing decision and ip rules in the middle,
 * every device on its edge (the ENIs, and the `vlan.eth.N` devices of branch ENIs under
 * their trunk), then the VPC fabric, its gateway, the walk's real endpoints (the internet
 * host it went to, a load balancer) and the other nodes on the path.
 * Every place a hop can sit is a station with a point the packet marker moves to.
 */
import type { PacketWalk, WalkNamespace } from '../../worker/protocol.ts';
import { english } from '../i18n/catalogues.ts';
import type { Say } from '../i18n/text.ts';
import { HOOKS } from './hop-model.ts';
import { endpointsOf, type Endpoint } from './endpoints.ts';
import { mergeWalks } from './packets.ts';
import { shortNode } from '../../scenario/event-summary.ts';

type Walk = Extract<PacketWalk, { ok: true }>;

export interface Box {
  id: string;
  kind: 'pod' | 'host' | 'hook' | 'pill' | 'veth' | 'decision' | 'eni' | 'vlan' | 'vpc' | 'gateway' | 'internet' | 'lb' | 'remote' | 'rules';
  x: number; y: number; w: number; h: number;
  title: string;
  lines: string[];
  /** The station this box stands for (the marker's target), if any. */
  station?: string;
}

export interface Wire { id: string; points: [number, number][]; label?: string }

export interface DatapathLayout {
  node: string;
  /** The picture's size in its own units (the SVG's viewBox): it grows with pods and devices. */
  width: number;
  height: number;
  boxes: Box[];
  wires: Wire[];
  stations: Map<string, [number, number]>;
}

/** What the app knows about the node beyond the walk: all its pods, and its ENIs by device name. */
export interface NodeContext {
  pods: { id: string; ip: string }[];
  enis: { ifName: string; id: string; kind: string; vlanId?: number }[];
}

const EMPTY_CONTEXT: NodeContext = { pods: [], enis: [] };

/** Column x positions (the host namespace keeps its inner layout; everything else stacks). */
const POD_X = 12, POD_W = 270;
const VETH_X = 296, VETH_W = 134;
const HOST_X = 444, HOST_W = 565;
const DEV_X = 1024, DEV_W = 170;
const OUT_X = 1214, OUT_W = 170;
export const VIEW_W = OUT_X + OUT_W + 12;
const TOP = 16;

const HOOK_POS: Record<string, [number, number]> = {
  PREROUTING: [30, 62], FORWARD: [300, 62], POSTROUTING: [435, 62], INPUT: [165, 234], OUTPUT: [300, 234],
};

/** The layout of `node` for these walks (one, or several packets compared); `say` gives its words in the page's language. */
export function layoutDatapath(walks: Walk | Walk[], node: string, ctx: NodeContext = EMPTY_CONTEXT, say: Say = english()): DatapathLayout {
  const list = Array.isArray(walks) ? walks : [walks];
  const walk = mergeWalks(list);
  const boxes: Box[] = [];
  const wires: Wire[] = [];
  const stations = new Map<string, [number, number]>();
  const host = walk.namespaces.find((n) => n.id === node);
  const hostAddr = host?.devices[0]?.ip;
  const at = (x: number, y: number): [number, number] => [HOST_X + x, TOP + y];

  // Netfilter hooks, each with its tables as pills (a station each).
  for (const hook of HOOKS) {
    const [x, y] = at(...HOOK_POS[hook.chain]);
    const h = 34 + hook.tables.length * 30;
    boxes.push({ id: `hook:${hook.chain}`, kind: 'hook', x, y, w: 120, h, title: hook.chain, lines: [] });
    hook.tables.forEach((t, i) => {
      const py = y + 30 + i * 30;
      const id = `nf:${t} ${hook.chain}`;
      boxes.push({ id, kind: 'pill', x: x + 10, y: py, w: 100, h: 24, title: t, lines: [], station: id });
      stations.set(id, [x + 60, py + 12]);
    });
  }
  // Routing decision: ip rule, then the table it chose.
  const [dx, dy] = at(165, 62);
  boxes.push({ id: 'decision', kind: 'decision', x: dx, y: dy, w: 120, h: 124, title: say('walk.dp.routing'), lines: [] });
  (['rules', 'routes', 'forward'] as const).forEach((id, i) => {
    const title = id === 'rules' ? 'ip rule' : id === 'routes' ? say('walk.dp.routeTable') : say('walk.dp.forward');
    boxes.push({ id, kind: 'pill', x: dx + 10, y: dy + 30 + i * 30, w: 100, h: 24, title, lines: [], station: id });
    stations.set(id, [dx + 60, dy + 42 + i * 30]);
  });
  const [lx, ly] = at(30, 234);
  boxes.push({ id: 'local', kind: 'decision', x: lx, y: ly, w: 120, h: 64, title: say('walk.dp.localSocket'), lines: [say('walk.dp.hostStack')], station: 'host' });
  stations.set('host', [lx + 60, ly + 40]);

  // The host's ip rules and the route tables the walk used, as the real tools print them.
  const rules = host?.views['ip rule'] ?? [];
  const tables = Object.keys(host?.views ?? {}).filter((k) => k.startsWith('ip route show table ')).map((k) => k.slice('ip route show table '.length));
  const ruleLines = compactRules(rules);
  const [rx, ry] = at(20, 402);
  const rulesH = 52 + ruleLines.length * 17;
  boxes.push({ id: 'rule-list', kind: 'rules', x: rx, y: ry, w: HOST_W - 40, h: rulesH, title: `ip rule (${rules.length})   ·   ${say('walk.dp.tablesUsed', { tables: tables.join(', ') })}`, lines: ruleLines });

  const podBottom = layoutPods(walk, node, host, ctx, boxes, wires, stations, say);
  const devBottom = layoutDevices(host, ctx, boxes, wires, stations, say);
  const outBottom = layoutOutside(uniqueEndpoints(list.flatMap((w) => endpointsOf(w, node, say))), boxes, wires, stations, say);
  const hostH = Math.max(ry + rulesH + 16, podBottom, devBottom) - TOP;
  boxes.unshift({ id: 'host', kind: 'host', x: HOST_X, y: TOP, w: HOST_W, h: hostH, title: `${say('walk.dp.hostNamespace')} · ${shortNode(node)}${hostAddr ? ` · ${hostAddr}` : ''}`, lines: [] });
  const height = Math.max(TOP + hostH, outBottom) + 16;
  return { node, width: VIEW_W, height, boxes, wires, stations };
}

/** Every pod on the node: the walk's in full (route, neighbour), the rest compact; each with its veth. */
function layoutPods(walk: Walk, node: string, host: WalkNamespace | undefined, ctx: NodeContext, boxes: Box[], wires: Wire[], stations: Map<string, [number, number]>, say: Say): number {
  const walked = walk.namespaces.filter((n) => n.node === node && n.pod);
  const walkedIds = new Set(walked.map((p) => `${p.pod?.namespace}/${p.pod?.name}`));
  const vethOf = hostVeths(host);
  const others = ctx.pods.filter((p) => !walkedIds.has(p.id));
  let y = TOP;
  const inner = (vy: number) => at2(Math.max(TOP + 100, Math.min(vy, TOP + 180)));
  for (const p of walked) {
    const route = (p.views['ip route show table main'] ?? [])[0] ?? '';
    const neigh = (p.views['ip neigh'] ?? [])[0]?.replace(/ lladdr \S+/, '') ?? '';
    const h = 132;
    const vy = y + h - 26;
    const veth = p.pod?.hostVeth ?? '';
    boxes.push({ id: `pod:${p.id}`, kind: 'pod', x: POD_X, y, w: POD_W, h, title: say('walk.dp.pod', { pod: p.pod?.name ?? '' }), lines: [`eth0 ${p.pod?.ip}`, route, neigh], station: `pod:${p.id}` });
    stations.set(`pod:${p.id}`, [POD_X + POD_W - 22, vy]);
    vethBox(veth, vy, boxes, stations);
    wires.push({ id: `veth:${p.id}`, points: [[POD_X + POD_W, vy], [VETH_X, vy]], label: say('walk.dp.vethPair') });
    wires.push({ id: `veth-in:${p.id}`, points: [[VETH_X + VETH_W, vy], inner(vy)] });
    y += h + 14;
  }
  for (const p of others) {
    const h = 46;
    const vy = y + 30;
    const veth = vethOf.get(p.ip);
    boxes.push({ id: `pod:${node}/${p.id}`, kind: 'pod', x: POD_X, y, w: POD_W, h, title: say('walk.dp.pod', { pod: p.id.split('/').slice(1).join('/') }), lines: [], station: `pod:${node}/${p.id}` });
    boxes.push({ id: `pod-ip:${p.id}`, kind: 'pill', x: POD_X + 10, y: y + 24, w: POD_W - 20, h: 18, title: `eth0 ${p.ip}`, lines: [] });
    if (veth) {
      vethBox(veth, vy, boxes, stations);
      wires.push({ id: `veth:${p.id}`, points: [[POD_X + POD_W, vy], [VETH_X, vy]] });
    }
    y += h + 8;
  }
  return y;
}

const at2 = (y: number): [number, number] => [HOST_X + HOOK_POS.PREROUTING[0], y];

function vethBox(name: string, vy: number, boxes: Box[], stations: Map<string, [number, number]>): void {
  if (!name || stations.has(`dev:${name}`)) return;
  boxes.push({ id: `dev:${name}`, kind: 'veth', x: VETH_X, y: vy - 12, w: VETH_W, h: 24, title: name, lines: [], station: `dev:${name}` });
  stations.set(`dev:${name}`, [VETH_X + VETH_W / 2, vy]);
}

/** Pod address → host-side veth, read from the host's main table (`<pod ip> dev eni… scope link`). */
function hostVeths(host: WalkNamespace | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of host?.views['ip route show table main'] ?? []) {
    const m = /^(\d+\.\d+\.\d+\.\d+) dev (\S+) scope link/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

/** The node's devices on the host's edge: ENIs, and each `vlan.eth.N` indented under the trunk. */
function layoutDevices(host: WalkNamespace | undefined, ctx: NodeContext, boxes: Box[], wires: Wire[], stations: Map<string, [number, number]>, say: Say): number {
  const devices = host?.devices ?? [];
  let y = TOP + 40;
  for (const d of devices) {
    const eni = ctx.enis.find((e) => e.ifName === d.name);
    const vlan = d.name.startsWith('vlan.');
    const h = 70;
    const x = vlan ? DEV_X + 14 : DEV_X;
    const kind = eni?.kind === 'branch' ? `${say('walk.dp.branchEni')} · VLAN ${eni.vlanId ?? '?'}` : eni?.kind === 'trunk' ? say('walk.dp.trunkEni') : vlan ? say('walk.dp.vlanDevice') : eni?.kind === 'primary' ? say('walk.dp.primaryEni') : 'ENI';
    const id = eni?.id ? `${eni.id.slice(0, 12)}…` : '';
    boxes.push({ id: `dev:${d.name}`, kind: vlan ? 'vlan' : 'eni', x, y, w: DEV_W - (vlan ? 14 : 0), h, title: d.name, lines: [`${d.ip ?? ''}${d.publicIp ? ` ↔ ${d.publicIp}` : ''}`, [kind, id].filter(Boolean).join(' · ')], station: `dev:${d.name}` });
    stations.set(`dev:${d.name}`, [x + 14, y + 35]);
    wires.push({ id: `eni-vpc:${d.name}`, points: [[x + DEV_W - (vlan ? 14 : 0), y + 35], [OUT_X, Math.min(y + 35, TOP + 240)]] });
    y += h + 10;
  }
  wires.push({ id: 'post-eni', points: [[HOST_X + HOST_W, TOP + 120], [DEV_X, TOP + 75]] });
  return y;
}

/** The VPC fabric and gateway, the walk's own endpoints (real addresses), the other nodes. */
function layoutOutside(ends: Endpoint[], boxes: Box[], wires: Wire[], stations: Map<string, [number, number]>, say: Say): number {
  boxes.push({ id: 'vpc', kind: 'vpc', x: OUT_X, y: TOP, w: OUT_W, h: 250, title: say('walk.map.vpc'), lines: [say('walk.dp.routesByEni'), say('walk.dp.srcDstCheck')], station: 'vpc' });
  stations.set('vpc', [OUT_X + OUT_W / 2, TOP + 94]);
  boxes.push({ id: 'gateway', kind: 'gateway', x: OUT_X + 20, y: TOP + 154, w: OUT_W - 40, h: 76, title: say('walk.dp.gateway'), lines: ['IGW / NAT'], station: 'gateway' });
  stations.set('gateway', [OUT_X + OUT_W / 2, TOP + 210]);
  let y = TOP + 274;
  const place = (e: Endpoint) => {
    const h = 70;
    boxes.push({ id: e.station, kind: e.kind, x: OUT_X, y, w: OUT_W, h, title: e.title, lines: e.lines, station: e.station });
    stations.set(e.station, [OUT_X + OUT_W / 2, y + 45]);
    wires.push({ id: `vpc-${e.station}`, points: [[OUT_X + OUT_W, TOP + 140], [OUT_X + OUT_W + 6, TOP + 140], [OUT_X + OUT_W + 6, y + 35], [OUT_X + OUT_W, y + 35]] });
    y += h + 14;
  };
  for (const e of ends) place(e);
  return y;
}

/** One box per station; two packets to different internet hosts list both addresses. */
function uniqueEndpoints(ends: Endpoint[]): Endpoint[] {
  const out = new Map<string, Endpoint>();
  for (const e of ends) {
    const had = out.get(e.station);
    if (!had) out.set(e.station, e);
    else if (had.lines[0] !== e.lines[0]) out.set(e.station, { ...had, title: `${had.title}s`, lines: [had.lines[0], e.lines[0]] });
  }
  return [...out.values()];
}

/** Runs of same-priority rules (the CNI's 512 "to pod" rules) folded to one line with a count. */
export function compactRules(rules: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < rules.length; ) {
    const prio = rules[i].split(':')[0];
    let j = i;
    while (j < rules.length && rules[j].split(':')[0] === prio) j++;
    const run = j - i;
    out.push(run > 2 ? `${rules[i]}   (+${run - 1} more ${prio}: rules)` : rules[i]);
    if (run === 2) out.push(rules[i + 1]);
    i = j;
  }
  return out;
}
