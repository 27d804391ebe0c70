/**
 * One line per engine event, for `events`: the simulated time, the kind, the node and what
 * happened — an EC2 call with its ENI, address count and error code; an ipamd or VPC
 * resource controller decision in its own words; a Kubernetes event as type, reason,
 * object and message (the columns of `kubectl get events`).
 */
import type { SimEvent } from '../sim/index.ts';
import { ec2Summary, shortNode } from '../scenario/event-summary.ts';

export const EVENT_KINDS = ['ec2', 'ipamd', 'controller', 'k8s'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** "AssignPrivateIpAddresses eni-0ab… · 9 IPs — Client.RequestLimitExceeded (812 ms)". */
export function ec2Line(e: Extract<SimEvent, { kind: 'ec2' }>): string {
  return `${ec2Summary(e)} (${e.latencyMs} ms)`;
}

/** What happened, without time, kind or node. */
export function eventText(e: SimEvent): string {
  if (e.kind === 'ec2') return ec2Line(e);
  if (e.kind === 'k8s') return `${e.type} ${e.reason} ${e.object}: ${e.message}`;
  return e.message;
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
