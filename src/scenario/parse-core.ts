/**
 * The one entry point from untrusted JSON to the engine's ScenarioSpec: migrate to the
 * current version, check the shape, fill in defaults, check the meaning. Every problem is
 * returned with its path; nothing throws, whatever the input.
 */
import * as v from 'valibot';
import type { ScenarioSpec } from '../sim/spec.ts';
import { checkCluster } from './check-cluster.ts';
import { checkNetwork } from './check-network.ts';
import { checkSteps } from './check-steps.ts';
import { checkServices } from './check-services.ts';
import { checkTimeline } from './check-timeline.ts';
import { deriveSubnetId } from './defaults.ts';
import { catalogInstanceTypes, type InstanceTypeLookup } from './instance-types.ts';
import { capIssues, fromValibot, internalIssue, type ScenarioIssue } from './issues.ts';
import { checkLimits } from './limits.ts';
import { createSuggester } from './did-you-mean.ts';
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
 * A document over one of the caps (limits.ts) gets only those problems, code `limit`; at
 * most MAX_REPORTED_ISSUES problems or warnings are listed, then one saying how many more.
 */
export function parseScenario(input: unknown, options: ParseOptions = {}): ParseResult {
  try {
    const r = parse(input, options.instanceTypes ?? catalogInstanceTypes);
    return r.ok ? { ...r, warnings: capIssues(r.warnings) } : { ok: false, issues: capIssues(r.issues) };
  } catch (e) {
    // A bug in a check must not take the caller down with it; its code tells it from the input's problems.
    return { ok: false, issues: [internalIssue(e)] };
  }
}

function parse(input: unknown, lookup: InstanceTypeLookup): ParseResult {
  const migrated = migrateToCurrent(input);
  if (!migrated.ok) return { ok: false, issues: migrated.issues };
  const doc = migrated.doc;
  const limits = checkLimits(doc);
  if (limits.length > 0) return { ok: false, issues: limits };
  // Errors and warnings each get their own suggestion budget: a flood of unknown keys must
  // not use up the "did you mean" of a misspelt instance type.
  const suggest = createSuggester();
  const warnings: ScenarioIssue[] = migrated.applied.map((step) => ({ path: 'v', message: `upgraded from an older format (${step})` }));
  warnings.push(...(migrated.notes ?? []));

  const shape = v.safeParse(ScenarioJsonSchema, doc, { abortEarly: false });
  const errors: ScenarioIssue[] = shape.success ? [] : fromValibot(shape.issues);
  warnings.push(...unknownKeys(ScenarioJsonSchema, doc, '', createSuggester()));

  const { spec, origin, given, timelineComplete } = salvage(doc);
  errors.push(...checkNetwork(spec, origin.subnets, given));
  const cluster = checkCluster(spec, origin, { subnetIds: mentionedSubnetIds(doc, spec) }, lookup, suggest);
  errors.push(...cluster.errors);
  warnings.push(...cluster.warnings);
  warnings.push(...checkSteps(doc));
  const services = checkServices(spec, origin);
  errors.push(...services.errors);
  warnings.push(...services.warnings);
  if (timelineComplete) {
    const timeline = checkTimeline(spec, origin.timeline, suggest);
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
