/**
 * SecurityGroupPolicy matching (resource controller `filterPodSecurityGroups`, reference c.3.2):
 * a policy with neither selector or no groups is ignored; with both selectors both must match;
 * an empty selector matches everything; the groups of every matching policy in the pod's
 * namespace are unioned and de-duplicated, in policy order.
 */
import type { LabelSelectorSpec, SecurityGroupPolicySpec } from '../spec.ts';

function selects(selector: LabelSelectorSpec, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector.matchLabels).every(([k, v]) => labels[k] === v);
}

/** Whether one policy selects a pod with these labels, whose service account has `saLabels`. */
export function policyMatches(
  policy: SecurityGroupPolicySpec, podLabels: Readonly<Record<string, string>>, saLabels: Readonly<Record<string, string>>,
): boolean {
  if (!policy.podSelector && !policy.serviceAccountSelector) return false;
  if (policy.securityGroups.length === 0) return false;
  if (policy.podSelector && !selects(policy.podSelector, podLabels)) return false;
  if (policy.serviceAccountSelector && !selects(policy.serviceAccountSelector, saLabels)) return false;
  return true;
}

/**
 * The security groups a pod gets: the union of every matching policy's groups in its
 * namespace, or an empty list when no policy matches (then the pod is an ordinary pod).
 */
export function podSecurityGroups(
  policies: readonly SecurityGroupPolicySpec[], namespace: string, podLabels: Readonly<Record<string, string>>,
  saLabels: Readonly<Record<string, string>> = {},
): string[] {
  const out: string[] = [];
  for (const p of policies) {
    if (p.namespace !== namespace || !policyMatches(p, podLabels, saLabels)) continue;
    for (const sg of p.securityGroups) if (!out.includes(sg)) out.push(sg);
  }
  return out;
}
