/**
 * A target's health over time (services-and-load-balancers.md 4.5; ELBv2 TargetHealth): a
 * registered target is `initial` (Elb.RegistrationInProgress) until ELB has propagated it,
 * then `initial` (Elb.InitialHealthChecking) until it passes HealthyThresholdCount checks in a
 * row; `unhealthy` after UnhealthyThresholdCount failed ones; `draining` (or
 * `unhealthy.draining`) for the deregistration delay after it is deregistered.
 */
import type { CheckOutcome, Target, TargetGroup } from './model.ts';

/** The TargetHealth descriptions ELB gives (as real `describe-target-health` output shows them). */
export const DESCRIPTION = {
  'Elb.RegistrationInProgress': 'Target registration is in progress',
  'Elb.InitialHealthChecking': 'Initial health checks in progress',
  'Target.FailedHealthChecks': 'Health checks failed',
  'Target.Timeout': 'Request timed out',
  'Target.DeregistrationInProgress': 'Target deregistration is in progress',
} as const;

/**
 * How long ELB takes to propagate a new target before health checks start: an NLB's
 * registration takes on the order of a minute, an ALB's a few seconds. Our figures, not AWS's
 * (AWS publishes none); what matters is the order they come in.
 */
export const REGISTRATION_MS = { network: 40_000, application: 5_000 } as const;

function set(t: Target, state: Target['state'], reason?: keyof typeof DESCRIPTION | 'Target.ResponseCodeMismatch', codes?: string): void {
  t.state = state;
  if (reason === undefined) {
    delete t.reason;
    delete t.description;
  } else {
    t.reason = reason;
    t.description = reason === 'Target.ResponseCodeMismatch' ? `Health checks failed with these codes: [${codes ?? '503'}]` : DESCRIPTION[reason];
  }
}

/** A freshly registered target. */
export function registered(t: Target): void {
  t.passes = 0;
  t.fails = 0;
  set(t, 'initial', 'Elb.RegistrationInProgress');
}

/** Registration has propagated: health checks begin. */
export function propagated(t: Target): void {
  if (t.state === 'initial' && t.reason === 'Elb.RegistrationInProgress') set(t, 'initial', 'Elb.InitialHealthChecking');
}

/** Applies one health check's outcome. Returns true when the state changed. */
export function applyCheck(t: Target, tg: TargetGroup, outcome: CheckOutcome): boolean {
  if (t.state === 'draining' || t.state === 'unhealthy.draining') return false;
  if (t.state === 'initial' && t.reason === 'Elb.RegistrationInProgress') return false;
  const before = `${t.state}|${t.reason ?? ''}`;
  if (outcome.ok) {
    t.fails = 0;
    t.passes++;
    if (t.state !== 'healthy' && t.passes >= tg.healthCheck.healthyThreshold) set(t, 'healthy');
  } else {
    t.passes = 0;
    t.fails++;
    if (t.state !== 'unhealthy' && t.fails >= tg.healthCheck.unhealthyThreshold) set(t, 'unhealthy', outcome.reason, outcome.codes);
  }
  return before !== `${t.state}|${t.reason ?? ''}`;
}

/** DeregisterTargets: the target drains for the group's deregistration delay. */
export function deregistered(t: Target, nowMs: number, tg: TargetGroup): void {
  set(t, t.state === 'unhealthy' ? 'unhealthy.draining' : 'draining', 'Target.DeregistrationInProgress');
  t.drainingUntilMs = nowMs + tg.deregistrationDelaySeconds * 1000;
}

/** Does the load balancer send new connections to this target? */
export function routable(t: Target): boolean {
  return t.state === 'healthy';
}
