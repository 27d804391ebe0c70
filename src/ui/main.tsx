/**
 * Entry point. Everything stateful is made once, here, outside React: the store (knowing
 * synchronously whether a link is being opened), the worker (behind a host that can restart
 * it), the session (wrapped by the recovery that replays it after a failure) and the playback
 * actor. The link itself is decoded once, in the worker; a broken one falls back to the first sample.
 * The language (a link's, else the stored choice, else the browser's) is loaded before the first render.
 */
import { I18nProvider } from '@lingui/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { msg } from './i18n/text.ts';
import { createLanguages } from './i18n/catalogues.ts';
import { browserLanguages, pageStorage, readerLocale } from './i18n/preference.ts';
import { syncLanguage } from './i18n/sync.ts';
import { hasLink, initialStateFromLocation } from './links/initial-state.ts';
import { clearAutosave, readAutosave, startAutosave } from './links/autosave.ts';
import { openLink, type LinkViewHook } from './links/open-link.ts';
import { shareLink } from './links/share-link.ts';
import { watchHash } from './links/watch-hash.ts';
import { loadSample, SAMPLES } from './links/samples.ts';
import { createStageActor } from './lessons/stage-actor.ts';
import { createPlaybackActor } from './session/playback-actor.ts';
import { createRecovery } from './session/recovery.ts';
import { SessionProvider } from './session/session-context.tsx';
import { createSimSession } from './session/sim-session.ts';
import { simWorkerHost, workerSessionOptions } from './session/worker-client.ts';
import { createAppStore } from './store/app-store.ts';
import { AppStoreProvider } from './store/context.tsx';
import './styles/tokens.css';
import './styles/app.css';
import './styles/topology.css';
import './styles/presenter.css';
import './styles/phone.css';

const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
const initial = initialStateFromLocation(location.hash, prefersDark, readerLocale(pageStorage(), browserLanguages()));
const store = createAppStore(initial);
const host = simWorkerHost();
const recovery = createRecovery(store, createSimSession(store, host.api, workerSessionOptions), host);
const session = recovery.session;
const playback = createPlaybackActor(session, store);
recovery.setPause(() => playback.send({ type: 'PAUSE' }));
const stage = createStageActor(session, store);
/** A link's speed goes to the playback machine; its lesson step opens the presenter stage. */
const onView: LinkViewHook = (view, steps) => {
  if (view.speed !== undefined) playback.send({ type: 'SET_SPEED', speed: view.speed });
  if (view.step !== undefined && view.step < steps) {
    const { step, ...own } = view;
    stage.open(step, own);
  }
};

const storage = typeof localStorage === 'undefined' ? undefined : localStorage;

/** The autosaved session came back: say so, and offer to start afresh. */
function restoredBanner(): void {
  store.getState().showBanner({ tone: 'info', title: msg('autosave.back'), detail: msg('autosave.detail'), action: {
    label: msg('autosave.reset'),
    run: () => { clearAutosave(storage); store.getState().showBanner(undefined); stage.actor.send({ type: 'CLOSE' }); void loadSample(store, session, SAMPLES[0].id); },
  } });
}

async function boot(hash: string): Promise<void> {
  // A link in the URL wins over the autosave; the autosave is opened (and checked) like any link,
  // except that the reader's stored language choice stays (it may be newer than the last save).
  const saved = hasLink(hash) ? undefined : readAutosave(storage);
  const outcome = hasLink(hash) ? await openLink(hash, store, session, 'sample', onView) : saved ? await openLink(saved, store, session, 'sample', onView, { keepLanguage: true }) : undefined;
  if (saved && outcome === 'loaded' && !store.getState().banner) restoredBanner();
  if (saved && outcome === 'failed') clearAutosave(storage);
  // 'superseded': a link pasted meanwhile is loading instead.
  if (outcome === undefined || outcome === 'failed') await loadSample(store, session, SAMPLES[0].id);
}
watchHash(store, session, onView);
if (storage) startAutosave(store, storage, () => shareLink(store, session.api));
void boot(location.hash);

const languages = createLanguages();
const rootEl = document.getElementById('root');
// The first language is loaded before the first render (English is already in the bundle).
void syncLanguage(store, languages, document.documentElement).then(() => {
  if (!rootEl) return;
  createRoot(rootEl).render(
    <StrictMode>
      <I18nProvider i18n={languages.i18n}>
      <AppStoreProvider store={store}>
        <SessionProvider value={{ session, playback, stage, reopen: recovery.reopen }}>
          <App />
        </SessionProvider>
      </AppStoreProvider>
      </I18nProvider>
    </StrictMode>,
  );
});
