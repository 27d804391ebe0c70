// @vitest-environment happy-dom
/**
 * Opening a lesson step through the real worker facade (over the fake engine): the
 * scenario, with the user's own commands folded in, replays to the step's moment and the
 * step's view is shown; a link naming a step hands it to the page with its own view keys.
 */
import { describe, expect, it } from 'vitest';
import { encodeFragment } from '../../scenario/url-codec.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import type { LessonStep } from '../../sim/spec.ts';
import { createSimApi } from '../../worker/api.ts';
import { catalogDeps } from '../../worker/catalog-deps.ts';
import { createFakeSimulation, fakeSpec } from '../../worker/fake-engine.test-support.ts';
import { initialStateFromLocation } from '../links/initial-state.ts';
import { openLink } from '../links/open-link.ts';
import type { ViewState } from '../links/view-state.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import { createSimSession } from '../session/sim-session.ts';
import { createAppStore } from '../store/app-store.ts';
import { openStep } from './open-step.ts';
import { currentShareState } from './share-state.ts';

const steps: LessonStep[] = [
  { at: 5, title: 'One', narration: '', view: { sel: 'node:ng-0', term: 'ip rule', filter: 'ec2' } },
  { at: 30, title: 'Two', narration: 'n', view: { pw: 'default/web-1|external|tcp|443|4', tab: 'env' } },
];

function page(hash = '') {
  const api = createSimApi({ createSimulation: createFakeSimulation, ...catalogDeps, renderText: () => '' });
  const store = createAppStore(initialStateFromLocation(hash));
  return { store, session: createSimSession(store, api), api };
}

describe('opening a lesson step', () => {
  it('replays to the step\'s moment, keeps the user\'s commands, and shows the step\'s view', async () => {
    const { store, session } = page();
    await session.load(fakeSpec({ steps }), 'custom');
    await session.advance(10_000);
    await session.command({ type: 'scale', deployment: 'web', replicas: 3 });
    expect(await openStep(store, session, 1)).toBe(true);
    const s = store.getState();
    expect([s.snapshot?.timeMs, s.stepIndex, s.selection, s.controlTab, s.timelineFilter]).toEqual([30_000, 1, undefined, 'env', 'all']);
    expect(packetWalkStore.getState()).toMatchObject({ open: true, from: 'default/web-1', to: 'external', pendingHop: 4 });
    // The user's scale at 10 s is now part of the scenario that was replayed.
    expect(s.spec?.timeline).toContainEqual({ at: 10, command: { type: 'scale', deployment: 'web', replicas: 3 } });
    expect(await openStep(store, session, 0)).toBe(true);
    expect([store.getState().snapshot?.timeMs, store.getState().selection?.id, store.getState().terminal, store.getState().timelineFilter]).toEqual([5_000, 'ng-0', 'ip rule', 'ec2']);
    expect(packetWalkStore.getState().open).toBe(false);
    expect(await openStep(store, session, 2)).toBe(false);
  });

  it('shares the page\'s edited steps, and turns step commands into plain timeline entries once steps were edited', async () => {
    const { store, session } = page();
    await session.load(fakeSpec({ steps, timeline: [{ at: 30, command: { type: 'scale', deployment: 'web', replicas: 2 }, step: 1 }] }), 'custom');
    expect((await currentShareState(store, session.api)).spec.timeline).toEqual([{ at: 30, command: { type: 'scale', deployment: 'web', replicas: 2 }, step: 1 }]);
    store.getState().setSteps([steps[1], steps[0]]);
    const shared = await currentShareState(store, session.api);
    expect(shared.spec.steps?.map((s) => s.title)).toEqual(['Two', 'One']);
    expect(shared.spec.timeline).toEqual([{ at: 30, command: { type: 'scale', deployment: 'web', replicas: 2 } }]);
  });

  it('hands a link\'s step (and its other view keys) to the page once the scenario is loaded', async () => {
    const lesson = { ...SAMPLE_SCENARIOS['t3-medium-max-pods'], v: 2, steps: [{ at: 1, title: 'a' }, { at: 2, title: 'b' }] };
    const hash = encodeFragment({ scenario: lesson as never, moment: { timeMs: 2000 }, view: { step: '2', speed: '4', sel: 'node:x' } });
    const { store, session } = page(hash);
    const seen: [ViewState, number][] = [];
    expect(await openLink(hash, store, session, 'sample', (v, n) => seen.push([v, n]))).toBe('loaded');
    expect(seen).toEqual([[{ step: 1, speed: 4, selection: { kind: 'node', id: 'x', node: 'x' } }, 2]]);
  });
});
