/**
 * EndpointSlices and the legacy Endpoints object of a Service, cut from its endpoints the way
 * the controllers lay them out: one slice per distinct set of resolved ports, at most 100
 * endpoints each (`--max-endpoints-per-slice`), endpoints in the order their pods appeared,
 * a placeholder slice without endpoints when nothing is selected; Endpoints subsets with
 * addresses sorted by IP, not-ready ones apart.
 *
 * Slice names are `<service>-<5 characters>` from the API server's generateName; here the
 * suffix is derived from the Service's uid, so that reading a view never draws randomness.
 */
import { safeAlphabetHash } from './names.ts';
import type { EndpointState, ServiceObject } from './objects.ts';

export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePort {
  name?: string;
  port: number;
  protocol: 'TCP' | 'UDP';
}

export interface EndpointSliceView {
  name: string;
  namespace: string;
  service: string;
  addressType: 'IPv4';
  /** null for the placeholder slice of a Service that selects nothing. */
  ports: SlicePort[] | null;
  endpoints: EndpointState[];
  createdAtMs: number;
  managedBy: 'endpointslice-controller.k8s.io' | 'endpointslicemirroring-controller.k8s.io' | 'endpointslice-controller.k8s.io (kube-apiserver)';
}

/** The resolved ports of an endpoint, as the slice lists them. */
function endpointPorts(svc: ServiceObject, e: EndpointState): SlicePort[] {
  const out: SlicePort[] = [];
  svc.ports.forEach((p, i) => {
    const port = e.ports[i];
    if (port !== undefined) out.push({ ...(p.name !== undefined ? { name: p.name } : {}), port, protocol: p.protocol });
  });
  return out;
}

const byAppearance = (a: EndpointState, b: EndpointState) => a.createdAtMs - b.createdAtMs || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);

/** The Service's EndpointSlices. */
export function endpointSlices(svc: ServiceObject): EndpointSliceView[] {
  if (!svc.spec.selector && svc.key !== 'default/kubernetes') return [];
  const base = { namespace: svc.namespace, service: svc.name, addressType: 'IPv4' as const, createdAtMs: svc.createdAtMs };
  if (svc.key === 'default/kubernetes') {
    // The API server keeps this one itself, named like the Service.
    const eps = [...svc.endpoints.values()];
    return [{ ...base, name: 'kubernetes', ports: eps.length ? endpointPorts(svc, eps[0]) : null, endpoints: eps, managedBy: 'endpointslice-controller.k8s.io (kube-apiserver)' }];
  }
  const groups = new Map<string, { ports: SlicePort[]; endpoints: EndpointState[] }>();
  for (const e of [...svc.endpoints.values()].toSorted(byAppearance)) {
    const ports = endpointPorts(svc, e);
    const key = ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol}`).join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push(e);
  }
  const slices: EndpointSliceView[] = [];
  for (const [key, g] of groups) {
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      slices.push({
        ...base, name: `${svc.name}-${safeAlphabetHash(`${svc.uid}|${key}|${i}`, 5)}`, ports: g.ports,
        endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE), managedBy: 'endpointslice-controller.k8s.io',
      });
    }
  }
  if (slices.length === 0) slices.push({ ...base, name: `${svc.name}-${safeAlphabetHash(`${svc.uid}||0`, 5)}`, ports: null, endpoints: [], managedBy: 'endpointslice-controller.k8s.io' });
  return slices;
}

export interface EndpointsSubset {
  addresses: EndpointState[];
  notReadyAddresses: EndpointState[];
  ports: SlicePort[];
}

const byIp = (a: EndpointState, b: EndpointState) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);

/** `v1` Endpoints subsets (what `kubectl get ep` and `describe svc` print). */
export function endpointsSubsets(svc: ServiceObject): EndpointsSubset[] {
  const bySubset = new Map<string, EndpointsSubset>();
  for (const e of svc.endpoints.values()) {
    // The Endpoints controller leaves terminating pods out altogether.
    if (e.terminating) continue;
    const ports = endpointPorts(svc, e);
    if (ports.length === 0) continue;
    const key = ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol}`).join(',');
    let s = bySubset.get(key);
    if (!s) bySubset.set(key, (s = { addresses: [], notReadyAddresses: [], ports }));
    (e.ready ? s.addresses : s.notReadyAddresses).push(e);
  }
  return [...bySubset.values()].map((s) => ({ ...s, addresses: s.addresses.toSorted(byIp), notReadyAddresses: s.notReadyAddresses.toSorted(byIp) }));
}
