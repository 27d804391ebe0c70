import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/index.ts';
import { parseScenario } from './parse-scenario.ts';
import { specToScenarioJson } from './spec-to-json.ts';
import { decodeFragment, encodeFragment } from './url-codec.ts';

const base = { v: 2, nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }], deployments: [{ name: 'web', replicas: 2 }] };

function ok(doc: unknown) {
  const r = parseScenario(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

describe('format v2: lesson steps', () => {
  it('keeps each step\'s moment, title, narration and view, and runs its commands at its moment', () => {
    const r = ok({
      ...base,
      timeline: [{ at: 30, command: { type: 'scale', deployment: 'web', replicas: 4 } }],
      steps: [
        { at: 10, title: 'Two pods', narration: 'Each pod gets a secondary IP.', view: { sel: 'pod:default/web-1', term: 'ip rule' } },
        { at: 30, title: 'Scale to 20', commands: [{ type: 'scale', deployment: 'web', replicas: 20 }] },
      ],
    });
    expect(r.warnings).toEqual([]);
    expect(r.spec.steps).toEqual([
      { at: 10, title: 'Two pods', narration: 'Each pod gets a secondary IP.', view: { sel: 'pod:default/web-1', term: 'ip rule' } },
      { at: 30, title: 'Scale to 20', narration: '', view: {} },
    ]);
    // The step's command runs after the timeline's entry of the same second, so it wins.
    expect(r.spec.timeline).toEqual([
      { at: 30, command: { type: 'scale', deployment: 'web', replicas: 4 } },
      { at: 30, command: { type: 'scale', deployment: 'web', replicas: 20 }, step: 1 },
    ]);
    const sim = createSimulation(r.spec);
    sim.runUntil(31_000);
    expect(sim.snapshot().deployments.find((d) => d.name === 'web')?.replicas).toBe(20);
  });

  it('checks a step\'s commands like timeline entries, with the step\'s path', () => {
    const r = parseScenario({ ...base, steps: [{ at: 5, title: 'x', commands: [{ type: 'scale', deployment: 'api', replicas: 1 }] }] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toMatchObject([{ path: 'steps[0].commands[0].deployment', message: expect.stringContaining('no deployment "default/api" exists at 5 s') }]);
  });

  it('refuses an empty title, a moment past a week and a view value that is not text', () => {
    const r = parseScenario({ ...base, steps: [{ at: 700_000, title: '', view: { sel: 3 } }] });
    expect(!r.ok && r.issues.map((i) => i.path).toSorted()).toEqual(['steps[0].at', 'steps[0].title', 'steps[0].view.sel']);
  });

  it('warns about a view key this build does not know, and keeps the step', () => {
    const r = ok({ ...base, steps: [{ at: 0, title: 'x', view: { zoom: '3', sel: 'node:ng' } }] });
    expect(r.warnings).toMatchObject([{ path: 'steps[0].view.zoom', message: expect.stringContaining('"zoom" is not a view setting') }]);
  });

  it('caps steps, their commands and their view keys before anything else is read', () => {
    const many = Array.from({ length: 101 }, (_v, i) => ({ at: i, title: `s${i}` }));
    expect(parseScenario({ ...base, steps: many })).toMatchObject({ ok: false, issues: [{ path: 'steps', code: 'limit', message: expect.stringContaining('101 lesson steps; at most 100') }] });
    const view = Object.fromEntries(Array.from({ length: 21 }, (_v, i) => [`k${i}`, 'x']));
    expect(parseScenario({ ...base, steps: [{ at: 0, title: 'x', view }] })).toMatchObject({ ok: false, issues: [{ path: 'steps[0].view', code: 'limit' }] });
  });

  it('round-trips through specToScenarioJson and a link: steps keep their own commands', () => {
    const doc = {
      ...base,
      timeline: [{ at: 20, command: { type: 'scale', deployment: 'web', replicas: 3 } }, { at: 40, muted: true, command: { type: 'scale', deployment: 'web', replicas: 1 } }],
      steps: [{ at: 0, title: 'Start' }, { at: 20, title: 'More', narration: 'n', view: { cam: '1,2,1' }, commands: [{ type: 'setEnv', name: 'WARM_IP_TARGET', value: '2' }] }],
    };
    const r = ok(doc);
    const json = specToScenarioJson(r.spec);
    expect(json).toEqual(doc);
    const link = decodeFragment(encodeFragment({ scenario: json }));
    expect(link.ok && link.spec).toEqual(r.spec);
  });
});

describe('format v2: muted timeline entries', () => {
  it('are kept and shown but never run', () => {
    const r = ok({ ...base, timeline: [{ at: 10, muted: true, command: { type: 'scale', deployment: 'web', replicas: 9 } }] });
    expect(r.spec.timeline).toEqual([{ at: 10, muted: true, command: { type: 'scale', deployment: 'web', replicas: 9 } }]);
    const sim = createSimulation(r.spec);
    sim.runUntil(20_000);
    expect(sim.snapshot().deployments.find((d) => d.name === 'web')?.replicas).toBe(2);
  });

  it('do not count in the checks of later entries (a muted delete leaves the deployment for the next scale)', () => {
    const r = parseScenario({ ...base, timeline: [
      { at: 10, muted: true, command: { type: 'deleteDeployment', deployment: 'web' } },
      { at: 20, command: { type: 'scale', deployment: 'web', replicas: 3 } },
    ] });
    expect(r.ok).toBe(true);
  });
});
