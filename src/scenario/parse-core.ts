/**
 * The one entry point from untrusted JSON to the engine's ScenarioSpec: migrate to the
 * current version, check the shape, fill in defaults, check the meaning. Every problem is
 * returned with its path; nothing throws, whatever the input.
 *
 * The Service and Ingress checks come in as an argument (service-checks.ts): parse-scenario.ts
 * binds them for the CLI and tests; the worker loads them only when a document needs them
 * (`NEEDS_SERVICE_CHECKS` says so), since they are not part of its first paint.
 */
import * as v from 'valibot';
import type { ScenarioSpec } from '../sim/spec.ts';
import { checkCluster } from './check-cluster.ts';
import { checkNetwork } from './check-network.ts';
import { checkSteps } from './check-steps.ts';
import { checkDeploymentPorts } from './check-container-ports.ts';
import type { ServiceCommand } from './check-timeline-services.ts';
import type { ServiceChecks } from './service-checks.ts';
import { checkTimeline } from './check-timeline.ts';
import { deriveSubnetId } from './defaults.ts';
import { catalogInstanceTypes, type InstanceTypeLookup } from './instance-types.ts';
import { capIssues, fromValibot, internalIssue, issue, said, type ScenarioIssue } from './issues.ts';
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

/** What parseScenarioWith answers for a document that needs the Service checks it was not given. */
export const NEEDS_SERVICE_CHECKS = Symbol('needs the Service checks');

/** The timeline commands check-timeline.ts leaves to the Service checks. */
const SERVICE_COMMANDS: ReadonlySet<string> = new Set<ServiceCommand['type']>(['addService', 'deleteService', 'addIngress', 'deleteIngress', 'setPodHealth', 'traffic', 'zeroCounters']);

/** Whether the Service checks have anything to look at in `spec` (the cluster's service network included). */
function needsServiceChecks(spec: ScenarioSpec): boolean {
  return (spec.services?.length ?? 0) > 0 || (spec.ingresses?.length ?? 0) > 0 || (spec.namespaces?.length ?? 0) > 0
    || spec.cluster !== undefined || spec.timeline.some((t) => SERVICE_COMMANDS.has(t.command.type));
}

/**
 * Validates a scenario document of any known format version and returns the normalised
 * spec (with warnings, and the document migrated to the current version), or every
 * problem found, each with a path like `nodeGroups[0].instanceType`. Never throws.
 * The timeline comes back sorted by `at` (stable), with a warning if it was not.
 * A document over one of the caps (limits.ts) gets only those problems, code `limit`; at
 * most MAX_REPORTED_ISSUES problems or warnings are listed, then one saying how many more.
 */
export function parseScenarioWith(input: unknown, services: ServiceChecks | undefined, options: ParseOptions = {}): ParseResult | typeof NEEDS_SERVICE_CHECKS {
  try {
    const r = parse(input, options.instanceTypes ?? catalogInstanceTypes, services);
    if (r === NEEDS_SERVICE_CHECKS) return r;
    return r.ok ? { ...r, warnings: capIssues(r.warnings) } : { ok: false, issues: capIssues(r.issues) };
  } catch (e) {
    // A bug in a check must not take the caller down with it; its code tells it from the input's problems.
    return { ok: false, issues: [internalIssue(e)] };
  }
}

function parse(input: unknown, lookup: InstanceTypeLookup, serviceChecks: ServiceChecks | undefined): ParseResult | typeof NEEDS_SERVICE_CHECKS {
  const migrated = migrateToCurrent(input);
  if (!migrated.ok) return { ok: false, issues: migrated.issues };
  const doc = migrated.doc;
  const limits = checkLimits(doc);
  if (limits.length > 0) return { ok: false, issues: limits };
  // Errors and warnings each get their own suggestion budget: a flood of unknown keys must
  // not use up the "did you mean" of a misspelt instance type.
  const suggest = createSuggester();
  const warnings: ScenarioIssue[] = migrated.applied.map((step) => issue('v', said`upgraded from an older format (${step})`));
  warnings.push(...(migrated.notes ?? []));

  const shape = v.safeParse(ScenarioJsonSchema, doc, { abortEarly: false });
  const errors: ScenarioIssue[] = shape.success ? [] : fromValibot(shape.issues);
  warnings.push(...unknownKeys(ScenarioJsonSchema, doc, '', createSuggester()));

  const { spec, origin, given, timelineComplete } = salvage(doc);
  if (!serviceChecks && needsServiceChecks(spec)) return NEEDS_SERVICE_CHECKS;
  errors.push(...checkNetwork(spec, origin.subnets, given));
  const cluster = checkCluster(spec, origin, { subnetIds: mentionedSubnetIds(doc, spec) }, lookup, suggest);
  errors.push(...cluster.errors);
  warnings.push(...cluster.warnings);
  warnings.push(...checkSteps(doc));
  errors.push(...checkDeploymentPorts(spec, origin));
  if (serviceChecks) {
    const services = serviceChecks.checkServices(spec, origin);
    errors.push(...services.errors);
    warnings.push(...services.warnings);
  }
  if (timelineComplete) {
    const timeline = checkTimeline(spec, origin.timeline, suggest, serviceChecks);
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
