/**
 * A link pasted into the address bar of an open page: decode it and load it, or say what
 * is wrong and keep the scenario that is running.
 */
import { decodeFragment } from '../../scenario/url-codec.ts';
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';
import { packetWalkStore } from '../packet/packet-walk-store.ts';
import { decodeViewState } from './view-state.ts';

/** The fragment the app itself last wrote, so writing it does not trigger a reload. */
let written = '';

export function noteWrittenHash(hash: string): void {
  written = hash;
}

export function watchHash(store: AppStore, session: SimSession): () => void {
  const onChange = () => {
    const hash = location.hash;
    if (hash === written || hash === '' || hash === '#') return;
    const d = decodeFragment(hash);
    if (!d.ok) {
      store.getState().showBanner({ tone: 'error', title: 'This scenario link is broken', detail: `${d.error} (at ${d.where}). The current scenario keeps running.` });
      return;
    }
    const v = decodeViewState(d.view);
    const s = store.getState();
    s.showBanner(undefined);
    s.setPresenter(v.presenter ?? false);
    s.setInitialCamera(v.camera);
    const walk = v.walk;
    void session.load(d.spec, 'link', d.moment?.timeMs ?? 0).then((ok) => {
      if (ok && walk) packetWalkStore.getState().openLink(walk);
    });
  };
  addEventListener('hashchange', onChange);
  return () => removeEventListener('hashchange', onChange);
}
