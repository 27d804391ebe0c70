import { describe, expect, it } from 'vitest';
import { createSimApi } from '../../worker/api.ts';
import { catalogDeps } from '../../worker/catalog-deps.ts';
import { createFakeSimulation, fakeSpec } from '../../worker/fake-engine.test-support.ts';
import { createAppStore } from '../store/app-store.ts';
import { createSimSession } from './sim-session.ts';

function setup(fail = false) {
  const api = createSimApi({
    createSimulation: (spec) => { if (fail && spec.name === 'broken') throw new Error('subnet-x does not exist'); return createFakeSimulation(spec); },
    ...catalogDeps, renderText: () => '',
  });
  const store = createAppStore();
  return { store, session: createSimSession(store, api) };
}

describe('sim session', () => {
  it('loads a scenario into the store', async () => {
    const { store, session } = setup();
    expect(await session.load(fakeSpec(), 'fixture')).toBe(true);
    expect(store.getState().snapshot?.nodes).toHaveLength(2);
    expect(store.getState().source).toBe('fixture');
  });

  it('keeps the last good scenario when a new one fails, and says why', async () => {
    const { store, session } = setup(true);
    await session.load(fakeSpec({ name: 'good' }), 'fixture');
    expect(await session.load(fakeSpec({ name: 'broken' }), 'link')).toBe(false);
    expect(store.getState().spec?.name).toBe('good');
    expect(store.getState().banner?.detail).toContain('subnet-x does not exist');
    await session.advance(500);
    expect(store.getState().snapshot?.timeMs).toBe(500);
  });

  it('sends commands and folds their effect into the snapshot', async () => {
    const { store, session } = setup();
    await session.load(fakeSpec(), 'fixture');
    await session.command({ type: 'scale', deployment: 'web', replicas: 6 });
    expect(store.getState().snapshot?.pods).toHaveLength(6);
    expect(store.getState().events.at(-1)).toMatchObject({ kind: 'k8s', reason: 'ScalingReplicaSet' });
  });

  it('drops an advance while another is in flight', async () => {
    const { store, session } = setup();
    await session.load(fakeSpec(), 'fixture');
    await Promise.all([session.advance(100), session.advance(100)]);
    expect(store.getState().snapshot?.timeMs).toBe(100);
  });
});
