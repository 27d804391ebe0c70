/**
 * `kubectl describe node` in the layout of kubectl's `describeNode` (kubernetes/kubectl
 * pkg/describe/describe.go): one tabwriter (minwidth 0, padding 2) over the page, so tabbed lines
 * in a row share a column (System Info's keys, ProviderID and the pods table's Namespace column line
 * up; `Events:  <none>` lines up with the last Allocated resources row), condition cells end in a
 * space before the tab, and the pods table has an empty column after Name.
 *
 * What an EKS managed node carries: the labels of node-labels.ts; the annotations kubelet writes
 * when nodeadm passes `--node-ip` with `--cloud-provider=external` (amazon-eks-ami nodeadm
 * internal/kubelet/config.go) plus the TTL and attach-detach ones; no PodCIDR (the VPC CNI needs
 * no node IPAM); ProviderID `aws:///<az>/<instance-id>` (nodeadm `getProviderId`); addresses from
 * the AWS cloud provider (`extractIPv4NodeAddresses`: InternalIP, ExternalIP if public, InternalDNS
 * and Hostname = the private DNS name, ExternalDNS if public) narrowed to the provided node IP;
 * System Info from the AMI (linux/ami.ts).
 */
import { getInstanceType } from '../catalog/index.ts';
import { NODE_OS } from '../linux/ami.ts';
import type { NodeView, PodView, SimEvent, SimSnapshot, TaintView } from '../view.ts';
import { humanDuration } from './human-duration.ts';
import { annotationLines, DEFAULT_EPOCH_ISO, eventLines, eventRows, hexFrom, rfc1123z } from './kubectl-describe.ts';
import { nodeLabels } from './node-labels.ts';
import { cpuQuantity, nodeResources } from './node-resources.ts';
import { KUBECTL_DESCRIBE, tabwrite } from './tabwriter.ts';

/** kubelet renews its Lease every 10 s (a quarter of the 40 s lease duration). */
const LEASE_RENEW_MS = 10_000;
/** With the Lease on, kubelet posts an unchanged status every nodeStatusReportFrequency (5 min). */
const STATUS_REPORT_MS = 300_000;

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** corev1.Taint.ToString(): `key=value:Effect`, or `key:Effect` without a value. */
function taintText(t: TaintView): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** A title and its lines as printLabelsMultiline / printTaintsMultiline write them. */
function multiline(title: string, items: string[]): string[] {
  if (items.length === 0) return [`${title}:\t<none>`];
  return items.map((item, i) => `${i === 0 ? `${title}:` : ''}\t${item}`);
}

/** A UUID-shaped id from `seed` (EC2's system UUID starts with "ec2"). */
function uuid(seed: string, prefix = ''): string {
  const h = (prefix + hexFrom(seed, 32)).slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The CPU requests of our pods: aws-node's init container and two containers ask 25m each (max(25, 50) = 50m), kube-proxy 100m. */
function cpuRequestMilli(pod: PodView): number {
  if (pod.namespace !== 'kube-system') return 0;
  if (pod.name.startsWith('aws-node-')) return 50;
  if (pod.name.startsWith('kube-proxy-')) return 100;
  return 0;
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

function conditionLines(n: NodeView, nowMs: number, epoch: string): string[] {
  const joined = n.joinedAtMs ?? n.counters.startedAtMs;
  const ready = n.ipamd.status === 'running';
  const readySince = n.readyChangedAtMs ?? joined;
  const lastChange = Math.max(joined, readySince);
  const heartbeat = lastChange + Math.floor(Math.max(0, nowMs - lastChange) / STATUS_REPORT_MS) * STATUS_REPORT_MS;
  const t = (ms: number): string => rfc1123z(epoch, ms);
  const rows: [string, string, number, string, string][] = [
    ['MemoryPressure', 'False', joined, 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    ['DiskPressure', 'False', joined, 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    ['PIDPressure', 'False', joined, 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    ready
      ? ['Ready', 'True', readySince, 'KubeletReady', 'kubelet is posting ready status']
      : ['Ready', 'False', readySince, 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'],
  ];
  return [
    'Conditions:',
    '  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage',
    '  ----\t------\t-----------------\t------------------\t------\t-------',
    ...rows.map(([type, status, since, reason, message]) => `  ${type} \t${status} \t${t(heartbeat)} \t${t(since)} \t${reason} \t${message}`),
  ];
}

/** ec2-203-0-113-10.us-west-2.compute.amazonaws.com (us-east-1: compute-1). */
function publicDnsName(region: string, ip: string): string {
  return `ec2-${ip.replaceAll('.', '-')}.${region === 'us-east-1' ? 'compute-1' : `${region}.compute`}.amazonaws.com`;
}

export interface DescribeNodeOptions {
  /** ISO time of simulated t=0. */
  epochIso?: string;
}

/**
 * What `kubectl describe node <name>` prints for one simulated node, with its events from
 * `events`; kubectl's NotFound error text when there is no such node.
 */
export function kubectlDescribeNode(snap: SimSnapshot, events: SimEvent[], name: string, opts: DescribeNodeOptions = {}): string {
  const n = snap.nodes.find((x) => x.name === name);
  if (!n) return `Error from server (NotFound): nodes "${name}" not found`;
  const epoch = opts.epochIso ?? DEFAULT_EPOCH_ISO;
  const os = NODE_OS[n.amiFamily ?? 'AL2023'];
  const joined = n.joinedAtMs ?? n.counters.startedAtMs;
  const labels = nodeLabels(snap, n);
  const res = nodeResources(n, getInstanceType(n.instanceType)?.vcpus);
  const L: string[] = [`Name:\t${n.name}`, 'Roles:\t<none>'];
  L.push(...multiline('Labels', Object.keys(labels).toSorted(byKey).map((k) => `${k}=${labels[k]}`)));
  L.push(...annotationLines({
    'alpha.kubernetes.io/provided-node-ip': n.nodeIp,
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  }));
  L.push(`CreationTimestamp:\t${rfc1123z(epoch, joined)}`);
  const taints = (n.taints ?? []).toSorted((a, b) => byKey(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  L.push(...multiline('Taints', taints.map(taintText)));
  L.push(`Unschedulable:\t${n.unschedulable ? 'true' : 'false'}`);
  const renew = joined + Math.floor(Math.max(0, snap.timeMs - joined) / LEASE_RENEW_MS) * LEASE_RENEW_MS;
  L.push('Lease:', `  HolderIdentity:\t${n.name}`, '  AcquireTime:\t<unset>', `  RenewTime:\t${rfc1123z(epoch, renew)}`);
  L.push(...conditionLines(n, snap.timeMs, epoch));
  L.push('Addresses:', `  InternalIP:\t${n.nodeIp}`);
  if (n.publicIp) L.push(`  ExternalIP:\t${n.publicIp}`);
  L.push(`  InternalDNS:\t${n.name}`, `  Hostname:\t${n.name}`);
  if (n.publicIp) L.push(`  ExternalDNS:\t${publicDnsName(snap.region, n.publicIp)}`);
  // printResourceList sorts resource names as strings.
  const list = (r: Record<string, string>): string[] => Object.keys(r).toSorted(byKey).map((k) => `  ${k}:\t${r[k]}`);
  L.push('Capacity:', ...list(res.capacity), 'Allocatable:', ...list(res.allocatable));
  L.push(
    'System Info:',
    `  Machine ID:\t${hexFrom(`${n.instanceId}/machine-id`, 32)}`,
    `  System UUID:\t${uuid(`${n.instanceId}/uuid`, 'ec2')}`,
    `  Boot ID:\t${uuid(`${n.instanceId}/boot/${joined}`)}`,
    `  Kernel Version:\t${os.kernelVersion}`,
    `  OS Image:\t${os.osImage}`,
    '  Operating System:\tlinux',
    '  Architecture:\tamd64',
    `  Container Runtime Version:\t${os.containerRuntime}`,
    `  Kubelet Version:\t${os.kubeletVersion}`,
  );
  L.push(`ProviderID:\taws:///${n.availabilityZone}/${n.instanceId}`);
  L.push(...podLines(snap, n, res.allocatableCpuMilli));
  L.push(...eventLines(eventRows(events, `node/${n.name}`), snap.timeMs));
  return tabwrite(L.join('\n'), KUBECTL_DESCRIBE);
}

/** describeNodeResource: the node's non-terminated pods and what they request. */
function podLines(snap: SimSnapshot, n: NodeView, allocCpu: number): string[] {
  const pods = snap.pods.filter((p) => p.node === n.name).toSorted((a, b) => byKey(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  const L = [
    `Non-terminated Pods:\t(${pods.length} in total)`,
    '  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge',
    '  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---',
  ];
  let cpu = 0;
  let podEni = 0;
  for (const p of pods) {
    const c = cpuRequestMilli(p);
    cpu += c;
    if (p.podEni) podEni++;
    L.push(`  ${p.namespace}\t${p.name}\t\t${cpuQuantity(c)} (${pct(c, allocCpu)}%)\t0 (0%)\t0 (0%)\t0 (0%)\t${humanDuration(snap.timeMs - p.createdAtMs)}`);
  }
  L.push('Allocated resources:', '  (Total limits may be over 100 percent, i.e., overcommitted.)');
  L.push('  Resource\tRequests\tLimits', '  --------\t--------\t------');
  L.push(`  cpu\t${cpuQuantity(cpu)} (${pct(cpu, allocCpu)}%)\t0 (0%)`, '  memory\t0 (0%)\t0 (0%)', '  ephemeral-storage\t0 (0%)\t0 (0%)');
  L.push('  hugepages-1Gi\t0 (0%)\t0 (0%)', '  hugepages-2Mi\t0 (0%)\t0 (0%)');
  // Extended resources: requests and limits without percentages (the webhook sets both to 1 per pod).
  if (n.podEniCapacity) L.push(`  vpc.amazonaws.com/pod-eni\t${podEni}\t${podEni}`);
  return L;
}
