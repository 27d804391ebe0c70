/**
 * Geometry of one node's datapath picture (pure): pod namespaces and their veths on the
 * left, the host namespace with its netfilter hooks, routing decision and ip rules in the
 * middle, the ENIs on its edge, then the VPC fabric, the internet and other nodes.
 * Every place a hop can sit is a station with a point the packet marker moves to.
 */
import type { PacketWalk, WalkNamespace } from '../../worker/protocol.ts';
import { HOOKS } from './hop-model.ts';

type Walk = Extract<PacketWalk, { ok: true }>;

export const VIEW_W = 1200;
export const VIEW_H = 620;

export interface Box {
  id: string;
  kind: 'pod' | 'host' | 'hook' | 'pill' | 'decision' | 'eni' | 'vpc' | 'gateway' | 'internet' | 'remote' | 'rules';
  x: number; y: number; w: number; h: number;
  title: string;
  lines: string[];
  /** The station this box stands for (the marker's target), if any. */
  station?: string;
}

export interface Wire { id: string; points: [number, number][]; label?: string }

export interface DatapathLayout {
  node: string;
  boxes: Box[];
  wires: Wire[];
  stations: Map<string, [number, number]>;
}

const HOOK_POS: Record<string, [number, number]> = {
  PREROUTING: [370, 78], FORWARD: [640, 78], POSTROUTING: [775, 78], INPUT: [505, 250], OUTPUT: [640, 250],
};

/** The layout of `node` for this walk. */
export function layoutDatapath(walk: Walk, node: string): DatapathLayout {
  const boxes: Box[] = [];
  const wires: Wire[] = [];
  const stations = new Map<string, [number, number]>();
  const host = walk.namespaces.find((n) => n.id === node);
  const hostAddr = host?.devices[0]?.ip;

  boxes.push({ id: 'host', kind: 'host', x: 340, y: 16, w: 565, h: 592, title: `host namespace · ${shortNode(node)}${hostAddr ? ` · ${hostAddr}` : ''}`, lines: [] });

  // Netfilter hooks, each with its tables as pills (a station each).
  for (const hook of HOOKS) {
    const [x, y] = HOOK_POS[hook.chain];
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
  boxes.push({ id: 'decision', kind: 'decision', x: 505, y: 78, w: 120, h: 124, title: 'routing', lines: [] });
  boxes.push({ id: 'rules', kind: 'pill', x: 515, y: 108, w: 100, h: 24, title: 'ip rule', lines: [], station: 'rules' });
  boxes.push({ id: 'routes', kind: 'pill', x: 515, y: 138, w: 100, h: 24, title: 'route table', lines: [], station: 'routes' });
  boxes.push({ id: 'forward', kind: 'pill', x: 515, y: 168, w: 100, h: 24, title: 'forward', lines: [], station: 'forward' });
  stations.set('rules', [565, 120]).set('routes', [565, 150]).set('forward', [565, 180]);
  boxes.push({ id: 'local', kind: 'decision', x: 370, y: 250, w: 120, h: 64, title: 'local socket', lines: ['host stack'], station: 'host' });
  stations.set('host', [430, 290]);

  // The host's ip rules and the route tables the walk used, as the real tools print them.
  const rules = host?.views['ip rule'] ?? [];
  const tables = Object.keys(host?.views ?? {}).filter((k) => k.startsWith('ip route show table ')).map((k) => k.slice('ip route show table '.length));
  boxes.push({ id: 'rule-list', kind: 'rules', x: 360, y: 418, w: 530, h: 178, title: `ip rule (${rules.length})   ·   route tables used: ${tables.join(', ')}`, lines: compactRules(rules) });

  // Pod namespaces on this node, each joined to the host by its veth pair.
  const pods = walk.namespaces.filter((n) => n.node === node && n.pod).slice(0, 2);
  pods.forEach((p, i) => {
    const y = 40 + i * 250;
    const route = (p.views['ip route show table main'] ?? [])[0] ?? '';
    const neigh = (p.views['ip neigh'] ?? [])[0]?.replace(/ lladdr \S+/, '') ?? '';
    boxes.push({ id: `pod:${p.id}`, kind: 'pod', x: 12, y, w: 290, h: 150, title: `pod ${p.pod?.name}`, lines: [`eth0 ${p.pod?.ip}`, route, neigh], station: `pod:${p.id}` });
    stations.set(`pod:${p.id}`, [280, y + 120]);
    const vy = y + 120;
    stations.set(`dev:${p.pod?.hostVeth}`, [352, vy]);
    wires.push({ id: `veth:${p.id}`, points: [[302, vy], [340, vy]] });
    wires.push({ id: `veth-label:${p.id}`, points: [[12, y + 172], [12, y + 172]], label: `veth pair: eth0 ⇄ ${p.pod?.hostVeth}` });
    wires.push({ id: `veth-in:${p.id}`, points: [[340, vy], [370, Math.max(110, Math.min(vy, 180))]] });
  });

  // ENIs on the node's edge.
  const enis = host?.devices ?? [];
  enis.forEach((d, i) => {
    const y = 60 + i * 82;
    boxes.push({ id: `dev:${d.name}`, kind: 'eni', x: 915, y, w: 140, h: 66, title: d.name, lines: [d.ip ?? '', d.publicIp ? `↔ ${d.publicIp}` : 'ENI'], station: `dev:${d.name}` });
    stations.set(`dev:${d.name}`, [928, y + 33]);
    wires.push({ id: `eni-vpc:${d.name}`, points: [[1055, y + 33], [1070, y + 33]] });
  });
  wires.push({ id: 'post-eni', points: [[895, 120], [915, 93]] });

  // The VPC fabric, its gateway, the internet, and other nodes on the path.
  boxes.push({ id: 'vpc', kind: 'vpc', x: 1070, y: 16, w: 120, h: 250, title: 'VPC fabric', lines: ['routes by ENI', 'src/dst check'], station: 'vpc' });
  stations.set('vpc', [1130, 110]);
  boxes.push({ id: 'gateway', kind: 'gateway', x: 1080, y: 170, w: 100, h: 76, title: 'gateway', lines: ['IGW / NAT'], station: 'gateway' });
  stations.set('gateway', [1130, 226]);
  boxes.push({ id: 'internet', kind: 'internet', x: 1070, y: 290, w: 120, h: 70, title: 'internet', lines: ['203.0.113.10'], station: 'internet' });
  stations.set('internet', [1130, 335]);
  wires.push({ id: 'gw-inet', points: [[1130, 246], [1130, 290]] });
  const others = [...new Set(walk.namespaces.map((n) => n.node))].filter((n) => n !== node);
  others.slice(0, 2).forEach((o, i) => {
    const y = 384 + i * 80;
    boxes.push({ id: `remote:${o}`, kind: 'remote', x: 1070, y, w: 120, h: 66, title: 'other node', lines: [shortNode(o), remoteIp(walk, o)], station: `remote:${o}` });
    stations.set(`remote:${o}`, [1130, y + 40]);
    wires.push({ id: `vpc-remote:${o}`, points: [[1190, 140], [1196, 140], [1196, y + 33], [1190, y + 33]] });
  });
  return { node, boxes, wires, stations };
}

function remoteIp(walk: Walk, node: string): string {
  return walk.namespaces.find((n: WalkNamespace) => n.id === node)?.devices[0]?.ip ?? '';
}

/** `ip-192-168-18-131.us-west-2.compute.internal` → `ip-192-168-18-131`. */
export function shortNode(name: string): string {
  return name.split('.')[0];
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
