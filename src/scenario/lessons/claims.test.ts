/**
 * Every number and rule a lesson's narration states is true at that step's moment: the
 * engine runs the lesson's scenario to each step and each claim's measure must give the
 * claimed value, and the claim's words must be in the step's text, so narration and
 * claims cannot drift apart. A step's selection must exist then (the step opens on it).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/index.ts';
import { parseScenario } from '../parse-scenario.ts';
import { LESSONS } from './index.ts';
import { findNode, measure, walk } from './measure.ts';

describe.each(LESSONS.map((l) => [`(${l.letter}) ${l.id}`, l] as const))('lesson %s', (_name, lesson) => {
  const parsed = parseScenario(lesson.scenario);
  it('is a valid v2 scenario without warnings, with steps in time order and one claim list per step', () => {
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.warnings).toEqual([]);
    const steps = parsed.spec.steps ?? [];
    expect(steps.length).toBeGreaterThan(1);
    expect(lesson.claims).toHaveLength(steps.length);
    expect(steps.map((s) => s.at)).toEqual(steps.map((s) => s.at).toSorted((a, b) => a - b));
  });

  it('says only what the engine shows at each step', () => {
    if (!parsed.ok) throw new Error('invalid');
    const sim = createSimulation(parsed.spec);
    (parsed.spec.steps ?? []).forEach((step, i) => {
      sim.runUntil(step.at * 1000);
      const text = `${step.title}\n${step.narration}`;
      const where = `step ${i + 1} "${step.title}"`;
      for (const claim of lesson.claims[i]) {
        expect(text, `${where}: the narration says "${claim.says}"`).toContain(claim.says);
        expect(measure(sim, claim.measure), `${where}: ${claim.says} (${JSON.stringify(claim.measure)})`).toBe(claim.equals);
      }
      const sel = /^(node|pod|eni):(.+)$/.exec(step.view.sel ?? '');
      const snap = sim.snapshot();
      if (sel?.[1] === 'node') expect(findNode(snap, sel[2]), `${where}: selected node`).toBeDefined();
      if (sel?.[1] === 'pod') expect(snap.pods.some((p) => `${p.namespace}/${p.name}` === sel[2]), `${where}: selected pod ${sel[2]}`).toBe(true);
      const pw = /^(.+)\|(\d+)$/.exec(step.view.pw ?? '');
      if (pw) expect(walk(sim, pw[1]).hops.length, `${where}: the walk has hop ${pw[2]}`).toBeGreaterThanOrEqual(Number(pw[2]));
      if (sel?.[1] === 'eni') expect(snap.nodes.some((n) => n.enis.some((e) => e.id === sel[2])), `${where}: selected ENI`).toBe(true);
    });
  });
});
