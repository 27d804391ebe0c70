/** Per-node capacities ipamd derives from the catalogue (behaviour reference a.2). */
import type { InstanceTypeInfo } from './instance-type.ts';
import { IPS_PER_PREFIX, isPrefixDelegationSupported } from './max-pods.ts';

/** What ipamd computes at start-up. */
export interface IpamdLimits {
  /** ENIs ipamd may use on the default card: min(MAX_ENI, enis). */
  maxENI: number;
  /** Pod addresses per ENI: ipv4PerEni − 1, or 16 × that when prefixes are delegated. */
  maxIPsPerENI: number;
  /** /28 prefixes per ENI in prefix mode; 0 in secondary-IP mode. */
  maxPrefixesPerENI: number;
  /** ENABLE_PREFIX_DELEGATION asked for and the type supports it (else IPv4 silently falls back). */
  prefixDelegationHonoured: boolean;
}

/**
 * `getMaxENI` / `GetENIIPv4Limit` / `GetIPv4Limit`: maxEni caps the ENI count only when it is
 * an integer ≥ 1 (ipamd ignores anything else, as it does junk in MAX_ENI).
 */
export function ipamdLimits(t: InstanceTypeInfo, opts: { prefixDelegation?: boolean; maxEni?: number } = {}): IpamdLimits {
  const capped = opts.maxEni !== undefined && Number.isInteger(opts.maxEni) && opts.maxEni >= 1;
  const maxENI = capped ? Math.min(opts.maxEni as number, t.enis) : t.enis;
  const pd = Boolean(opts.prefixDelegation) && isPrefixDelegationSupported(t);
  const slots = t.ipv4PerEni - 1;
  return {
    maxENI,
    maxIPsPerENI: pd ? slots * IPS_PER_PREFIX : slots,
    maxPrefixesPerENI: pd ? slots : 0,
    prefixDelegationHonoured: pd,
  };
}
