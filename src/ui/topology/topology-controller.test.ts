// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../../sim/index.ts';
import { createTopology } from './topology-controller.ts';

function sim() {
  const r = parseScenario(SAMPLE_SCENARIOS['default-m5-large']);
  if (!r.ok) throw new Error('fixture');
  return createSimulation(r.spec);
}

function svg() {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(el);
  return el;
}

describe('topology controller (happy-dom)', () => {
  it('draws the VPC, subnets, one card per node and an ENI row per attached ENI', () => {
    const s = sim();
    s.runUntil(30_000);
    const snap = s.snapshot();
    const el = svg();
    const t = createTopology(el, () => {});
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    expect(el.querySelector('.vpc-label')?.textContent).toContain(snap.vpc.cidrs[0]);
    expect(el.querySelectorAll('g.node')).toHaveLength(snap.nodes.length);
    expect(el.querySelectorAll('g.eni')).toHaveLength(snap.nodes[0].enis.length);
    const assigned = snap.nodes[0].enis.flatMap((e) => e.secondaryIps).filter((a) => a.state === 'assigned').length;
    expect(el.querySelectorAll('rect.cell.assigned')).toHaveLength(assigned);
    t.destroy();
  });

  it('keeps a card where it is as the simulation moves, and marks what an event touched', () => {
    const s = sim();
    s.runUntil(30_000);
    const el = svg();
    const t = createTopology(el, () => {});
    t.update({ snapshot: s.snapshot(), generation: 1, highlight: [] });
    const before = el.querySelector('g.node')?.getAttribute('transform');
    s.advance(60_000);
    const snap = s.snapshot();
    const eni = snap.nodes[0].enis[1].id;
    t.update({ snapshot: snap, generation: 1, highlight: [eni] });
    expect(el.querySelector('g.node')?.getAttribute('transform')).toBe(before);
    expect(el.querySelector(`g.eni.hl`)?.getAttribute('data-keys')).toContain(eni);
    t.destroy();
  });

  it('reports clicks as selections', () => {
    const s = sim();
    s.runUntil(30_000);
    const el = svg();
    const picked: string[] = [];
    const t = createTopology(el, (sel) => picked.push(`${sel.kind}:${sel.id}`));
    const snap = s.snapshot();
    t.update({ snapshot: snap, generation: 1, highlight: [] });
    el.querySelector('.node-card')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(picked).toEqual([`node:${snap.nodes[0].name}`]);
    t.destroy();
  });
});
