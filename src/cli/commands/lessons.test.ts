/**
 * `lessons` through the CLI's `main`: every step's fragment opens that step (the lesson's
 * scenario, the step's moment, `v.step`), with the step's title, and stays under the 2,000
 * characters a typical lesson link should fit in.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../scenario/lessons/index.ts';
import { decodeFragment } from '../../scenario/url-codec.ts';
import { runCli } from '../cli.test-support.ts';
import type { LessonEntry } from './lessons.ts';

describe('npm run sim -- lessons', () => {
  it('prints every shipped lesson in course order, each step with a fragment that opens it', async () => {
    const r = await runCli(['lessons']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const entries = JSON.parse(r.stdout) as LessonEntry[];
    expect(entries.map((e) => e.id)).toEqual(LESSONS.map((l) => l.id));
    entries.forEach((entry, k) => {
      expect(Object.keys(entry)).toEqual(['id', 'title', 'steps']);
      const lesson = LESSONS[k];
      expect(entry.title).toBe(lesson.scenario.name);
      expect(entry.steps.map((s) => s.title)).toEqual(lesson.scenario.steps?.map((s) => s.title));
      entry.steps.forEach((step, i) => {
        expect(Object.keys(step)).toEqual(['title', 'fragment']);
        const d = decodeFragment(step.fragment);
        if (!d.ok) throw new Error(`${entry.id} step ${i + 1}: ${d.error}`);
        expect(d.warnings).toEqual([]);
        expect(d.view).toEqual({ step: String(i + 1) });
        expect(d.moment).toEqual({ timeMs: (lesson.scenario.steps?.[i].at ?? -1) * 1000 });
        expect(d.spec.steps?.[i].title).toBe(step.title);
        expect(step.fragment.length, `${entry.id} step ${i + 1}`).toBeLessThan(2000);
      });
    });
  });

  it('takes no arguments', async () => {
    const r = await runCli(['lessons', 'pod-to-pod']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: lessons takes no arguments, got "pod-to-pod"/);
  });
});
