/**
 * Entry point. Everything stateful is made once, here, outside React: the store (from the
 * URL fragment, synchronously), the worker session and the playback actor.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initialStateFromLocation } from './links/initial-state.ts';
import { watchHash } from './links/watch-hash.ts';
import { SAMPLES, sampleSpec } from './links/samples.ts';
import { createPlaybackActor } from './session/playback-actor.ts';
import { SessionProvider } from './session/session-context.tsx';
import { createSimSession } from './session/sim-session.ts';
import { simWorker } from './session/worker-client.ts';
import { createAppStore } from './store/app-store.ts';
import { AppStoreProvider } from './store/context.tsx';
import './styles/tokens.css';
import './styles/app.css';
import './styles/topology.css';
import './styles/presenter.css';

const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
const initial = initialStateFromLocation(location.hash, prefersDark);
const store = createAppStore(initial);
const session = createSimSession(store, simWorker());
const playback = createPlaybackActor(session, store);

async function boot(): Promise<void> {
  const { spec, source, startAtMs } = store.getState();
  const ok = spec ? await session.load(spec, source, startAtMs, true) : false;
  if (!ok) {
    const fallback = sampleSpec(SAMPLES[0].id);
    if (fallback) await session.load(fallback, SAMPLES[0].id);
  }
}
void boot();
watchHash(store, session);

const rootEl = document.getElementById('root');
if (rootEl) {
  createRoot(rootEl).render(
    <StrictMode>
      <AppStoreProvider store={store}>
        <SessionProvider value={{ session, playback }}>
          <App />
        </SessionProvider>
      </AppStoreProvider>
    </StrictMode>,
  );
}
