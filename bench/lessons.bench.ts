/**
 * Opening a lesson step is a replay: validate the lesson's scenario, build the engine, run
 * it to the step's moment, take the snapshot the page receives (what the worker's `load`
 * does), plus the packet walk when the step shows one. Issue 9: under 500 ms for every step
 * of every shipped lesson. Also each step link's length (target: under 2,000 characters).
 *
 *     npm run bench -- lessons
 */
import { LESSONS } from '../src/scenario/lessons/index.ts';
import { walk } from '../src/scenario/lessons/measure.ts';
import { stepFragment } from '../src/scenario/lessons/step-links.ts';
import { parseScenario } from '../src/scenario/parse-scenario.ts';
import { createSimulation } from '../src/sim/index.ts';

const round = (ms: number): number => Math.round(ms * 10) / 10;

export async function bench(opts: { smoke?: boolean } = {}) {
  const repeats = opts.smoke ? 1 : 3;
  const rows: { name: string; value: number; unit: string; target?: string }[] = [];
  for (const lesson of LESSONS) {
    let worst = 0;
    let longest = 0;
    (lesson.scenario.steps ?? []).forEach((step, i) => {
      const runs: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const t = performance.now();
        const parsed = parseScenario(lesson.scenario);
        if (!parsed.ok) throw new Error(`${lesson.id} does not validate`);
        const sim = createSimulation(parsed.spec);
        sim.runUntil(step.at * 1000);
        sim.snapshot();
        const pw = /^(.+)\|\d+$/.exec(step.view?.pw ?? '');
        if (pw) walk(sim, pw[1]);
        runs.push(performance.now() - t);
      }
      worst = Math.max(worst, runs.toSorted((a, b) => a - b)[Math.floor(runs.length / 2)]);
      longest = Math.max(longest, stepFragment(lesson.scenario, i).length);
    });
    rows.push({ name: `open a step of ${lesson.id} (slowest step, median of 3)`, value: round(worst), unit: 'ms', target: '< 500' });
    rows.push({ name: `${lesson.id} step link length (longest)`, value: longest, unit: 'chars', target: '< 2000' });
  }
  return rows;
}
