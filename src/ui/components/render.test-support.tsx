/**
 * Component-test harness (happy-dom): renders a piece of the app with a real store, a real
 * session and the real engine behind the worker facade, called in process (no Worker).
 * Errors React reports (caught by a boundary or not) are collected instead of thrown, so a
 * test can assert there were none, or which.
 */
import { I18nProvider } from '@lingui/react';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import type { ScenarioSpec } from '../../sim/spec.ts';
import { createSimulation } from '../../sim/index.ts';
import { createSimApi } from '../../worker/api.ts';
import { catalogDeps } from '../../worker/catalog-deps.ts';
import { renderText } from '../../worker/text-views.ts';
import { traceWalk, tracePoints } from '../../worker/trace-api.ts';
import { createStageActor } from '../lessons/stage-actor.ts';
import { createLanguages, type Languages } from '../i18n/catalogues.ts';
import { createPlaybackActor } from '../session/playback-actor.ts';
import { SessionProvider } from '../session/session-context.tsx';
import { createSimSession, type SessionApi, type SimSession } from '../session/sim-session.ts';
import { createAppStore, type AppStore, type InitialState } from '../store/app-store.ts';
import { AppStoreProvider } from '../store/context.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A sample's validated spec (the page has the worker validate it; a test may do it in process). */
export function sampleSpec(id: string): ScenarioSpec | undefined {
  const json = (SAMPLE_SCENARIOS as Record<string, unknown>)[id];
  if (json === undefined) return undefined;
  const r = parseScenario(json);
  return r.ok ? r.spec : undefined;
}

/** The worker facade over the real engine, in process. */
export function engineApi() {
  return createSimApi({ createSimulation, renderText, tracePoints, traceWalk, ...catalogDeps });
}

export interface Harness {
  store: AppStore;
  session: SimSession;
  /** The page's languages (English active); `languages.activate('ko')` switches. */
  languages: Languages;
  host: HTMLElement;
  root: Root;
  /** Every error React reported while rendering (uncaught, or caught by an error boundary). */
  errors: unknown[];
  render(ui: ReactNode): void;
  unmount(): void;
}

export function harness(initial: InitialState = {}, api: SessionApi = engineApi()): Harness {
  const store = createAppStore(initial);
  const languages = createLanguages();
  const session = createSimSession(store, api);
  const playback = createPlaybackActor(session, store);
  const stage = createStageActor(session, store);
  const host = document.createElement('div');
  document.body.append(host);
  const errors: unknown[] = [];
  const record = (e: unknown) => { if (!errors.includes(e)) errors.push(e); };
  const root = createRoot(host, {
    onUncaughtError: (e) => { record(e); },
    onCaughtError: (e) => { record(e); },
    onRecoverableError: (e) => { record(e); },
  });
  const wrap = (ui: ReactNode) => (
    <I18nProvider i18n={languages.i18n}>
      <AppStoreProvider store={store}>
        <SessionProvider value={{ session, playback, stage, reopen: async () => false }}>{ui}</SessionProvider>
      </AppStoreProvider>
    </I18nProvider>
  );
  return {
    store, session, languages, host, root, errors,
    // act() rethrows an error no boundary caught; it is recorded like the ones React reports.
    render: (ui) => { try { act(() => root.render(wrap(ui))); } catch (e) { record(e); } },
    unmount: () => { act(() => root.unmount()); playback.stop(); stage.actor.stop(); host.remove(); },
  };
}

/** Awaits a session call (or any promise) inside act, so React commits what it caused. */
export async function settle<T>(p: Promise<T>): Promise<T> {
  let out: T | undefined;
  await act(async () => { out = await p; });
  return out as T;
}
