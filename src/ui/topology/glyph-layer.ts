/**
 * Nodes as glyphs, for a picture zoomed out over hundreds of nodes: each node is its card's
 * outline with two bars — pods against max pods, and the address pool (assigned, warm,
 * cooling) against the node's limit — the same two bars the card draws, read at a glance.
 *
 * Aggregated SVG, not an element per node: nodes are grouped in buckets of 64 and each
 * bucket is one <g> of a few <path>s (one per colour), so 1,000 nodes are ~150 elements.
 * A bucket's paths are rebuilt only when one of its nodes changed (the store keeps unchanged
 * nodes by identity) or the layout moved. Zooming and panning move one transform and
 * rebuild nothing. Strokes do not scale, so outlines stay one pixel at any zoom.
 */
import type { NodeView } from '../../sim/view.ts';
import type { Layout, NodeBox } from './layout.ts';

const SVG = 'http://www.w3.org/2000/svg';
const BUCKET = 64;
const PARTS = ['frame', 'track', 'pods', 'full', 'assigned', 'warm', 'cooling', 'warn', 'down'] as const;
type Part = (typeof PARTS)[number];

interface Bucket { g: SVGGElement; paths: Record<Part, SVGPathElement>; nodes: NodeView[]; layout?: Layout }

/** Where a glyph's bars sit inside the node's box, as fractions of its height. */
const PODS_BAR = { top: 0.16, h: 0.28 };
const POOL_BAR = { top: 0.56, h: 0.28 };
const INSET = 0.07;

const r1 = (v: number) => Math.round(v * 10) / 10;
const rect = (x: number, y: number, w: number, h: number) => (w <= 0 ? '' : `M${r1(x)},${r1(y)}h${r1(w)}v${r1(h)}h${r1(-w)}Z`);

/** The path pieces one node adds to its bucket. */
function glyph(node: NodeView, b: NodeBox, out: Record<Part, string[]>): void {
  const { x, y, w, h } = b;
  out.frame.push(rect(x, y, w, h));
  if (node.warnings.length > 0) out.warn.push(rect(x, y, w, h));
  // A crash-looping aws-node is a fault; one still starting (every node at boot) is not.
  if (node.ipamd.status === 'crash-loop') out.down.push(rect(x, y, w, h));
  const bx = x + w * INSET;
  const bw = w * (1 - 2 * INSET);
  const py = y + h * PODS_BAR.top;
  const qy = y + h * POOL_BAR.top;
  out.track.push(rect(bx, py, bw, h * PODS_BAR.h), rect(bx, qy, bw, h * POOL_BAR.h));
  const full = node.podCount >= node.maxPods;
  (full ? out.full : out.pods).push(rect(bx, py, bw * Math.min(1, node.podCount / Math.max(1, node.maxPods)), h * PODS_BAR.h));
  const p = node.pool;
  const warm = Math.max(0, p.totalIPs - p.assignedIPs - p.cooldownIPs);
  const scale = bw / Math.max(1, p.maxIPs, p.totalIPs);
  let sx = bx;
  for (const [part, v] of [['assigned', p.assignedIPs], ['warm', warm], ['cooling', p.cooldownIPs]] as const) {
    out[part].push(rect(sx, qy, v * scale, h * POOL_BAR.h));
    sx += v * scale;
  }
}

export interface GlyphLayer {
  /** Brings every bucket up to date with `nodes` laid out by `layout`. */
  update(nodes: readonly NodeView[], layout: Layout): void;
  /** Outlines the selected node and the nodes an event touched (others fade). */
  marks(selected: NodeBox | undefined, touched: readonly NodeBox[]): void;
  destroy(): void;
}

export function createGlyphLayer(parent: SVGGElement): GlyphLayer {
  const root = parent.ownerDocument.createElementNS(SVG, 'g');
  root.setAttribute('class', 'glyphs');
  root.setAttribute('aria-hidden', 'true');
  const buckets = root.ownerDocument.createElementNS(SVG, 'g');
  const selected = root.ownerDocument.createElementNS(SVG, 'path');
  selected.setAttribute('class', 'glyph-selected');
  const touched = root.ownerDocument.createElementNS(SVG, 'path');
  touched.setAttribute('class', 'glyph-hl');
  root.append(buckets, touched, selected);
  parent.append(root);
  const list: Bucket[] = [];

  function bucket(i: number): Bucket {
    if (list[i]) return list[i];
    const g = root.ownerDocument.createElementNS(SVG, 'g');
    g.setAttribute('class', 'glyph-bucket');
    const paths = {} as Record<Part, SVGPathElement>;
    for (const part of PARTS) {
      const p = root.ownerDocument.createElementNS(SVG, 'path');
      p.setAttribute('class', `glyph-${part}`);
      g.append(p);
      paths[part] = p;
    }
    buckets.append(g);
    list[i] = { g, paths, nodes: [] };
    return list[i];
  }

  return {
    update(nodes, layout) {
      const count = Math.ceil(nodes.length / BUCKET);
      for (let i = 0; i < count; i++) {
        const b = bucket(i);
        const slice = nodes.slice(i * BUCKET, (i + 1) * BUCKET);
        if (b.layout === layout && b.nodes.length === slice.length && b.nodes.every((n, j) => n === slice[j])) continue;
        const out = Object.fromEntries(PARTS.map((p) => [p, [] as string[]])) as Record<Part, string[]>;
        for (const n of slice) { const box = layout.nodes.get(n.name); if (box) glyph(n, box, out); }
        for (const part of PARTS) {
          const d = out[part].join('');
          if (b.paths[part].getAttribute('d') !== d) b.paths[part].setAttribute('d', d);
        }
        b.nodes = slice;
        b.layout = layout;
      }
      for (const b of list.splice(count)) b.g.remove();
    },
    marks(sel, hl) {
      const d = sel ? rect(sel.x, sel.y, sel.w, sel.h) : '';
      if (selected.getAttribute('d') !== d) selected.setAttribute('d', d);
      const h = hl.map((b) => rect(b.x, b.y, b.w, b.h)).join('');
      if (touched.getAttribute('d') !== h) touched.setAttribute('d', h);
      root.classList.toggle('has-hl', hl.length > 0);
    },
    destroy() { root.remove(); list.length = 0; },
  };
}

/** Everything a node answers to in an event's `touches`: its names and addresses, its ENIs', its pods'. */
export function nodeTouched(node: NodeView, touches: ReadonlySet<string>): boolean {
  if (touches.has(node.name) || touches.has(node.instanceId) || touches.has(node.nodeIp)) return true;
  for (const e of node.enis) {
    if (touches.has(e.id) || touches.has(e.primaryIp)) return true;
    for (const a of e.secondaryIps) if (touches.has(a.ip) || (a.pod && touches.has(a.pod))) return true;
    for (const p of e.prefixes) {
      if (touches.has(p.cidr)) return true;
      for (const a of p.addresses) if (touches.has(a.ip) || (a.pod && touches.has(a.pod))) return true;
    }
  }
  return false;
}
