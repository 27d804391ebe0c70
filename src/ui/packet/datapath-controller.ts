/**
 * The datapath picture of one node, drawn by d3: boxes for pods, veths, namespaces, hooks,
 * the routing decision, ENIs and VLAN devices, the fabric and the real endpoints; one marker
 * per packet (its colour, letter and shape) that moves hop by hop (it jumps when the user
 * prefers reduced motion); the active packet's visited stations tinted, the current one
 * outlined, a drop crossed. The picture's size follows its content (the SVG's viewBox).
 * React creates it once and calls `update`; it owns the pixels.
 *
 * Keyboard: the devices are one tab stop (roving tabindex); ArrowUp/ArrowDown (Home/End) move
 * between them in the picture's order, Enter or Space takes the walk to the followed packet's
 * first hop at that device. ArrowLeft/ArrowRight are left to the panel (they step the walk).
 */
// Its words are the panels' (src/ui/i18n/panel-english.ts), also when drawn outside the packet walk (tests).
import '../i18n/panel-english.ts';
import { english } from '../i18n/catalogues.ts';
import type { Say } from '../i18n/text.ts';
import { select, type Selection } from 'd3';
import type { PacketWalk } from '../../worker/protocol.ts';
import { motionMs } from '../topology/motion.ts';
import { layoutDatapath, type DatapathLayout, type NodeContext } from './datapath-layout.ts';
import { focusNodes, stationOf } from './hop-model.ts';
import { hopIndexFor, markerPath, packetLook } from './packets.ts';

type Walk = Extract<PacketWalk, { ok: true }>;

/** One packet on the picture: its walk and its slot (colour, letter, shape). */
export interface DatapathPacket { walk: Walk; slot: number }

export interface DatapathInput {
  packets: DatapathPacket[];
  /** Which of `packets` the hop list and tool panel follow; the picture shows its node. */
  active: number;
  /** The shared player's hop (0-based); a packet that has ended stays at its last hop. */
  index: number;
  ctx?: NodeContext;
  /** The picture's words in the page's language (English when not given). */
  say?: Say;
}

export interface DatapathController {
  update(input: DatapathInput): void;
  /** The node on the picture now (undefined before the first walk). */
  node(): string | undefined;
  destroy(): void;
}

const GLIDE_MS = 450;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `onSeek(hop)`: the user chose a device by keyboard; the walk goes to that hop (0-based). */
export function createDatapath(svg: SVGSVGElement, onSeek: (hop: number) => void = () => {}): DatapathController {
  const root = select(svg);
  const wireLayer = root.append('g').attr('class', 'dp-wires');
  const boxLayer = root.append('g').attr('class', 'dp-boxes');
  const trailLayer = root.append('g').attr('class', 'dp-trails');
  const markerLayer = root.append('g').attr('class', 'dp-markers');
  let drawnKey = '';
  let drawnSay: Say | undefined;
  let layout: DatapathLayout | undefined;
  /** The device that is the picture's tab stop (kept across redraws by its id). */
  let stop = '';
  /** The first hop of the followed packet at each device on the node shown. */
  let firstHop = new Map<string, number>();

  const boxes = () => [...svg.querySelectorAll<SVGGElement>('g.dp-box')];
  function rove(to: SVGGElement | undefined, focus: boolean): void {
    if (!to) return;
    for (const b of boxes()) b.setAttribute('tabindex', b === to ? '0' : '-1');
    stop = to.dataset.id ?? '';
    if (focus) to.focus({ preventScroll: false });
  }
  const onKey = (ev: KeyboardEvent) => {
    const box = (ev.target as Element).closest<SVGGElement>('g.dp-box');
    if (!box) return;
    const all = boxes();
    const i = all.indexOf(box);
    const to = { ArrowDown: all[i + 1], ArrowUp: all[i - 1], Home: all[0], End: all.at(-1) }[ev.key];
    if (to || ['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(ev.key)) { ev.preventDefault(); ev.stopPropagation(); rove(to, true); return; }
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      ev.stopPropagation();
      const hop = firstHop.get(box.dataset.id ?? '');
      if (hop !== undefined) onSeek(hop);
    }
  };
  svg.addEventListener('keydown', onKey);

  function draw(l: DatapathLayout): void {
    root.attr('viewBox', `0 0 ${l.width} ${l.height}`).attr('data-width', l.width).attr('data-height', l.height);
    wireLayer.selectAll('*').remove();
    boxLayer.selectAll('*').remove();
    for (const w of l.wires) {
      wireLayer.append('polyline').attr('class', 'dp-wire').attr('points', w.points.map((p) => p.join(',')).join(' '));
      if (w.label) wireLayer.append('text').attr('class', 'dp-wire-label').attr('x', w.points[0][0] + 2).attr('y', w.points[0][1] - 6).text(w.label);
    }
    for (const b of l.boxes) {
      const g = boxLayer.append('g').attr('class', `dp-box ${b.kind}`).attr('data-id', b.id).attr('tabindex', -1).attr('role', 'button')
        .attr('aria-label', [b.title, ...b.lines.slice(0, 2)].map((t) => t.replace('\t', ' ')).join(', '));
      const small = b.kind === 'pill' || b.kind === 'veth';
      g.append('rect').attr('x', b.x).attr('y', b.y).attr('width', b.w).attr('height', b.h).attr('rx', small ? 6 : 10);
      g.append('text').attr('class', 'dp-title').attr('x', small ? b.x + b.w / 2 : b.x + 10).attr('y', small ? b.y + b.h / 2 : b.y + 20)
        .attr('text-anchor', small ? 'middle' : 'start').attr('dy', small ? '0.35em' : 0).text(b.title);
      b.lines.forEach((line, i) => {
        g.append('text').attr('class', `dp-line${b.kind === 'rules' ? ' rule' : ''}`).attr('x', b.x + 10).attr('y', b.y + 40 + i * 17)
          .attr('data-text', norm(line)).text(line.replace('\t', ' '));
      });
    }
  }

  function markerFor(slot: number): Selection<SVGGElement, unknown, null, undefined> {
    const found = markerLayer.select<SVGGElement>(`g.dp-marker[data-slot="${slot}"]`);
    if (!found.empty()) return found as unknown as Selection<SVGGElement, unknown, null, undefined>;
    const look = packetLook(slot);
    const g = markerLayer.append('g').attr('class', 'dp-marker').attr('data-slot', slot).attr('data-testid', `dp-marker-${look.letter}`)
      .attr('opacity', 0).style('--pk', look.colour);
    g.append('path').attr('class', 'dp-shape').attr('d', markerPath(look.shape, 13));
    g.append('text').attr('class', 'dp-marker-x').attr('text-anchor', 'middle').attr('dy', '0.36em').text(look.letter);
    return g as unknown as Selection<SVGGElement, unknown, null, undefined>;
  }

  let shownNode: string | undefined;

  function update({ packets, active, index, ctx, say = english() }: DatapathInput): void {
    const main = packets[active];
    if (!main) return;
    const hops = main.walk.result.hops;
    const i = hopIndexFor(main.walk, index);
    const node = focusNodes(hops)[i];
    if (!node || !hops[i]) return;
    const key = `${packets.map((p) => `${p.slot}:${p.walk.timeMs}:${p.walk.transcript.length}`).join(',')}|${node}|${ctx?.pods.length ?? 0}:${ctx?.enis.length ?? 0}`;
    if (key !== drawnKey || say !== drawnSay) {
      layout = layoutDatapath(packets.map((p) => p.walk), node, ctx, say);
      draw(layout);
      drawnKey = key;
      drawnSay = say;
      markerLayer.selectAll('.dp-marker').attr('opacity', 0);
      const keep = boxes().find((b) => b.dataset.id === stop);
      rove(keep ?? boxes()[0], keep !== undefined && svg.contains(document.activeElement));
    }
    shownNode = node;
    const l = layout;
    if (!l) return;
    // The active packet's path so far on this node: visited boxes, the current one, the deciding rule.
    const focus = focusNodes(hops);
    const here = (k: number) => stationOf(hops[k], focus[k]);
    const visited = new Set<string>();
    for (let k = 0; k <= i; k++) if (focus[k] === node) visited.add(here(k));
    firstHop = new Map();
    for (let k = hops.length - 1; k >= 0; k--) if (focus[k] === node) firstHop.set(here(k), k);
    const hop = hops[i];
    const current = here(i);
    boxLayer.selectAll<SVGGElement, unknown>('.dp-box').each(function () {
      const id = this.getAttribute('data-id') ?? '';
      select(this).attr('aria-disabled', firstHop.has(id) ? null : 'true').classed('visited', visited.has(id)).classed('current', id === current)
        .classed('dropped', id === current && hop.step === 'drop');
    });
    const decided = hop.step === 'ip-rule' && hop.where.ns === node && hop.entry ? norm(hop.entry) : undefined;
    const prio = decided?.split(':')[0];
    boxLayer.selectAll<SVGTextElement, unknown>('.dp-line.rule').classed('decided', function () {
      const t = this.getAttribute('data-text') ?? '';
      return !!decided && (t.startsWith(decided) || t.startsWith(`${prio}:`));
    });

    // Every packet: a trail of its stations on this node and a marker where it is now.
    const live = new Set(packets.map((p) => String(p.slot)));
    markerLayer.selectAll<SVGGElement, unknown>('.dp-marker').filter(function () { return !live.has(this.dataset.slot ?? ''); }).remove();
    trailLayer.selectAll('*').remove();
    // The active packet is drawn last, on top.
    const order = packets.map((p, k) => ({ p, k })).toSorted((a, b) => (a.k === active ? 1 : 0) - (b.k === active ? 1 : 0));
    for (const { p, k } of order) {
      const ph = p.walk.result.hops;
      const pi = hopIndexFor(p.walk, index);
      const path: [number, number][] = [];
      for (let q = 0; q <= pi; q++) {
        const pt = l.stations.get(stationOf(ph[q], node));
        if (pt) path.push(pt);
      }
      const look = packetLook(p.slot);
      const h = ph[pi];
      trailLayer.append('polyline').attr('class', `dp-trail${h.direction === 'reply' ? ' reply' : ''}`).attr('data-slot', p.slot)
        .style('--pk', look.colour).attr('points', path.map((pt) => pt.join(',')).join(' '));
      const m = markerFor(p.slot);
      m.raise();
      const pt = l.stations.get(stationOf(h, node));
      m.classed('active', k === active).classed('reply', h.direction === 'reply').classed('dropped', h.step === 'drop')
        .attr('data-station', pt ? stationOf(h, node) : null);
      m.select('.dp-marker-x').text(h.step === 'drop' ? '✕' : look.letter);
      if (!pt) { m.attr('opacity', 0); continue; }
      // Two packets on one station sit side by side rather than on top of each other.
      const off = packets.length > 1 ? (p.slot - (packets.length - 1) / 2) * 9 : 0;
      const to = `translate(${pt[0] + off},${pt[1] + off / 2})`;
      const wasHidden = m.attr('opacity') === '0';
      m.attr('opacity', 1);
      const ms = wasHidden ? 0 : motionMs(GLIDE_MS);
      if (ms === 0) m.interrupt().attr('transform', to);
      else m.interrupt().transition().duration(ms).attr('transform', to);
    }
    markerLayer.select('.dp-marker.active').raise();
  }

  return {
    update,
    node: () => shownNode,
    destroy() {
      svg.removeEventListener('keydown', onKey);
      markerLayer.selectAll('.dp-marker').interrupt();
      root.selectAll('*').remove();
    },
  };
}
