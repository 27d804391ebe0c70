/**
 * The node cards: one <g class="node"> per node that should be on screen, drawn by
 * node-card.ts, redrawn only when its node, its pods, its size or its level of detail changed.
 * The controller says which nodes are wanted (all of a small cluster; for a large one, those
 * the camera sees) and how long this frame may spend; cards left over are drawn next frame.
 */
import { select, type Selection } from 'd3';
import type { NodeView, PodView } from '../../sim/view.ts';
import type { Say } from '../i18n/text.ts';
import { attr } from './dom-diff.ts';
import type { Layout } from './layout.ts';
import { drawCard, drawCardFrame, nodeKeys } from './node-card.ts';

interface Drawn { node: NodeView; pods: readonly PodView[]; geoKey: string; detail: boolean }

export interface CardFrame {
  /** Names of the nodes to show, in document order. */
  wanted: readonly string[];
  nodes: ReadonlyMap<string, NodeView>;
  /** Pods of a node (built lazily by the controller: 25,000 pods are not grouped every frame). */
  podsOf(name: string): readonly PodView[];
  layout: Layout;
  detail: boolean;
  enterMs: number;
  /** The page's language. */
  say: Say;
  /** Stop starting new cards after this time (performance.now()); undefined = draw everything. */
  deadline?: number;
}

export interface CardLayer {
  /** Draws what `f` asks for; true when cards were left for another frame. */
  sync(f: CardFrame): { redrawn: SVGGElement[]; pending: boolean };
  clear(): void;
  /** Draws every card afresh at the next sync (their words changed language), keeping the elements and focus. */
  forget(): void;
}

const EMPTY: readonly PodView[] = [];

function sameList(a: readonly PodView[], b: readonly PodView[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

export function createCardLayer(layer: Selection<SVGGElement, unknown, null, undefined>): CardLayer {
  const drawn = new Map<string, Drawn>();
  return {
    sync(f) {
      const groups = layer.selectAll<SVGGElement, string>('g.node').data(f.wanted, (d) => d);
      const gone = groups.exit<string>().each((name) => { drawn.delete(name); }).classed('node', false);
      if (f.enterMs > 0) gone.transition().duration(f.enterMs).style('opacity', 0).remove();
      else gone.remove();
      const entered = groups.enter().append('g').attr('class', 'node').attr('tabindex', -1).attr('role', 'treeitem')
        .attr('data-name', (d) => d).attr('data-sel', (d) => `node:${d}`);
      entered.style('opacity', 0).transition().duration(f.enterMs).style('opacity', 1);
      const redrawn: SVGGElement[] = [];
      let pending = false;
      entered.merge(groups).order().each(function (name) {
        const node = f.nodes.get(name);
        const box = f.layout.nodes.get(name);
        if (!node || !box) return;
        const g = select<SVGGElement, unknown>(this as SVGGElement);
        attr(g, 'transform', `translate(${box.x},${box.y})`);
        const pods = (f.podsOf(name) ?? EMPTY).filter((p) => p.phase !== 'Terminating' || p.ip);
        const geoKey = `${box.geometry.w}x${box.geometry.h}:${box.geometry.slotsPerEni}:${box.geometry.prefixesPerEni}`;
        const prev = drawn.get(name);
        if (prev && prev.node === node && sameList(prev.pods, pods) && prev.geoKey === geoKey && (prev.detail || !f.detail)) return;
        // Over budget: a new card waits for the next frame (an old one shows its last state).
        if (f.deadline !== undefined && performance.now() >= f.deadline) { pending = true; return; }
        if (!prev || prev.geoKey !== geoKey) drawCardFrame(g, node, box.geometry, f.say);
        drawCard(g, node, pods, box.geometry, f.enterMs, f.say, f.detail);
        attr(g, 'data-keys', nodeKeys(node));
        attr(g, 'aria-label', f.say(node.warnings.length ? 'card.nodeLabelWarned' : 'card.nodeLabel', { node: node.name, type: node.instanceType, pods: node.podCount, max: node.maxPods, enis: node.enis.length, codes: node.warnings.map((w) => w.code).join(', ') }));
        drawn.set(name, { node, pods, geoKey, detail: f.detail });
        redrawn.push(this as SVGGElement);
      });
      return { redrawn, pending };
    },
    clear() {
      drawn.clear();
      layer.selectAll('*').remove();
    },
    forget() {
      drawn.clear();
    },
  };
}
