import { describe, expect, it } from 'vitest';
import { checkLimits, MAX_JSON_VALUES, scanJson } from './limits.ts';
import { parseScenario } from './parse-scenario.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from './sample-index.ts';

const many = <T>(n: number, item: (i: number) => T): T[] => Array.from({ length: n }, (_v, i) => item(i));
const deps = (n: number) => many(n, (i) => ({ name: `d${i}`, replicas: 10_000 }));
const keys = (n: number) => Object.fromEntries(many(n, (i) => [`k${i}`, 'v']));

describe('checkLimits', () => {
  it.each(SAMPLE_NAMES)('finds nothing over a cap in fixture %s', (name) => {
    expect(checkLimits(SAMPLE_SCENARIOS[name])).toEqual([]);
  });

  // [what, document at the cap, document one over, path, message]
  const cases: [string, (n: number) => object, number, string, string][] = [
    ['subnets', (n) => ({ subnets: many(n, () => ({})) }), 200, 'subnets', 'has 201 subnets; at most 200 (the default Amazon VPC quota is 200 subnets per VPC)'],
    ['node groups', (n) => ({ nodeGroups: many(n, () => ({})) }), 500, 'nodeGroups', 'has 501 node groups; at most 500 (a node group is an EC2 Auto Scaling group, and the default quota is 500 per Region)'],
    ['ENIConfigs', (n) => ({ eniConfigs: many(n, () => ({})) }), 200, 'eniConfigs', 'has 201 ENIConfigs; at most 200 (each names a subnet, and a VPC has at most 200 by default)'],
    ['deployments', (n) => ({ deployments: many(n, () => ({})) }), 1_000, 'deployments', 'has 1,001 deployments; at most 1,000 (the simulator runs at most 1,000)'],
    ['policies', (n) => ({ securityGroupPolicies: many(n, () => ({})) }), 1_000, 'securityGroupPolicies', 'has 1,001 SecurityGroupPolicies; at most 1,000 (the simulator reads at most 1,000)'],
    ['timeline', (n) => ({ timeline: many(n, () => 0) }), 10_000, 'timeline', 'has 10,001 timeline entries; at most 10,000 (the simulator runs at most 10,000)'],
    ['security groups', (n) => ({ nodeGroups: [{ securityGroups: many(n, () => 'sg-1') }] }), 16, 'nodeGroups[0].securityGroups', 'has 17 security groups; at most 16 (an ENI takes at most 16 (5 by default))'],
    ['tags', (n) => ({ subnets: [{ tags: keys(n) }] }), 50, 'subnets[0].tags', 'has 51 tags; at most 50 (an AWS resource has at most 50 user tags)'],
    ['labels', (n) => ({ deployments: [{ labels: keys(n) }] }), 64, 'deployments[0].labels', 'has 65 labels; at most 64 (the simulator reads at most 64 per object)'],
    ['node selectors', (n) => ({ deployments: [{ nodeSelector: keys(n) }] }), 64, 'deployments[0].nodeSelector', 'has 65 labels; at most 64 (the simulator reads at most 64 per object)'],
    ['labels in the timeline', (n) => ({ timeline: [{ command: { deployment: { labels: keys(n) } } }] }), 64, 'timeline[0].command.deployment.labels', 'has 65 labels; at most 64 (the simulator reads at most 64 per object)'],
    ['selector labels', (n) => ({ securityGroupPolicies: [{ podSelector: { matchLabels: keys(n) } }] }), 64, 'securityGroupPolicies[0].podSelector.matchLabels', 'has 65 labels; at most 64 (the simulator reads at most 64 per object)'],
    ['env', (n) => ({ awsNode: { env: keys(n) } }), 100, 'awsNode.env', 'has 101 environment variables; at most 100 (the simulator reads at most 100 (it models 49))'],
    ['any other list', (n) => ({ vpc: { cidrs: many(n, () => '10.0.0.0/16') } }), 10_000, 'vpc.cidrs', 'has 10,001 entries; a list in a scenario has at most 10,000'],
    ['any other object', (n) => ({ whatever: keys(n) }), 1_000, 'whatever', 'has 1,001 keys; an object in a scenario has at most 1,000'],
    ['a string', (n) => ({ description: 'd'.repeat(n) }), 4_096, 'description', 'is 4,097 characters long; a string in a scenario has at most 4,096'],
  ];
  it.each(cases)('caps %s: at the cap nothing, one over a problem with its path', (_what, doc, cap, path, message) => {
    expect(checkLimits({ v: 1, ...doc(cap) })).toEqual([]);
    expect(checkLimits({ v: 1, ...doc(cap + 1) })).toMatchObject([{ path, message, code: 'limit' }]);
  });

  it('caps key length at the longest Kubernetes label key (317), with the key cut in the path', () => {
    expect(checkLimits({ v: 1, nodeGroups: [{ labels: { [`${'p'.repeat(253)}/${'n'.repeat(63)}`]: 'x' } }] })).toEqual([]);
    const [issue] = checkLimits({ v: 1, ['k'.repeat(300_000)]: 1 });
    expect(issue).toMatchObject({ path: `["${'k'.repeat(80)}…"]`, message: 'is a key of 300,000 characters; a key in a scenario has at most 317', code: 'limit' });
  });

  it('caps nesting at 16 levels (the format needs 14: an Ingress in a lesson step)', () => {
    const nest = (n: number): unknown => (n === 0 ? 1 : [nest(n - 1)]);
    expect(checkLimits({ v: 1, x: nest(15) })).toEqual([]);
    expect(checkLimits({ v: 1, x: nest(16) })).toMatchObject([{ path: `x${'[0]'.repeat(15)}`, message: 'is nested more than 16 levels deep; the format itself needs 14', code: 'limit' }]);
  });

  it('does not enter a list over its cap, and lists at most 20 problems', () => {
    const long = 'n'.repeat(5_000);
    expect(checkLimits({ v: 1, nodeGroups: many(300_000, () => ({ name: long })) })).toHaveLength(1);
    expect(checkLimits({ v: 1, subnets: many(100, () => ({ id: long })) })).toHaveLength(20);
  });
});

describe('parseScenario stops at the caps', () => {
  it('reports only the cap for a list over it, not a problem per entry', () => {
    const r = parseScenario({ v: 1, nodeGroups: many(501, () => ({})) });
    expect(r.ok ? [] : r.issues).toMatchObject([{ path: 'nodeGroups', message: expect.stringContaining('has 501 node groups'), code: 'limit' }]);
  });

  it('caps pods at Kubernetes\' 150,000, in the deployments and through the timeline', () => {
    const node = { nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1 }] };
    expect(parseScenario({ v: 1, ...node, deployments: deps(15) }).ok).toBe(true);
    const over = parseScenario({ v: 1, ...node, deployments: deps(16) });
    expect(over.ok ? [] : over.issues).toMatchObject([{ path: 'deployments', message: '160,000 replicas in all; a scenario may have at most 150,000 pods' }]);
    const timeline = parseScenario({ v: 1, ...node, deployments: [...deps(14), { name: 'x', replicas: 0 }], timeline: [
      { at: 1, command: { type: 'scale', deployment: 'x', replicas: 10_000 } },
      { at: 2, command: { type: 'deleteDeployment', deployment: 'd0' } },
      { at: 3, command: { type: 'addDeployment', deployment: { name: 'y', replicas: 10_000 } } },
      { at: 4, command: { type: 'scale', deployment: 'y', replicas: 10_001 } },
    ] });
    expect(timeline.ok ? [] : timeline.issues).toMatchObject([{ path: 'timeline[3].command.replicas', message: 'must be at most 10000', text: { id: 'must be at most {0}', values: { 0: 10000 } } }]);
    const timeline2 = parseScenario({ v: 1, ...node, deployments: [...deps(14), { name: 'x', replicas: 0 }], timeline: [
      { at: 1, command: { type: 'scale', deployment: 'x', replicas: 10_000 } },
      { at: 2, command: { type: 'addDeployment', deployment: { name: 'y', replicas: 1 } } },
    ] });
    expect(timeline2.ok ? [] : timeline2.issues).toMatchObject([{ path: 'timeline[1].command.deployment.replicas', message: 'brings the scenario to 150,001 pods; at most 150,000 are allowed' }]);
  });
});

describe('scanJson (before JSON.parse)', () => {
  it('refuses nesting deeper than 16 and says where', () => {
    expect(scanJson(`${'['.repeat(16)}${']'.repeat(16)}`)).toBeUndefined();
    expect(scanJson('['.repeat(500_000))).toMatchObject({ at: 16, problem: { message: 'is nested more than 16 levels deep; the format itself needs 14' } });
  });

  it('does not count brackets, commas or escaped quotes inside strings', () => {
    expect(scanJson(JSON.stringify({ a: `"${'[{,'.repeat(200_000)}\\"` }))).toBeUndefined();
  });

  it('refuses more than 150,000 values', () => {
    expect(scanJson(`[${many(MAX_JSON_VALUES - 1, () => 0).join(',')}]`)).toBeUndefined();
    // The array and its 150,000 zeros: the last comma (at 2 × 149,999) is one value too many.
    expect(scanJson(`[${many(MAX_JSON_VALUES, () => 0).join(',')}]`)).toMatchObject({ at: 2 * (MAX_JSON_VALUES - 1), problem: { message: 'holds more than 150,000 values; the largest scenario the format allows needs far fewer' } });
  });
});

describe('caps of the Service objects', () => {
  it('refuses more Services, Ingresses or annotations than the format reads, before any other check', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `s${i}` }));
    expect(checkLimits({ v: 1, services: many(1_000) })).toEqual([]);
    expect(checkLimits({ v: 1, services: many(1_001) })).toMatchObject([{ path: 'services', message: 'has 1,001 Services; at most 1,000 (the simulator runs at most 1,000)', code: 'limit' }]);
    expect(checkLimits({ v: 1, ingresses: many(101) })[0].path).toBe('ingresses');
    const annotations = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`a${i}`, 'x']));
    expect(checkLimits({ v: 1, timeline: [{ at: 1, command: { type: 'addService', service: { name: 'x', annotations } } }] })[0].path).toBe('timeline[0].command.service.annotations');
  });
});
