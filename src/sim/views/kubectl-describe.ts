/**
 * `kubectl describe pod` in the layout of kubectl's PodDescriber (describe.go): one tabwriter
 * (minwidth 0, padding 2) over the whole page, so fields that sit in consecutive tabbed lines
 * share a column (e.g. "  IP:" under IPs aligns with "Controlled By:").
 */
import { EPOCH_ISO } from '../clock/epoch.ts';
import type { PodView, SimEvent, SimSnapshot } from '../view.ts';
import { humanDuration } from './human-duration.ts';
import { KUBECTL_DESCRIBE, tabwrite } from './tabwriter.ts';

export interface DescribeOptions {
  /** ISO time of simulated t=0 (the snapshot does not carry it). */
  epochIso?: string;
  /** Container image; the snapshot does not carry one. */
  image?: string;
}

/** Default ISO time of simulated t=0 when the caller does not pass one. */
export const DEFAULT_EPOCH_ISO = EPOCH_ISO;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** Go's time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
export function rfc1123z(epochIso: string, ms: number): string {
  const d = new Date(Date.parse(epochIso) + ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** A deterministic lowercase-hex string of `len` chars derived from `seed` (FNV-1a chain). */
export function hexFrom(seed: string, len: number): string {
  let h = 0x811c9dc5;
  let out = '';
  while (out.length < len) {
    for (const ch of seed + out.length) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, len);
}

/** Deployment pods are named <deployment>-<pod-template-hash>-<suffix>. */
function templateHash(pod: PodView): string | undefined {
  if (!pod.deployment || !pod.name.startsWith(pod.deployment + '-')) return undefined;
  return pod.name.slice(pod.deployment.length + 1).split('-')[0];
}

function conditions(pod: PodView): [string, string][] {
  if (!pod.node) return [['PodScheduled', 'False']];
  const running = pod.phase === 'Running' || pod.phase === 'Terminating';
  const t = (b: boolean): string => (b ? 'True' : 'False');
  return [
    ['PodReadyToStartContainers', t(running)],
    ['Initialized', 'True'],
    ['Ready', t(running)],
    ['ContainersReady', t(running)],
    ['PodScheduled', 'True'],
  ];
}

export interface EventRow { type: string; reason: string; from: string; message: string; first: number; last: number; count: number }

/** Events on an object (pod/…, node/…), identical ones folded into "(xN over ...)" as the event recorder does. */
export function eventRows(events: SimEvent[], object: string): EventRow[] {
  const rows = new Map<string, EventRow>();
  for (const e of events) {
    if (e.kind !== 'k8s' || e.object !== object) continue;
    const key = [e.type, e.reason, e.source, e.message].join('\u0000');
    const r = rows.get(key);
    if (r) { r.count++; r.last = Math.max(r.last, e.timeMs); r.first = Math.min(r.first, e.timeMs); }
    else rows.set(key, { type: e.type, reason: e.reason, from: e.source, message: e.message, first: e.timeMs, last: e.timeMs, count: 1 });
  }
  return [...rows.values()].toSorted((a, b) => a.last - b.last);
}

/** DescribeEvents (describe.go): `Events:\t<none>`, or the table, ages from `nowMs`. */
export function eventLines(rows: EventRow[], nowMs: number): string[] {
  if (rows.length === 0) return ['Events:\t<none>'];
  const L = ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------'];
  for (const r of rows) {
    const age = r.count > 1
      ? `${humanDuration(nowMs - r.last)} (x${r.count} over ${humanDuration(nowMs - r.first)})`
      : humanDuration(nowMs - r.first);
    L.push(`  ${r.type}\t${r.reason}\t${age}\t${r.from}\t${r.message}`);
  }
  return L;
}

/** kubectl's describe cuts an annotation at this many characters (describe.go, maxAnnotationLen). */
const MAX_ANNOTATION_LEN = 140;

/**
 * The Annotations field as kubectl's printAnnotationsMultiline writes it: keys sorted; a
 * value that would not fit on the key's line (or has newlines) goes under it, indented,
 * each line cut at 138 characters with "...". Security groups for pods' `pod-eni` JSON is such a value.
 */
export function annotationLines(annotations: Record<string, string>): string[] {
  const keys = Object.keys(annotations).toSorted((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) return ['Annotations:\t<none>'];
  return keys.flatMap((key, i) => {
    const head = i === 0 ? 'Annotations:\t' : '\t';
    const value = annotations[key].replace(/\n$/, '');
    if (value.length + key.length + 2 <= MAX_ANNOTATION_LEN && !value.includes('\n')) return [`${head}${key}: ${value}`];
    const cut = (line: string) => (line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line);
    return [`${head}${key}:`, ...value.split('\n').map((line) => `\t  ${cut(line)}`)];
  });
}

/**
 * What `kubectl describe pod -n <namespace> <name>` prints for one simulated pod, with its
 * events from `events`. Returns kubectl's NotFound error text when the pod does not exist.
 */
export function kubectlDescribePod(snap: SimSnapshot, events: SimEvent[], namespace: string, name: string, opts: DescribeOptions = {}): string {
  const pod = snap.pods.find((p) => p.namespace === namespace && p.name === name);
  if (!pod) return `Error from server (NotFound): pods "${name}" not found`;
  const epoch = opts.epochIso ?? DEFAULT_EPOCH_ISO;
  const node = pod.node ? snap.nodes.find((n) => n.name === pod.node) : undefined;
  const hash = templateHash(pod);
  const container = pod.deployment ?? pod.name;
  const image = opts.image ?? 'public.ecr.aws/nginx/nginx:latest';
  const token = `kube-api-access-${hexFrom(pod.uid, 5).replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)])}`;
  const L: string[] = [];
  L.push(`Name:\t${pod.name}`, `Namespace:\t${pod.namespace}`, 'Priority:\t0', 'Service Account:\tdefault');
  L.push(`Node:\t${pod.node ? `${pod.node}/${node?.nodeIp ?? ''}` : '<none>'}`);
  if (pod.node) L.push(`Start Time:\t${rfc1123z(epoch, pod.createdAtMs)}`);
  const labels = hash ? [`app=${pod.deployment}`, `pod-template-hash=${hash}`] : [];
  L.push(`Labels:\t${labels[0] ?? '<none>'}`, ...labels.slice(1).map((l) => `\t${l}`));
  L.push(...annotationLines(pod.annotations ?? {}));
  L.push(pod.phase === 'Terminating' ? 'Status:\tTerminating (lasts 30s)' : `Status:\t${pod.phase === 'Running' ? 'Running' : 'Pending'}`);
  if (pod.phase === 'Terminating') L.push('Termination Grace Period:\t30s');
  L.push(`IP:\t${pod.ip ?? ''}`);
  if (pod.ip) L.push('IPs:', `  IP:\t${pod.ip}`);
  else L.push('IPs:\t<none>');
  if (hash) L.push(`Controlled By:\tReplicaSet/${pod.deployment}-${hash}`);
  L.push('Containers:', `  ${container}:`);
  const running = pod.phase === 'Running' || pod.phase === 'Terminating';
  if (running) L.push(`    Container ID:\tcontainerd://${hexFrom(pod.uid + 'c', 64)}`);
  L.push(`    Image:\t${image}`);
  if (running) L.push(`    Image ID:\t${image.replace(/:[^:/]*$/, '')}@sha256:${hexFrom(image, 64)}`);
  L.push('    Port:\t<none>', '    Host Port:\t<none>');
  if (pod.node) {
    if (running) L.push('    State:\tRunning', `      Started:\t${rfc1123z(epoch, pod.createdAtMs)}`);
    else L.push('    State:\tWaiting', '      Reason:\tContainerCreating');
    L.push(`    Ready:\t${running ? 'True' : 'False'}`, `    Restart Count:\t${pod.restarts}`);
  }
  // The resource controller's webhook adds vpc.amazonaws.com/pod-eni: 1 to the first container's
  // limits and requests (reference c.3.1); describeResources prints limits first, sorted by name.
  if (pod.podEni) L.push('    Limits:', '      vpc.amazonaws.com/pod-eni:\t1', '    Requests:', '      vpc.amazonaws.com/pod-eni:\t1');
  L.push('    Environment:\t<none>', '    Mounts:', `      /var/run/secrets/kubernetes.io/serviceaccount from ${token} (ro)`);
  L.push('Conditions:', '  Type\tStatus', ...conditions(pod).map(([t, s]) => `  ${t} \t${s} `));
  L.push('Volumes:', `  ${token}:`);
  L.push('    Type:\tProjected (a volume that contains injected data from multiple sources)');
  L.push('    TokenExpirationSeconds:\t3607', '    ConfigMapName:\tkube-root-ca.crt', '    ConfigMapOptional:\t<nil>', '    DownwardAPI:\ttrue');
  const selectors = Object.entries(pod.nodeSelector ?? {}).toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
  L.push('QoS Class:\tBestEffort', `Node-Selectors:\t${selectors[0] ?? '<none>'}`, ...selectors.slice(1).map((l) => `\t${l}`));
  L.push('Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s', '\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s');
  L.push(...eventLines(eventRows(events, `pod/${namespace}/${name}`), snap.timeMs));
  return tabwrite(L.join('\n'), KUBECTL_DESCRIBE);
}
