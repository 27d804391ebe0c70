/**
 * `kubectl describe service` in the layout of kubectl's ServiceDescriber (pkg/describe
 * describe.go `describeService`, kubectl ≥ 1.33: endpoints from EndpointSlices, ready ones
 * only, three then "+ N more..."), one tabwriter over the page (minwidth 0, padding 2).
 */
import type { ClusterObjects, SimEvent } from '../view.ts';
import { humanDuration } from './human-duration.ts';
import { eventRows } from './kubectl-describe.ts';
import { KUBECTL_DESCRIBE, tabwrite } from './tabwriter.ts';

/** kubectl's maxAnnotationLen: longer annotations are printed on lines of their own, shortened. */
const MAX_ANNOTATION_LEN = 140;

function multiline(title: string, map: Readonly<Record<string, string>>, sep: '=' | ': '): string[] {
  const keys = Object.keys(map).toSorted();
  if (keys.length === 0) return [`${title}:\t<none>`];
  return keys.flatMap((k, i) => {
    const first = i === 0 ? `${title}:\t` : '\t';
    const value = map[k].replace(/\n$/, '');
    if (sep === ': ' && (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n'))) {
      return [`${first}${k}:`, ...value.split('\n').map((s) => `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? `${s.slice(0, MAX_ANNOTATION_LEN - 2)}...` : s}`)];
    }
    return [`${first}${k}${sep}${value}`];
  });
}

/** `formatEndpointSlices` for one port name (its quirk kept: "more" is decided before readiness). */
function endpointsOf(objs: ClusterObjects, namespace: string, name: string, portName: string): string {
  const slices = objs.endpointSlices.filter((s) => s.namespace === namespace && s.service === name);
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const s of slices) {
    for (const p of s.ports ?? []) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of s.endpoints) {
        if (list.length === 3) more = true;
        if (!e.ready) continue;
        if (!more) list.push(`${e.address}:${p.port}`);
        count++;
      }
    }
  }
  return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

/** What `kubectl describe service -n <namespace> <name>` prints, events included. */
export function kubectlDescribeService(objs: ClusterObjects, events: SimEvent[], namespace: string, name: string): string {
  const s = objs.services.find((x) => x.namespace === namespace && x.name === name);
  if (!s) return `Error from server (NotFound): services "${name}" not found`;
  const L: string[] = [`Name:\t${s.name}`, `Namespace:\t${s.namespace}`, ...multiline('Labels', s.labels, '='), ...multiline('Annotations', s.annotations, ': ')];
  const selector = s.selector ? Object.keys(s.selector).toSorted().map((k) => `${k}=${s.selector![k]}`).join(',') : '';
  L.push(`Selector:\t${selector}`, `Type:\t${s.type}`, 'IP Family Policy:\tSingleStack', 'IP Families:\tIPv4', `IP:\t${s.clusterIP}`, `IPs:\t${s.clusterIP}`);
  if (s.loadBalancerHostname) L.push(`LoadBalancer Ingress:\t${s.loadBalancerHostname}`);
  for (const p of s.ports) {
    const portName = p.name ?? '<unset>';
    L.push(`Port:\t${portName}\t${p.port}/${p.protocol}`, `TargetPort:\t${p.targetPort}/${p.protocol}`);
    if (p.nodePort) L.push(`NodePort:\t${portName}\t${p.nodePort}/${p.protocol}`);
    L.push(`Endpoints:\t${endpointsOf(objs, s.namespace, s.name, p.name ?? '')}`);
  }
  L.push(`Session Affinity:\t${s.sessionAffinity}`);
  // The API server sets externalTrafficPolicy only where traffic comes from outside.
  if (s.type !== 'ClusterIP') L.push(`External Traffic Policy:\t${s.externalTrafficPolicy}`);
  L.push(`Internal Traffic Policy:\t${s.internalTrafficPolicy}`);
  if (s.healthCheckNodePort) L.push(`HealthCheck NodePort:\t${s.healthCheckNodePort}`);
  const rows = eventRows(events, `service/${namespace}/${name}`);
  if (rows.length === 0) L.push('Events:\t<none>');
  else {
    L.push('Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------');
    for (const r of rows) {
      const ageText = r.count > 1 ? `${humanDuration(objs.timeMs - r.last)} (x${r.count} over ${humanDuration(objs.timeMs - r.first)})` : humanDuration(objs.timeMs - r.first);
      L.push(`  ${r.type}\t${r.reason}\t${ageText}\t${r.from}\t${r.message}`);
    }
  }
  return tabwrite(L.join('\n'), KUBECTL_DESCRIBE);
}
