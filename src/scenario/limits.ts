/**
 * The format's caps: how long a list, how many keys, how long a string, how deep. They
 * follow the limits of what the simulator models (Kubernetes' 5,000 nodes and 150,000 pods,
 * AWS quotas), so no real scenario meets them, and they bound what checking a hostile
 * document costs: `checkLimits` runs before any other check, costs one pass over the
 * document, and when anything is over a cap the document is refused without further checks.
 * docs/scenario-format.md lists every cap with its reason.
 */
import { issue, joinPath, said, type Said, type ScenarioIssue } from './issues.ts';
import { cutForMessage } from './quote.ts';
import { MAX_STEP_COMMANDS, MAX_STEP_VIEW_KEYS, MAX_STEPS } from './step-json.ts';

/**
 * Nesting depth of the document. The format itself needs 14, for an Ingress added by a lesson
 * step: {steps[{commands[{ingress{rules[{http{paths[{backend{service{port{ (Kubernetes' shape).
 */
export const MAX_DEPTH = 16;
const FORMAT_DEPTH = 14;
/** Characters in any string value (a trainer's description, an env value). */
export const MAX_STRING_CHARS = 4_096;
/** Characters in any key: the longest Kubernetes label key (253-character prefix, "/", 63-character name). */
export const MAX_KEY_CHARS = 317;
/** Entries in an array the format gives no tighter cap. */
export const MAX_ARRAY_ITEMS = 10_000;
/** Keys in an object the format gives no tighter cap. */
export const MAX_OBJECT_KEYS = 1_000;
/** At most this many limit problems are listed; the document is not read further. */
const MAX_LIMIT_ISSUES = 20;

/** A cap on one list or map of the format, with the reason a reader is shown. */
export interface Cap { max: number; what: Said; why: Said }

const SG: Cap = { max: 16, what: said`security groups`, why: said`an ENI takes at most 16 (5 by default)` };
const LABELS: Cap = { max: 64, what: said`labels`, why: said`the simulator reads at most 64 per object` };
const ANNOTATIONS: Cap = { max: 64, what: said`annotations`, why: said`the simulator reads at most 64 per object` };

/** Caps of the format's lists (arrays) by path pattern (`[]` for any index). */
export const ARRAY_CAPS: ReadonlyMap<string, Cap> = new Map([
  ['subnets', { max: 200, what: said`subnets`, why: said`the default Amazon VPC quota is 200 subnets per VPC` }],
  ['nodeGroups', { max: 500, what: said`node groups`, why: said`a node group is an EC2 Auto Scaling group, and the default quota is 500 per Region` }],
  ['nodeGroups[].securityGroups', SG],
  ['eniConfigs', { max: 200, what: said`ENIConfigs`, why: said`each names a subnet, and a VPC has at most 200 by default` }],
  ['eniConfigs[].securityGroups', SG],
  ['deployments', { max: 1_000, what: said`deployments`, why: said`the simulator runs at most 1,000` }],
  ['securityGroupPolicies', { max: 1_000, what: said`SecurityGroupPolicies`, why: said`the simulator reads at most 1,000` }],
  ['securityGroupPolicies[].securityGroups', SG],
  ['timeline', { max: 10_000, what: said`timeline entries`, why: said`the simulator runs at most 10,000` }],
  ['steps', { max: MAX_STEPS, what: said`lesson steps`, why: said`a lesson has at most ${MAX_STEPS}` }],
  ['steps[].commands', { max: MAX_STEP_COMMANDS, what: said`commands`, why: said`a lesson step applies at most ${MAX_STEP_COMMANDS}` }],
  ['namespaces', { max: 100, what: said`namespaces`, why: said`the simulator reads at most 100` }],
  ['services', { max: 1_000, what: said`Services`, why: said`the simulator runs at most 1,000` }],
  ['ingresses', { max: 100, what: said`Ingresses`, why: said`an ALB has at most 100 listener rules by default` }],
]);

/** Caps of the format's maps (objects of string values) by path pattern. */
export const OBJECT_CAPS: ReadonlyMap<string, Cap> = new Map([
  ['subnets[].tags', { max: 50, what: said`tags`, why: said`an AWS resource has at most 50 user tags` }],
  ['nodeGroups[].labels', LABELS],
  ['deployments[].labels', LABELS],
  ['deployments[].nodeSelector', LABELS],
  ['timeline[].command.deployment.labels', LABELS],
  ['timeline[].command.deployment.nodeSelector', LABELS],
  ['namespaces[].labels', LABELS],
  ['services[].selector', LABELS],
  ['services[].labels', LABELS],
  ['services[].annotations', ANNOTATIONS],
  ['ingresses[].annotations', ANNOTATIONS],
  ['timeline[].command.service.selector', LABELS],
  ['timeline[].command.service.labels', LABELS],
  ['timeline[].command.service.annotations', ANNOTATIONS],
  ['timeline[].command.ingress.annotations', ANNOTATIONS],
  ['securityGroupPolicies[].podSelector.matchLabels', LABELS],
  ['securityGroupPolicies[].serviceAccountSelector.matchLabels', LABELS],
  ['steps[].view', { max: MAX_STEP_VIEW_KEYS, what: said`view settings`, why: said`a step sets at most ${MAX_STEP_VIEW_KEYS}` }],
  ['steps[].commands[].deployment.labels', LABELS],
  ['steps[].commands[].deployment.nodeSelector', LABELS],
  ['steps[].commands[].service.selector', LABELS],
  ['steps[].commands[].service.labels', LABELS],
  ['steps[].commands[].service.annotations', ANNOTATIONS],
  ['steps[].commands[].ingress.annotations', ANNOTATIONS],
  ['awsNode.env', { max: 100, what: said`environment variables`, why: said`the simulator reads at most 100 (it models 49)` }],
]);

/**
 * A position in the format, as a trie built from the cap tables: `[]` steps into array
 * items, a key into an object. Positions the format does not name share one node, so the
 * walk never builds a path string unless it reports something.
 */
interface Position { array?: Cap; object?: Cap; items?: Position; keys?: Map<string, Position> }

const ANYWHERE: Position = {};
ANYWHERE.items = ANYWHERE;

function buildTrie(): Position {
  const root: Position = {};
  const at = (pattern: string): Position => {
    let node = root;
    for (const step of pattern.split(/\.|(?=\[\])/)) {
      if (step === '[]') node = node.items ??= {};
      else {
        node.keys ??= new Map();
        let next = node.keys.get(step);
        if (!next) node.keys.set(step, (next = {}));
        node = next;
      }
    }
    return node;
  };
  for (const [pattern, cap] of ARRAY_CAPS) at(pattern).array = cap;
  for (const [pattern, cap] of OBJECT_CAPS) at(pattern).object = cap;
  return root;
}

const ROOT = buildTrie();

interface Frame {
  value: unknown;
  parent: Frame | undefined;
  key: string | number;
  position: Position;
  depth: number;
}

/** The frame's path, cut to 200 characters (twelve levels of 80-character keys would make 1,000). */
function pathOf(frame: Frame): string {
  const keys: (string | number)[] = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) keys.push(f.key);
  return cutForMessage(keys.toReversed().reduce<string>((path, key) => joinPath(path, key), ''), 200);
}

const n = (x: number) => x.toLocaleString('en-US');

/**
 * Everything in `doc` over a cap, in document order, each with code `limit`; [] when the
 * document is within every cap. One pass, no recursion; a list over its cap is not entered.
 */
export function checkLimits(doc: unknown): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (frame: Frame, s: Said, key?: string | number) =>
    issues.push(issue(key === undefined ? pathOf(frame) : cutForMessage(joinPath(pathOf(frame), key), 200), s, 'limit'));
  const stack: Frame[] = [{ value: doc, parent: undefined, key: '', position: ROOT, depth: 0 }];

  while (stack.length > 0 && issues.length < MAX_LIMIT_ISSUES) {
    const frame = stack.pop() as Frame;
    const { value, position, depth } = frame;
    if (depth >= MAX_DEPTH) {
      add(frame, said`is nested more than ${MAX_DEPTH} levels deep; the format itself needs ${FORMAT_DEPTH}`);
      continue;
    }
    // Strings are checked here, containers pushed: most values never become a frame.
    const child = (v: unknown, key: string | number, at: Position) => {
      if (typeof v === 'string') {
        if (v.length > MAX_STRING_CHARS) add(frame, said`is ${n(v.length)} characters long; a string in a scenario has at most ${n(MAX_STRING_CHARS)}`, key);
      } else if (v !== null && typeof v === 'object') {
        stack.push({ value: v, parent: frame, key, position: at, depth: depth + 1 });
      }
    };

    if (Array.isArray(value)) {
      const cap = position.array;
      const max = cap?.max ?? MAX_ARRAY_ITEMS;
      if (value.length > max) {
        add(frame, cap ? said`has ${n(value.length)} ${cap.what}; at most ${n(max)} (${cap.why})` : said`has ${n(value.length)} entries; a list in a scenario has at most ${n(max)}`);
        continue;
      }
      const items = position.items ?? ANYWHERE;
      for (let i = value.length - 1; i >= 0; i--) child(value[i], i, items);
    } else {
      const keys = Object.keys(value as object);
      const cap = position.object;
      const max = cap?.max ?? MAX_OBJECT_KEYS;
      if (keys.length > max) {
        add(frame, cap ? said`has ${n(keys.length)} ${cap.what}; at most ${n(max)} (${cap.why})` : said`has ${n(keys.length)} keys; an object in a scenario has at most ${n(max)}`);
        continue;
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        if (key.length > MAX_KEY_CHARS) {
          add(frame, said`is a key of ${n(key.length)} characters; a key in a scenario has at most ${MAX_KEY_CHARS}`, key);
          continue;
        }
        child((value as Record<string, unknown>)[key], key, position.keys?.get(key) ?? ANYWHERE);
      }
    }
  }
  return issues;
}

/** Values (objects, arrays, strings, numbers…) in the JSON text; the largest real scenario has well under half as many. */
export const MAX_JSON_VALUES = 150_000;

/** What is wrong with JSON text before it is parsed, and at which character. */
export interface JsonScanProblem { at: number; problem: Said }

/**
 * A linear scan of JSON text that runs before JSON.parse: refuses nesting deeper than
 * MAX_DEPTH and more than MAX_JSON_VALUES values, which JSON.parse would take a long time
 * over (V8: ~0.4 s for a megabyte of "[[[[…", ~0.1–0.5 s for 300,000 "{}" entries).
 * Values are counted as commas plus opening brackets plus one: one per value, except that an
 * empty `[]` or `{}` counts two.
 */
export function scanJson(text: string, maxDepth = MAX_DEPTH, maxValues = MAX_JSON_VALUES): JsonScanProblem | undefined {
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return { at: i, problem: said`is nested more than ${maxDepth} levels deep; the format itself needs ${FORMAT_DEPTH}` };
      values++;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && ++values > maxValues) {
      return { at: i, problem: said`holds more than ${maxValues.toLocaleString('en-US')} values; the largest scenario the format allows needs far fewer` };
    }
  }
  return undefined;
}
