// @vitest-environment happy-dom
/** Keyboard paths through the cluster picture (roving.ts) on the real controller and real snapshots. */
import { describe, expect, it, vi } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../../sim/index.ts';
import type { Selection } from '../store/slices.ts';
import { syntheticSnapshot } from './synthetic.test-support.ts';
import { createTopology } from './topology-controller.ts';

function sized() {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(el);
  el.getBoundingClientRect = () => ({ x: 0, y: 0, left: 0, top: 0, right: 1600, bottom: 1000, width: 1600, height: 1000, toJSON: () => ({}) });
  return el;
}

const press = (key: string) => document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
const active = () => document.activeElement as Element | null;
const stops = (el: Element) => el.querySelectorAll('[tabindex="0"]').length;

describe('keyboard through the cluster picture (happy-dom)', () => {
  it('ArrowDown/Up walk the nodes, ArrowRight enters a node\'s ENIs and pods, ArrowLeft leaves, Enter selects; one tab stop throughout', () => {
    const r = parseScenario(SAMPLE_SCENARIOS['three-az']);
    if (!r.ok) throw new Error('fixture');
    const sim = createSimulation(r.spec);
    sim.runUntil(120_000);
    const snap = sim.snapshot();
    const el = sized();
    const picked: Selection[] = [];
    const t = createTopology(el, (s) => picked.push(s));
    t.update({ snapshot: snap, generation: 1, highlight: [], camera: { cx: 600, cy: 400, k: 1 } });
    expect(el.querySelector('.node-layer')?.getAttribute('role')).toBe('tree');
    const nodes = [...el.querySelectorAll<SVGGElement>('g.node')];
    expect(nodes.length).toBe(snap.nodes.length);
    expect(stops(el)).toBe(1);
    nodes[0].focus();
    press('ArrowDown');
    expect(active()?.getAttribute('data-name')).toBe(snap.nodes[1].name);
    press('End');
    expect(active()?.getAttribute('data-name')).toBe(snap.nodes.at(-1)?.name);
    press('Home');
    expect(active()).toBe(nodes[0]);
    expect(stops(el)).toBe(1);
    // Into the node: its first ENI row (the primary ENI), then down to its pods.
    press('ArrowRight');
    const first = snap.nodes[0].enis.filter((e) => e.kind !== 'branch').toSorted((a, b) => a.deviceIndex - b.deviceIndex)[0];
    expect(active()?.getAttribute('data-sel')).toBe(`eni:${first.id}`);
    expect(active()?.getAttribute('role')).toBe('treeitem');
    const enis = nodes[0].querySelectorAll('g.eni').length;
    for (let i = 0; i < enis; i++) press('ArrowDown');
    expect(active()?.matches('rect.pod')).toBe(true);
    const pod = (active()?.getAttribute('data-sel') ?? '').replace(/^pod:/, '');
    expect(snap.pods.some((p) => `${p.namespace}/${p.name}` === pod && p.node === snap.nodes[0].name)).toBe(true);
    press('Enter');
    expect(picked.at(-1)).toEqual({ kind: 'pod', id: pod, node: snap.nodes[0].name });
    expect(stops(el)).toBe(1);
    expect(active()?.getAttribute('tabindex')).toBe('0');
    press('ArrowLeft');
    expect(active()).toBe(nodes[0]);
    press(' ');
    expect(picked.at(-1)).toEqual({ kind: 'node', id: snap.nodes[0].name, node: snap.nodes[0].name });
    t.destroy();
  });

  it('a culled card is reached: End moves the camera to the last node and focus lands on its card once drawn', async () => {
    const el = sized();
    const t = createTopology(el, () => {});
    const snap = syntheticSnapshot(200, 3);
    t.update({ snapshot: snap, generation: 1, highlight: [], camera: { cx: 300, cy: 300, k: 1 } });
    const last = snap.nodes.at(-1)?.name ?? '';
    expect(el.querySelector(`g.node[data-name="${last}"]`)).toBeNull();
    el.querySelector<SVGGElement>('g.node')?.focus();
    press('End');
    await vi.waitFor(() => expect(active()?.getAttribute('data-name')).toBe(last), { timeout: 5000 });
    expect(stops(el)).toBe(1);
    t.destroy();
  });
});
