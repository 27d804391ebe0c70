/**
 * fast-check generators of hostile input for the fuzz suite (link-fuzz.property.test.ts):
 * scenario documents with huge arrays, deep nesting, long and odd strings, prototype keys
 * and extreme numbers, and raw link fragments (deflate bombs, truncated streams, bad
 * base64, wrong versions, odd parameters). Test-only.
 */
import * as fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { encodeBase64Url } from './base64url.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from './sample-index.ts';

/** Big values are built by repetition, so generating them costs nothing. */
const repeated = (chars: fc.Arbitrary<string>, max: number) =>
  fc.tuple(chars, fc.integer({ min: 0, max })).map(([c, n]) => c.repeat(n));

/** Strings a link could carry: names, near-names, very long ones, unicode, controls, prototype names. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom('web', 'ng-1', 'm5.large', 'm5.lareg', 'WARM_IP_TARGET', 'WARM_IPS_TARGET', 'subnet-0123456789abcdef0', '192.168.0.0/19', '10.0.0.1/16', 'us-west-2a', 'default', '') },
  { weight: 30, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 10, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 10, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf') },
  { weight: 5, arbitrary: fc.constantFrom('\u202egpj.exe', 'a\u0000b', '\ud800', '\u2028', '"\\', '😀'.repeat(50), 'x\u200by') },
  // Long ones are rarer (a document has some thirty strings): under the 4,096-character cap
  // they reach the checks and their messages; over it, the cap.
  { weight: 6, arbitrary: repeated(fc.constantFrom('a', 'W', 'm5.', '[', '"', '😀', 'é', '\u202e'), 4_096) },
  { weight: 2, arbitrary: repeated(fc.constantFrom('a', 'W', '[', '"', '😀'), 5_000) },
  { weight: 1, arbitrary: repeated(fc.constantFrom('a', 'W'), 120_000) },
);

/** Numbers JSON can carry, and a few it turns into others (1e400 is Infinity). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  // Small whole numbers pass the shape checks, so the entry reaches the meaning checks.
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 }) },
  fc.constantFrom(0, -0, 1, -1, 0.5, 5000, 5001, 10_000, 10_001, 150_000, 604_800, 604_801, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e-320, Infinity, -Infinity),
  fc.integer(),
  fc.double({ noNaN: true }),
);

/** List lengths at and just past every cap of the format (limits.ts), and past the generic one. */
const LENGTHS = fc.constantFrom(0, 1, 2, 16, 17, 50, 51, 64, 65, 100, 101, 200, 201, 500, 501, 1_000, 1_001, 10_000, 10_001, 20_000);

/** Any JSON-ish value with hostile leaves, deep chains and huge arrays. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 5 }) },
    { weight: 2, arbitrary: fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }) },
    // Deep chains ([[[…]]] and {"a":{"a":…}}) and huge arrays of one repeated value.
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.boolean()).map(([d, arr]) => chain(d, arr)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom<unknown>({}, [], 0, 'a', null, { name: 'x' }), LENGTHS).map(([v, n]) => Array.from({ length: n }, () => v)) },
  ),
})).value;

function chain(depth: number, arrays: boolean): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
}

/** Replaces the value at a random path of a JSON document. */
export function mutate(doc: unknown, choices: readonly number[], replacement: unknown): unknown {
  if (choices.length === 0 || doc === null || typeof doc !== 'object') return replacement;
  const [pick, ...rest] = choices;
  if (Array.isArray(doc)) {
    if (doc.length === 0) return [replacement];
    const i = pick % doc.length;
    return doc.map((item, k) => (k === i ? mutate(item, rest, replacement) : item));
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return replacement;
  const key = keys[pick % keys.length];
  // defineProperty: a key named "__proto__" stays an own key, as JSON.parse makes it.
  const copy = { ...(doc as Record<string, unknown>) };
  Object.defineProperty(copy, key, { value: mutate((doc as Record<string, unknown>)[key], rest, replacement), enumerable: true, writable: true, configurable: true });
  return copy;
}

const field = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: hostileValue });
const list = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.array(field(arb), { maxLength: 6 }) }, { weight: 1, arbitrary: hostileValue });
const labels = fc.oneof({ weight: 5, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 4 }) }, { weight: 1, arbitrary: hostileValue });
/** Entries keep their identifying fields, so that most pass the shape check and reach the meaning checks and their messages. */
const entry = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T, required: (keyof T & string)[]) => fc.record(fields, { requiredKeys: required });

const command = fc.oneof(
  entry({ type: fc.constant('scale'), deployment: hostileString, namespace: hostileString, replicas: hostileNumber }, ['type', 'deployment', 'replicas']),
  entry({ type: fc.constant('addDeployment'), deployment: entry({ name: hostileString, namespace: hostileString, replicas: hostileNumber, labels }, ['name']) }, ['type', 'deployment']),
  entry({ type: fc.constant('setEnv'), name: hostileString, value: fc.oneof(hostileString, fc.constant(null)) }, ['type', 'name', 'value']),
  entry({ type: fc.constantFrom('addNodes', 'removeNodes'), nodeGroup: hostileString, count: hostileNumber, node: hostileString }, ['type', 'nodeGroup', 'count']),
  entry({ type: fc.constantFrom('deletePod', 'deleteDeployment', 'unknown'), pod: hostileString, deployment: hostileString, namespace: hostileString }, ['type']),
  entry({ type: fc.constantFrom('cordon', 'uncordon'), node: fc.oneof(hostileString, fc.tuple(hostileString, fc.oneof(hostileString, fc.nat().map(String))).map(([g, i]) => `${g}/${i}`)) }, ['type', 'node']),
  entry({ type: fc.constant('taint'), node: hostileString, key: hostileString, value: hostileString, effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute', 'Nope'), remove: fc.boolean() }, ['type', 'node', 'key', 'effect']),
);

/** A scenario-shaped document whose every field may be hostile. */
export const hostileScenario: fc.Arbitrary<unknown> = fc.record({
  v: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: hostileValue }),
  name: field(hostileString),
  description: field(hostileString),
  region: field(fc.oneof(fc.constantFrom('us-west-2', 'eu-west-1'), hostileString)),
  accountId: field(hostileString),
  clusterName: field(hostileString),
  vpc: field(entry({ cidrs: list(hostileString), id: hostileString }, ['cidrs'])),
  subnets: list(entry({ cidr: hostileString, id: hostileString, availabilityZone: hostileString, tags: labels }, ['cidr'])),
  nodeGroups: list(entry({ name: hostileString, instanceType: hostileString, count: hostileNumber, subnet: hostileString, maxPods: hostileNumber, labels, securityGroups: list(hostileString) }, ['name', 'instanceType', 'count'])),
  awsNode: field(entry({ env: fc.dictionary(hostileString, field(hostileString), { maxKeys: 5 }) }, ['env'])),
  eniConfigs: list(entry({ name: hostileString, subnet: hostileString, securityGroups: list(hostileString) }, ['name', 'subnet'])),
  deployments: list(entry({ name: hostileString, namespace: hostileString, replicas: hostileNumber, labels, nodeSelector: labels }, ['name'])),
  securityGroupPolicies: list(entry({ name: hostileString, namespace: hostileString, podSelector: entry({ matchLabels: labels }, []), securityGroups: list(hostileString) }, ['name', 'securityGroups'])),
  ec2: field(entry({ latencyScale: hostileNumber, mutating: entry({ capacity: hostileNumber, refillPerSecond: hostileNumber }, []) }, [])),
  timeline: list(entry({ at: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 600 }) }, { weight: 1, arbitrary: hostileNumber }), command: field(command) }, ['at', 'command'])),
}, { requiredKeys: ['v'] }).chain((doc) => fc.oneof(
  { weight: 4, arbitrary: fc.constant(doc) },
  // Plus keys the format does not have (typos, prototype names, very long ones).
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileValue, { maxKeys: 3 }).map((extra) => ({ ...extra, ...doc })) },
));

/** A fixture with one value anywhere replaced by a hostile one. */
export const mutatedFixture: fc.Arbitrary<unknown> = fc
  .tuple(fc.constantFrom(...SAMPLE_NAMES), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), hostileValue)
  .map(([name, choices, value]) => mutate(SAMPLE_SCENARIOS[name], choices, value));

/** Scenario documents of both kinds. */
export const hostileDocument: fc.Arbitrary<unknown> = fc.oneof(hostileScenario, mutatedFixture);

const data = (json: string) => encodeBase64Url(deflateSync(strToU8(json), { level: 6 }));

/** Links that inflate to 1.1 to 3 MB: a long name, "[[[[…", '{"a":{"a":…' and spaces. */
const BOMBS: string[] = [1_100_000, 3_000_000].flatMap((n) => ['x', '[', '{"a":', ' '].map((c) => `#v1.${data(c === 'x' ? `{"v":1,"name":"${c.repeat(n)}"}` : c.repeat(n))}`));

/** `&t=…`, `&v.…=…` and parameters the link does not have. */
const params = fc.array(fc.oneof(
  fc.stringMatching(/^\d{1,20}$/).map((t) => `&t=${t}`),
  fc.constantFrom('&t=', '&t=-1', '&t=1e3', '&t=999999999999', '&t=608400000', '&t=608400001', '&zoom=2', '&v.x=%E0%A4%A', '&v.__proto__=x', '&v.=', '&&', '&v.theme=dark'),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 })).map(([k, v]) => `&v.${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
), { maxLength: 3 }).map((p) => p.join(''));

/** Link fragments: hostile documents encoded properly, and raw bytes of every broken kind. */
export const hostileFragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(hostileDocument, params).map(([doc, p]) => `#v1.${data(JSON.stringify(doc) ?? 'null')}${p}`) },
  // Deflate bombs: megabytes of one character, in JSON or not (made once: deflating megabytes per case would dominate the run).
  { weight: 1, arbitrary: fc.constantFrom(...BOMBS) },
  // A valid link cut short, or with characters changed.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...SAMPLE_NAMES), fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 3 })).map(([name, at, cut, text]) => {
    const link = `#v1.${data(JSON.stringify(SAMPLE_SCENARIOS[name]))}`;
    const i = 4 + (at % (link.length - 4));
    return cut === 0 ? link.slice(0, i) : link.slice(0, i) + text + link.slice(i + cut);
  }) },
  // Bytes that are not DEFLATE at all, base64url-encoded; and text that is not base64url.
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => `#v1.${encodeBase64Url(b)}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => `#v1.${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('#', '', '#v1', '#v1.', '#v2.abc', '#v10.abc', '#V1.abc', '#x.y', '#v1.=', '#v1.AAAA!!not-base64', '#v1.A', `#v1.${'A'.repeat(100_001)}`, '#section-3') },
  { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
);
