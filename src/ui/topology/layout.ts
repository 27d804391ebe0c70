/**
 * Places the VPC, its AZs, subnets and node cards. Deterministic and stable: a node keeps
 * the grid position it got when first seen (positions are remembered across updates), so
 * adding or removing nodes never moves the others.
 */
import type { NodeView, SimSnapshot, SubnetView } from '../../sim/view.ts';
import { nodeGeometry, type NodeGeometry } from './node-geometry.ts';

export interface Box { x: number; y: number; w: number; h: number }
export interface NodeBox extends Box { name: string; geometry: NodeGeometry }
export interface SubnetBox extends Box { subnet: SubnetView; hasNodes: boolean }
export interface AzBox extends Box { name: string }

export interface Layout {
  vpc: Box;
  azs: AzBox[];
  subnets: SubnetBox[];
  nodes: Map<string, NodeBox>;
  pending: Box;
}

export const MARGIN = 24;
/** Title, gauge, free addresses, route table line. */
const SUBNET_HEAD = 74;
const GUTTER = 16;
const AZ_HEAD = 30;
const PENDING_H = 64;
/** Node cards side by side in one subnet before wrapping, for a handful of nodes. */
export const MAX_COLS = 5;
/** The shape a large cluster is laid out towards (width : height), about a projector's. */
const ASPECT = 1.6;

/**
 * How wide a subnet may grow: MAX_COLS for a small cluster; for hundreds of nodes, enough
 * columns that the AZs side by side come out about ASPECT wide, not a tower of cards.
 */
export function maxColsFor(members: number, azCount: number, card: { w: number; h: number }): number {
  const want = Math.ceil(Math.sqrt((ASPECT * members * (card.h + GUTTER)) / (Math.max(1, azCount) * (card.w + GUTTER))));
  return Math.max(MAX_COLS, want);
}

/** Remembers each node's slot index per subnet, across updates of one scenario. */
export interface SlotMemory { slots: Map<string, number>; cols: Map<string, number> }
export const newSlotMemory = (): SlotMemory => ({ slots: new Map(), cols: new Map() });

function slotFor(mem: SlotMemory, subnet: string, node: string, taken: Set<number>): number {
  const key = `${subnet}/${node}`;
  const known = mem.slots.get(key);
  if (known !== undefined) return known;
  let i = 0;
  while (taken.has(i)) i++;
  mem.slots.set(key, i);
  return i;
}

/** `minWidth` keeps the VPC wide enough for its label. Linear in the nodes. */
export function layoutTopology(snap: Pick<SimSnapshot, 'subnets' | 'nodes'>, mem: SlotMemory, minWidth = 600): Layout {
  const azNames = [...new Set(snap.subnets.map((s) => s.availabilityZone).concat(snap.nodes.map((n) => n.availabilityZone)))].toSorted();
  const bySubnet = new Map<string, NodeView[]>();
  for (const n of snap.nodes) {
    const list = bySubnet.get(n.subnetId);
    if (list) list.push(n);
    else bySubnet.set(n.subnetId, [n]);
  }
  const nodes = new Map<string, NodeBox>();
  const subnets: SubnetBox[] = [];
  const azs: AzBox[] = [];
  let x = MARGIN + GUTTER;
  const top = MARGIN + 40 + PENDING_H;
  let bottom = top;
  for (const az of azNames) {
    const azSubnets = snap.subnets.filter((s) => s.availabilityZone === az)
      .toSorted((a, b) => Number(bySubnet.has(b.id)) - Number(bySubnet.has(a.id)) || a.cidr.localeCompare(b.cidr, 'en', { numeric: true }));
    let y = top + AZ_HEAD;
    let azW = 360;
    const placed: SubnetBox[] = [];
    for (const subnet of azSubnets) {
      const members = bySubnet.get(subnet.id) ?? [];
      const taken = new Set<number>();
      // The two largest slots taken, to tell "everything else is in the first row" in O(1).
      let max1 = -1;
      let max2 = -1;
      const take = (slot: number) => {
        if (taken.has(slot)) return;
        taken.add(slot);
        if (slot > max1) { max2 = max1; max1 = slot; } else if (slot > max2) max2 = slot;
      };
      for (const n of members) { const s = mem.slots.get(`${subnet.id}/${n.name}`); if (s !== undefined) take(s); }
      let cols = mem.cols.get(subnet.id) ?? 1;
      const first = members[0] ? nodeGeometry(members[0]) : undefined;
      const colsCap = first ? maxColsFor(members.length, azNames.length, first) : MAX_COLS;
      let maxSlot = -1;
      const geo = members.map((n) => {
        const slot = slotFor(mem, subnet.id, n.name, taken);
        take(slot);
        maxSlot = Math.max(maxSlot, slot);
        // Widening is safe only while everything sits in the first row: nobody moves.
        if (slot >= cols && cols < colsCap && max1 === slot && max2 < cols) cols = slot + 1;
        return { n, g: nodeGeometry(n), slot };
      });
      mem.cols.set(subnet.id, cols);
      const rows = geo.length ? Math.floor(maxSlot / cols) + 1 : 0;
      const rowH: number[] = [];
      for (const e of geo) { const r = Math.floor(e.slot / cols); rowH[r] = Math.max(rowH[r] ?? 0, e.g.h); }
      const rowY: number[] = [];
      let acc = 0;
      for (let r = 0; r < rows; r++) { rowY[r] = acc; acc += (rowH[r] ?? 0) + (rowH[r] ? GUTTER : 0); }
      const colW = (geo[0]?.g.w ?? 0) + GUTTER;
      for (const e of geo) {
        const r = Math.floor(e.slot / cols);
        nodes.set(e.n.name, { name: e.n.name, geometry: e.g, x: x + GUTTER + (e.slot % cols) * colW, y: y + SUBNET_HEAD + rowY[r], w: e.g.w, h: e.g.h });
      }
      const w = Math.max(360, geo.length ? cols * colW + GUTTER : 360);
      const h = SUBNET_HEAD + acc + 8;
      placed.push({ subnet, hasNodes: geo.length > 0, x, y, w, h });
      azW = Math.max(azW, w);
      y += h + GUTTER;
    }
    for (const p of placed) p.w = azW;
    subnets.push(...placed);
    azs.push({ name: az, x: x - 8, y: top, w: azW + 16, h: y - top });
    bottom = Math.max(bottom, y);
    x += azW + GUTTER * 2 + 8;
  }
  const vpc = { x: MARGIN, y: MARGIN, w: Math.max(x - MARGIN, minWidth), h: bottom - MARGIN + 8 };
  return { vpc, azs, subnets, nodes, pending: { x: MARGIN + GUTTER, y: MARGIN + 36, w: vpc.w - 2 * GUTTER, h: PENDING_H - 12 } };
}

/**
 * Whether `next` needs a new layout after `prev`: only when the nodes, their subnets or their
 * card sizes changed. Most ticks change what is inside cards, never where cards are. O(n),
 * no allocation.
 */
export function sameLayoutInputs(prev: Pick<SimSnapshot, 'subnets' | 'nodes'> | undefined, next: Pick<SimSnapshot, 'subnets' | 'nodes'>): boolean {
  if (!prev || prev.nodes.length !== next.nodes.length || prev.subnets.length !== next.subnets.length) return false;
  for (let i = 0; i < next.subnets.length; i++) {
    const a = prev.subnets[i];
    const b = next.subnets[i];
    if (a !== b && (a.id !== b.id || a.cidr !== b.cidr || a.availabilityZone !== b.availabilityZone)) return false;
  }
  for (let i = 0; i < next.nodes.length; i++) {
    const a = prev.nodes[i];
    const b = next.nodes[i];
    if (a === b) continue;
    if (a.name !== b.name || a.subnetId !== b.subnetId || a.availabilityZone !== b.availabilityZone || a.mode !== b.mode
      || a.maxPods !== b.maxPods || a.pool.maxIPs !== b.pool.maxIPs || a.pool.maxENIs !== b.pool.maxENIs) return false;
  }
  return true;
}
