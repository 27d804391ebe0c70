import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToCurrent, type Migration } from './migrations.ts';
import { parseScenario } from './parse-scenario.ts';
import { CURRENT_VERSION } from './scenario-json.ts';

describe('migrations', () => {
  it('form a chain from 0 up to the current version with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: CURRENT_VERSION }, (_unused, i) => i));
  });

  it('move the draft-0 flat awsNode env map under awsNode.env', () => {
    const r = migrateToCurrent({ v: 0, awsNode: { WARM_IP_TARGET: '2' }, nodeGroups: [] });
    // 1→2 changes nothing a reader sees, so it is not listed.
    expect(r).toEqual({ ok: true, doc: { v: 2, awsNode: { env: { WARM_IP_TARGET: '2' } }, nodeGroups: [] }, applied: [expect.objectContaining({ message: expect.stringMatching(/^0→1: /) })] });
  });

  it('let parseScenario read a draft-0 scenario, with a warning saying it was upgraded', () => {
    const r = parseScenario({ v: 0, awsNode: { WARM_IP_TARGET: '2' }, nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.spec.awsNode.env).toEqual({ WARM_IP_TARGET: '2' });
    expect(r.scenario.v).toBe(2);
    expect(r.warnings).toMatchObject([{ path: 'v', message: expect.stringContaining('upgraded from an older format') }]);
  });

  it('return a problem instead of throwing when a step refuses its input', () => {
    expect(migrateToCurrent({ v: 0, awsNode: ['x'] })).toMatchObject({ ok: false, applied: [], issues: [{ path: 'awsNode', message: expect.stringContaining('format 0') }] });
  });

  it('report a gap in a chain', () => {
    const chain: Migration[] = [];
    expect(migrateToCurrent({ v: 0 }, chain)).toMatchObject({ ok: false, issues: [{ path: 'v', message: 'no migration from format 0 to 1' }] });
  });

  it('leave a current document untouched', () => {
    const doc = { v: CURRENT_VERSION, name: 'x' };
    expect(migrateToCurrent(doc)).toEqual({ ok: true, doc, applied: [] });
  });
});

describe('migration 1 → 2 (lesson steps, muted entries)', () => {
  it('reads a v1 document as the same v2 document, without telling the reader', () => {
    const v1 = { v: 1, name: 'x', timeline: [{ at: 5, command: { type: 'scale', deployment: 'web', replicas: 3 } }] };
    expect(migrateToCurrent(v1)).toEqual({ ok: true, doc: { ...v1, v: 2 }, applied: [] });
  });

  it('drops "steps" and "muted" a v1 build ignored, and says so, rather than giving them a meaning now', () => {
    const v1 = { v: 1, steps: [{ at: 1, title: 'sneaky' }], timeline: [{ at: 5, muted: true, command: { type: 'setEnv', name: 'WARM_IP_TARGET', value: '1' } }] };
    const r = migrateToCurrent(v1);
    expect(r).toMatchObject({
      ok: true,
      doc: { v: 2, timeline: [{ at: 5, command: { type: 'setEnv', name: 'WARM_IP_TARGET', value: '1' } }] },
      applied: [expect.objectContaining({ message: expect.stringMatching(/^1→2: /) })],
      notes: [{ path: 'steps', message: expect.stringContaining('format 2') }, { path: 'timeline', message: expect.stringContaining('"muted"') }],
    });
    const parsed = parseScenario(v1);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.spec.steps).toBeUndefined();
    expect(parsed.spec.timeline).toEqual([{ at: 5, command: { type: 'setEnv', name: 'WARM_IP_TARGET', value: '1' } }]);
    expect(parsed.warnings.map((w) => w.path)).toEqual(['v', 'steps', 'timeline']);
  });
});
