/**
 * The Service and Ingress checks as one part. parse-core.ts takes them as an argument, so the
 * worker loads them (with the AWS Load Balancer Controller's annotation parser) only for a
 * scenario with something for them to check; parse-scenario.ts binds them for everyone else.
 */
import { checkServices } from './check-services.ts';
import { checkServiceCommand, serviceTimelineState } from './check-timeline-services.ts';

export const serviceChecks = { checkServices, serviceTimelineState, checkServiceCommand };

/** What parse-core.ts needs of the Service checks. */
export type ServiceChecks = typeof serviceChecks;
