/**
 * "Try it on a real cluster": the scenario's settings as what a user runs against EKS — the
 * aws-node environment as one `kubectl set env` line, and the Deployments,
 * SecurityGroupPolicies and ENIConfigs as YAML for `kubectl apply -f`, with an eksctl
 * ClusterConfig for the node groups. Values are the ones in force now (the user's changes
 * included). Every string is hostile: each becomes one shell word or one YAML scalar
 * (quote-shell.ts); a value that cannot be passed at all is left out with a comment that
 * says so (escaped, so the comment itself cannot break a line).
 */
import { quoteForMessage } from '../../scenario/quote.ts';
import type { ScenarioSpec } from '../../sim/spec.ts';
import type { SimSnapshot } from '../../sim/view.ts';
import { isEnvName, shellWord, yamlString } from './quote-shell.ts';

export interface ClusterSnippet {
  /** One shell command (a single line) that sets aws-node's environment, or a comment if none is set. */
  shell: string;
  /** Multi-document YAML for `kubectl apply -f -`: Deployments, SecurityGroupPolicies, ENIConfigs. */
  yaml: string;
  /** An eksctl ClusterConfig with the node groups (instance type, count, max pods, labels). */
  eksctl: string;
  /** What was left out and why, one line each. */
  omitted: string[];
}

/** Stand-in container: the smallest image that runs on any node and needs no network. */
const IMAGE = 'registry.k8s.io/pause:3.10';

const q = yamlString;
/** A comment line: its hostile parts are already quoted (quoteForMessage escapes line breaks); a guard all the same. */
const comment = (text: string) => `# ${text.replace(/[\r\n\u2028\u2029]/g, ' ')}`;

function map(indent: string, entries: Readonly<Record<string, string>>): string[] {
  return Object.entries(entries).map(([k, v]) => `${indent}${q(k)}: ${q(v)}`);
}

function list(indent: string, items: readonly string[]): string[] {
  return items.map((v) => `${indent}- ${q(v)}`);
}

/** The aws-node environment line; names a shell or Kubernetes would refuse are left out. */
export function setEnvLine(env: Readonly<Record<string, string>>, omitted: string[] = []): string {
  const words: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!isEnvName(name)) { omitted.push(`aws-node variable ${quoteForMessage(name)}: not a valid environment variable name`); continue; }
    if (value.includes('\0')) { omitted.push(`aws-node variable ${name}: its value holds a NUL character, which no process environment can carry`); continue; }
    words.push(shellWord(`${name}=${value}`));
  }
  if (words.length === 0) return '# aws-node keeps its default environment in this scenario';
  return `kubectl set env daemonset aws-node -n kube-system ${words.join(' ')}`;
}

function deploymentYaml(name: string, namespace: string, replicas: number, labels: Readonly<Record<string, string>>, nodeSelector?: Readonly<Record<string, string>>): string[] {
  const lines = [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${q(name)}`, `  namespace: ${q(namespace)}`,
    'spec:', `  replicas: ${Math.max(0, Math.floor(replicas))}`, '  selector:', '    matchLabels:', ...map('      ', labels),
    '  template:', '    metadata:', '      labels:', ...map('        ', labels), '    spec:',
  ];
  if (nodeSelector && Object.keys(nodeSelector).length) lines.push('      nodeSelector:', ...map('        ', nodeSelector));
  lines.push('      containers:', `        - name: ${q('app')}`, `          image: ${q(IMAGE)}`);
  return lines;
}

/** The snippet for `spec` as it stands in `snapshot` (env and replicas now; the rest from the spec). */
export function clusterSnippet(spec: ScenarioSpec, snapshot?: SimSnapshot): ClusterSnippet {
  const omitted: string[] = [];
  const shell = setEnvLine(snapshot?.env ?? spec.awsNode.env, omitted);
  const docs: string[][] = [];
  const deployments = snapshot?.deployments ?? spec.deployments.map((d) => ({ namespace: d.namespace, name: d.name, replicas: d.replicas }));
  for (const d of deployments) {
    const s = spec.deployments.find((x) => x.name === d.name && x.namespace === d.namespace);
    // A deployment the user added has the format's default label, `app: <name>`.
    docs.push(deploymentYaml(d.name, d.namespace, d.replicas, s?.labels ?? { app: d.name }, s?.nodeSelector));
  }
  for (const p of spec.securityGroupPolicies ?? []) {
    const lines = ['apiVersion: vpcresources.k8s.aws/v1beta1', 'kind: SecurityGroupPolicy', 'metadata:', `  name: ${q(p.name)}`, `  namespace: ${q(p.namespace)}`, 'spec:'];
    if (p.podSelector) lines.push('  podSelector:', '    matchLabels:', ...(Object.keys(p.podSelector.matchLabels).length ? map('      ', p.podSelector.matchLabels) : ['      {}']));
    if (p.serviceAccountSelector) lines.push('  serviceAccountSelector:', '    matchLabels:', ...(Object.keys(p.serviceAccountSelector.matchLabels).length ? map('      ', p.serviceAccountSelector.matchLabels) : ['      {}']));
    lines.push('  securityGroups:', '    groupIds:', ...list('      ', p.securityGroups));
    docs.push(lines);
  }
  for (const e of spec.eniConfigs) {
    docs.push(['apiVersion: crd.k8s.amazonaws.com/v1alpha1', 'kind: ENIConfig', 'metadata:', `  name: ${q(e.name)}`, 'spec:', `  subnet: ${q(e.subnet)}`, '  securityGroups:', ...list('    ', e.securityGroups)]);
  }
  const yaml = docs.map((d) => ['---', ...d].join('\n')).join('\n');
  const eksctl = [
    'apiVersion: eksctl.io/v1alpha5', 'kind: ClusterConfig', 'metadata:', `  name: ${q(spec.clusterName)}`, `  region: ${q(spec.region)}`,
    'managedNodeGroups:',
    ...spec.nodeGroups.flatMap((g) => [
      `  - name: ${q(g.name)}`, `    instanceType: ${q(g.instanceType)}`, `    desiredCapacity: ${Math.max(0, Math.floor(g.count))}`,
      ...(g.maxPods !== undefined ? [`    maxPodsPerNode: ${Math.max(1, Math.floor(g.maxPods))}`] : []),
      ...(Object.keys(g.labels).length ? ['    labels:', ...map('      ', g.labels)] : []),
      `    subnets:`, `      - ${q(g.subnet)}`,
    ]),
  ].join('\n');
  return { shell, yaml, eksctl, omitted };
}

/** The whole snippet as one text a user can read top to bottom and paste piece by piece. */
export function snippetText(s: ClusterSnippet): string {
  return [
    '# aws-node (the VPC CNI) settings of this scenario',
    s.shell,
    '',
    '# Workloads, security groups for pods and ENIConfigs: save as scenario.yaml, then kubectl apply -f scenario.yaml',
    s.yaml || '# (none)',
    '',
    '# Node groups: save as cluster.yaml, then eksctl create nodegroup -f cluster.yaml',
    s.eksctl,
    ...(s.omitted.length ? ['', '# Left out:', ...s.omitted.map(comment)] : []),
  ].join('\n');
}
