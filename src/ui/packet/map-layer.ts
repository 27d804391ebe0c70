/**
 * The packet on the cluster picture itself: a layer inside the topology's zoomed viewport
 * with one marker per packet (its colour, letter and shape), the path it has travelled, a
 * callout at the active packet naming the device, ip rule and route table of the hop, and
 * badges for what lies outside the nodes (the VPC fabric, the internet gateway, the internet
 * host by its real address, a load balancer). Positions are read from the picture's own
 * elements (a pod's chip, an ENI's row, a branch ENI's cell on the trunk), so the packet sits
 * on the device the hop names. Markers and text keep their size on screen at any zoom.
 * A controller with `update`/`destroy`; it owns only its own layer.
 */
import { english } from '../i18n/catalogues.ts';
import type { Say } from '../i18n/text.ts';
import { select, type Selection } from 'd3';
import type { NodeView } from '../../sim/view.ts';
import type { PacketWalk } from '../../worker/protocol.ts';
import { motionMs } from '../topology/motion.ts';
import type { FitExtra } from '../topology/zoom-controller.ts';
import { endpointsOf } from './endpoints.ts';
import { anchorKey, calloutFor, mapAnchorOf, type MapAnchor } from './map-route.ts';
import { hopIndexFor, markerPath, packetLook } from './packets.ts';

type Walk = Extract<PacketWalk, { ok: true }>;
type Pt = [number, number];

export interface MapPacket { walk: Walk; slot: number }

export interface PacketMapInput {
  packets: MapPacket[];
  active: number;
  index: number;
  nodes: readonly NodeView[];
  /**
   * A node card's box in world coordinates from the picture's layout, for nodes whose card is
   * not drawn (far out they are glyphs; a large cluster draws cards only where the camera looks).
   */
  boxOf?: (node: string) => { x: number; y: number; w: number; h: number } | undefined;
}

export interface PacketMapController {
  /** Draws the packets; returns where the active one is (world coordinates), for the camera. */
  update(input: PacketMapInput | undefined): Pt | undefined;
  /**
   * What a fit of the picture must show beyond the VPC while the packet is on the map: the badges
   * (the internet, a load balancer) drawn around points outside the VPC box, at their screen size.
   */
  fitExtra(): FitExtra | undefined;
  destroy(): void;
}

const GLIDE_MS = 500;
/**
 * How far the internet's badge sits above the internet gateway's, in badge units: the gateway's
 * (one line, 31 tall) is drawn from 36 above its point; the internet's (two lines, 48 tall)
 * ends 8 above that.
 */
const INTERNET_LIFT = 56;

/** A badge line's width in its own units: a CJK or Hangul character is about twice a Latin one. */
const textWidth = (t: string) => [...t].reduce((w, c) => w + (c.charCodeAt(0) >= 0x2e80 ? 14 : 8), 0);

/** The zoom factor of the viewport (`translate(x,y) scale(k)`), for constant-size markers. */
function zoomOf(viewport: SVGGElement): number {
  const m = /scale\(([\d.e-]+)/.exec(viewport.getAttribute('transform') ?? '');
  return m ? Number(m[1]) || 1 : 1;
}

/** `say`: the badges' words in the page's language (English when not given). */
export function createPacketMap(svg: SVGSVGElement, say: Say = english()): PacketMapController {
  const viewport = svg.querySelector<SVGGElement>('g.viewport');
  const layer = select(viewport ?? svg).append('g').attr('class', 'packet-map').attr('pointer-events', 'none');
  const badgeLayer = layer.append('g').attr('class', 'pm-badges');
  const trailLayer = layer.append('g').attr('class', 'pm-trails');
  const markerLayer = layer.append('g').attr('class', 'pm-markers');
  const callout = layer.append('g').attr('class', 'pm-callout').attr('data-testid', 'pm-callout').attr('opacity', 0);
  callout.append('rect').attr('rx', 6);
  callout.append('text');
  const where = new Map<string, string>();
  /**
   * The badges drawn now: their places in the world (before any lift), how far (in badge units)
   * each is drawn above it, and their sizes in badge units (screen pixels at a fit's zoom).
   */
  let placed: { at: Pt; lift: number; w: number; h: number }[] = [];
  /** The badges' and markers' scale at the last update (about 1 / zoom). */
  let scaleNow = 1;
  let boxOf: PacketMapInput['boxOf'];
  /** A point of a node's layout box (fractions of its size), when its card is not drawn. */
  const inBox = (node: string, fx: number, fy: number): Pt | undefined => {
    const b = boxOf?.(node);
    return b ? [b.x + b.w * fx, b.y + b.h * fy] : undefined;
  };

  /** Centre (or a point at fractions fx, fy) of `el`'s box, in viewport coordinates. */
  function pointOf(el: Element | null, fx = 0.5, fy = 0.5): Pt | undefined {
    if (!el || !viewport || !(el instanceof SVGGraphicsElement)) return undefined;
    const vm = viewport.getScreenCTM();
    const em = el.getScreenCTM();
    if (!vm || !em) return undefined;
    const b = el.getBBox();
    const p = new DOMPoint(b.x + b.width * fx, b.y + b.height * fy).matrixTransform(vm.inverse().multiply(em));
    return [p.x, p.y];
  }

  const card = (node: string) => svg.querySelector(`g.node[data-name="${CSS.escape(node)}"]`);
  const cardRect = (node: string) => card(node)?.querySelector('rect.node-card') ?? card(node);
  const vpcBox = () => svg.querySelector('.vpc-box');

  function resolve(a: MapAnchor, walk: Walk, nodes: readonly NodeView[]): Pt | undefined {
    switch (a.kind) {
      case 'pod': {
        const c = card(a.node);
        return pointOf(c?.querySelector(`.pods [data-sel="pod:${CSS.escape(a.pod)}"]`) ?? null) ?? pointOf(cardRect(a.node), 0.5, 0.85) ?? inBox(a.node, 0.5, 0.85);
      }
      case 'veth': {
        // The host end of a pod's veth: just above the pod's chip.
        const pod = walk.namespaces.find((n) => n.node === a.node && n.pod?.hostVeth === a.device)?.pod;
        const chip = pod ? card(a.node)?.querySelector(`.pods [data-sel="pod:${CSS.escape(`${pod.namespace}/${pod.name}`)}"]`) : null;
        const p = pointOf(chip ?? null);
        return p ? [p[0], p[1] - 16] : pointOf(cardRect(a.node), 0.8, 0.2) ?? inBox(a.node, 0.8, 0.2);
      }
      case 'host':
        return pointOf(cardRect(a.node), 0.82, 0.12) ?? inBox(a.node, 0.82, 0.12);
      case 'device': {
        const eni = nodes.find((n) => n.name === a.node)?.enis.find((e) => e.ifName === a.device);
        const c = card(a.node);
        if (eni?.kind === 'branch') {
          const trunk = nodes.find((n) => n.name === a.node)?.enis.find((e) => e.kind === 'trunk');
          const row = trunk ? c?.querySelector(`g.eni[data-sel="eni:${CSS.escape(trunk.id)}"]`) : null;
          return pointOf(row?.querySelector(`[data-sel="pod:${CSS.escape(eni.pod ?? '')}"]`) ?? null) ?? pointOf(row?.querySelector('.eni-box') ?? null, 0.9, 0.5) ?? inBox(a.node, 1, 0.4);
        }
        const row = eni ? c?.querySelector(`g.eni[data-sel="eni:${CSS.escape(eni.id)}"] .eni-box`) : null;
        return pointOf(row ?? null, 0.94, 0.5) ?? pointOf(cardRect(a.node), 1, 0.4) ?? inBox(a.node, 1, 0.4);
      }
      case 'vpc': {
        const v = pointOf(vpcBox(), 0.5, 0);
        const xs = walk.namespaces.filter((n) => !n.pod).map((n) => (pointOf(cardRect(n.node), 0.5, 0) ?? inBox(n.node, 0.5, 0))?.[0]).filter((x): x is number => x !== undefined);
        return v ? [xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : v[0], v[1] + 22] : undefined;
      }
      case 'gateway': {
        const p = pointOf(vpcBox(), 1, 0);
        return p ? [p[0] - 30, p[1]] : undefined;
      }
      case 'internet': {
        // Above the internet gateway's badge, whatever the zoom: the badges keep their size on screen.
        const p = pointOf(vpcBox(), 1, 0);
        return p ? [p[0] - 30, p[1] - INTERNET_LIFT * scaleNow] : undefined;
      }
      case 'lb': {
        const p = pointOf(vpcBox(), 1, 0);
        return p ? [p[0] - 120, p[1] + 30] : undefined;
      }
    }
  }

  function badges(packets: MapPacket[], s: number): void {
    badgeLayer.selectAll('*').remove();
    placed = [];
    const used = new Set(packets.flatMap((p) => p.walk.result.hops.map((h) => mapAnchorOf(h).kind)));
    const put = (kind: string, pt: Pt | undefined, lines: string[], lift = 0) => {
      if (!pt) return;
      const g = badgeLayer.append('g').attr('class', `pm-badge ${kind}`).attr('data-testid', `pm-badge-${kind}`)
        .attr('transform', `translate(${pt[0]},${pt[1]}) scale(${s})`);
      const w = Math.max(...lines.map(textWidth)) + 20;
      const h = 14 + lines.length * 17;
      placed.push({ at: [pt[0], pt[1] + lift * s], lift, w, h });
      g.append('rect').attr('x', -w / 2).attr('y', -36).attr('width', w).attr('height', h).attr('rx', 8);
      lines.forEach((l, i) => g.append('text').attr('text-anchor', 'middle').attr('y', -18 + i * 17).text(l));
    };
    const first = packets[0]?.walk;
    if (!first) return;
    if (used.has('vpc')) put('vpc', resolve({ kind: 'vpc' }, first, []), [say('walk.map.vpc')]);
    if (used.has('gateway')) put('gateway', resolve({ kind: 'gateway' }, first, []), [say('walk.map.gateway')]);
    const inet = packets.flatMap((p) => endpointsOf(p.walk, '').filter((e) => e.kind === 'internet').map((e) => e.lines[0]));
    if (inet.length) put('internet', resolve({ kind: 'internet' }, first, []), [say('walk.map.internet'), ...new Set(inet)], INTERNET_LIFT);
    const lbs = packets.flatMap((p) => endpointsOf(p.walk, '').filter((e) => e.kind === 'lb').map((e) => e.lines[0]));
    for (const lb of new Set(lbs)) put('lb', resolve({ kind: 'lb', name: lb }, first, []), [say('walk.map.lb'), lb]);
  }

  function markerFor(slot: number): Selection<SVGGElement, unknown, null, undefined> {
    const found = markerLayer.select<SVGGElement>(`g.pm-marker[data-slot="${slot}"]`);
    if (!found.empty()) return found as unknown as Selection<SVGGElement, unknown, null, undefined>;
    const look = packetLook(slot);
    const g = markerLayer.append('g').attr('class', 'pm-marker').attr('data-slot', slot).attr('data-testid', `pm-marker-${look.letter}`).style('--pk', look.colour);
    const inner = g.append('g').attr('class', 'pm-inner');
    inner.append('path').attr('class', 'pm-shape').attr('d', markerPath(look.shape, 11));
    inner.append('text').attr('class', 'pm-letter').attr('text-anchor', 'middle').attr('dy', '0.36em').text(look.letter);
    return g as unknown as Selection<SVGGElement, unknown, null, undefined>;
  }

  function update(input: PacketMapInput | undefined): Pt | undefined {
    if (!input || input.packets.length === 0 || !viewport) {
      layer.attr('display', 'none');
      markerLayer.selectAll('*').remove();
      where.clear();
      return undefined;
    }
    layer.attr('display', null);
    layer.raise();
    const { packets, active, index, nodes } = input;
    boxOf = input.boxOf;
    // Markers and text keep about the same size on screen whatever the zoom.
    const s = Math.min(8, Math.max(0.6, 1 / zoomOf(viewport)));
    scaleNow = s;
    badges(packets, s);
    trailLayer.selectAll('*').remove();
    const live = new Set(packets.map((p) => String(p.slot)));
    markerLayer.selectAll<SVGGElement, unknown>('.pm-marker').filter(function () { return !live.has(this.dataset.slot ?? ''); }).remove();
    let activePt: Pt | undefined;
    packets.forEach((p, k) => {
      const hops = p.walk.result.hops;
      const i = hopIndexFor(p.walk, index);
      const path: Pt[] = [];
      for (let q = 0; q <= i; q++) {
        const pt = resolve(mapAnchorOf(hops[q]), p.walk, nodes);
        if (pt && (path.length === 0 || path.at(-1)?.join() !== pt.join())) path.push(pt);
      }
      const look = packetLook(p.slot);
      trailLayer.append('polyline').attr('class', 'pm-trail').style('--pk', look.colour).attr('stroke-width', 3 * s)
        .attr('points', path.map((pt) => pt.join(',')).join(' '));
      const anchor = mapAnchorOf(hops[i]);
      const at = path.at(-1);
      const m = markerFor(p.slot);
      m.select('.pm-inner').attr('transform', `scale(${s})`);
      m.classed('reply', hops[i].direction === 'reply').classed('dropped', hops[i].step === 'drop').attr('data-anchor', anchorKey(anchor));
      m.select('.pm-letter').text(hops[i].step === 'drop' ? '✕' : look.letter);
      if (!at) { m.attr('opacity', 0); return; }
      const off = packets.length > 1 ? (k - (packets.length - 1) / 2) * 10 * s : 0;
      const pt: Pt = [at[0] + off, at[1] + off / 2];
      const key = `${pt.join()}`;
      const moved = where.get(String(p.slot)) !== key;
      where.set(String(p.slot), key);
      const to = `translate(${pt[0]},${pt[1]})`;
      const ms = moved && m.attr('transform') ? motionMs(GLIDE_MS) : 0;
      m.attr('opacity', 1);
      if (ms === 0) m.interrupt().attr('transform', to);
      else m.interrupt().transition().duration(ms).attr('transform', to);
      if (k === active) {
        activePt = pt;
        const text = calloutFor(hops, i, say);
        callout.attr('opacity', 1).attr('transform', `translate(${pt[0] + 16 * s},${pt[1] - 16 * s}) scale(${s})`);
        const t = callout.select('text').attr('x', 8).attr('y', -6).text(text);
        const w = (t.node() as SVGTextElement | null)?.getComputedTextLength?.() ?? text.length * 8;
        callout.select('rect').attr('x', 0).attr('y', -24).attr('width', w + 16).attr('height', 26);
      }
    });
    markerLayer.select(`.pm-marker[data-slot="${packets[active]?.slot}"]`).raise();
    if (!activePt) callout.attr('opacity', 0);
    return activePt;
  }

  return {
    update,
    fitExtra() {
      if (placed.length === 0 || layer.attr('display') === 'none') return undefined;
      // Each badge's place in the world; a lift is in badge units, so it goes into the pad below.
      const xs = placed.map((b) => b.at[0]);
      const ys = placed.map((b) => b.at[1]);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      // A badge is drawn from 36 units above its point (scale s = 1/k up to a fit's zoom: its units are screen pixels).
      const half = Math.max(...placed.map((b) => b.w / 2));
      return {
        box: { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y },
        pad: { top: Math.max(...placed.map((b) => 36 + b.lift)), right: half, bottom: Math.max(0, ...placed.map((b) => b.h - 36 - b.lift)), left: half },
      };
    },
    destroy() {
      markerLayer.selectAll('.pm-marker').interrupt();
      layer.remove();
    },
  };
}
