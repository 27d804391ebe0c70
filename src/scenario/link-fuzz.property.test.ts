/**
 * The fuzz suite over links and scenario documents (hostile.test-support.ts): whatever the
 * input, decodeFragment and parseScenario return (no uncaught exception), report no internal
 * error, keep every message under 1,000 characters, and answer fast. Time is measured per
 * case inside the property, as wall time and as the process's CPU time (which a machine busy
 * with other work inflates far less); the bound asserted here is generous, so a loaded CI
 * machine does not make it flaky, and the real figures go to reports/fuzz.json.
 *
 * CI runs 6,000 links and 4,000 documents; `npm run fuzz` runs FUZZ_RUNS of each (100,000
 * by default).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileDocument, hostileFragment } from './hostile.test-support.ts';
import type { ScenarioIssue } from './issues.ts';
import { parseScenario } from './parse-scenario.ts';
import { decodeFragment } from './url-codec.ts';

const runs = Number(process.env.FUZZ_RUNS) || 0;
const LINK_RUNS = runs || 6_000;
const DOC_RUNS = runs || 4_000;
/** The asserted bound per case. The goal is 50 ms; the measured figures are in reports/fuzz.json. */
const CI_BOUND_MS = 1_000;
const MAX_MESSAGE_CHARS = 1_000;

interface Stats { times: number[]; cpu: number[]; slowest: { ms: number; cpuMs: number; what: string }; longestMessage: number }
const fresh = (): Stats => ({ times: [], cpu: [], slowest: { ms: 0, cpuMs: 0, what: '' }, longestMessage: 0 });
const stats: Record<'links' | 'documents', Stats> = { links: fresh(), documents: fresh() };

function timed<T>(kind: keyof typeof stats, what: () => string, run: () => T): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = run();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  const s = stats[kind];
  s.times.push(ms);
  s.cpu.push(cpuMs);
  if (ms > s.slowest.ms) s.slowest = { ms, cpuMs, what: what() };
  expect(ms, `${kind} case took ${ms.toFixed(0)} ms: ${what()}`).toBeLessThan(CI_BOUND_MS);
  return out;
}

/** Every text a reader may be shown, checked for length and for internal errors. */
function checkIssues(kind: keyof typeof stats, texts: string[], issues: readonly ScenarioIssue[]): void {
  expect(issues.filter((i) => i.code === 'internal')).toEqual([]);
  for (const text of [...texts, ...issues.flatMap((i) => [i.path, i.message])]) {
    stats[kind].longestMessage = Math.max(stats[kind].longestMessage, text.length);
    expect(text.length, text.slice(0, 200)).toBeLessThan(MAX_MESSAGE_CHARS);
  }
}

function quantiles(values: number[]) {
  const sorted = values.toSorted((a, b) => a - b);
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p99: at(0.99), max: at(1), over50: sorted.filter((t) => t >= 50).length };
}

const describeHash = (hash: string) => `${hash.length} characters: ${hash.slice(0, 60)}…`;
const timeout = { timeout: Math.max(600_000, (LINK_RUNS + DOC_RUNS) * 20) };

describe('fuzz: hostile links and documents', () => {
  it(`decodeFragment on ${LINK_RUNS} hostile links: returns, no internal error, short messages, bounded time`, timeout, () => {
    fc.assert(fc.property(hostileFragment, (hash) => {
      const r = timed('links', () => describeHash(hash), () => decodeFragment(hash));
      expect(r.ok || r.code === undefined).toBe(true);
      checkIssues('links', r.ok ? [] : [r.error, r.where], r.ok ? r.warnings : r.issues ?? []);
    }), { numRuns: LINK_RUNS });
  });

  it(`parseScenario on ${DOC_RUNS} hostile documents: returns, no internal error, short messages, bounded time`, timeout, () => {
    fc.assert(fc.property(hostileDocument, (doc) => {
      const r = timed('documents', () => describeHash(JSON.stringify(doc) ?? 'undefined'), () => parseScenario(doc));
      checkIssues('documents', [], r.ok ? r.warnings : r.issues);
    }), { numRuns: DOC_RUNS });
  });

  afterAll(() => {
    const summary = Object.fromEntries(Object.entries(stats).map(([kind, s]) => [kind, {
      cases: s.times.length, wallMs: quantiles(s.times), cpuMs: quantiles(s.cpu),
      slowest: { ...s.slowest, ms: Number(s.slowest.ms.toFixed(2)), cpuMs: Number(s.slowest.cpuMs.toFixed(2)) },
      longestMessageChars: s.longestMessage,
    }]));
    mkdirSync('reports', { recursive: true });
    writeFileSync('reports/fuzz.json', `${JSON.stringify(summary, null, 2)}\n`);
  });
});
