/**
 * The scenarios the picker offers: src/scenario's fixtures, in course order. Only their
 * JSON ships in the page; the worker validates one (against the engine's catalogue) when
 * it is picked, so the validator and catalogue are not in the main bundle.
 */
import { msg } from '../i18n/text.ts';
import { issueItems } from './link-banner.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import type { SimSession } from '../session/sim-session.ts';
import type { AppStore } from '../store/app-store.ts';

export interface Sample { id: string; title: string; description: string }

export const SAMPLES: readonly Sample[] = SAMPLE_NAMES.map((id) => ({
  id,
  title: SAMPLE_SCENARIOS[id].name ?? id,
  description: SAMPLE_SCENARIOS[id].description ?? '',
}));

/** Validates a sample in the worker and loads it; false (and a banner) when that fails. */
export async function loadSample(store: AppStore, session: SimSession, id: string): Promise<boolean> {
  const json = (SAMPLE_SCENARIOS as Record<string, unknown>)[id];
  if (json === undefined) return false;
  const r = await session.api.parseScenario(json);
  if (!r.ok) {
    // Fixtures are tested to validate; this only shows if a build ships a broken one.
    store.getState().showBanner({ tone: 'error', title: msg('samples.failed', { id }), items: issueItems(r.issues, '') });
    return false;
  }
  return session.load(r.spec, id);
}
