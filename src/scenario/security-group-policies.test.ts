/** Scenario format v1: `securityGroupPolicies` (SecurityGroupPolicy, reference c.3.2). */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario.ts';
import { specToScenarioJson } from './spec-to-json.ts';

const base = { v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }], awsNode: { env: { ENABLE_POD_ENI: 'true' } } };
const policy = { name: 'payments-sg', podSelector: { matchLabels: { app: 'payments' } }, securityGroups: ['sg-0123456789abcdef0'] };

function issues(input: unknown) {
  const r = parseScenario(input);
  return r.ok ? [] : r.issues;
}

describe('securityGroupPolicies', () => {
  it('fills the namespace default and keeps selectors and groups', () => {
    const r = parseScenario({ ...base, securityGroupPolicies: [policy] });
    expect(r.ok && r.warnings).toEqual([]);
    expect(r.ok && r.spec.securityGroupPolicies).toEqual([{ ...policy, namespace: 'default' }]);
  });

  it('defaults to no policies', () => {
    const r = parseScenario(base);
    expect(r.ok && r.spec.securityGroupPolicies).toEqual([]);
  });

  it('refuses a bad name, a bad sg id and an empty group list, each at its path', () => {
    const found = issues({
      ...base,
      securityGroupPolicies: [
        { ...policy, name: 'Bad_Name' },
        { ...policy, name: 'two', securityGroups: ['sg-nothex'] },
        { ...policy, name: 'three', securityGroups: [] },
      ],
    });
    expect(found.map((i) => i.path)).toEqual(expect.arrayContaining([
      'securityGroupPolicies[0].name', 'securityGroupPolicies[1].securityGroups[0]', 'securityGroupPolicies[2].securityGroups',
    ]));
  });

  it('refuses a duplicate namespace/name and a bad label key', () => {
    const found = issues({ ...base, securityGroupPolicies: [policy, { ...policy, podSelector: { matchLabels: { 'bad key': 'x' } } }] });
    expect(found.map((i) => i.path)).toEqual(expect.arrayContaining(['securityGroupPolicies[1].name', 'securityGroupPolicies[1].podSelector.matchLabels["bad key"]']));
  });

  it('warns that a policy with no selector is ignored', () => {
    const r = parseScenario({ ...base, securityGroupPolicies: [{ name: 'none', securityGroups: ['sg-0123456789abcdef0'] }] });
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(['securityGroupPolicies[0]']);
    expect(r.ok && r.warnings[0].message).toContain('ignores it');
  });

  it('round-trips through specToScenarioJson, leaving out the default namespace', () => {
    const r = parseScenario({ ...base, securityGroupPolicies: [policy, { name: 'sa', namespace: 'shop', serviceAccountSelector: { matchLabels: {} }, securityGroups: ['sg-0a1b2c3d'] }] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const json = specToScenarioJson(r.spec);
    expect(json.securityGroupPolicies?.[0]).toEqual(policy);
    const again = parseScenario(json);
    expect(again.ok && again.spec).toEqual(r.spec);
  });
});
