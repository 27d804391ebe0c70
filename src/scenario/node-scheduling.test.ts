/**
 * The scenario format's nodeSelector and its cordon / uncordon / taint commands: shape,
 * meaning checks (label rules, node references by <group>/<index>), warnings, defaults and
 * the round trip through specToScenarioJson.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario.ts';
import { specToScenarioJson } from './spec-to-json.ts';

const base = {
  v: 1,
  nodeGroups: [
    { name: 'ng-a', instanceType: 'm5.large', count: 2, labels: { pool: 'a' } },
    { name: 'ng-b', instanceType: 'm5.large', count: 1 },
  ],
};

function parse(doc: object) {
  return parseScenario({ ...base, ...doc });
}

function issues(doc: object) {
  const r = parse(doc);
  if (r.ok) throw new Error('expected problems, got a valid scenario');
  return r.issues;
}

function warnings(doc: object) {
  const r = parse(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.warnings;
}

const at = (seconds: number, command: object) => ({ at: seconds, command });

describe('deployments[].nodeSelector', () => {
  it('is kept in the spec, omitted when empty, and survives the round trip', () => {
    const r = parse({ deployments: [{ name: 'web', nodeSelector: { pool: 'a' } }, { name: 'api', nodeSelector: {} }] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.warnings).toEqual([]);
    expect(r.spec.deployments.map((d) => d.nodeSelector)).toEqual([{ pool: 'a' }, undefined]);
    const back = parseScenario(specToScenarioJson(r.spec));
    expect(back.ok && back.spec).toEqual(r.spec);
    expect(specToScenarioJson(r.spec).deployments).toEqual([{ name: 'web', nodeSelector: { pool: 'a' } }, { name: 'api' }]);
  });

  it('checks label keys and values', () => {
    expect(issues({ deployments: [{ name: 'web', nodeSelector: { 'bad key!': 'x' } }] })).toMatchObject([
      { path: 'deployments[0].nodeSelector["bad key!"]', message: expect.stringMatching(/^label key "bad key!" is invalid/) },
    ]);
  });

  it("warns when no node group's nodes carry the labels (pods would stay Pending)", () => {
    expect(warnings({ deployments: [{ name: 'web', nodeSelector: { pool: 'c' } }] })).toMatchObject([
      { path: 'deployments[0].nodeSelector', message: `no node group's nodes carry these labels: the pods of "default/web" stay Pending ("didn't match Pod's node affinity/selector")` },
    ]);
    // Labels EKS gives every node count: node group, zone, instance type, os.
    expect(warnings({ deployments: [{ name: 'web', nodeSelector: { 'eks.amazonaws.com/nodegroup': 'ng-b', 'topology.kubernetes.io/zone': 'us-west-2a', 'kubernetes.io/os': 'linux' } }] })).toEqual([]);
  });

  it('is accepted in addDeployment commands and checked there', () => {
    expect(issues({ timeline: [at(10, { type: 'addDeployment', deployment: { name: 'api', nodeSelector: { pool: 'a b' } } })] })).toMatchObject([
      { path: 'timeline[0].command.deployment.nodeSelector.pool', message: expect.stringMatching(/^label value "a b" is invalid/) },
    ]);
  });
});

describe('cordon, uncordon and taint commands', () => {
  it('take a node as <group>/<index> or by name', () => {
    const r = parse({
      timeline: [
        at(10, { type: 'cordon', node: 'ng-a/1' }),
        at(20, { type: 'uncordon', node: 'ip-192-168-1-5.us-west-2.compute.internal' }),
        at(30, { type: 'taint', node: 'ng-b/0', key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }),
        at(40, { type: 'taint', node: 'ng-b/0', key: 'dedicated', effect: 'NoSchedule', remove: true }),
      ],
    });
    expect(r.ok && r.warnings).toEqual([]);
    expect(r.ok && r.spec.timeline.map((t) => t.command)).toEqual([
      { type: 'cordon', node: 'ng-a/1' },
      { type: 'uncordon', node: 'ip-192-168-1-5.us-west-2.compute.internal' },
      { type: 'taint', node: 'ng-b/0', key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { type: 'taint', node: 'ng-b/0', key: 'dedicated', effect: 'NoSchedule', remove: true },
    ]);
    if (r.ok) expect(parseScenario(specToScenarioJson(r.spec)).ok && specToScenarioJson(r.spec).timeline).toEqual(specToScenarioJson(r.spec).timeline);
  });

  it('refuse a node index the group has not launched by then, counting addNodes before it', () => {
    expect(issues({ timeline: [at(10, { type: 'cordon', node: 'ng-a/2' })] })).toMatchObject([
      { path: 'timeline[0].command.node', message: 'node group "ng-a" has launched 2 nodes at 10 s (indexes 0 to 1)' },
    ]);
    expect(parse({ timeline: [at(5, { type: 'addNodes', nodeGroup: 'ng-a', count: 1 }), at(10, { type: 'cordon', node: 'ng-a/2' })] }).ok).toBe(true);
    // Indexes are never reused: removing a node does not bring the count down.
    expect(parse({ timeline: [at(5, { type: 'removeNodes', nodeGroup: 'ng-a', count: 1 }), at(10, { type: 'cordon', node: 'ng-a/1' })] }).ok).toBe(true);
  });

  it('refuse an unknown group, a bad index, a bad name, a bad taint key, value or effect', () => {
    expect(issues({
      timeline: [
        at(1, { type: 'cordon', node: 'ng-c/0' }),
        at(2, { type: 'cordon', node: 'ng-a/x' }),
        at(3, { type: 'uncordon', node: 'Not_A_Node' }),
        at(4, { type: 'taint', node: 'ng-a/0', key: '-bad', effect: 'NoSchedule' }),
        at(5, { type: 'taint', node: 'ng-a/0', key: 'k', value: 'a b', effect: 'NoSchedule' }),
      ],
    })).toMatchObject([
      { path: 'timeline[0].command.node', message: 'no node group "ng-c" (did you mean "ng-a" or "ng-b"?) (a node is <node group>/<index>, e.g. ng-1/0)' },
      { path: 'timeline[1].command.node', message: '"x" is not a node index (0 is the group\'s first node)' },
      { path: 'timeline[2].command.node', message: expect.stringMatching(/^"Not_A_Node" is not a DNS-1123 subdomain .*; name a node by its name or as <node group>\/<index> \(e\.g\. ng-1\/0\)$/) },
      { path: 'timeline[3].command.key', message: expect.stringMatching(/^taint key "-bad" is invalid/) },
      { path: 'timeline[4].command.value', message: expect.stringMatching(/^taint value "a b" is invalid/) },
    ]);
    expect(issues({ timeline: [at(1, { type: 'taint', node: 'ng-a/0', key: 'k', effect: 'NoRun' })] })).toMatchObject([
      { path: 'timeline[0].command.effect', message: 'expected ("NoSchedule" or "PreferNoSchedule" or "NoExecute"), got the string "NoRun"' },
    ]);
  });

  it('warns that a value is ignored when removing a taint', () => {
    expect(warnings({ timeline: [at(1, { type: 'taint', node: 'ng-a/0', key: 'k', value: 'v', effect: 'NoSchedule', remove: true })] })).toMatchObject([
      { path: 'timeline[0].command.value', message: 'is ignored when removing a taint (it is removed by key and effect)' },
    ]);
  });
});
