import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario.ts';
import { SAMPLE_NAMES, SAMPLE_SCENARIOS } from './sample-index.ts';
import { specToScenarioJson } from './spec-to-json.ts';

function issuesOf(input: unknown) {
  const r = parseScenario(input);
  if (r.ok) throw new Error(`expected problems, got a valid scenario`);
  return r.issues;
}

function paths(input: unknown): string[] {
  return issuesOf(input).map((i) => i.path);
}

const minimal = { v: 1, nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }] };
const net = (vpc: string[], subnets: object[]) => ({ ...minimal, vpc: { cidrs: vpc }, subnets });
const withTimeline = (timeline: object[]) => ({ ...minimal, deployments: [{ name: 'web' }], timeline });

describe('fixtures', () => {
  it.each(SAMPLE_NAMES)('%s validates without warnings and has a trainer-readable description', (name) => {
    const r = parseScenario(SAMPLE_SCENARIOS[name]);
    expect(r.ok ? r.warnings : r.issues).toEqual([]);
    expect(r.ok && r.spec.description.length).toBeGreaterThan(80);
  });
});

describe('three-az says what is true when it is true', () => {
  it('web runs on every node from 30 s on, a fourth node joins at 120 s, and the running pods stay put', async () => {
    const { createSimulation } = await import('../sim/index.ts');
    const r = parseScenario(SAMPLE_SCENARIOS['three-az']);
    if (!r.ok) throw new Error('sample does not parse');
    const sim = createSimulation(r.spec);
    const webPerNode = () => {
      const snap = sim.snapshot();
      return snap.nodes.map((n) => snap.pods.filter((p) => p.node === n.name && p.deployment === 'web').length);
    };
    // "a few seconds later": every 5 s from 40 s to the join, each of the three nodes runs web.
    let before: number[] = [];
    for (let t = 40_000; t < 120_000; t += 5_000) {
      sim.runUntil(t);
      before = webPerNode();
      expect(before, `at ${t / 1000} s`).toHaveLength(3);
      expect(before.every((n) => n > 0), `at ${t / 1000} s: ${before.join(',')}`).toBe(true);
    }
    sim.runUntil(200_000);
    const after = webPerNode();
    expect(after).toHaveLength(4);
    expect(after.slice(0, 3)).toEqual(before);
    expect(after[3]).toBe(0);
    expect(r.spec.description).toMatch(/At 30 s web scales to 30 and, once the new pods are scheduled a few seconds later, each of the three nodes runs web pods\. At 120 s a second node joins in 2c and stays empty of web pods/);
  });
});

describe('the samples name the interfaces the AL2023 node shows', () => {
  // Amazon Linux 2023 on Nitro: device index N is ensN+5 (udev's predictable names; src/sim/linux/ami.ts).
  const enisAt = async (name: keyof typeof SAMPLE_SCENARIOS, ms: number) => {
    const { createSimulation } = await import('../sim/index.ts');
    const r = parseScenario(SAMPLE_SCENARIOS[name]);
    if (!r.ok) throw new Error('sample does not parse');
    const sim = createSimulation(r.spec);
    sim.runUntil(ms);
    return { description: r.spec.description ?? '', enis: sim.snapshot().nodes[0]!.enis };
  };
  it('default-m5-large: the second and third ENIs are ens6 and ens7', async () => {
    const { description, enis } = await enisAt('default-m5-large', 180_000);
    expect(enis.filter((e) => e.kind !== 'branch').map((e) => [e.deviceIndex, e.ifName])).toEqual([[0, 'ens5'], [1, 'ens6'], [2, 'ens7']]);
    expect(description).toMatch(/device index 1, which Amazon Linux 2023 names ens6.*a third \(ens7\)/);
  });
  it('security-groups-for-pods: the trunk is device 2, ens7', async () => {
    const { description, enis } = await enisAt('security-groups-for-pods', 60_000);
    expect(enis.filter((e) => e.kind === 'trunk').map((e) => [e.deviceIndex, e.ifName])).toEqual([[2, 'ens7']]);
    expect(description).toContain('highest free device index (2: ens7)');
  });
});

describe('defaults', () => {
  it('gives node groups that name no security group the cluster security group, one per cluster', () => {
    const parse = (clusterName: string, groups: unknown[]) => {
      const r = parseScenario({ v: 1, clusterName, nodeGroups: groups });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.spec.nodeGroups.map((g) => g.securityGroups);
    };
    const [a, b] = parse('demo', [{ name: 'a', instanceType: 'm5.large', count: 1 }, { name: 'b', instanceType: 'm5.large', count: 1 }]);
    expect(a).toEqual(b);
    expect(parse('other', [{ name: 'a', instanceType: 'm5.large', count: 1 }])[0]).not.toEqual(a);
    expect(parse('demo', [{ name: 'a', instanceType: 'm5.large', count: 1, securityGroups: [] }])[0]).toEqual([]);
    expect(parse('demo', [{ name: 'a', instanceType: 'm5.large', count: 1, securityGroups: ['sg-0123456789abcdef0'] }])[0]).toEqual(['sg-0123456789abcdef0']);
  });

  it('fills in every default for a minimal scenario', () => {
    const r = parseScenario(minimal);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = r.spec;
    expect([s.name, s.seed, s.region, s.accountId, s.clusterName]).toEqual(['untitled', 1, 'us-west-2', '111122223333', 'demo']);
    expect(s.vpc.cidrs).toEqual(['192.168.0.0/16']);
    expect(s.vpc.id).toMatch(/^vpc-0[0-9a-f]{16}$/);
    expect(s.subnets).toHaveLength(1);
    expect(s.subnets[0]).toMatchObject({ cidr: '192.168.0.0/19', availabilityZone: 'us-west-2a', tags: {} });
    expect(s.subnets[0].id).toMatch(/^subnet-0[0-9a-f]{16}$/);
    expect(s.nodeGroups[0]).toEqual({ name: 'ng-1', instanceType: 'm5.large', count: 1, subnet: s.subnets[0].id, amiFamily: 'AL2023', labels: {}, securityGroups: [expect.stringMatching(/^sg-0[0-9a-f]{16}$/)] });
    expect(s.awsNode.env).toEqual({});
    expect(s.ec2).toEqual({ latencyScale: 1, mutating: { capacity: 200, refillPerSecond: 5 }, nonMutating: { capacity: 100, refillPerSecond: 20 } });
    expect(s.timeline).toEqual([]);
  });

  it('derives the same ids every time, and different ids for different blocks', () => {
    const a = parseScenario({ ...minimal, vpc: { cidrs: ['10.0.0.0/16'] }, subnets: [{ cidr: '10.0.0.0/24' }, { cidr: '10.0.1.0/24' }] });
    const b = parseScenario({ ...minimal, vpc: { cidrs: ['10.0.0.0/16'] }, subnets: [{ cidr: '10.0.0.0/24' }, { cidr: '10.0.1.0/24' }] });
    if (!a.ok || !b.ok) throw new Error('expected valid');
    expect(a.spec.subnets.map((s) => s.id)).toEqual(b.spec.subnets.map((s) => s.id));
    expect(a.spec.subnets[0].id).not.toBe(a.spec.subnets[1].id);
    expect(a.spec.vpc.id).not.toBe(parseScenario(minimal).ok && (parseScenario(minimal) as { spec: { vpc: { id: string } } }).spec.vpc.id);
  });

  it('gives a deployment namespace default, 1 replica and an app label', () => {
    const r = parseScenario({ ...minimal, deployments: [{ name: 'web' }] });
    expect(r.ok && r.spec.deployments[0]).toEqual({ name: 'web', namespace: 'default', replicas: 1, labels: { app: 'web' } });
  });
});

describe('node group AMI family (docs/scenario-format.md)', () => {
  it('defaults to AL2023, takes AL2, refuses anything else at its path, and round-trips AL2', () => {
    const al2 = { v: 1, nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1, amiFamily: 'AL2' }] };
    const r = parseScenario(al2);
    expect(r.ok && r.spec.nodeGroups[0].amiFamily).toBe('AL2');
    expect(r.ok && specToScenarioJson(r.spec).nodeGroups?.[0].amiFamily).toBe('AL2');
    const bad = issuesOf({ v: 1, nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1, amiFamily: 'Bottlerocket' }] });
    expect(bad.map((i) => i.path)).toEqual(['nodeGroups[0].amiFamily']);
    expect(bad[0].message).toMatch(/"AL2023" or "AL2"/);
  });
});

describe('shape problems', () => {
  it('refuses non-objects and a missing or future version, without throwing', () => {
    expect(issuesOf(null)[0].message).toMatch(/JSON object, not null/);
    expect(issuesOf([1])[0].message).toMatch(/not an array/);
    expect(paths({ nodeGroups: [] })).toEqual(['v']);
    expect(issuesOf({ v: 7 })[0].message).toMatch(/newer than this build/);
    expect(issuesOf({ v: '1' })[0].message).toMatch(/whole format version/);
  });

  it('reports every problem at once, with paths', () => {
    const issues = issuesOf({
      v: 1,
      seed: -1,
      nodeGroups: [
        { name: 'ng-1', instanceType: 5, count: 1 },
        { name: 'ng-2', instanceType: 'm5.large', count: 2.5 },
        { name: 'Bad_Name', instanceType: 'm5.large', count: 1 },
      ],
      deployments: [{ name: 'web', replicas: 20000 }],
      awsNode: { env: { WARM_IP_TARGET: 2 } },
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['seed']).toMatch(/negative/);
    expect(byPath['nodeGroups[0].instanceType']).toBe('expected a string, got the number 5');
    expect(byPath['nodeGroups[1].count']).toMatch(/whole number/);
    expect(byPath['nodeGroups[2].name']).toMatch(/not a DNS-1123 label/);
    expect(byPath['deployments[0].replicas']).toMatch(/at most 10000/);
    expect(byPath['awsNode.env.WARM_IP_TARGET']).toBe('expected a string, got the number 2');
  });

  it('names a missing required field', () => {
    const issues = issuesOf({ v: 1, nodeGroups: [{ name: 'ng', count: 1 }] });
    expect(issues).toContainEqual({ path: 'nodeGroups[0].instanceType', message: 'is required', text: { id: 'is required' } });
  });

  it('refuses an unknown command type and reports bad command fields', () => {
    const issues = issuesOf({ ...minimal, timeline: [{ at: 1, command: { type: 'reboot' } }, { at: -1, command: { type: 'scale', deployment: 'x', replicas: 'many' } }] });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['timeline[0].command.type', 'timeline[1].at', 'timeline[1].command.replicas']));
  });
});

describe('aws-node env', () => {
  it('keeps odd string values for the engine to parse like ipamd does', () => {
    const r = parseScenario({ ...minimal, awsNode: { env: { WARM_IP_TARGET: 'abc', MAX_ENI: '-3' } } });
    expect(r.ok && r.spec.awsNode.env).toEqual({ WARM_IP_TARGET: 'abc', MAX_ENI: '-3' });
  });

  it('refuses names that are not env var names and warns on unknown ones with a suggestion', () => {
    expect(paths({ ...minimal, awsNode: { env: { 'WARM IP': '1' } } })).toEqual(['awsNode.env["WARM IP"]']);
    const r = parseScenario({ ...minimal, awsNode: { env: { WARM_IP_TARGE: '1' } } });
    expect(r.ok && r.warnings).toMatchObject([{
      path: 'awsNode.env.WARM_IP_TARGE', message: expect.stringContaining('did you mean "WARM_IP_TARGET"'),
      text: {
        id: '{0} is not a variable the simulator models; it is kept but has no effect{1}',
        values: { 0: '"WARM_IP_TARGE"', 1: { id: ' (did you mean {0}?)', values: { 0: '"WARM_IP_TARGET"' } } },
      },
    }]);
  });
});

describe('network', () => {
  it('accepts subnets inside a VPC block and refuses ones outside, overlapping or out of /16-/28', () => {
    expect(parseScenario(net(['10.0.0.0/16'], [{ cidr: '10.0.0.0/24' }, { cidr: '10.0.1.0/28' }])).ok).toBe(true);
    const issues = issuesOf(net(['10.0.0.0/16'], [{ cidr: '10.1.0.0/24' }, { cidr: '10.0.0.0/24' }, { cidr: '10.0.0.128/25' }, { cidr: '10.0.2.0/29' }, { cidr: '10.0.3.1/24' }]));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['subnets[0].cidr']).toMatch(/not inside any VPC CIDR block \(10\.0\.0\.0\/16\)/);
    expect(byPath['subnets[2].cidr']).toMatch(/overlaps subnets\[1\]/);
    expect(byPath['subnets[3].cidr']).toMatch(/\/29; AWS allows subnet blocks from \/16 to \/28/);
    expect(byPath['subnets[4].cidr']).toMatch(/host bits set/);
  });

  it('checks VPC blocks and the zone of each subnet', () => {
    const issues = issuesOf({ ...net(['10.0.0.0/8', '10.0.0.0/16'], [{ cidr: '10.0.0.0/24', availabilityZone: 'eu-west-1a' }]) });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['vpc.cidrs[0]', 'vpc.cidrs[1]', 'subnets[0].availabilityZone']));
  });

  it('names the region in a zone\'s message only when it is a region code (the fuzz suite found an 859-character region repeated whole)', () => {
    const long = issuesOf({ ...minimal, region: 'a'.repeat(859) });
    expect(long.map((i) => [i.path, i.message.length < 200])).toEqual([['subnets[0].availabilityZone', true], ['region', true]]);
    expect(long[0].message).toMatch(/is not an availability zone name \(like us-west-2a\)$/);
    expect(issuesOf({ ...net(['10.0.0.0/16'], [{ cidr: '10.0.0.0/24', availabilityZone: 'us-west-2a' }]), region: 'eu-west-1' })[0].message)
      .toBe('"us-west-2a" is not in the scenario\'s region eu-west-1');
  });

  it('requires subnets when a VPC is given', () => {
    expect(paths({ ...minimal, vpc: { cidrs: ['10.0.0.0/16'] } })).toContain('subnets');
  });

  it('checks that node groups and ENIConfigs name existing subnets', () => {
    const issues = issuesOf({
      ...minimal,
      nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1, subnet: 'subnet-0123456789abcdef1' }],
      eniConfigs: [{ name: 'us-west-2a', subnet: 'subnet-0123456789abcdef2' }],
    });
    expect(issues.map((i) => i.path)).toEqual(['nodeGroups[0].subnet', 'eniConfigs[0].subnet']);
  });

  it('does not report a reference to a subnet that is itself malformed', () => {
    const issues = issuesOf({ ...minimal, vpc: { cidrs: ['10.0.0.0/16'] }, subnets: [{ id: 'subnet-0123456789abcdef1', cidr: 42 }], nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1, subnet: 'subnet-0123456789abcdef1' }] });
    expect(issues.map((i) => i.path)).toEqual(['subnets[0].cidr']);
  });
});

describe('cluster', () => {
  it('refuses an unknown instance type and suggests close names', () => {
    const issues = issuesOf({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.lareg', count: 1 }] });
    expect(issues).toMatchObject([{
      path: 'nodeGroups[0].instanceType', message: expect.stringContaining('did you mean "m5.large"'),
      text: expect.objectContaining({ id: '{0} is not an EC2 instance type the simulator knows{1}' }),
    }]);
  });

  it('refuses duplicate names and more than 5000 nodes', () => {
    const g = { instanceType: 'm5.large', count: 3000 };
    const issues = issuesOf({ v: 1, nodeGroups: [{ name: 'a', ...g }, { name: 'a', ...g }], deployments: [{ name: 'w' }, { name: 'w' }, { name: 'w', namespace: 'other' }] });
    expect(issues.map((i) => i.path)).toEqual(['nodeGroups[1].name', 'nodeGroups', 'deployments[1].name']);
    expect(issues[1].message).toMatch(/6000 nodes/);
  });

  it('checks label keys and values, and security group ids', () => {
    const issues = issuesOf({ v: 1, nodeGroups: [{ name: 'ng', instanceType: 'm5.large', count: 1, labels: { 'bad key!': 'x', ok: 'bad value!' }, securityGroups: ['sg-123'] }] });
    expect(issues.map((i) => i.path)).toEqual(['nodeGroups[0].labels["bad key!"]', 'nodeGroups[0].labels.ok', 'nodeGroups[0].securityGroups[0]']);
  });

  it('warns when custom networking is on without ENIConfigs', () => {
    const r = parseScenario({ ...minimal, awsNode: { env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' } } });
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(['eniConfigs']);
  });

  it.each([['1', true], ['T', true], ['TRUE', true], ['tRue', false], ['yes', false]])(
    'custom networking is on when strconv.ParseBool says so (UseCustomNetworkCfg): %j → warns %s',
    (value, warns) => {
      const r = parseScenario({ ...minimal, awsNode: { env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: value } } });
      expect(r.ok && r.warnings.some((w) => w.path === 'eniConfigs')).toBe(warns);
    },
  );

  it('warns about fields the format does not have', () => {
    const r = parseScenario({ ...minimal, nodegroups: [], deployments: [{ name: 'web', replica: 3 }] });
    expect(r.ok && r.warnings).toMatchObject([
      { path: 'nodegroups', message: expect.stringContaining('did you mean "nodeGroups"'), text: expect.objectContaining({ id: 'is not a field of the format and is ignored{0}' }) },
      { path: 'deployments[0].replica', message: expect.stringContaining('did you mean "replicas"'), text: expect.objectContaining({ id: 'is not a field of the format and is ignored{0}' }) },
    ]);
  });
});

describe('timeline', () => {
  it('sorts by time (stable) and warns when the input was not sorted', () => {
    const r = parseScenario(withTimeline([
      { at: 20, command: { type: 'scale', deployment: 'web', replicas: 3 } },
      { at: 5, command: { type: 'scale', deployment: 'web', replicas: 1 } },
      { at: 5, command: { type: 'scale', deployment: 'web', replicas: 2 } },
    ]));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.spec.timeline.map((t) => t.command.type === 'scale' && t.command.replicas)).toEqual([1, 2, 3]);
    expect(r.warnings.map((w) => w.path)).toEqual(['timeline']);
  });

  it('takes deployments added earlier in the timeline into account, and deletions', () => {
    const ok = parseScenario(withTimeline([
      { at: 1, command: { type: 'addDeployment', deployment: { name: 'api', namespace: 'shop' } } },
      { at: 2, command: { type: 'scale', deployment: 'api', namespace: 'shop', replicas: 4 } },
    ]));
    expect(ok.ok).toBe(true);
    const issues = issuesOf(withTimeline([
      { at: 5, command: { type: 'scale', deployment: 'api', replicas: 4 } },
      { at: 6, command: { type: 'addDeployment', deployment: { name: 'api' } } },
      { at: 7, command: { type: 'deleteDeployment', deployment: 'web' } },
      { at: 8, command: { type: 'scale', deployment: 'web', replicas: 1 } },
      { at: 9, command: { type: 'addDeployment', deployment: { name: 'api' } } },
    ]));
    expect(issues.map((i) => i.path)).toEqual(['timeline[0].command.deployment', 'timeline[3].command.deployment', 'timeline[4].command.deployment.name']);
    expect(issues[0].message).toBe('no deployment "default/api" exists at 5 s');
  });

  it('checks node group references and warns when removing more nodes than exist', () => {
    const issues = issuesOf(withTimeline([{ at: 1, command: { type: 'addNodes', nodeGroup: 'ng-2', count: 1 } }]));
    expect(issues).toMatchObject([{ path: 'timeline[0].command.nodeGroup', message: 'no node group "ng-2" (did you mean "ng-1"?)' }]);
    const r = parseScenario(withTimeline([{ at: 1, command: { type: 'removeNodes', nodeGroup: 'ng-1', count: 2 } }]));
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(['timeline[0].command.count']);
  });

  it('refuses a setEnv with a bad name but accepts unsetting a variable', () => {
    expect(paths(withTimeline([{ at: 1, command: { type: 'setEnv', name: '1X', value: '2' } }]))).toEqual(['timeline[0].command.name']);
    expect(parseScenario(withTimeline([{ at: 1, command: { type: 'setEnv', name: 'WARM_IP_TARGET', value: null } }])).ok).toBe(true);
  });
});

describe('docs/scenario-format.md', () => {
  it('has a full example that validates without warnings', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
    const block = /## Full example\s+```json\n([\s\S]*?)```/.exec(text);
    const r = parseScenario(JSON.parse(block?.[1] ?? 'null'));
    expect(r.ok ? r.warnings : r.issues).toEqual([]);
  });
});
