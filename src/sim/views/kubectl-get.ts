/**
 * `kubectl get <resource>[,<resource>…] [-n ns | -A] [-o wide]` for pods and the Service
 * objects, as kubectl prints the API server's tables (pkg/printers/internalversion/printers.go:
 * printService, printEndpoints, printEndpointSlice, printIngress; the TargetGroupBinding CRD's
 * printer columns). Several resources give one table each, names prefixed with the kind, a blank
 * line between them; asking for v1 Endpoints brings the API server's deprecation warning (1.33+).
 * Server-side tables are built "wide", so a load balancer's hostname is never shortened.
 */
import type { ClusterObjects, SimSnapshot } from '../view.ts';
import { humanDuration } from './human-duration.ts';
import { podTable } from './kubectl.ts';
import { KUBECTL_TABLE, tabwrite } from './tabwriter.ts';

export type Resource = 'pods' | 'services' | 'endpoints' | 'endpointslices' | 'ingresses' | 'targetgroupbindings';

/** Names and short names kubectl accepts, lower-cased. */
const ALIASES: Record<string, Resource> = {
  po: 'pods', pod: 'pods', pods: 'pods',
  svc: 'services', service: 'services', services: 'services',
  ep: 'endpoints', endpoints: 'endpoints',
  endpointslice: 'endpointslices', endpointslices: 'endpointslices', 'endpointslices.discovery.k8s.io': 'endpointslices',
  ing: 'ingresses', ingress: 'ingresses', ingresses: 'ingresses',
  targetgroupbinding: 'targetgroupbindings', targetgroupbindings: 'targetgroupbindings', tgb: 'targetgroupbindings',
};

/** The kind prefix of each resource when several are listed. */
const KIND: Record<Resource, string> = {
  pods: 'pod/', services: 'service/', endpoints: 'endpoints/', endpointslices: 'endpointslice.discovery.k8s.io/',
  ingresses: 'ingress.networking.k8s.io/', targetgroupbindings: 'targetgroupbinding.elbv2.k8s.aws/',
};

export const ENDPOINTS_WARNING = 'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';

/** `svc,ep` → resources, or the error kubectl gives for an unknown one. */
export function parseResources(text: string): Resource[] | string {
  const out: Resource[] = [];
  for (const word of text.split(',')) {
    const r = ALIASES[word.trim().toLowerCase()];
    if (!r) return `error: the server doesn't have a resource type "${word.trim()}"`;
    if (!out.includes(r)) out.push(r);
  }
  return out;
}

export interface GetOptions {
  namespace?: string;
  allNamespaces?: boolean;
  wide?: boolean;
}

const byNsName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
  a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** `ip:port` lists as the printers shorten them: three, then "+ N more...". */
function withMore(list: string[], count: number, empty: string): string {
  const shown = list.slice(0, 3).join(',');
  if (count > 3) return `${shown} + ${count - 3} more...`;
  return shown === '' ? empty : shown;
}

function table(objs: ClusterObjects, snap: SimSnapshot, r: Resource, o: GetOptions, kind: string): string[][] | undefined {
  const ns = o.namespace ?? 'default';
  const keep = <T extends { namespace: string; name: string }>(items: T[]) => items.filter((x) => o.allNamespaces || x.namespace === ns).toSorted(byNsName);
  const age = (ms: number) => humanDuration(objs.timeMs - ms);
  let head: string[];
  let rows: { namespace: string; cells: string[] }[];
  switch (r) {
    case 'pods':
      return podTable(snap, { ...o, kind });
    case 'services': {
      head = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', ...(o.wide ? ['SELECTOR'] : [])];
      rows = keep(objs.services).map((s) => {
        const external = s.type === 'LoadBalancer' ? s.loadBalancerHostname ?? '<pending>' : '<none>';
        const ports = s.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',') || '<none>';
        const selector = s.selector ? Object.keys(s.selector).toSorted().map((k) => `${k}=${s.selector![k]}`).join(',') : '<none>';
        return { namespace: s.namespace, cells: [kind + s.name, s.type, s.clusterIP, external, ports, age(s.createdAtMs), ...(o.wide ? [selector] : [])] };
      });
      break;
    }
    case 'endpoints': {
      head = ['NAME', 'ENDPOINTS', 'AGE'];
      rows = keep(objs.endpoints).map((e) => {
        let count = 0;
        const list: string[] = [];
        for (const ss of e.subsets) for (const p of ss.ports) for (const a of ss.addresses) {
          count++;
          if (list.length < 3) list.push(`${a}:${p.port}`);
        }
        return { namespace: e.namespace, cells: [kind + e.name, e.subsets.length === 0 ? '<none>' : withMore(list, count, ''), age(e.createdAtMs)] };
      });
      break;
    }
    case 'endpointslices': {
      head = ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'];
      rows = keep(objs.endpointSlices).map((s) => {
        const ports = (s.ports ?? []).map((p) => String(p.port));
        const addrs = s.endpoints.map((e) => e.address);
        return { namespace: s.namespace, cells: [kind + s.name, s.addressType, withMore(ports, ports.length, '<unset>'), withMore(addrs, addrs.length, '<unset>'), age(s.createdAtMs)] };
      });
      break;
    }
    case 'ingresses': {
      head = ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'];
      rows = keep(objs.ingresses).map((i) => {
        const hosts = i.hosts.length === 0 ? '*' : i.hosts.length > 3 ? `${i.hosts.slice(0, 3).join(',')} + ${i.hosts.length - 3} more...` : i.hosts.join(',');
        return { namespace: i.namespace, cells: [kind + i.name, i.className ?? '<none>', hosts, i.address ?? '', '80', age(i.createdAtMs)] };
      });
      break;
    }
    case 'targetgroupbindings': {
      head = ['NAME', 'SERVICE-NAME', 'SERVICE-PORT', 'TARGET-TYPE', 'AGE'];
      rows = keep(objs.targetGroupBindings).map((t) => ({
        namespace: t.namespace, cells: [kind + t.name, t.serviceName, String(t.servicePort), t.targetType, age(t.createdAtMs)],
      }));
      break;
    }
  }
  if (rows.length === 0) return undefined;
  if (o.allNamespaces) return [['NAMESPACE', ...head], ...rows.map((x) => [x.namespace, ...x.cells])];
  return [head, ...rows.map((x) => x.cells)];
}

/** What `kubectl get <resources>` prints (the warning and "No resources found" come from stderr). */
export function kubectlGet(snap: SimSnapshot, objs: ClusterObjects, resources: readonly Resource[], o: GetOptions = {}): string {
  const several = resources.length > 1;
  const blocks: string[] = [];
  for (const r of resources) {
    const t = table(objs, snap, r, o, several ? KIND[r] : '');
    if (t) blocks.push(tabwrite(t.map((row) => row.join('\t')).join('\n'), KUBECTL_TABLE));
  }
  const warning = resources.includes('endpoints') ? `${ENDPOINTS_WARNING}\n` : '';
  if (blocks.length === 0) return `${warning}${o.allNamespaces ? 'No resources found' : `No resources found in ${o.namespace ?? 'default'} namespace.`}`;
  return warning + blocks.join('\n\n');
}
