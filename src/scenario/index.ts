/**
 * Scenario format v1: validation to the engine's ScenarioSpec, migrations, the URL
 * fragment codec and the fixture scenarios. See docs/scenario-format.md.
 */
export { issueCount, type ScenarioIssue } from './issues.ts';
export { CURRENT_VERSION, type CommandJson, type DeploymentJson, type ScenarioJson } from './scenario-json.ts';
export { parseScenario, type ParseOptions, type ParseResult } from './parse-scenario.ts';
export { MIGRATIONS, migrateToCurrent, type Migration, type MigrationResult } from './migrations.ts';
export { decodeFragment, encodeFragment, FRAGMENT_VERSION, type DecodedFragment, type SharedState } from './url-codec.ts';
export { specToScenarioJson } from './spec-to-json.ts';
export { SAMPLE_NAMES, SAMPLE_SCENARIOS, type SampleName } from './sample-index.ts';
export type { InstanceTypeLookup } from './instance-types.ts';
