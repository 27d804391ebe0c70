/**
 * The datapath picture of one node, drawn by d3: boxes for namespaces, hooks, the routing
 * decision, ENIs and the fabric; a marker that moves hop by hop (it jumps when the user
 * prefers reduced motion); visited stations tinted, the current one outlined, a drop crossed.
 * React creates it once and calls `update`; it owns the pixels.
 */
import { select } from 'd3';
import type { PacketWalk } from '../../worker/protocol.ts';
import { motionMs } from '../topology/motion.ts';
import { layoutDatapath, VIEW_H, VIEW_W, type DatapathLayout } from './datapath-layout.ts';
import { focusNodes, stationOf } from './hop-model.ts';

type Walk = Extract<PacketWalk, { ok: true }>;

export interface DatapathInput { walk: Walk; index: number }

export interface DatapathController {
  update(input: DatapathInput): void;
  destroy(): void;
}

const GLIDE_MS = 450;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export function createDatapath(svg: SVGSVGElement): DatapathController {
  const root = select(svg).attr('viewBox', `0 0 ${VIEW_W} ${VIEW_H}`);
  const wireLayer = root.append('g').attr('class', 'dp-wires');
  const boxLayer = root.append('g').attr('class', 'dp-boxes');
  const trail = root.append('polyline').attr('class', 'dp-trail');
  const marker = root.append('g').attr('class', 'dp-marker').attr('opacity', 0);
  marker.append('circle').attr('r', 13);
  marker.append('text').attr('class', 'dp-marker-x').attr('text-anchor', 'middle').attr('dy', '0.36em');
  let drawnKey = '';
  let layout: DatapathLayout | undefined;
  let lastWalk: Walk | undefined;

  function draw(l: DatapathLayout): void {
    wireLayer.selectAll('*').remove();
    boxLayer.selectAll('*').remove();
    for (const w of l.wires) {
      wireLayer.append('polyline').attr('class', 'dp-wire').attr('points', w.points.map((p) => p.join(',')).join(' '));
      if (w.label) wireLayer.append('text').attr('class', 'dp-wire-label').attr('x', w.points[0][0] + 2).attr('y', w.points[0][1] - 8).text(w.label);
    }
    for (const b of l.boxes) {
      const g = boxLayer.append('g').attr('class', `dp-box ${b.kind}`).attr('data-id', b.id);
      g.append('rect').attr('x', b.x).attr('y', b.y).attr('width', b.w).attr('height', b.h).attr('rx', b.kind === 'pill' ? 6 : 10);
      const pill = b.kind === 'pill';
      g.append('text').attr('class', 'dp-title').attr('x', pill ? b.x + b.w / 2 : b.x + 10).attr('y', pill ? b.y + b.h / 2 : b.y + 20)
        .attr('text-anchor', pill ? 'middle' : 'start').attr('dy', pill ? '0.35em' : 0).text(b.title);
      b.lines.forEach((line, i) => {
        g.append('text').attr('class', `dp-line${b.kind === 'rules' ? ' rule' : ''}`).attr('x', b.x + 10).attr('y', b.y + 42 + i * 17)
          .attr('data-text', norm(line)).text(line.replace('\t', ' '));
      });
    }
  }

  function update({ walk, index }: DatapathInput): void {
    const hops = walk.result.hops;
    const focus = focusNodes(hops);
    const node = focus[index];
    if (!node || !hops[index]) return;
    const key = `${walk.timeMs}|${walk.transcript.length}|${node}`;
    if (walk !== lastWalk || key !== drawnKey) {
      layout = layoutDatapath(walk, node);
      draw(layout);
      drawnKey = key;
      marker.attr('opacity', 0);
    }
    lastWalk = walk;
    const l = layout;
    if (!l) return;
    const here = (i: number) => stationOf(hops[i], focus[i]);
    const visited = new Set<string>();
    const path: [number, number][] = [];
    for (let i = 0; i <= index; i++) {
      if (focus[i] !== node) continue;
      visited.add(here(i));
      const pt = l.stations.get(here(i));
      if (pt) path.push(pt);
    }
    const hop = hops[index];
    const current = here(index);
    boxLayer.selectAll<SVGGElement, unknown>('.dp-box').each(function () {
      const id = this.getAttribute('data-id') ?? '';
      select(this).classed('visited', visited.has(id)).classed('current', id === current)
        .classed('dropped', id === current && hop.step === 'drop');
    });
    // The deciding ip rule, in the host's rule list.
    const decided = hop.step === 'ip-rule' && hop.where.ns === node && hop.entry ? norm(hop.entry) : undefined;
    const prio = decided?.split(':')[0];
    boxLayer.selectAll<SVGTextElement, unknown>('.dp-line.rule').classed('decided', function () {
      const t = this.getAttribute('data-text') ?? '';
      return !!decided && (t.startsWith(decided) || t.startsWith(`${prio}:`));
    });
    trail.attr('points', path.map((p) => p.join(',')).join(' ')).classed('reply', hop.direction === 'reply');
    const pt = l.stations.get(current) ?? l.stations.get('host') ?? [0, 0];
    const wasHidden = marker.attr('opacity') === '0';
    marker.classed('reply', hop.direction === 'reply').classed('dropped', hop.step === 'drop');
    marker.select('.dp-marker-x').text(hop.step === 'drop' ? '✕' : '');
    marker.attr('opacity', 1);
    const ms = wasHidden ? 0 : motionMs(GLIDE_MS);
    if (ms === 0) marker.interrupt().attr('transform', `translate(${pt[0]},${pt[1]})`);
    else marker.interrupt().transition().duration(ms).attr('transform', `translate(${pt[0]},${pt[1]})`);
  }

  return {
    update,
    destroy() {
      marker.interrupt();
      root.selectAll('*').remove();
    },
  };
}
