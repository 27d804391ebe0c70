/**
 * The benchmark smoke run: every module of `npm run bench` at tiny sizes, as part of the unit
 * tests (CI), so the benchmarks keep working as the code moves. Figures are not judged here —
 * timings on a shared CI machine say nothing — only that each row is a real measurement.
 */
import { describe, expect, it } from 'vitest';
import { modules } from './modules.ts';

describe('benchmark smoke run', () => {
  for (const [name, run] of modules) {
    it(`${name}: runs at tiny sizes and reports well-formed rows`, async () => {
      const rows = await run({ smoke: true });
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.name, JSON.stringify(r)).toMatch(/\S/);
        expect(Number.isFinite(r.value) && r.value >= 0, JSON.stringify(r)).toBe(true);
        expect(r.unit, JSON.stringify(r)).toMatch(/\S/);
      }
    }, 120_000);
  }
});
