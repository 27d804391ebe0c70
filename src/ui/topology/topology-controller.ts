/**
 * The topology picture: VPC → AZs → subnets → node cards → ENIs → addresses and pods.
 * A framework-free controller (`update`/`destroy`); React creates it once and feeds it
 * snapshots. Only nodes whose data changed are redrawn (the store keeps identities).
 */
import { select } from 'd3';
import type { PodView, SimSnapshot } from '../../sim/view.ts';
import { podsByNode } from '../store/apply-delta.ts';
import type { Camera } from '../links/view-state.ts';
import type { Selection as AppSelection } from '../store/slices.ts';
import { layoutTopology, newSlotMemory, type Layout } from './layout.ts';
import { motionMs } from './motion.ts';
import { attr } from './dom-diff.ts';
import { drawCard, drawCardFrame, nodeKeys } from './node-card.ts';
import { drawFrame, vpcLabel } from './vpc-frame.ts';
import { createZoom } from './zoom-controller.ts';

export interface TopologyInput {
  snapshot: SimSnapshot;
  generation: number;
  selection?: AppSelection;
  highlight: readonly string[];
  /** Shown instead of fitting when this input starts a new generation (a shared link's camera). */
  camera?: Camera;
}

export interface TopologyController {
  update(input: TopologyInput): void;
  fit(): void;
  zoomBy(factor: number): void;
  focusNode(name: string): void;
  /** The stage changed size: a picture that fits itself fits again. */
  resized(): void;
  destroy(): void;
}

/** Below this zoom the cards show summaries instead of every address (level of detail). */
export const LOD_SCALE = 0.55;

function sameList(a: readonly PodView[], b: readonly PodView[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** `onCamera` reports where the camera came to rest: undefined while the picture fits itself. */
export function createTopology(svg: SVGSVGElement, onSelect: (s: AppSelection) => void, onCamera: (c: Camera | undefined) => void = () => {}): TopologyController {
  const root = select(svg);
  const viewport = root.append('g').attr('class', 'viewport');
  const frameLayer = viewport.append('g').attr('class', 'frame-layer');
  const nodeLayer = viewport.append('g').attr('class', 'node-layer');
  let mem = newSlotMemory();
  let generation = -1;
  let layout: Layout | undefined;
  const drawn = new Map<string, { node: unknown; pods: readonly PodView[]; geoKey: string; detail: boolean }>();
  let lodFar = false;
  let lastInput: TopologyInput | undefined;
  let lastHighlight: readonly string[] = [];
  let lastSelection: AppSelection | undefined;

  // Until the user pans or zooms by hand, the picture keeps fitting itself as nodes arrive.
  let autoFit = true;
  let fittedTo = '';
  const onScale = (k: number) => {
    const far = k < LOD_SCALE;
    if (far === lodFar) return;
    lodFar = far;
    root.classed('lod-far', far);
    // Zooming back in: cards drawn without detail catch up now.
    if (!far && lastInput) controller.update(lastInput);
  };
  const zoomer = createZoom(svg, viewport.node() as SVGGElement, onScale, () => motionMs(450), () => { autoFit = false; },
    () => onCamera(autoFit ? undefined : zoomer.camera()));

  const onClick = (ev: Event) => {
    const target = (ev.target as Element).closest('[data-sel]');
    if (!target) return;
    const [kind, ...rest] = (target.getAttribute('data-sel') ?? '').split(':');
    const nodeName = (target.closest('g.node') as SVGGElement | null)?.dataset.name;
    if (kind === 'node' || kind === 'eni' || kind === 'pod') onSelect({ kind, id: rest.join(':'), node: nodeName });
  };
  const onKey = (ev: KeyboardEvent) => {
    if ((ev.key === 'Enter' || ev.key === ' ') && (ev.target as Element).matches('g.node')) { ev.preventDefault(); onClick(ev); }
  };
  svg.addEventListener('click', onClick);
  svg.addEventListener('keydown', onKey);


  /** Marks highlighted (event `touches`) and selected elements inside `scope`. */
  function applyMarks(scope: Element, highlight: readonly string[], selection: AppSelection | undefined): void {
    const set = new Set(highlight);
    const sel = selection ? `${selection.kind}:${selection.id}` : '';
    root.classed('has-highlight', set.size > 0);
    for (const el of scope.querySelectorAll('[data-keys]')) {
      const on = set.size > 0 && (el.getAttribute('data-keys') ?? '').split(' ').some((k) => set.has(k));
      if (on !== el.classList.contains('hl')) el.classList.toggle('hl', on);
    }
    for (const g of scope.matches('g.node') ? [scope] : scope.querySelectorAll('g.node')) {
      const inside = set.size > 0 && g.querySelector('.hl') !== null;
      if (inside !== g.classList.contains('hl-inside')) g.classList.toggle('hl-inside', inside);
    }
    for (const el of scope.querySelectorAll('[data-sel]')) {
      const on = el.getAttribute('data-sel') === sel;
      if (on !== el.classList.contains('selected')) el.classList.toggle('selected', on);
    }
  }

  const controller: TopologyController = {
    update(input) {
      lastInput = input;
      const { snapshot, generation: gen, selection, highlight } = input;
      const fresh = gen !== generation;
      if (fresh) { mem = newSlotMemory(); drawn.clear(); nodeLayer.selectAll('*').remove(); generation = gen; autoFit = !input.camera; fittedTo = ''; }
      layout = layoutTopology(snapshot, mem, (vpcLabel(snapshot).length + snapshot.clusterName.length + snapshot.region.length + 20) * 8.4 + 40);
      const l = layout;
      const byNode = podsByNode(snapshot.pods);
      drawFrame(frameLayer, snapshot, l, byNode.get('') ?? []);
      const enterMs = fresh ? 0 : motionMs(350);
      const groups = nodeLayer.selectAll<SVGGElement, string>('g.node').data(snapshot.nodes.map((n) => n.name), (d) => d);
      groups.exit<string>().each((name) => { drawn.delete(name); }).transition().duration(enterMs).style('opacity', 0).remove();
      const entered = groups.enter().append('g').attr('class', 'node').attr('tabindex', 0).attr('role', 'button')
        .attr('data-name', (d) => d).attr('data-sel', (d) => `node:${d}`);
      entered.style('opacity', 0).transition().duration(enterMs).style('opacity', 1);
      const nodesByName = new Map(snapshot.nodes.map((n) => [n.name, n]));
      const redrawn: SVGGElement[] = [];
      entered.merge(groups).each(function (name) {
        const node = nodesByName.get(name);
        const box = l.nodes.get(name);
        if (!node || !box) return;
        const g = select<SVGGElement, unknown>(this as SVGGElement);
        attr(g, 'transform', `translate(${box.x},${box.y})`);
        const pods = (byNode.get(name) ?? []).filter((p) => p.phase !== 'Terminating' || p.ip);
        const geoKey = `${box.geometry.w}x${box.geometry.h}:${box.geometry.slotsPerEni}:${box.geometry.prefixesPerEni}`;
        const prev = drawn.get(name);
        const detail = !lodFar;
        if (prev && prev.node === node && sameList(prev.pods, pods) && prev.geoKey === geoKey && (prev.detail || !detail)) return;
        if (!prev || prev.geoKey !== geoKey) drawCardFrame(g, node, box.geometry);
        drawCard(g, node, pods, box.geometry, enterMs, detail);
        attr(g, 'data-keys', nodeKeys(node));
        attr(g, 'aria-label', `Node ${node.name}, ${node.instanceType}, ${node.podCount} of ${node.maxPods} pods, ${node.enis.length} ENIs${node.warnings.length ? `, warning: ${node.warnings.map((w) => w.code).join(', ')}` : ''}`);
        drawn.set(name, { node, pods, geoKey, detail });
        redrawn.push(this as SVGGElement);
      });
      const size = `${Math.round(l.vpc.w)}x${Math.round(l.vpc.h)}`;
      if (fresh && input.camera) zoomer.setCamera(input.camera);
      if (autoFit && size !== fittedTo) { zoomer.fit(l.vpc, !fresh); fittedTo = size; }
      const marksChanged = highlight !== lastHighlight || selection !== lastSelection;
      if (fresh || marksChanged) applyMarks(svg, highlight, selection);
      else if (highlight.length > 0 || selection) for (const g of redrawn) applyMarks(g, highlight, selection);
      lastHighlight = highlight;
      lastSelection = selection;
    },
    fit() { if (layout) { autoFit = true; zoomer.fit(layout.vpc); } },
    zoomBy(f) { autoFit = false; zoomer.zoomBy(f); },
    focusNode(name) { const b = layout?.nodes.get(name); if (b) { autoFit = false; zoomer.focus(b); } },
    resized() { if (layout && autoFit) zoomer.fit(layout.vpc, false); },
    destroy() {
      svg.removeEventListener('click', onClick);
      svg.removeEventListener('keydown', onKey);
      zoomer.destroy();
      root.selectAll('*').remove();
    },
  };
  return controller;
}
