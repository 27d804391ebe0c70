/**
 * Size and inner geometry of one node card. It depends only on the node's capacity
 * (instance type, mode, max pods), never on what is allocated, so a card never changes
 * size while ENIs attach or pods come and go: nothing jumps.
 */
import type { NodeView } from '../../sim/view.ts';

export const NODE_W = 288;
export const PAD = 10;
export const CELL = 9;
export const GAP = 2;
const COLS = Math.floor((NODE_W - 2 * PAD + GAP) / (CELL + GAP));
/** Prefix block: 4×4 addresses of 5 px. */
export const PCELL = 5;
export const PBLOCK = 4 * (PCELL + 1) - 1;
const PCOLS = Math.floor((NODE_W - 2 * PAD + 4) / (PBLOCK + 4));
export const HEADER_H = 100;
const ENI_LABEL_H = 15;
const POD_CAP = 250;

export interface EniRowGeometry { y: number; h: number }

export interface NodeGeometry {
  w: number;
  h: number;
  mode: NodeView['mode'];
  maxEnis: number;
  /** Secondary-IP slots per ENI (secondary-ip mode) or addresses per ENI (16 × prefixes). */
  slotsPerEni: number;
  prefixesPerEni: number;
  eniRows: EniRowGeometry[];
  podsY: number;
  podCells: number;
  cols: number;
  prefixCols: number;
}

export function nodeGeometry(node: Pick<NodeView, 'mode' | 'pool' | 'maxPods'>): NodeGeometry {
  const maxEnis = Math.max(1, node.pool.maxENIs);
  const slotsPerEni = Math.max(1, Math.round(node.pool.maxIPs / maxEnis));
  const prefixesPerEni = node.mode === 'prefix-delegation' ? Math.max(1, Math.round(slotsPerEni / 16)) : 0;
  const rowsPerEni = prefixesPerEni > 0 ? Math.ceil(prefixesPerEni / PCOLS) : Math.ceil(slotsPerEni / COLS);
  const rowH = prefixesPerEni > 0 ? PBLOCK + 4 : CELL + GAP;
  const eniH = ENI_LABEL_H + rowsPerEni * rowH + 6;
  const eniRows = Array.from({ length: maxEnis }, (_, i) => ({ y: HEADER_H + i * eniH, h: eniH }));
  const podsY = HEADER_H + maxEnis * eniH + 8;
  const podCells = Math.min(POD_CAP, Math.max(1, node.maxPods));
  const podRows = Math.ceil(podCells / COLS);
  const h = podsY + 14 + podRows * (CELL + GAP) + PAD;
  return { w: NODE_W, h, mode: node.mode, maxEnis, slotsPerEni, prefixesPerEni, eniRows, podsY, podCells, cols: COLS, prefixCols: PCOLS };
}

/** Top-left of slot `i` inside an ENI row (secondary-ip mode). */
export function slotXY(g: NodeGeometry, i: number): [number, number] {
  return [PAD + (i % g.cols) * (CELL + GAP), ENI_LABEL_H + Math.floor(i / g.cols) * (CELL + GAP)];
}

/** Top-left of prefix block `i` inside an ENI row (prefix mode). */
export function prefixXY(g: NodeGeometry, i: number): [number, number] {
  return [PAD + (i % g.prefixCols) * (PBLOCK + 4), ENI_LABEL_H + Math.floor(i / g.prefixCols) * (PBLOCK + 4)];
}

/** Top-left of pod chip `i`, relative to the card. */
export function podXY(g: NodeGeometry, i: number): [number, number] {
  return [PAD + (i % g.cols) * (CELL + GAP), g.podsY + 14 + Math.floor(i / g.cols) * (CELL + GAP)];
}
