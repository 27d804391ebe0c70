/**
 * `kubectl get pods` and `kubectl get nodes` as kubectl prints them: server-side table
 * columns, laid out by Go's tabwriter (printers.GetNewTabWriter: minwidth 6, padding 3),
 * ages in duration.HumanDuration.
 */
import type { NodeView, PodView, SimSnapshot } from '../view.ts';
import { humanDuration } from './human-duration.ts';
import { KUBECTL_TABLE, tabwrite } from './tabwriter.ts';

export { kubectlDescribePod } from './kubectl-describe.ts';

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

/** READY column for our single-container pods. */
export function podReadyColumn(pod: PodView): string {
  return pod.phase === 'Running' || pod.phase === 'Terminating' ? '1/1' : '0/1';
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
  const pods = snap.pods.filter((p) => opts.allNamespaces || p.namespace === ns).toSorted(byKey);
  if (pods.length === 0) return opts.allNamespaces ? 'No resources found' : `No resources found in ${ns} namespace.`;
  const head = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (opts.wide) head.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  if (opts.allNamespaces) head.unshift('NAMESPACE');
  const rows = pods.map((p) => {
    const row = [p.name, podReadyColumn(p), podStatusColumn(p), String(p.restarts), humanDuration(snap.timeMs - p.createdAtMs)];
    if (opts.wide) row.push(p.ip ?? '<none>', p.node ?? '<none>', '<none>', '<none>');
    if (opts.allNamespaces) row.unshift(p.namespace);
    return row;
  });
  return tabwrite([head, ...rows].map((r) => r.join('\t')).join('\n'), KUBECTL_TABLE);
}

/** Facts a node view does not carry; the defaults are illustrative EKS AL2023 values. */
export interface NodeFacts {
  /** Simulated ms when each node registered (by node name); defaults to ipamd's start. */
  createdAtMs?: Record<string, number>;
  kubeletVersion?: string;
  osImage?: string;
  kernelVersion?: string;
  containerRuntime?: string;
}

/** Illustrative values for an EKS-optimised AL2023 node; override them per scenario. */
export const DEFAULT_NODE_FACTS: Required<Omit<NodeFacts, 'createdAtMs'>> = {
  kubeletVersion: 'v1.34.2-eks-b3126f4',
  osImage: 'Amazon Linux 2023.9.20251117',
  kernelVersion: '6.12.55-74.119.amzn2023.x86_64',
  containerRuntime: 'containerd://2.1.4',
};

/**
 * Ready unless ipamd never came up: kubelet reports NotReady until the CNI config exists.
 * A cordoned node adds ",SchedulingDisabled" (kubectl's printNode).
 */
function nodeStatus(n: NodeView): string {
  return `${n.ipamd.status === 'running' ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`;
}

/** What `kubectl get nodes [-o wide]` prints (nodes sorted by name, as the API lists them). */
export function kubectlGetNodes(snap: SimSnapshot, opts: { wide?: boolean } & NodeFacts = {}): string {
  if (snap.nodes.length === 0) return 'No resources found';
  const f = { ...DEFAULT_NODE_FACTS, ...opts };
  const head = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
  if (opts.wide) head.push('INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME');
  const nodes = snap.nodes.toSorted((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rows = nodes.map((n) => {
    const created = opts.createdAtMs?.[n.name] ?? n.counters.startedAtMs;
    const row = [n.name, nodeStatus(n), '<none>', humanDuration(snap.timeMs - created), f.kubeletVersion];
    if (opts.wide) row.push(n.nodeIp, '<none>', f.osImage, f.kernelVersion, f.containerRuntime);
    return row;
  });
  return tabwrite([head, ...rows].map((r) => r.join('\t')).join('\n'), KUBECTL_TABLE);
}
