/** The scenarios the picker offers: src/scenario's fixtures, in course order. */
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import type { ScenarioSpec } from '../../sim/spec.ts';

export interface Sample { id: string; title: string; description: string }

export const SAMPLES: readonly Sample[] = SAMPLE_NAMES.map((id) => ({
  id,
  title: SAMPLE_SCENARIOS[id].name ?? id,
  description: SAMPLE_SCENARIOS[id].description ?? '',
}));

/** The normalised spec of a fixture; undefined for an unknown id (or one that fails to parse). */
export function sampleSpec(id: string): ScenarioSpec | undefined {
  const json = (SAMPLE_SCENARIOS as Record<string, unknown>)[id];
  if (json === undefined) return undefined;
  const r = parseScenario(json);
  return r.ok ? r.spec : undefined;
}
