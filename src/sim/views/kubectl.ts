/**
 * `kubectl get pods` and `kubectl get nodes` as kubectl prints them: server-side table
 * columns, laid out by Go's tabwriter (printers.GetNewTabWriter: minwidth 6, padding 3),
 * ages in duration.HumanDuration.
 */
import type { NodeView, PodView, SimSnapshot } from '../view.ts';
import { NODE_OS, type NodeOs } from '../linux/ami.ts';
import { humanDuration } from './human-duration.ts';
import { nodeLabels, podEniCapacity } from './node-labels.ts';
import { KUBECTL_TABLE, tabwrite } from './tabwriter.ts';

export { kubectlDescribePod } from './kubectl-describe.ts';
export { kubectlDescribeNode } from './kubectl-describe-node.ts';

export interface GetPodsOptions {
  /** `-o wide`: adds IP, NODE, NOMINATED NODE, READINESS GATES. */
  wide?: boolean;
  /** `-n`; defaults to "default", as kubectl does without a context namespace. */
  namespace?: string;
  /** `-A`: adds the NAMESPACE column. */
  allNamespaces?: boolean;
}

/** STATUS column: the pod's reason as kubectl's printPod derives it. */
export function podStatusColumn(pod: PodView): string {
  return pod.phase;
}

/** READY column for our single-container pods: the container counts once it runs and is ready. */
export function podReadyColumn(pod: PodView): string {
  return (pod.phase === 'Running' || pod.phase === 'Terminating') && pod.containersReady !== false ? '1/1' : '0/1';
}

/** READINESS GATES column (`-o wide`): true conditions over gates, or <none>. */
export function podReadinessGatesColumn(pod: PodView): string {
  if (!pod.readinessGates?.length) return '<none>';
  return `${pod.readinessGates.filter((g) => g.status).length}/${pod.readinessGates.length}`;
}

/** Pods come back from the API server in etcd key order: namespace, then name. */
function byKey(a: PodView, b: PodView): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * What `kubectl get pods [-n ns | -A] [-o wide]` prints. With nothing to list it returns
 * kubectl's "No resources found ..." line (which the real tool writes to stderr).
 */
export function kubectlGetPods(snap: SimSnapshot, opts: GetPodsOptions = {}): string {
  const ns = opts.namespace ?? 'default';
  const table = podTable(snap, opts);
  if (!table) return opts.allNamespaces ? 'No resources found' : `No resources found in ${ns} namespace.`;
  return tabwrite(table.map((r) => r.join('\t')).join('\n'), KUBECTL_TABLE);
}

/** The pods table (header first) before layout, or undefined when nothing matches; names prefixed with `kind`. */
export function podTable(snap: SimSnapshot, opts: GetPodsOptions & { kind?: string } = {}): string[][] | undefined {
  const ns = opts.namespace ?? 'default';
  const pods = snap.pods.filter((p) => opts.allNamespaces || p.namespace === ns).toSorted(byKey);
  if (pods.length === 0) return undefined;
  const head = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (opts.wide) head.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  if (opts.allNamespaces) head.unshift('NAMESPACE');
  const rows = pods.map((p) => {
    const row = [(opts.kind ?? '') + p.name, podReadyColumn(p), podStatusColumn(p), String(p.restarts), humanDuration(snap.timeMs - p.createdAtMs)];
    if (opts.wide) row.push(p.ip ?? '<none>', p.node ?? '<none>', '<none>', podReadinessGatesColumn(p));
    if (opts.allNamespaces) row.unshift(p.namespace);
    return row;
  });
  return [head, ...rows];
}

/** Facts a node view does not carry; the defaults are what the node's AMI reports (linux/ami.ts). */
export interface NodeFacts {
  /** Simulated ms when each node registered (by node name); defaults to ipamd's start. */
  createdAtMs?: Record<string, number>;
  kubeletVersion?: string;
  osImage?: string;
  kernelVersion?: string;
  containerRuntime?: string;
}

/** What an AL2023 node reports (kept for callers that want one value for every node). */
export const DEFAULT_NODE_FACTS: Required<Omit<NodeFacts, 'createdAtMs'>> = NODE_OS.AL2023;

/**
 * Ready unless ipamd never came up: kubelet reports NotReady until the CNI config exists.
 * A cordoned node adds ",SchedulingDisabled" (kubectl's printNode).
 */
function nodeStatus(n: NodeView): string {
  return `${n.ipamd.status === 'running' ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`;
}

const byName = (a: NodeView, b: NodeView): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * What `kubectl get nodes [-o wide] [--show-labels]` prints (nodes sorted by name, as the API
 * lists them). OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME and VERSION are those of each node's
 * AMI unless `opts` overrides them; LABELS (printed last, comma-joined in key order, as
 * kubectl's --show-labels does) are the node's (node-labels.ts).
 */
export function kubectlGetNodes(snap: SimSnapshot, opts: { wide?: boolean; showLabels?: boolean } & NodeFacts = {}): string {
  if (snap.nodes.length === 0) return 'No resources found';
  const head = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
  if (opts.wide) head.push('INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME');
  if (opts.showLabels) head.push('LABELS');
  const rows = snap.nodes.toSorted(byName).map((n) => {
    const f = { ...NODE_OS[n.amiFamily ?? 'AL2023'], ...definedFacts(opts) };
    const created = opts.createdAtMs?.[n.name] ?? n.counters.startedAtMs;
    const row = [n.name, nodeStatus(n), '<none>', humanDuration(snap.timeMs - created), f.kubeletVersion];
    if (opts.wide) row.push(n.nodeIp, '<none>', f.osImage, f.kernelVersion, f.containerRuntime);
    if (opts.showLabels) {
      const labels = nodeLabels(snap, n);
      row.push(Object.keys(labels).toSorted().map((k) => `${k}=${labels[k]}`).join(','));
    }
    return row;
  });
  return tabwrite([head, ...rows].map((r) => r.join('\t')).join('\n'), KUBECTL_TABLE);
}

function definedFacts(o: NodeFacts): Partial<NodeOs> {
  const out: Partial<NodeOs> = {};
  for (const k of ['kubeletVersion', 'osImage', 'kernelVersion', 'containerRuntime'] as const) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/**
 * `kubectl get nodes -o custom-columns=NAME:.metadata.name,PODS:.status.allocatable.pods,POD-ENI:…`:
 * what kubelet advertises for pods (its --max-pods) and what the VPC resource controller
 * advertises as `vpc.amazonaws.com/pod-eni` once the node has a trunk ENI (reference c.1);
 * custom-columns prints `<none>` for a missing field.
 */
export function kubectlNodesAllocatable(snap: SimSnapshot): string {
  if (snap.nodes.length === 0) return 'No resources found';
  const rows = snap.nodes.toSorted(byName).map((n) => {
    const podEni = podEniCapacity(n);
    return [n.name, String(n.maxPods), podEni === undefined ? '<none>' : String(podEni)];
  });
  // custom-columns uses the same tabwriter as the table printer.
  return tabwrite([['NAME', 'PODS', 'POD-ENI'], ...rows].map((r) => r.join('\t')).join('\n'), KUBECTL_TABLE);
}

/** The typed form of that view, for the CLI and the inspector. */
export const NODES_ALLOCATABLE_COMMAND =
  'kubectl get nodes -o custom-columns=NAME:.metadata.name,PODS:.status.allocatable.pods,POD-ENI:.status.allocatable.vpc\\.amazonaws\\.com/pod-eni';
