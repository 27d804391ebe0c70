/**
 * The one-line summary of an engine event's EC2 call, and a node's short name: what the
 * timeline (src/ui) and `npm run sim -- events` (src/cli) both print, written once.
 * Pure, and the UI may import it (its README lists it).
 */
import type { SimEvent } from '../sim/view.ts';

/** How many addresses or prefixes a request parameter names: a count, or a list as CloudTrail wraps it ({"items": [...]}, {"item": [...]}). */
function count(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') {
    const o = v as { item?: unknown; items?: unknown };
    if (Array.isArray(o.items)) return o.items.length;
    if (Array.isArray(o.item)) return o.item.length;
  }
  return undefined;
}

/** "AssignPrivateIpAddresses eni-0ab… · 9 IPs — Client.RequestLimitExceeded". */
export function ec2Summary(e: Extract<SimEvent, { kind: 'ec2' }>): string {
  const r = e.record.requestParameters ?? {};
  const eni = typeof r.networkInterfaceId === 'string' ? ` ${r.networkInterfaceId}` : '';
  const ips = count(r.secondaryPrivateIpAddressCount) ?? count(r.privateIpAddressesSet) ?? count(r.privateIpAddresses);
  const prefixes = count(r.ipv4PrefixCount) ?? count(r.ipv4Prefixes) ?? count(r.ipv4PrefixSet);
  const what = prefixes !== undefined ? ` · ${prefixes} prefix${prefixes === 1 ? '' : 'es'}` : ips !== undefined ? ` · ${ips} IP${ips === 1 ? '' : 's'}` : '';
  const err = e.record.errorCode ? ` — ${e.record.errorCode}` : '';
  return `${e.record.eventName}${eni}${what}${err}`;
}

/** The node's host name without the EC2 DNS suffix (ip-192-168-19-39). */
export function shortNode(name: string | undefined): string {
  return name ? name.replace(/\.(ec2\.internal|[a-z0-9-]+\.compute\.internal)$/, '') : '';
}
