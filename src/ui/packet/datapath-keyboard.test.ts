// @vitest-environment happy-dom
/** The datapath picture by keyboard: one tab stop, arrows between devices, Enter goes to the hop there. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../../sim/index.ts';
import { tracePoints, traceWalk } from '../../worker/trace-api.ts';
import { createDatapath } from './datapath-controller.ts';
import { focusNodes, stationOf } from './hop-model.ts';

const press = (key: string) => document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

describe('datapath picture keyboard (happy-dom)', () => {
  it('devices are one tab stop; ArrowDown/Up/End move; Enter seeks the first hop at the device; a device the packet never visits seeks nothing', () => {
    const parsed = parseScenario(SAMPLE_SCENARIOS['security-groups-for-pods']);
    if (!parsed.ok) throw new Error('parse');
    const sim = createSimulation(parsed.spec);
    sim.runUntil(120_000);
    const pay = tracePoints(sim).find((p) => p.kind === 'pod' && p.id.startsWith('default/payments-'));
    const walk = traceWalk(sim, { from: pay?.id ?? '', to: '8.8.8.8', proto: 'tcp', dport: 443 });
    if (!walk.ok) throw new Error(walk.error);
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.append(el);
    const seeks: number[] = [];
    const dp = createDatapath(el, (h) => seeks.push(h));
    dp.update({ packets: [{ walk, slot: 0 }], active: 0, index: 0 });
    const boxes = [...el.querySelectorAll<SVGGElement>('g.dp-box')];
    expect(boxes.length).toBeGreaterThan(8);
    expect(el.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
    boxes[0].focus();
    press('ArrowDown');
    expect(document.activeElement).toBe(boxes[1]);
    press('End');
    expect(document.activeElement).toBe(boxes.at(-1));
    press('ArrowUp');
    expect(document.activeElement).toBe(boxes.at(-2));
    expect(el.querySelectorAll('[tabindex="0"]')).toHaveLength(1);

    // Every device the packet passes on this node: Enter goes to the first hop there.
    const hops = walk.result.hops;
    const focus = focusNodes(hops);
    const node = focus[0];
    let checked = 0;
    for (const b of boxes) {
      b.focus();
      const before = seeks.length;
      press('Enter');
      const first = hops.findIndex((h, k) => focus[k] === node && stationOf(h, node) === b.dataset.id);
      if (first < 0) { expect(seeks.length).toBe(before); expect(b.getAttribute('aria-disabled')).toBe('true'); continue; }
      expect(seeks.at(-1)).toBe(first);
      checked++;
    }
    expect(checked).toBeGreaterThan(4);
    // The vlan device the branch pod leaves by is one of them.
    const vlan = boxes.find((b) => /^dev:vlan\.eth\.\d+$/.test(b.dataset.id ?? '') && b.getAttribute('aria-disabled') === null);
    expect(vlan).toBeDefined();
    dp.destroy();
  });
});
