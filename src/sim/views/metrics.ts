/**
 * The page `curl localhost:61678/metrics` prints on a node: the awscni_* families of
 * utils/prometheusmetrics/prometheusmetrics.go (v1.23.1) and pkg/version/info.go, in the
 * Prometheus text format as client_golang v1.23 writes it (families sorted by name, series
 * sorted by label values, labels by name).
 *
 * Left out on purpose: the go_* (Go runtime collector), process_* (process collector) and
 * promhttp_metric_handler_* families the default registry adds — they describe the aws-node
 * process itself, which the simulator does not model — and the two startup histograms
 * (awscni_ipamd_startup_duration_seconds, awscni_ipamd_node_initialization_duration_seconds)
 * and awscni_ipamd_action_inprogress, whose values we do not track.
 */
import type { NodeView } from '../view.ts';
import { goFloat } from './go-float.ts';

interface Series { labels: [string, string][]; value: number; suffix?: string }
interface Family { name: string; help: string; type: 'counter' | 'gauge' | 'summary'; series: Series[] }

/** Help strings exactly as upstream registers them (v1.23.1). */
export const HELP: Record<string, string> = {
  awscni_add_ip_req_count: 'The number of add IP address requests',
  awscni_assigned_ip_addresses: 'The number of IP addresses assigned to pods',
  awscni_assigned_ip_per_cidr: 'The total number of IP addresses assigned per cidr',
  awscni_assigned_ip_per_eni: 'The number of allocated ips partitioned by eni',
  awscni_aws_api_error_count: 'The number of times AWS API returns an error',
  awscni_aws_api_latency_ms: 'AWS API call latency in ms',
  awscni_build_info: "A metric with a constant '1' value labeled by version, revision, and goversion from which amazon-vpc-cni-k8s was built.",
  awscni_connmark_reconcile_total: 'The number of connmark Setup/Cleanup reconciliations by result',
  awscni_del_ip_req_count: 'The number of delete IP address requests',
  awscni_ec2api_error_count: 'The number of failed EC2 APIs requests',
  awscni_ec2api_req_count: 'The number of requests made to EC2 APIs by CNI',
  awscni_eni_allocated: 'The number of ENIs allocated',
  awscni_eni_max: 'The maximum number of ENIs that can be attached to the instance, accounting for unmanaged ENIs',
  awscni_force_removed_enis: 'The number of ENIs force removed while they had assigned pods',
  awscni_force_removed_ips: 'The number of IPs force removed while they had assigned pods',
  awscni_ip_max: 'The maximum number of IP addresses that can be allocated to the instance',
  awscni_ipamd_error_count: 'The number of errors encountered in ipamd',
  awscni_no_available_ip_addresses: 'The number of pod IP assignments that fail due to no available IP addresses',
  awscni_reconcile_count: 'The number of times ipamd reconciles on ENIs and IP/Prefix addresses',
  awscni_total_ip_addresses: 'The total number of IP addresses',
  awscni_total_ipv4_prefixes: 'The total number of IPv4 prefixes',
};

export interface MetricsOptions {
  /** awscni_build_info labels. */
  version?: string;
  goVersion?: string;
}

const escLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escHelp = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function vec(label: string, rec: Record<string, number>): Series[] {
  return Object.entries(rec).map(([k, v]) => ({ labels: [[label, k]], value: v }));
}

/** Series keyed "a|b|c" split onto the given label names. */
function multi(names: string[], key: string): [string, string][] {
  const parts = key.split('|');
  return names.map((n, i) => [n, parts[i] ?? '']);
}

function cmpSeries(a: Series, b: Series): number {
  for (let i = 0; i < a.labels.length; i++) {
    const x = a.labels[i][1];
    const y = b.labels[i][1];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function assignedPerCidr(node: NodeView): Series[] {
  const out: Series[] = [];
  for (const eni of node.enis) {
    for (const a of eni.secondaryIps) if (a.state === 'assigned') out.push({ labels: [['cidr', `${a.ip}/32`]], value: 1 });
    for (const p of eni.prefixes) out.push({ labels: [['cidr', p.cidr]], value: p.addresses.filter((a) => a.state === 'assigned').length });
  }
  return out;
}

function families(node: NodeView, opts: MetricsOptions): Family[] {
  const c = node.counters;
  const managed = node.enis.filter((e) => e.kind !== 'trunk' && e.kind !== 'branch');
  const f = (name: string, type: Family['type'], series: Series[]): Family => ({ name, help: HELP[name], type, series });
  const one = (v: number): Series[] => [{ labels: [], value: v }];
  const latency: Series[] = [];
  for (const [key, s] of Object.entries(c.awsApiLatency)) {
    const labels = multi(['api', 'error', 'status'], key);
    latency.push({ labels, value: s.sumMs, suffix: '_sum' }, { labels, value: s.count, suffix: '_count' });
  }
  return [
    f('awscni_add_ip_req_count', 'counter', one(c.addIpRequests)),
    f('awscni_assigned_ip_addresses', 'gauge', one(node.pool.assignedIPs)),
    f('awscni_assigned_ip_per_cidr', 'gauge', assignedPerCidr(node)),
    f('awscni_assigned_ip_per_eni', 'gauge', managed.map((e) => ({ labels: [['eni', e.id]], value: e.secondaryIps.filter((a) => a.state === 'assigned').length + e.prefixes.reduce((s, p) => s + p.addresses.filter((a) => a.state === 'assigned').length, 0) }))),
    f('awscni_aws_api_error_count', 'counter', Object.entries(c.awsApiErrors).map(([k, v]) => ({ labels: multi(['api', 'error'], k), value: v }))),
    f('awscni_aws_api_latency_ms', 'summary', latency),
    f('awscni_build_info', 'gauge', [{ labels: [['goversion', opts.goVersion ?? 'go1.26.4'], ['version', opts.version ?? 'v1.23.1']], value: 1 }]),
    f('awscni_connmark_reconcile_total', 'counter', [{ labels: [['result', 'error']], value: 0 }, { labels: [['result', 'success']], value: 1 }]),
    f('awscni_del_ip_req_count', 'counter', vec('reason', c.delIpRequests)),
    f('awscni_ec2api_error_count', 'counter', vec('fn', c.ec2ApiErrors)),
    f('awscni_ec2api_req_count', 'counter', vec('fn', c.ec2ApiRequests)),
    f('awscni_eni_allocated', 'gauge', one(managed.length)),
    f('awscni_eni_max', 'gauge', one(node.pool.maxENIs)),
    f('awscni_force_removed_enis', 'counter', one(c.forceRemovedEnis)),
    f('awscni_force_removed_ips', 'counter', one(c.forceRemovedIps)),
    f('awscni_ip_max', 'gauge', one(node.pool.maxIPs)),
    f('awscni_ipamd_error_count', 'counter', vec('fn', c.ipamdErrors)),
    f('awscni_no_available_ip_addresses', 'counter', one(c.noAvailableIpAddresses)),
    f('awscni_reconcile_count', 'counter', vec('fn', c.reconcile)),
    f('awscni_total_ip_addresses', 'gauge', one(node.pool.totalIPs)),
    f('awscni_total_ipv4_prefixes', 'gauge', one(node.pool.totalPrefixes)),
  ];
}

/**
 * The text exposition of ipamd's metrics on `node`. A labelled family with no series yet is
 * omitted (client_golang prints nothing for an empty Vec); unlabelled ones always print.
 * The latency summary has no quantile lines: upstream sets no Objectives, and client_golang
 * v1 defaults to none, so only _sum and _count appear.
 */
export function metricsPage(node: NodeView, opts: MetricsOptions = {}): string {
  const out: string[] = [];
  for (const fam of families(node, opts).toSorted((a, b) => (a.name < b.name ? -1 : 1))) {
    if (fam.series.length === 0) continue;
    out.push(`# HELP ${fam.name} ${escHelp(fam.help)}`, `# TYPE ${fam.name} ${fam.type}`);
    const series = fam.type === 'summary' ? fam.series : fam.series.toSorted(cmpSeries);
    const ordered = fam.type === 'summary'
      ? series.filter((s) => s.suffix === '_sum').toSorted(cmpSeries).flatMap((s) => [s, series.find((t) => t.suffix === '_count' && cmpSeries(s, t) === 0)!])
      : series;
    for (const s of ordered) {
      const labels = s.labels.length ? `{${s.labels.map(([k, v]) => `${k}="${escLabel(v)}"`).join(',')}}` : '';
      out.push(`${fam.name}${s.suffix ?? ''}${labels} ${goFloat(s.value)}`);
    }
  }
  return out.join('\n') + '\n';
}
