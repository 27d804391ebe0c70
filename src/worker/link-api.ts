/**
 * Share links and scenario validation, in the worker: decoding a link (inflate, JSON,
 * every check against the instance catalogue) costs up to tens of milliseconds on hostile
 * input and needs the catalogue, so it runs here, never on the page's main thread, and the
 * main bundle carries neither the catalogue nor the validator.
 */
import { NEEDS_SERVICE_CHECKS, parseScenarioWith } from '../scenario/parse-core.ts';
import type { ServiceChecks } from '../scenario/service-checks.ts';
import type { ScenarioIssue } from '../scenario/index.ts';
import { issue, said, type IssueText } from '../scenario/issues.ts';
import { cutForMessage } from '../scenario/quote.ts';
import { scanJson } from '../scenario/limits.ts';
import type { ScenarioJson } from '../scenario/scenario-json.ts';
import type { ScenarioSpec } from '../sim/spec.ts';
import type { ShareState } from './protocol.ts';

/** A decoded link as the page needs it (the scenario JSON itself stays here). */
export type DecodedLink =
  | { ok: true; spec: ScenarioSpec; warnings: ScenarioIssue[]; moment: { timeMs: number } | undefined; view: Record<string, string> }
  | { ok: false; error: string; where: string; issues: ScenarioIssue[]; code?: 'internal'; errorText?: IssueText; whereText?: IssueText };

/** A scenario document checked: its spec and warnings, or its problems. */
export type CheckedScenario = { ok: true; spec: ScenarioSpec; warnings: ScenarioIssue[] } | { ok: false; issues: ScenarioIssue[] };

/** The Service and Ingress checks, once a document needed them (a chunk of their own). */
let serviceChecks: ServiceChecks | undefined;

export const linkApi = {
  /**
   * Decodes and validates `#v1.…` (see src/scenario/url-codec.ts); never throws. The codec
   * (and its inflate library) loads on the first link, outside the worker's initial chunk.
   */
  async decodeLink(hash: string): Promise<DecodedLink> {
    const { decodeFragment } = await import('../scenario/url-codec.ts');
    const d = decodeFragment(hash);
    if (!d.ok) {
      const { ok, issues, ...rest } = d;
      return { ok, ...rest, issues: issues ?? [] };
    }
    return { ok: true, spec: d.spec, warnings: d.warnings, moment: d.moment, view: d.view };
  },
  /**
   * Validates a scenario document (a sample's JSON, say) against the engine's catalogue. The
   * Service checks load on the first document with Services, Ingresses or their commands.
   */
  async parseScenario(json: unknown): Promise<CheckedScenario> {
    let r = parseScenarioWith(json, serviceChecks);
    if (r === NEEDS_SERVICE_CHECKS) {
      try {
        serviceChecks = (await import('../scenario/service-checks.ts')).serviceChecks;
      } catch (e) {
        // A failed fetch is not kept: the next document that needs them tries again.
        return { ok: false, issues: [issue('', said`the Service checks could not be loaded: ${cutForMessage(e instanceof Error ? e.message : String(e), 200)}`)] };
      }
      r = parseScenarioWith(json, serviceChecks);
      if (r === NEEDS_SERVICE_CHECKS) return { ok: false, issues: [issue('', said`internal error: the Service checks were loaded but not taken`)] };
    }
    return r.ok ? { ok: true, spec: r.spec, warnings: r.warnings } : { ok: false, issues: r.issues };
  },
  /** The scenario as it stands as a compact document (a lesson's JSON export); its code loads on first use. */
  async exportScenario(state: ShareState): Promise<ScenarioJson> {
    const { specToScenarioJson } = await import('../scenario/spec-to-json.ts');
    return specToScenarioJson(state.spec);
  },
  /**
   * A scenario or lesson file's text, read as a link's JSON is: at most 1 MiB, nesting and
   * value count scanned before JSON.parse, then every check; never throws.
   */
  async importScenario(text: string): Promise<CheckedScenario> {
    // The link codec (and fflate with it) loads on first use, not in the first paint's worker chunk.
    const { MAX_JSON_BYTES } = await import('../scenario/url-codec.ts');
    if (typeof text !== 'string') return { ok: false, issues: [issue('', said`the file is not text`)] };
    if (text.length > MAX_JSON_BYTES) return { ok: false, issues: [issue('', said`the file is ${text.length.toLocaleString('en-US')} characters; a scenario is a few KB (at most 1 MiB is read)`)] };
    const scanned = scanJson(text);
    if (scanned) return { ok: false, issues: [issue('', said`the file's JSON ${scanned.problem} (at char ${scanned.at})`)] };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { ok: false, issues: [issue('', said`the file is not valid JSON: ${cutForMessage(e instanceof Error ? e.message : String(e), 120)}`)] };
    }
    return linkApi.parseScenario(json);
  },
  /** The link for a scenario as it stands (`shareState()`) and the page's view state. */
  async encodeLink(state: ShareState, view: Record<string, string>): Promise<string> {
    const [{ encodeFragment }, { specToScenarioJson }] = await Promise.all([import('../scenario/url-codec.ts'), import('../scenario/spec-to-json.ts')]);
    return encodeFragment({ scenario: specToScenarioJson(state.spec), moment: { timeMs: state.nowMs }, view });
  },
};
