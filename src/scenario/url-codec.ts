/**
 * The share link: a scenario (and optionally a moment and view state) in the URL fragment.
 *
 *   #v1.<base64url(deflateRaw(JSON))>&t=<ms>&v.<key>=<value>…
 *
 * "v1" is the version of this fragment encoding; the JSON inside carries its own format
 * version `v` and goes through the migrations. Decoding never throws: a broken or tampered
 * link gives a message that names the problem and where it is.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import type { ScenarioSpec } from '../sim/spec.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { MAX_FRAGMENT_LENGTH } from './fragment-length.ts';
import { issue, issueCount, said, type IssueText, type Said, type ScenarioIssue } from './issues.ts';
import { scanJson } from './limits.ts';
import { formatDuration, lastMomentMs, MAX_MOMENT_MS, MAX_TIMELINE_AT_S, SETTLE_MARGIN_S } from './moment.ts';
import { parseScenario, type ParseOptions } from './parse-scenario.ts';
import { cutForMessage, quoteForMessage } from './quote.ts';
import type { ScenarioJson } from './scenario-json.ts';

/** The fragment encoding version written by encodeFragment. */
export const FRAGMENT_VERSION = 'v1';
/** Fragments longer than this are refused before decoding (browsers and chat apps cut long URLs). */
export { MAX_FRAGMENT_LENGTH };
/**
 * Inflated JSON larger than this (1 MiB) is refused. A scenario is a few KB; DEFLATE turns
 * 200 characters into ~150 KB and a 100,000-character fragment into ~75 MB, so inflating
 * stops as soon as the output passes this.
 */
export const MAX_JSON_BYTES = 1_048_576;
/** Compressed bytes given to the inflater at a time: each push yields at most ~1,032× this (~1 MB past the limit). */
const INFLATE_CHUNK = 1_024;
/** The error text (and so every banner built from it) is cut to this. */
const MAX_ERROR_CHARS = 900;

/** What a share link carries. */
export interface SharedState {
  scenario: ScenarioJson;
  /** The moment on the timeline to open at. */
  moment?: { timeMs: number };
  /** UI view state (selected tab, node, …), string to string. */
  view?: Record<string, string>;
}

/**
 * decodeFragment's result: everything decoded and validated, or what is wrong and where.
 * Warnings include a moment cut to the scenario's end (path `t`). `code: 'internal'` marks a
 * failure that is a bug of the decoder, not a problem of the link.
 */
export type DecodedFragment =
  | { ok: true; scenario: ScenarioJson; spec: ScenarioSpec; warnings: ScenarioIssue[]; moment: { timeMs: number } | undefined; view: Record<string, string> }
  | { ok: false; error: string; where: string; issues?: ScenarioIssue[]; code?: 'internal'; errorText?: IssueText; whereText?: IssueText };

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

type DecodeFailure = Extract<DecodedFragment, { ok: false }>;

/** A failure: what is wrong and where, in English (cut) and as texts (their values are cut already). */
function fail(error: Said, where: Said | string, issues?: ScenarioIssue[]): DecodeFailure {
  const bounded: DecodeFailure = typeof where === 'string'
    ? { ok: false, error: cutForMessage(error.message, MAX_ERROR_CHARS), where: cutForMessage(where, 120), errorText: error.text }
    : { ok: false, error: cutForMessage(error.message, MAX_ERROR_CHARS), where: cutForMessage(where.message, 120), errorText: error.text, whereText: where.text };
  return issues ? { ...bounded, issues } : bounded;
}

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; error: Said };

/** Raw DEFLATE, stopping as soon as the output passes `limit` bytes (a bomb costs O(limit), not O(its size)). */
export function inflateLimited(data: Uint8Array, limit = MAX_JSON_BYTES): Inflated {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_CHUNK) {
      inflater.push(data.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= data.length);
      if (size > limit) break; // `size` grows in the callback above
    }
  } catch (e) {
    return { ok: false, error: said`the scenario data is corrupt (deflate: ${cutForMessage(e instanceof Error ? e.message : String(e), 80)}); the link was probably cut short or edited` };
  }
  if (size > limit) return { ok: false, error: said`the scenario inflates to more than ${limit.toLocaleString('en-US')} bytes (1 MiB); a scenario is a few KB, so this is not one` };
  if (!done) return { ok: false, error: said`the scenario data is corrupt (deflate: unexpected end); the link was probably cut short or edited` };
  const bytes = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.length;
  }
  return { ok: true, bytes };
}

function uriDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Decodes and validates a fragment (with or without the leading "#"). Never throws; every
 * cost is bounded (fragment length, inflated size, JSON depth, the scenario caps) and every
 * message is cut, whatever the link.
 */
export function decodeFragment(hash: string, options: ParseOptions = {}): DecodedFragment {
  try {
    return decode(hash, options);
  } catch (e) {
    // A bug here must not take the page down; the code tells it from a broken link.
    return { ...fail(said`could not read the link (internal error: ${cutForMessage(e instanceof Error ? e.message : String(e))})`, said`fragment`), code: 'internal' };
  }
}

/** `t`: whole milliseconds, at most MAX_MOMENT_MS. More than 16 digits is not read at all. */
function readMoment(value: string): { timeMs: number } | Said {
  if (!/^\d{1,16}$/.test(value)) return said`t must be a whole number of milliseconds, not ${quoteForMessage(value, 20)}`;
  const timeMs = Number(value);
  if (timeMs > MAX_MOMENT_MS) {
    return said`t=${value} ms is ${formatDuration(timeMs)}; no scenario runs past ${formatDuration(MAX_TIMELINE_AT_S * 1000)} + ${formatDuration(SETTLE_MARGIN_S * 1000)} (its last timeline entry, then time to settle)`;
  }
  return { timeMs };
}

function decode(hash: string, options: ParseOptions): DecodedFragment {
  if (typeof hash !== 'string') return fail(said`the link fragment is not text`, said`fragment`);
  const offset = hash.startsWith('#') ? 1 : 0;
  const body = hash.slice(offset);
  if (body.length === 0) return fail(said`the link has no scenario in it (empty fragment)`, said`fragment`);
  if (body.length > MAX_FRAGMENT_LENGTH) return fail(said`the fragment is ${body.length} characters; at most ${MAX_FRAGMENT_LENGTH} are read`, said`fragment`);

  const [head, ...params] = body.split('&');
  const dot = head.indexOf('.');
  const version = dot < 0 ? head : head.slice(0, dot);
  if (version !== FRAGMENT_VERSION) {
    const shown = version.length > 12 ? `${version.slice(0, 12)}…` : version;
    return /^v\d+$/.test(version)
      ? fail(said`unknown link version "${shown}" (this build reads ${FRAGMENT_VERSION}); the link was made by a newer or different app`, said`version prefix at char ${0}`)
      : fail(said`the fragment does not start with "${FRAGMENT_VERSION}." — not a scenario link`, said`version prefix at char ${0}`);
  }
  if (dot < 0) return fail(said`nothing follows "${FRAGMENT_VERSION}": the scenario data is missing`, said`char ${version.length}`);

  const dataStart = offset + dot + 1;
  const raw = decodeBase64Url(head.slice(dot + 1));
  if (!raw.ok) return fail(said`bad base64 at char ${dataStart + raw.at}: ${raw.error}`, said`scenario data, char ${dataStart + raw.at}`);

  const inflated = inflateLimited(raw.bytes);
  if (!inflated.ok) return fail(inflated.error, said`scenario data (compression)`);

  const text = strFromU8(inflated.bytes);
  const scanned = scanJson(text);
  if (scanned) return fail(said`the scenario JSON ${scanned.problem} (at char ${scanned.at})`, said`scenario JSON`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(said`the scenario is not valid JSON: ${cutForMessage(e instanceof Error ? e.message : String(e), 120)}`, said`scenario JSON`);
  }

  let moment: { timeMs: number } | undefined;
  const view: Record<string, string> = {};
  for (const param of params) {
    const eq = param.indexOf('=');
    const key = uriDecode(eq < 0 ? param : param.slice(0, eq));
    const value = uriDecode(eq < 0 ? '' : param.slice(eq + 1));
    if (key === undefined || value === undefined) return fail(said`bad percent-encoding in ${quoteForMessage(param, 40)}`, said`parameter ${cutForMessage(param, 20)}`);
    if (key === 't') {
      const m = readMoment(value);
      if (!('timeMs' in m)) return fail(m, said`parameter ${'t'}`);
      moment = m;
    } else if (key.startsWith('v.') && key.length > 2) {
      // defineProperty, not assignment: a key named "__proto__" must stay an own key.
      Object.defineProperty(view, key.slice(2), { value, enumerable: true, writable: true, configurable: true });
    } else {
      return fail(said`unknown parameter ${quoteForMessage(key, 40)} (expected t or v.<name>)`, said`parameter ${cutForMessage(key, 20)}`);
    }
  }

  const parsed = parseScenario(json, options);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    // Cut here (not only as the whole error), so the text's English is the error as it is.
    const summary = cutForMessage(parsed.issues.filter((i) => i.code !== 'more').slice(0, 3).map((i) => `${i.path || '(scenario)'}: ${i.message}`).join('; '), 700);
    const total = issueCount(parsed.issues);
    const more = total > 3 ? said` (and ${(total - 3).toLocaleString('en-US')} more)` : '';
    // The summary is the first issues' English (the CLI prints it); the app lists the issues themselves, each translated.
    const failed = fail(said`the scenario in the link is not valid: ${summary}${more}`, first?.path || said`scenario`, parsed.issues);
    return first?.code === 'internal' ? { ...failed, code: 'internal' } : failed;
  }
  const warnings = [...parsed.warnings];
  if (moment) {
    // Past the scenario's end nothing changes but the clock; opening there would only make the worker grind.
    const end = lastMomentMs(parsed.spec);
    if (moment.timeMs > end) {
      warnings.unshift(issue('t', said`t=${moment.timeMs} ms is past the end of this scenario (its last timeline entry plus an hour to settle); it opens at ${(end / 1000).toLocaleString('en-US')} s instead`));
      moment = { timeMs: end };
    }
  }
  return { ok: true, scenario: parsed.scenario, spec: parsed.spec, warnings, moment, view };
}
