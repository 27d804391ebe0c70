/**
 * What the app opens with, computed synchronously from the URL fragment before the store
 * exists (a writer effect must never see an empty store and overwrite a shared link).
 * A broken link yields the default sample plus a banner that names the problem.
 */
import { decodeFragment } from '../../scenario/url-codec.ts';
import type { InitialState } from '../store/app-store.ts';
import type { Theme } from '../store/slices.ts';
import { SAMPLES, sampleSpec } from './samples.ts';
import { decodeViewState, type WalkLink } from './view-state.ts';

export { parseSelection } from './view-state.ts';

export function initialStateFromLocation(hash: string, prefersDark = false): InitialState {
  const theme: Theme = prefersDark ? 'dark' : 'light';
  const fallback = (): InitialState => ({ spec: sampleSpec(SAMPLES[0].id), source: SAMPLES[0].id, startAtMs: 0, theme });
  if (hash === '' || hash === '#') return fallback();
  const d = decodeFragment(hash);
  if (!d.ok) {
    return {
      ...fallback(),
      banner: { tone: 'error', title: 'This scenario link is broken', detail: `${d.error} (at ${d.where}). Showing the first sample scenario instead.` },
    };
  }
  const v = decodeViewState(d.view);
  return {
    spec: d.spec, source: 'link', startAtMs: d.moment?.timeMs ?? 0, theme: v.theme ?? theme, selection: v.selection,
    presenter: v.presenter ?? false, initialCamera: v.camera,
  };
}

/**
 * The packet walk a link points at (`v.pw`), if the link is sound. The walk panel has a page
 * store of its own, which reads this when it is made; the walk runs once the scenario loaded.
 */
export function initialWalkFromLocation(hash: string): WalkLink | undefined {
  if (hash === '' || hash === '#') return undefined;
  const d = decodeFragment(hash);
  return d.ok ? decodeViewState(d.view).walk : undefined;
}
