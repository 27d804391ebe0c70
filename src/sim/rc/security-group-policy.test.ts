import { describe, expect, it } from 'vitest';
import type { SecurityGroupPolicySpec } from '../spec.ts';
import { podSecurityGroups } from './security-group-policy.ts';

const p = (over: Partial<SecurityGroupPolicySpec>): SecurityGroupPolicySpec => ({ name: 'p', namespace: 'default', securityGroups: ['sg-1'], ...over });

describe('podSecurityGroups (c.3.2)', () => {
  it('unions and de-duplicates the groups of every matching policy in the namespace', () => {
    const policies = [
      p({ podSelector: { matchLabels: { app: 'pay' } }, securityGroups: ['sg-1', 'sg-2'] }),
      p({ podSelector: { matchLabels: {} }, securityGroups: ['sg-2', 'sg-3'] }),
      p({ namespace: 'other', podSelector: { matchLabels: {} }, securityGroups: ['sg-9'] }),
    ];
    expect(podSecurityGroups(policies, 'default', { app: 'pay' })).toEqual(['sg-1', 'sg-2', 'sg-3']);
    expect(podSecurityGroups(policies, 'default', { app: 'web' })).toEqual(['sg-2', 'sg-3']);
  });

  it('ignores a policy with no selector; with both selectors both must match', () => {
    expect(podSecurityGroups([p({})], 'default', { app: 'pay' })).toEqual([]);
    const both = p({ podSelector: { matchLabels: { app: 'pay' } }, serviceAccountSelector: { matchLabels: { team: 'a' } } });
    expect(podSecurityGroups([both], 'default', { app: 'pay' }, {})).toEqual([]);
    expect(podSecurityGroups([both], 'default', { app: 'pay' }, { team: 'a' })).toEqual(['sg-1']);
  });
});
