/**
 * The one entry point from untrusted JSON to the engine's ScenarioSpec: migrate to the
 * current version, check the shape, fill in defaults, check the meaning. Every problem is
 * returned with its path; nothing throws, whatever the input.
 */
import * as v from 'valibot';
import type { ScenarioSpec } from '../sim/spec.ts';
import { checkCluster } from './check-cluster.ts';
import { checkNetwork } from './check-network.ts';
import { checkTimeline } from './check-timeline.ts';
import { deriveSubnetId } from './defaults.ts';
import { catalogInstanceTypes, type InstanceTypeLookup } from './instance-types.ts';
import { fromValibot, type ScenarioIssue } from './issues.ts';
import { migrateToCurrent } from './migrations.ts';
import { salvage } from './normalise.ts';
import { ScenarioJsonSchema, type ScenarioJson } from './scenario-json.ts';
import { unknownKeys } from './unknown-keys.ts';

/** The outcome of parseScenario: a spec and any warnings, or every problem found. */
export type ParseResult =
  | { ok: true; spec: ScenarioSpec; warnings: ScenarioIssue[]; scenario: ScenarioJson }
  | { ok: false; issues: ScenarioIssue[] };

export interface ParseOptions {
  /** Instance-type lookup; defaults to the engine's catalogue. */
  instanceTypes?: InstanceTypeLookup;
}

/**
 * Validates a scenario document of any known format version and returns the normalised
 * spec (with warnings, and the document migrated to the current version), or every
 * problem found, each with a path like `nodeGroups[0].instanceType`. Never throws.
 * The timeline comes back sorted by `at` (stable), with a warning if it was not.
 */
export function parseScenario(input: unknown, options: ParseOptions = {}): ParseResult {
  try {
    return parse(input, options.instanceTypes ?? catalogInstanceTypes);
  } catch (e) {
    // A bug in a check must not take the caller down with it.
    return { ok: false, issues: [{ path: '', message: `internal error while checking the scenario: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

function parse(input: unknown, lookup: InstanceTypeLookup): ParseResult {
  const migrated = migrateToCurrent(input);
  if (!migrated.ok) return { ok: false, issues: migrated.issues };
  const doc = migrated.doc;
  const warnings: ScenarioIssue[] = migrated.applied.map((step) => ({ path: 'v', message: `upgraded from an older format (${step})` }));

  const shape = v.safeParse(ScenarioJsonSchema, doc, { abortEarly: false });
  const errors: ScenarioIssue[] = shape.success ? [] : fromValibot(shape.issues);
  warnings.push(...unknownKeys(ScenarioJsonSchema, doc));

  const { spec, origin, given, timelineComplete } = salvage(doc);
  errors.push(...checkNetwork(spec, origin.subnets, given));
  const cluster = checkCluster(spec, origin, { subnetIds: mentionedSubnetIds(doc, spec) }, lookup);
  errors.push(...cluster.errors);
  warnings.push(...cluster.warnings);
  if (timelineComplete) {
    const timeline = checkTimeline(spec, origin.timeline);
    errors.push(...timeline.errors);
    warnings.push(...timeline.warnings);
  }

  if (errors.length > 0 || !shape.success) return { ok: false, issues: dedupe(errors) };
  return { ok: true, spec, warnings: dedupe(warnings), scenario: shape.output as ScenarioJson };
}

/** Subnet ids of valid subnets plus any id (or cidr-derived id) of ones that failed the shape check. */
function mentionedSubnetIds(doc: Record<string, unknown>, spec: ScenarioSpec): Set<string> {
  const ids = new Set(spec.subnets.map((s) => s.id));
  if (Array.isArray(doc.subnets)) {
    for (const s of doc.subnets as unknown[]) {
      if (s === null || typeof s !== 'object') continue;
      const { id, cidr } = s as { id?: unknown; cidr?: unknown };
      if (typeof id === 'string') ids.add(id);
      else if (typeof cidr === 'string') ids.add(deriveSubnetId(cidr));
    }
  }
  return ids;
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
