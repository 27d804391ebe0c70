/**
 * Numbered migrations from older scenario formats to the current one. Each step takes a
 * document of version `from` and returns one of version `from + 1`, or the problems that
 * stop it; none throws. Add a step here (never edit a released one) when the format changes.
 */
import { CURRENT_VERSION } from './scenario-json.ts';
import { describeValue, issue, said, type Said, type ScenarioIssue } from './issues.ts';

type Doc = Record<string, unknown>;

/** The outcome of one step or of the whole chain; `notes` are warnings a step has for the reader. */
export type MigrationResult = { ok: true; doc: Doc; notes?: ScenarioIssue[] } | { ok: false; issues: ScenarioIssue[] };

/** One step of the chain: version `from` to `from + 1`. */
export interface Migration {
  from: number;
  /** What changed, for the docs and for a note shown after an upgrade (with its text). */
  description: Said;
  /**
   * The step changes nothing a reader could notice (every older document means the same in
   * the newer format), so parseScenario does not warn that it ran, unless it left notes.
   */
  quiet?: boolean;
  up(doc: Doc): MigrationResult;
}

/**
 * The chain. Version 0 was the pre-release draft, where `awsNode` was the env map itself
 * (`"awsNode": {"WARM_IP_TARGET": "2"}`) rather than `{"env": {...}}`. Version 2 added lesson
 * `steps` and `muted` timeline entries; every v1 document is a v2 document without them.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    from: 0,
    description: said`awsNode: the flat env map of draft 0 moves under awsNode.env`,
    up(doc) {
      const { awsNode, ...rest } = doc;
      if (awsNode === undefined) return { ok: true, doc: { ...rest, v: 1 } };
      if (awsNode === null || typeof awsNode !== 'object' || Array.isArray(awsNode)) {
        return { ok: false, issues: [issue('awsNode', said`in format 0, awsNode must be an object of environment variables`)] };
      }
      return { ok: true, doc: { ...rest, v: 1, awsNode: { env: { ...awsNode } } } };
    },
  },
  {
    from: 1,
    description: said`lesson steps and muted timeline entries added; a v1 document is a v2 document without them`,
    quiet: true,
    up(doc) {
      // v1 builds ignored (with a warning) keys they did not know, so a v1 document's "steps"
      // or an entry's "muted" never did anything: they are dropped, not given a new meaning.
      const { steps, ...rest } = doc;
      const notes: ScenarioIssue[] = [];
      if (steps !== undefined) notes.push(issue('steps', said`is not part of format 1 (lesson steps came with format 2); a v1 document's "steps" are ignored`));
      let timeline = rest.timeline;
      if (Array.isArray(timeline) && timeline.some((t) => isDoc(t) && 'muted' in t)) {
        timeline = timeline.map((t) => (isDoc(t) && 'muted' in t ? withoutKey(t, 'muted') : t));
        notes.push(issue('timeline', said`an entry's "muted" is not part of format 1 (it came with format 2) and is ignored`));
      }
      return { ok: true, doc: { ...rest, ...(timeline === undefined ? {} : { timeline }), v: 2 }, ...(notes.length > 0 ? { notes } : {}) };
    },
  },
];

function withoutKey(doc: Doc, key: string): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => k !== key));
}

function isDoc(value: unknown): value is Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Brings a document of any known version up to CURRENT_VERSION; says which steps ran. */
export function migrateToCurrent(input: unknown, chain: readonly Migration[] = MIGRATIONS): MigrationResult & { applied: Said[] } {
  /** Steps a reader is told about (quiet ones are left out unless they left notes), as "0→1: what changed". */
  const applied: Said[] = [];
  const notes: ScenarioIssue[] = [];
  if (!isDoc(input)) {
    const what = Array.isArray(input) ? said`an array` : input === null ? 'null' : said`a ${typeof input}`;
    return { ok: false, applied, issues: [issue('', said`a scenario must be a JSON object, not ${what}`)] };
  }
  const version = input.v;
  if (version === undefined) return { ok: false, applied, issues: [issue('v', said`is required: the format version (this build writes "v": ${CURRENT_VERSION})`)] };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, applied, issues: [issue('v', said`must be a whole format version number such as ${CURRENT_VERSION}, not ${describeValue(version)}`)] };
  }
  if (version > CURRENT_VERSION) {
    return { ok: false, applied, issues: [issue('v', said`format ${version} is newer than this build understands (it reads up to ${CURRENT_VERSION}); update the app`)] };
  }
  let doc: Doc = input;
  for (let at = version; at < CURRENT_VERSION; at++) {
    const step = chain.find((m) => m.from === at);
    if (!step) return { ok: false, applied, issues: [issue('v', said`no migration from format ${at} to ${at + 1}`)] };
    const r = step.up(doc);
    if (!r.ok) return { ...r, applied };
    doc = r.doc;
    if (r.notes) notes.push(...r.notes);
    if (!step.quiet || r.notes) applied.push(said`${at}→${at + 1}: ${step.description}`);
  }
  return { ok: true, doc, applied, ...(notes.length > 0 ? { notes } : {}) };
}
