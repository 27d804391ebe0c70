/**
 * The validator's messages in the app's languages. Every issue (but a check's own crash, code
 * `internal`) carries a text whose id is its English template (said`…`): rendered as ICU in
 * English it must read exactly as `message` (what the CLI prints), and in Chinese and Korean
 * it must be translated all the way down, with every quoted value, name and number as it is.
 * The issues come from hand-broken scenarios and from the fuzz suite's hostile documents and links.
 */
import { setupI18n, type I18n } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileDocument, hostileFragment } from '../../scenario/hostile.test-support.ts';
import type { IssueText, ScenarioIssue } from '../../scenario/issues.ts';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { decodeFragment, encodeFragment } from '../../scenario/url-codec.ts';
import { createLanguages } from './catalogues.ts';
import { msg, textIn, twin, type Msg } from './text.ts';

type Doc = Record<string, unknown> & { nodeGroups: Record<string, unknown>[] };
const sample = SAMPLE_SCENARIOS['default-m5-large'] as unknown as Doc;
const [group] = sample.nodeGroups;
const minimal = { v: 2, nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }], deployments: [{ name: 'web', replicas: 2, ports: [{ name: 'http', containerPort: 8080 }] }] };
const at = (s: number, command: object) => ({ at: s, command });
/** An Ingress backend as Kubernetes writes it. */
const be = (name: string, port: number | string) => ({ service: { name, port: typeof port === 'number' ? { number: port } : { name: port } } });
const rules = (paths: object[]) => [{ http: { paths } }];

/** Documents broken in many of the ways the checks know, one or several at a time. */
const BROKEN: unknown[] = [
  {
    ...sample, replica: 3, region: 'mars-1', accountId: '12', clusterName: '-x',
    nodeGroups: [{ ...group, instanceType: 'm5.lareg', subnet: 'subnet-nope', securityGroups: ['sg-1', 'sg-2', 'sg-3', 'sg-4', 'sg-5', 'sg-6'], labels: { 'bad key!': 'x', ok: 'bad value!' } },
      { ...group, name: 'zz', instanceType: 'q9.tiny' }, { ...group, name: 'zz', count: 5000 }],
    awsNode: { env: { WARM_IPS_TARGET: '2', ZZZ_QQQ: '1', '1BAD': 'x', AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true', ENABLE_POD_ENI: 'false' } },
    eniConfigs: [{ name: 'A_B', subnet: 'subnet-x' }, { name: 'A_B', subnet: 'subnet-y' }],
    deployments: [{ name: 'web', replicas: 150_001, nodeSelector: { pool: 'none' } }, { name: 'web' }, { name: 'Bad_Name', namespace: 'x'.repeat(64), ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 80 }, { name: '--', containerPort: 81 }] },
      { name: 'coredns', namespace: 'kube-system' }],
    securityGroupPolicies: [{ name: 'p', securityGroups: ['sg-0123456789abcdef0'] }, { name: 'p', securityGroups: ['sg-0123456789abcdef0'] }],
    timeline: [at(5, { type: 'scale', deployment: 'wbe', replicas: 1 }), at(1, { type: 'addNodes', nodeGroup: 'ng-9', count: 1 }),
      at(2, { type: 'cordon', node: 'zz/7' }), at(2, { type: 'cordon', node: 'zz/x' }), at(2, { type: 'uncordon', node: 'Bad Node' }), at(2, { type: 'cordon', node: 'nope/0' }),
      at(3, { type: 'taint', node: 'zz/0', key: 'bad key!', value: 'bad value!', effect: 'NoSchedule', remove: true }),
      at(4, { type: 'addDeployment', deployment: { name: 'web', replicas: 1 } }), at(4, { type: 'setEnv', name: '9x', value: '1' }),
      at(6, { type: 'removeNodes', nodeGroup: 'zz', count: 50 }), at(7, { type: 'deletePod', pod: 'Bad Pod' }), at(8, { type: 'addNodes', nodeGroup: 'zz', count: 5000 })],
  },
  { v: 2, vpc: { id: 'vpc-x', cidrs: ['10.0.0.0/8', '10.0.0.0/16', '10.1.0.0/16', '300.0.0.0/16', '10.0.0.0', '10.0.0.0/33', '10.0.0.1/16', `10.${'0'.repeat(30)}`] } },
  {
    v: 2, vpc: { cidrs: ['10.0.0.0/16'] },
    subnets: [{ cidr: '10.1.0.0/24', id: 'subnet-x', availabilityZone: 'us-east-1a', tags: { '': 'x' } }, { cidr: '10.0.0.0/24', id: 'subnet-x', availabilityZone: 'nowhere' },
      { cidr: '10.0.0.0/25', defaultRoute: 'nat', natGateway: { id: 'nat-zz' } }, { cidr: '10.0.2.0/24', natGateway: { id: 'nat-0123456789abcdef0' }, defaultRoute: 'none' },
      { cidr: '10.0.3.0/24', defaultRoute: 'nat-0000000000000000' }, { cidr: '10.0.4.0/24', defaultRoute: 'nat', availabilityZone: 'us-west-2c' }],
  },
  { v: 2, subnets: [{ cidr: '10.0.5.0/24', defaultRoute: 'nat' }] },
  { v: 2, vpc: { cidrs: ['10.0.0.0/16'] } },
  {
    ...minimal, namespaces: [{ name: 'a' }, { name: 'a' }],
    cluster: { serviceIpv4Cidr: '10.0.0.0/16', controlPlaneSubnets: ['subnet-nope'] },
    services: [{ name: 'web', ports: [{ port: 80, targetPort: 'metrics', nodePort: 30000 }, { port: 80 }], clusterIP: '1.2.3.4', externalTrafficPolicy: 'Local', loadBalancerClass: 'x',
      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'x', 'service.beta.kubernetes.io/aws-load-balancer-foo': '1', 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'a,b=1', 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval': 'x' } },
    { name: 'web', ports: [{ port: 80, name: 'a' }, { port: 80, name: 'a' }] }, { name: 'kubernetes', namespace: 'default', ports: [{ port: 1 }] }, { name: 'Bad', ports: [{ port: 1 }] }, { name: 'x'.repeat(64), ports: [{ port: 1 }] },
    { name: 'np', type: 'NodePort', selector: {}, ports: [{ port: 1, nodePort: 30000 }] }],
    ingresses: [{ name: 'i', rules: rules([{ path: 'x', pathType: 'Prefix', backend: be('nope', 0) }]) }, { name: 'i', ingressClassName: 'nginx', rules: rules([]) }, { name: 'j', ingressClassName: 'alb', defaultBackend: be('web', 80), annotations: { 'alb.ingress.kubernetes.io/listen-ports': 'x' } }],
    timeline: [at(1, { type: 'addService', service: { name: 'web', ports: [{ port: 80 }] } }), at(1, { type: 'deleteService', service: 'kubernetes' }), at(1, { type: 'deleteService', service: 'wbe' }),
      at(1, { type: 'addIngress', ingress: { name: 'j', ingressClassName: 'alb', defaultBackend: be('web', 80) } }), at(1, { type: 'deleteIngress', ingress: 'k' }),
      at(2, { type: 'setPodHealth', healthy: true }), at(2, { type: 'traffic', from: 'x'.repeat(300), to: 'y'.repeat(300), proto: 'icmp', dport: 1 }), at(2, { type: 'traffic', from: 'a', to: 'b', proto: 'tcp' }),
      at(3, { type: 'zeroCounters', node: 'Bad Node', chain: 'a b' })],
  },
  { ...minimal, cluster: { serviceIpv4Cidr: '10.0.0.0/8' } }, { ...minimal, cluster: { serviceIpv4Cidr: '11.0.0.0/16' } }, { ...minimal, vpc: { cidrs: ['10.100.0.0/16'] }, cluster: { serviceIpv4Cidr: '10.100.0.0/16' } },
  { ...minimal, services: [{ name: 'c', ports: [{ port: 1, nodePort: 30001 }], clusterIP: '10.100.0.10' }, { name: 'd', ports: [{ port: 1 }], clusterIP: 'x' }] },
  { ...minimal, steps: [{ at: 0, title: 'x', view: { zoom: '3' }, commands: [{ type: 'scale', deployment: 'api', replicas: 1 }] }] },
  { v: 0, awsNode: ['x'] }, { v: 0, awsNode: { WARM_IP_TARGET: '1' } }, { v: 1, steps: [], timeline: [{ at: 0, muted: true, command: { type: 'scale', deployment: 'web', replicas: 1 } }] },
  [], null, 'x', { v: 'x' }, { v: 99 }, {}, { v: 2, nodeGroups: [{ name: 'n', instanceType: 5, count: -1.5 }], seed: 2 ** 40, ec2: { latencyScale: 'x' }, timeline: [{ at: -1, command: { type: 'taint' } }] },
  { v: 2, nodeGroups: Array.from({ length: 501 }, () => ({})), services: Array.from({ length: 1001 }, () => ({})) },
  // One problem each, so warnings (given only when nothing is wrong) and the rarer errors are met too.
  { ...minimal, deployments: [{ name: 'web', nodeSelector: { pool: 'x' } }, { name: 'web' }] },
  { ...minimal, deployments: [{ name: 'web', nodeSelector: { pool: 'x' } }] },
  { ...minimal, deployments: [{ name: 'web', replicas: 10_000 }, ...Array.from({ length: 15 }, (_v, i) => ({ name: `d${i}`, replicas: 10_000 }))] },
  { ...minimal, securityGroupPolicies: [{ name: 'p', securityGroups: ['sg-0123456789abcdef0'] }] },
  { ...minimal, awsNode: { env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' } } },
  { ...minimal, services: [{ name: 'lb', selector: {}, ports: [{ port: 80, targetPort: 'metrics' }], annotations: { 'service.beta.kubernetes.io/aws-load-balancer-foo': '1', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' } }] },
  ...[{ 'target-type': 'x' }, { 'load-balancer-name': '-x-' }, { 'target-group-attributes': 'deregistration_delay.timeout_seconds=x' }, { 'target-group-attributes': 'stickiness.enabled=x' },
    { 'target-group-attributes': 'load_balancing.cross_zone.enabled=x' }, { 'healthcheck-protocol': 'x' }, { 'healthcheck-port': '!' }, { 'healthcheck-path': 'x' }, { 'success-codes': 'x' },
    { 'healthcheck-interval-seconds': '1' }, { 'listen-ports': 'x' }, { 'listen-ports': '[]' }, { 'listen-ports': '[{"HTTPS": 443}]' }].map((a) => ({
    ...minimal, services: [{ name: 'web', ports: [{ port: 80 }] }],
    ingresses: [{ name: 'i', ingressClassName: 'alb', defaultBackend: be('web', 80), annotations: Object.fromEntries(Object.entries(a).map(([k, v]) => [`alb.ingress.kubernetes.io/${k}`, v])) }],
  })),
  { ...minimal, services: [{ name: 'web', type: 'LoadBalancer', ports: [{ port: 80 }], annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'x' } }] },
  { ...minimal, ingresses: [{ name: 'a', rules: rules([{ path: '/', pathType: 'Prefix', backend: be('nope', 80) }]) }, { name: 'b', ingressClassName: 'nginx', rules: rules([{ path: '/', pathType: 'Prefix', backend: be('nope', 80) }]) }] },
  { ...minimal, ingresses: [{ name: 'a', ingressClassName: 'alb', rules: rules([{ path: 'x', pathType: 'Prefix', backend: be('web', '') }]) }] },
  { ...minimal, subnets: [{ cidr: '192.168.0.0/29' }] }, { ...minimal, subnets: [{ cidr: '192.168.0.0/20', natGateway: { id: 'nat-0123456789abcdef0' } }, { cidr: '192.168.16.0/20', natGateway: { id: 'nat-0123456789abcdef0' } }] },
  { ...minimal, steps: [{ at: 0, title: 'x', view: { zoom: '3' } }] }, { ...minimal, replica: 1, nodeGroups: [{ ...minimal.nodeGroups[0], count: 2 }] },
  { ...minimal, timeline: [at(5, { type: 'scale', deployment: 'web', replicas: 1 }), at(1, { type: 'scale', deployment: 'web', replicas: 2 })] },
  { ...minimal, timeline: [at(1, { type: 'cordon', node: 'ng-1/5' }), at(1, { type: 'removeNodes', nodeGroup: 'ng-1', count: 3 }), at(2, { type: 'cordon', node: 'ng-1/1' }),
    at(3, { type: 'addNodes', nodeGroup: 'ng-1', count: 2 }), at(4, { type: 'cordon', node: 'ng-1/9' }),
    at(5, { type: 'taint', node: 'ng-1/0', key: 'a/b/c', effect: 'NoSchedule' }), at(5, { type: 'taint', node: 'ng-1/0', key: 'k', value: 'v', effect: 'NoSchedule', remove: true })] },
  { ...minimal, deployments: [{ name: 'web', nodeSelector: { 'Bad_Prefix/x': 'y' } }, { name: 'a'.repeat(64) }], eniConfigs: [{ name: 'x'.repeat(254), subnet: 'subnet-x' }] },
  { ...minimal, services: [{ name: 'web', ports: [{ port: 80 }] }], ingresses: [{ name: 'i', ingressClassName: 'alb', defaultBackend: be('web', 80) }],
    timeline: [at(1, { type: 'addService', service: { name: 'web', ports: [{ port: 80 }] } }), at(1, { type: 'deleteService', service: 'kubernetes' }), at(1, { type: 'deleteService', service: 'wbe' }),
      at(1, { type: 'addIngress', ingress: { name: 'i', ingressClassName: 'alb', defaultBackend: be('web', 80) } }), at(1, { type: 'deleteIngress', ingress: 'k' }),
      at(2, { type: 'setPodHealth', healthy: true }), at(2, { type: 'traffic', from: 'x'.repeat(300), to: 'y'.repeat(300), proto: 'icmp', dport: 1 }), at(2, { type: 'traffic', from: 'a', to: 'b', proto: 'tcp' }),
      at(3, { type: 'zeroCounters', chain: 'a b' })] },
  { v: 2, seed: -1, ec2: { latencyScale: 1000, mutating: { capacity: 0, refillPerSecond: 0 } }, vpc: { cidrs: [] }, nodeGroups: [{ name: 'n', instanceType: 'm5.large', count: 1, maxPods: 20_000, securityGroups: [] }],
    deployments: [{ name: 'd', replicas: 20_000, ports: Array.from({ length: 21 }, (_v, i) => ({ containerPort: i + 1 })) }], timeline: [{ at: 700_000, command: { type: 'scale', deployment: 'd', replicas: 1 } }],
    steps: [{ at: 0, title: '' }], namespaces: Array.from({ length: 101 }, (_v, i) => ({ name: `n${i}` })),
    services: [{ name: 's', ports: [] }, { name: 't', ports: [{ port: 0 }] }], ingresses: [{ name: 'i', rules: rules(Array.from({ length: 51 }, () => ({ path: '/', pathType: 'Prefix', backend: be('s', 1) }))) }],
    cluster: { controlPlaneSubnets: [] } },
  { v: 2, awsNode: { env: Object.fromEntries(Array.from({ length: 101 }, (_v, i) => [`E${i}`, '1'])) }, whatever: Object.fromEntries(Array.from({ length: 1001 }, (_v, i) => [`k${i}`, 1])) },
  { v: 1, steps: [{ at: 0, title: 'x' }] }, { v: 1, timeline: [{ at: 0, muted: true, command: { type: 'scale', deployment: 'web', replicas: 1 } }] },
];

const FRAGMENTS = ['', '#', '#v9.x', '#x.y', '#v1', '#v1.***', '#v1.A', `#v1.${'A'.repeat(100_001)}`, '#v1.AAAA', '#v1.AAAA&t=x', '#v1.AAAA&zz=1', '#v1.AAAA&%E0%A4%A',
  encodeFragment({ scenario: { ...sample, awsNode: { env: { WARM_IPS_TARGET: '2' } } } as never, moment: { timeMs: 86_400_000 } }),
  `${encodeFragment({ scenario: sample as never })}&t=999999999999`, `${encodeFragment({ scenario: sample as never })}&t=x`];

/** Every issue and link failure the inputs give, as (message, text) pairs, the link's errors and locations too. */
function said(): { message: string; text?: IssueText; code?: string; where: string }[] {
  const out: { message: string; text?: IssueText; code?: string; where: string }[] = [];
  const issues = (list: readonly ScenarioIssue[] | undefined, where: string) => {
    for (const i of list ?? []) out.push({ message: i.message, text: i.text, code: i.code, where: `${where} ${i.path}` });
  };
  const docs = [...BROKEN, ...fc.sample(hostileDocument, { numRuns: 600, seed: 12 })];
  for (const doc of docs) {
    const r = parseScenario(doc);
    issues(r.ok ? r.warnings : r.issues, 'document');
  }
  for (const hash of [...FRAGMENTS, ...fc.sample(hostileFragment, { numRuns: 400, seed: 12 })] as string[]) {
    const d = decodeFragment(hash);
    if (d.ok) issues(d.warnings, 'link');
    else {
      issues(d.issues, 'link');
      out.push({ message: d.error, text: d.errorText, code: d.code, where: `link error ${hash.slice(0, 30)}` });
      // The location is a text when it is words ("scenario JSON"); a JSON path stays as it is.
      if (d.whereText) out.push({ message: d.where, text: d.whereText, where: 'link where' });
    }
  }
  return out;
}

/** Every id in a text, nested ones too. */
function ids(text: IssueText, into = new Set<string>()): Set<string> {
  into.add(text.id);
  for (const v of Object.values(text.values ?? {})) if (typeof v === 'object') ids(v, into);
  return into;
}

/** Every string and number a text inserts as it is (quoted values, paths, names, numbers). */
function leaves(text: IssueText): string[] {
  return Object.values(text.values ?? {}).flatMap((v) => (typeof v === 'object' ? leaves(v) : [String(v)]));
}

/** English from the ids themselves (they are ICU), as the app would render a catalogue that had them. */
function englishFrom(all: Iterable<string>): I18n {
  const i18n = setupI18n();
  i18n.loadAndActivate({ locale: 'en', messages: Object.fromEntries([...all].map((id) => [id, compileMessage(id)])) });
  return i18n;
}

describe('scenario issues in every language', () => {
  const all = said();
  const texted = all.filter((i) => i.code !== 'internal');
  const everyId = new Set(texted.flatMap((i) => (i.text ? [...ids(i.text)] : [])));

  it('covers many kinds of message', () => {
    expect(texted.length).toBeGreaterThan(2000);
    expect(everyId.size).toBeGreaterThan(190);
  });

  it('gives every issue (but an internal error) a text', () => {
    expect(texted.filter((i) => !i.text).map((i) => `${i.where}: ${i.message}`)).toEqual([]);
  });

  it('reads in English exactly as the validator wrote it (what the CLI prints)', () => {
    const en = englishFrom(everyId);
    const wrong = texted.filter((i) => i.text && textIn(en, i.text as Msg) !== i.message).map((i) => `${i.where}: ${i.message}`);
    expect(wrong).toEqual([]);
  });

  it('shows the English itself to an English reader (no catalogue needed)', () => {
    const { i18n } = createLanguages();
    for (const i of texted.slice(0, 200)) if (i.text) expect(textIn(i18n, twin(i.message, i.text as Msg))).toBe(i.message);
  });

  it('translates every issue in zh-TW, zh-CN and ko, keeping the quoted values, names and numbers', async () => {
    const { i18n, activate } = createLanguages();
    for (const locale of ['zh-TW', 'zh-CN', 'ko'] as const) {
      await activate(locale);
      const untranslated: string[] = [];
      const lost: string[] = [];
      for (const i of texted) {
        if (!i.text) continue;
        const missing = [...ids(i.text)].filter((id) => !(id in i18n.messages));
        if (missing.length > 0) untranslated.push(`${i.where}: ${missing.join(' | ')}`);
        const shown = textIn(i18n, twin(i.message, i.text as Msg));
        for (const value of leaves(i.text)) if (!shown.includes(value)) lost.push(`${locale} ${i.where}: ${value} not in ${shown}`);
      }
      expect(untranslated, locale).toEqual([]);
      expect(lost, locale).toEqual([]);
    }
  });

  it('shows a misspelt instance type and a late moment in Korean with the names and numbers as they are', async () => {
    const { i18n, activate } = createLanguages();
    await activate('ko');
    const typo = texted.find((i) => i.message.startsWith('"m5.lareg" is not an EC2 instance type'));
    const shown = textIn(i18n, twin(typo?.message ?? '', typo?.text as Msg));
    expect(shown).toContain('"m5.lareg"');
    expect(shown).toContain('"m5.large"');
    expect(shown).toContain('EC2 인스턴스 유형');
    const late = texted.find((i) => i.message.startsWith('t=86400000 ms is past the end'));
    expect(textIn(i18n, twin(late?.message ?? '', late?.text as Msg))).toContain('t=86400000 ms');
  });

  it('says how long a cut value was in the reader\'s language, the value as it was cut', async () => {
    const long = `${'x'.repeat(4000)}`;
    const failed = parseScenario({ ...sample, nodeGroups: [{ ...sample.nodeGroups[0], instanceType: long }] });
    const issue = (failed.ok ? [] : failed.issues).find((i) => i.path === 'nodeGroups[0].instanceType');
    expect(issue?.message).toContain('(4,000 characters)');
    const { i18n, activate } = createLanguages();
    await activate('zh-TW');
    const zh = textIn(i18n, twin(issue?.message ?? '', issue?.text as Msg));
    expect(zh).toContain('（共 4,000 個字元）');
    expect(zh).not.toContain('characters');
    expect(zh).toContain(`"${'x'.repeat(20)}`);
    await activate('ko');
    expect(textIn(i18n, twin(issue?.message ?? '', issue?.text as Msg))).toContain('(4,000자)');
  });

  it('falls back to the English where a language lacks an id (never shows a raw template)', async () => {
    const { i18n, activate } = createLanguages();
    await activate('zh-TW');
    const made = twin('has 7 widgets', msg('has {0} widgets', { 0: 7 }));
    expect(textIn(i18n, made)).toBe('has 7 widgets');
  });
});
