/**
 * What the app opens with, computed synchronously from the URL fragment before the store
 * exists (a writer effect must never see an empty store and overwrite a shared link).
 * A broken link yields the default sample plus a banner that names the problem.
 */
import { decodeFragment } from '../../scenario/url-codec.ts';
import type { InitialState } from '../store/app-store.ts';
import type { Selection, Theme } from '../store/slices.ts';
import { SAMPLES, sampleSpec } from './samples.ts';

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
  const viewTheme = d.view.theme === 'dark' || d.view.theme === 'light' ? d.view.theme : theme;
  return { spec: d.spec, source: 'link', startAtMs: d.moment?.timeMs ?? 0, theme: viewTheme, selection: parseSelection(d.view.sel, d.view.node) };
}

/** `node:<name>` / `eni:<id>` / `pod:<ns>/<name>` as written by the share button. */
export function parseSelection(sel: string | undefined, node: string | undefined): Selection | undefined {
  const m = /^(node|eni|pod):(.+)$/.exec(sel ?? '');
  if (!m) return undefined;
  const kind = m[1] as Selection['kind'];
  return { kind, id: m[2], node: node ?? (kind === 'node' ? m[2] : undefined) };
}
