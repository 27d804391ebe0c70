/**
 * EC2 instance-type catalogue and max-pods math. Pure: no DOM, no Node.
 * See README.md for where the figures come from.
 */
export type { Hypervisor, InstanceTypeInfo, NetworkCard } from './instance-type.ts';
export { allInstanceTypes, getInstanceType } from './lookup.ts';
export { closestInstanceTypes, searchInstanceTypes } from './search.ts';
export { compareInstanceTypeNames } from './size-order.ts';
export {
  DEFAULT_CNI_VERSION,
  IPS_PER_PREFIX,
  MAX_PODS_CEILING_HIGH_CPU,
  MAX_PODS_CEILING_LOW_CPU,
  eniMaxPods,
  isPrefixDelegationSupported,
  maxPodsCalculator,
  parseCniVersion,
  type MaxPodsOptions,
  type MaxPodsResult,
} from './max-pods.ts';
export { ipamdLimits, type IpamdLimits } from './ipamd-limits.ts';
