import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import type { ScenarioSpec } from '../../sim/spec.ts';
import { clusterSnippet, setEnvLine, snippetText } from './cluster-snippet.ts';

function sample(id: keyof typeof SAMPLE_SCENARIOS): ScenarioSpec {
  const p = parseScenario(SAMPLE_SCENARIOS[id]);
  if (!p.ok) throw new Error(id);
  return p.spec;
}

/** Parses every YAML document; any parse error fails the test with its message. */
function docs(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text).map((d) => {
    expect(d.errors.map((e) => e.message)).toEqual([]);
    return d.toJS() as Record<string, unknown>;
  });
}

/**
 * Runs `line` in a real bash with `kubectl` a function that writes its arguments, one per
 * NUL-terminated record; returns them. Anything the line ran besides kubectl would show up
 * as a file in `dir` (the values try `touch`) or as extra output.
 */
function kubectlArgs(line: string, dir: string): string[][] {
  const script = `cd ${JSON.stringify(dir)}\nkubectl() { printf '%s\\0' "$@"; printf '\\n\\0'; }\n${line}\n`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } }).toString('utf8');
  const calls: string[][] = [];
  let cur: string[] = [];
  for (const part of out.split('\0').slice(0, -1)) {
    if (part === '\n') { calls.push(cur); cur = []; } else cur.push(part);
  }
  return calls;
}

/** A lone surrogate cannot be written to YAML: it reads back as U+FFFD (documented in yamlString). */
const fixed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const HOSTILE = [
  '$(touch pwned1)', '`touch pwned2`', "it's; touch pwned3", 'a"b\\c', 'line1\ntouch pwned4', 'x\r\ny', '\u202etxt.exe', 'tab\there',
  '${HOME}', '!!', 'ünïcödé ✓', '😀 astral', 'EOF', '---', '# not a comment', 'key: value', '- item', '{a: b}', '&anchor *alias', '',
];

describe('try it on a real cluster', () => {
  it('security groups for pods: the env line, both Deployments and the SecurityGroupPolicy as apply-able YAML', () => {
    const s = clusterSnippet(sample('security-groups-for-pods'));
    expect(s.shell).toBe("kubectl set env daemonset aws-node -n kube-system 'ENABLE_POD_ENI=true'");
    const d = docs(s.yaml);
    expect(d.map((x) => `${x.kind}/${(x.metadata as { name: string }).name}`)).toEqual(['Deployment/payments', 'Deployment/web', 'SecurityGroupPolicy/payments-sg']);
    expect(d[2]).toEqual({
      apiVersion: 'vpcresources.k8s.aws/v1beta1', kind: 'SecurityGroupPolicy', metadata: { name: 'payments-sg', namespace: 'default' },
      spec: { podSelector: { matchLabels: { app: 'payments' } }, securityGroups: { groupIds: ['sg-0a11b22c33d44e55f'] } },
    });
    const dep = d[0] as { spec: { selector: { matchLabels: unknown }; template: { metadata: { labels: unknown } } } };
    expect(dep.spec.selector.matchLabels).toEqual(dep.spec.template.metadata.labels);
  });

  it('custom networking: one ENIConfig per AZ with its subnet and security group, and the two env variables', () => {
    const s = clusterSnippet(sample('custom-networking'));
    expect(s.shell).toContain("'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true' 'ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone'");
    const enis = docs(s.yaml).filter((x) => x.kind === 'ENIConfig');
    expect(enis).toEqual([
      { apiVersion: 'crd.k8s.amazonaws.com/v1alpha1', kind: 'ENIConfig', metadata: { name: 'us-west-2a' }, spec: { subnet: 'subnet-0a000000000000064', securityGroups: ['sg-0f00d000000000001'] } },
      { apiVersion: 'crd.k8s.amazonaws.com/v1alpha1', kind: 'ENIConfig', metadata: { name: 'us-west-2b' }, spec: { subnet: 'subnet-0b000000000000064', securityGroups: ['sg-0f00d000000000001'] } },
    ]);
    const cfg = docs(s.eksctl)[0] as { managedNodeGroups: { name: string; maxPodsPerNode: number; labels: Record<string, string> }[] };
    expect(cfg.managedNodeGroups.map((g) => [g.name, g.maxPodsPerNode, g.labels['topology.kubernetes.io/zone']])).toEqual([['ng-a', 20, 'us-west-2a'], ['ng-b', 20, 'us-west-2b']]);
  });

  it('hostile values: bash passes each one to kubectl byte for byte and runs nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcx-snippet-'));
    try {
      const env: Record<string, string> = {};
      HOSTILE.forEach((v, i) => { env[`V${i}`] = v; });
      const omitted: string[] = [];
      const line = setEnvLine({ ...env, 'BAD NAME;touch pwned5': 'x', NUL: 'a\0b' }, omitted);
      expect(line).not.toContain('\n');
      expect(kubectlArgs(line, dir)).toEqual([['set', 'env', 'daemonset', 'aws-node', '-n', 'kube-system', ...HOSTILE.map((v, i) => `V${i}=${v}`)]]);
      expect(['pwned1', 'pwned2', 'pwned3', 'pwned4', 'pwned5'].filter((f) => existsSync(join(dir, f)))).toEqual([]);
      expect(omitted).toHaveLength(2);
      // The comments that say what was left out stay comments (one line each).
      const text = snippetText({ shell: line, yaml: '', eksctl: '', omitted });
      expect(text.split('\n').filter((l) => l.includes('pwned5')).every((l) => l.startsWith('# '))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hostile names and labels: the YAML reads back the same strings, the structure unchanged', () => {
    const spec = sample('security-groups-for-pods');
    const labels = Object.fromEntries(HOSTILE.map((v, i) => [`k${i}${v}`, v]));
    const hostile: ScenarioSpec = {
      ...spec,
      deployments: [{ name: 'web\n---\nkind: Secret', namespace: 'a"b', replicas: 3, labels }],
      securityGroupPolicies: [{ name: "it's", namespace: '#x', podSelector: { matchLabels: labels }, securityGroups: HOSTILE }],
      eniConfigs: [{ name: 'EOF', subnet: '\u2028subnet', securityGroups: ['- sg'] }],
    };
    const d = docs(clusterSnippet(hostile).yaml);
    expect(d.map((x) => x.kind)).toEqual(['Deployment', 'SecurityGroupPolicy', 'ENIConfig']);
    expect(d[0].metadata).toEqual({ name: 'web\n---\nkind: Secret', namespace: 'a"b' });
    expect((d[0] as { spec: { selector: { matchLabels: unknown } } }).spec.selector.matchLabels).toEqual(labels);
    expect((d[1] as { spec: { securityGroups: { groupIds: unknown } } }).spec.securityGroups.groupIds).toEqual(HOSTILE);
    expect(d[2]).toMatchObject({ metadata: { name: 'EOF' }, spec: { subnet: '\u2028subnet', securityGroups: ['- sg'] } });
  });

  it('any string survives both: YAML reads it back, bash hands it to kubectl unchanged (property)', () => {
    // Arbitrary full-Unicode strings, NUL excluded (no process argument can hold one; setEnvLine refuses it).
    const value = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replaceAll('\0', ''));
    const spec = sample('custom-networking');
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (values) => {
      const eniConfigs = values.map((v, i) => ({ name: `n${i}`, subnet: v, securityGroups: [v] }));
      const d = docs(clusterSnippet({ ...spec, eniConfigs, deployments: [] }).yaml);
      expect(d.map((x) => (x.spec as { subnet: string }).subnet)).toEqual(values.map(fixed));
    }), { numRuns: 150 });
    const dir = mkdtempSync(join(tmpdir(), 'vcx-snippet-'));
    try {
      // Shell metacharacters (all printable ASCII: the single-quote path) and any Unicode (the $'…' path).
      const meta = fc.string({ unit: fc.constantFrom(...'$`"\'\\!;&|<>(){}[]*?~#=% \t\nab'), maxLength: 30 });
      const any = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replaceAll('\0', ''));
      const values = fc.sample(fc.oneof(meta, any), { numRuns: 300, seed: 42 });
      const env = Object.fromEntries(values.map((v, i) => [`V${i}`, v]));
      expect(kubectlArgs(setEnvLine(env), dir)[0].slice(6)).toEqual(values.map((v, i) => `V${i}=${v}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
