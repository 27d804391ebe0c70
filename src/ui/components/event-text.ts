/** One-line summaries of engine events for the timeline. */
import type { SimEvent } from '../../sim/view.ts';

function count(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.length;
  if (v && typeof v === 'object' && 'item' in v && Array.isArray((v as { item: unknown[] }).item)) return (v as { item: unknown[] }).item.length;
  return undefined;
}

/** "AssignPrivateIpAddresses eni-0ab… +3 IPs" style summary of a CloudTrail record. */
export function ec2Summary(e: Extract<SimEvent, { kind: 'ec2' }>): string {
  const r = e.record.requestParameters ?? {};
  const eni = typeof r.networkInterfaceId === 'string' ? ` ${r.networkInterfaceId}` : '';
  const ips = count(r.secondaryPrivateIpAddressCount) ?? count(r.privateIpAddressesSet) ?? count(r.privateIpAddresses);
  const prefixes = count(r.ipv4PrefixCount) ?? count(r.ipv4Prefixes) ?? count(r.ipv4PrefixSet);
  const what = prefixes !== undefined ? ` · ${prefixes} prefix${prefixes === 1 ? '' : 'es'}` : ips !== undefined ? ` · ${ips} IP${ips === 1 ? '' : 's'}` : '';
  const err = e.record.errorCode ? ` — ${e.record.errorCode}` : '';
  return `${e.record.eventName}${eni}${what}${err}`;
}

export function eventSummary(e: SimEvent): string {
  if (e.kind === 'ec2') return ec2Summary(e);
  if (e.kind === 'ipamd' || e.kind === 'controller') return e.message;
  return `${e.reason} ${e.object.replace(/^pod\//, '')}: ${e.message}`;
}

export function isProblem(e: SimEvent): boolean {
  return (e.kind === 'ec2' && Boolean(e.record.errorCode)) || (e.kind === 'k8s' && e.type === 'Warning');
}

export function shortNode(name: string | undefined): string {
  if (!name) return '';
  return name.replace(/\.(ec2\.internal|[a-z0-9-]+\.compute\.internal)$/, '');
}
