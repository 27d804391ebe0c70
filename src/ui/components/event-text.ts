/** One-line summaries of engine events for the timeline. */
import type { SimEvent } from '../../sim/view.ts';
import { ec2Summary } from '../../scenario/event-summary.ts';

export function eventSummary(e: SimEvent): string {
  if (e.kind === 'ec2') return ec2Summary(e);
  if (e.kind === 'ipamd' || e.kind === 'controller') return e.message;
  return `${e.reason} ${e.object.replace(/^pod\//, '')}: ${e.message}`;
}

export function isProblem(e: SimEvent): boolean {
  return (e.kind === 'ec2' && Boolean(e.record.errorCode)) || (e.kind === 'k8s' && e.type === 'Warning');
}
