/**
 * The share link: a scenario (and optionally a moment and view state) in the URL fragment.
 *
 *   #v1.<base64url(deflateRaw(JSON))>&t=<ms>&v.<key>=<value>…
 *
 * "v1" is the version of this fragment encoding; the JSON inside carries its own format
 * version `v` and goes through the migrations. Decoding never throws: a broken or tampered
 * link gives a message that names the problem and where it is.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { ScenarioSpec } from '../sim/spec.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import type { ScenarioIssue } from './issues.ts';
import { parseScenario, type ParseOptions } from './parse-scenario.ts';
import type { ScenarioJson } from './scenario-json.ts';

/** The fragment encoding version written by encodeFragment. */
export const FRAGMENT_VERSION = 'v1';
/** Fragments longer than this are refused before decoding (browsers and chat apps cut long URLs). */
export const MAX_FRAGMENT_LENGTH = 100_000;
/** Inflated JSON larger than this is refused (a few KB is typical; guards against zip bombs). */
export const MAX_JSON_BYTES = 2_000_000;

/** What a share link carries. */
export interface SharedState {
  scenario: ScenarioJson;
  /** The moment on the timeline to open at. */
  moment?: { timeMs: number };
  /** UI view state (selected tab, node, …), string to string. */
  view?: Record<string, string>;
}

/** decodeFragment's result: everything decoded and validated, or what is wrong and where. */
export type DecodedFragment =
  | { ok: true; scenario: ScenarioJson; spec: ScenarioSpec; warnings: ScenarioIssue[]; moment: { timeMs: number } | undefined; view: Record<string, string> }
  | { ok: false; error: string; where: string; issues?: ScenarioIssue[] };

/** Builds `#v1.<data>[&t=<ms>][&v.<key>=<value>…]` (keys in sorted order, values URI-encoded). */
export function encodeFragment(state: SharedState): string {
  const json = JSON.stringify(state.scenario);
  const data = encodeBase64Url(deflateSync(strToU8(json), { level: 9 }));
  let out = `#${FRAGMENT_VERSION}.${data}`;
  if (state.moment) out += `&t=${Math.max(0, Math.round(state.moment.timeMs))}`;
  for (const key of Object.keys(state.view ?? {}).toSorted()) {
    out += `&v.${encodeURIComponent(key)}=${encodeURIComponent((state.view as Record<string, string>)[key])}`;
  }
  return out;
}

function fail(error: string, where: string, issues?: ScenarioIssue[]): DecodedFragment {
  return issues ? { ok: false, error, where, issues } : { ok: false, error, where };
}

function uriDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Decodes and validates a fragment (with or without the leading "#"). Never throws. */
export function decodeFragment(hash: string, options: ParseOptions = {}): DecodedFragment {
  try {
    return decode(hash, options);
  } catch (e) {
    return fail(`could not read the link: ${e instanceof Error ? e.message : String(e)}`, 'fragment');
  }
}

function decode(hash: string, options: ParseOptions): DecodedFragment {
  if (typeof hash !== 'string') return fail('the link fragment is not text', 'fragment');
  const offset = hash.startsWith('#') ? 1 : 0;
  const body = hash.slice(offset);
  if (body.length === 0) return fail('the link has no scenario in it (empty fragment)', 'fragment');
  if (body.length > MAX_FRAGMENT_LENGTH) return fail(`the fragment is ${body.length} characters; at most ${MAX_FRAGMENT_LENGTH} are read`, 'fragment');

  const [head, ...params] = body.split('&');
  const dot = head.indexOf('.');
  const version = dot < 0 ? head : head.slice(0, dot);
  if (version !== FRAGMENT_VERSION) {
    const shown = version.length > 12 ? `${version.slice(0, 12)}…` : version;
    return /^v\d+$/.test(version)
      ? fail(`unknown link version "${shown}" (this build reads ${FRAGMENT_VERSION}); the link was made by a newer or different app`, 'version prefix at char 0')
      : fail(`the fragment does not start with "${FRAGMENT_VERSION}." — not a scenario link`, 'version prefix at char 0');
  }
  if (dot < 0) return fail(`nothing follows "${FRAGMENT_VERSION}": the scenario data is missing`, `char ${version.length}`);

  const dataStart = offset + dot + 1;
  const raw = decodeBase64Url(head.slice(dot + 1));
  if (!raw.ok) return fail(`bad base64 at char ${dataStart + raw.at}: ${raw.error}`, `scenario data, char ${dataStart + raw.at}`);

  let bytes: Uint8Array;
  try {
    bytes = inflateSync(raw.bytes, { out: new Uint8Array(MAX_JSON_BYTES) });
  } catch (e) {
    return fail(`the scenario data is corrupt (deflate: ${e instanceof Error ? e.message : String(e)}); the link was probably cut short or edited`, 'scenario data (compression)');
  }
  if (bytes.length >= MAX_JSON_BYTES) return fail(`the scenario inflates to more than ${MAX_JSON_BYTES} bytes`, 'scenario data (compression)');

  let json: unknown;
  try {
    json = JSON.parse(strFromU8(bytes));
  } catch (e) {
    return fail(`the scenario is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, 'scenario JSON');
  }

  let moment: { timeMs: number } | undefined;
  const view: Record<string, string> = {};
  for (const param of params) {
    const eq = param.indexOf('=');
    const key = uriDecode(eq < 0 ? param : param.slice(0, eq));
    const value = uriDecode(eq < 0 ? '' : param.slice(eq + 1));
    if (key === undefined || value === undefined) return fail(`bad percent-encoding in "${param.slice(0, 40)}"`, `parameter ${param.slice(0, 20)}`);
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return fail(`t must be a whole number of milliseconds, not "${value.slice(0, 20)}"`, 'parameter t');
      moment = { timeMs: Number(value) };
    } else if (key.startsWith('v.') && key.length > 2) {
      // defineProperty, not assignment: a key named "__proto__" must stay an own key.
      Object.defineProperty(view, key.slice(2), { value, enumerable: true, writable: true, configurable: true });
    } else {
      return fail(`unknown parameter "${key.slice(0, 40)}" (expected t or v.<name>)`, `parameter ${key.slice(0, 20)}`);
    }
  }

  const parsed = parseScenario(json, options);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    const summary = parsed.issues.slice(0, 5).map((i) => `${i.path || '(scenario)'}: ${i.message}`).join('; ');
    const more = parsed.issues.length > 5 ? ` (and ${parsed.issues.length - 5} more)` : '';
    return fail(`the scenario in the link is not valid: ${summary}${more}`, first?.path || 'scenario', parsed.issues);
  }
  return { ok: true, scenario: parsed.scenario, spec: parsed.spec, warnings: parsed.warnings, moment, view };
}
