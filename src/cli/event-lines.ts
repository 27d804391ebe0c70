/**
 * One line per engine event, for `events`: the simulated time, the kind, the node and what
 * happened — an EC2 call with its ENI, address count and error code; an ipamd or VPC
 * resource controller decision in its own words; a Kubernetes event as type, reason,
 * object and message (the columns of `kubectl get events`).
 */
import type { SimEvent } from '../sim/index.ts';

export const EVENT_KINDS = ['ec2', 'ipamd', 'controller', 'k8s'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

function count(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') {
    const o = v as { item?: unknown; items?: unknown };
    if (Array.isArray(o.item)) return o.item.length;
    if (Array.isArray(o.items)) return o.items.length;
  }
  return undefined;
}

/** "AssignPrivateIpAddresses eni-0ab… · 9 IPs — Client.RequestLimitExceeded (812 ms)". */
export function ec2Line(e: Extract<SimEvent, { kind: 'ec2' }>): string {
  const r = e.record.requestParameters ?? {};
  const eni = typeof r.networkInterfaceId === 'string' ? ` ${r.networkInterfaceId}` : '';
  const ips = count(r.secondaryPrivateIpAddressCount) ?? count(r.privateIpAddressesSet) ?? count(r.privateIpAddresses);
  const prefixes = count(r.ipv4PrefixCount) ?? count(r.ipv4Prefixes) ?? count(r.ipv4PrefixSet);
  const what = prefixes !== undefined ? ` · ${prefixes} prefix${prefixes === 1 ? '' : 'es'}` : ips !== undefined ? ` · ${ips} IP${ips === 1 ? '' : 's'}` : '';
  const err = e.record.errorCode ? ` — ${e.record.errorCode}` : '';
  return `${e.record.eventName}${eni}${what}${err} (${e.latencyMs} ms)`;
}

/** What happened, without time, kind or node. */
export function eventText(e: SimEvent): string {
  if (e.kind === 'ec2') return ec2Line(e);
  if (e.kind === 'k8s') return `${e.type} ${e.reason} ${e.object}: ${e.message}`;
  return e.message;
}

/** The node's host name without the EC2 DNS suffix (ip-192-168-19-39). */
export function shortNode(name: string | undefined): string {
  return name ? name.replace(/\.(ec2\.internal|[a-z0-9-]+\.compute\.internal)$/, '') : '';
}

/** "    12.345 s  ipamd       ip-192-168-19-39  pool too low …". */
export function eventLine(e: SimEvent): string {
  const t = `${(e.timeMs / 1000).toFixed(3)} s`.padStart(12);
  return `${t}  ${e.kind.padEnd(10)}  ${(shortNode(e.node) || '-').padEnd(18)}  ${eventText(e)}`;
}

/** The event as one JSON object (an EC2 call carries its whole CloudTrail record). */
export function eventJson(e: SimEvent): string {
  const { seq: _seq, timeMs, touches: _touches, ...rest } = e;
  return JSON.stringify({ timeSeconds: timeMs / 1000, ...rest });
}
