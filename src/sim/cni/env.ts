/**
 * aws-node's configuration: the env vars ipamd reads, parsed the way the real daemon parses
 * them (the getters in pkg/ipamd/ipamd.go and the helpers of utils/utils.go, see go-parse.ts).
 * The start-up checks that make aws-node refuse an env are in startup-checks.ts.
 */
import { envBool, envInt, goAtoi, type GoEnv } from './go-parse.ts';
import type { AwsNodeEnv } from '../spec.ts';

export interface IpamdConfig {
  warmEniTarget: number;
  /** 0 means "not set". */
  warmIpTarget: number;
  /** 0 means "not set". */
  minimumIpTarget: number;
  warmPrefixTarget: number;
  prefixDelegation: boolean;
  /** undefined when MAX_ENI is unset or below 1. */
  maxEni: number | undefined;
  /** Negative when Go's Duration overflowed: then no address ever cools. */
  ipCooldownMs: number;
  customNetworking: boolean;
  eniConfigLabelDef: string;
  eniConfigAnnotationDef: string;
  podEni: boolean;
  manageEnisNonSchedulable: boolean;
  disableProvisioning: boolean;
  /** ENABLE_SUBNET_DISCOVERY (UseSubnetDiscovery). */
  subnetDiscovery: boolean;
  enableIpv4: boolean;
  enableIpv6: boolean;
  clusterName: string;
  /** ADDITIONAL_ENI_TAGS (JSON object of strings), minus keys containing k8s.amazonaws.com. */
  additionalEniTags: Record<string, string>;
  externalSnat: boolean;
}

/**
 * loadAdditionalENITags (pkg/awsutils/awsutils.go): os.Getenv, "" → no tags; json.Unmarshal
 * into map[string]string (any error → no tags at all), then every key containing
 * "k8s.amazonaws.com" is dropped with a warning (reference a.9).
 */
export function parseAdditionalEniTags(raw: string | undefined): Record<string, string> {
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(parsed)) {
    // A JSON null leaves the map element at Go's zero value "" without an error.
    const v: unknown = value === null ? '' : value;
    if (typeof v !== 'string') return {};
    if (!k.includes('k8s.amazonaws.com')) out[k] = v;
  }
  return out;
}

/** What the official manifest / Helm chart sets (section a.1 "shipped" column). */
export const SHIPPED_ENV: Readonly<Record<string, string>> = {
  WARM_ENI_TARGET: '1',
  WARM_PREFIX_TARGET: '1',
  ENABLE_PREFIX_DELEGATION: 'false',
  ENABLE_IPv4: 'true',
  ENABLE_IPv6: 'false',
  AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'false',
  AWS_VPC_K8S_CNI_EXTERNALSNAT: 'false',
  AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'prng',
  AWS_VPC_ENI_MTU: '9001',
  AWS_VPC_K8S_CNI_VETHPREFIX: 'eni',
  ENABLE_SUBNET_DISCOVERY: 'true',
  ENABLE_POD_ENI: 'false',
  DISABLE_NETWORK_RESOURCE_PROVISIONING: 'false',
  ENABLE_MULTI_NIC: 'false',
  NETWORK_POLICY_ENFORCING_MODE: 'standard',
};

/** The env the daemon sees: shipped manifest values overlaid with the scenario's. */
export function effectiveEnv(overrides: AwsNodeEnv): Record<string, string> {
  return { ...SHIPPED_ENV, ...overrides };
}

/**
 * The integer getters of pkg/ipamd/ipamd.go (getWarmENITarget, getWarmIPTarget,
 * getMinimumIPTarget, getWarmPrefixTarget): unset → the default; strconv.Atoi fails or the
 * value is below `min` → the default.
 */
function intOr(env: GoEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const n = goAtoi(raw);
  return n === undefined || n < min ? fallback : n;
}

/**
 * IP_COOLDOWN_PERIOD as the datastore reads it (getCooldownPeriod, pkg/ipamd/datastore/
 * data_store.go): GetIntFromStringEnvVar, error → 30 s, else time.Duration(n) * time.Second,
 * which wraps around int64 nanoseconds for huge n (the start-up check refuses only n < 0).
 */
function cooldownMs(env: GoEnv): number {
  const { value, error } = envInt(env, 'IP_COOLDOWN_PERIOD', 30);
  if (error) return 30_000;
  const ns = BigInt.asIntN(64, BigInt(value) * 1_000_000_000n);
  return Number(ns) / 1e6;
}

/** getEniConfigAnnotationDef / getEniConfigLabelDef (pkg/eniconfig): unset or "" → the default. */
function nonEmptyOr(env: GoEnv, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

/** Parses the effective env (already overlaid on the shipped values) into ipamd's settings. */
export function parseIpamdConfig(env: GoEnv): IpamdConfig {
  const maxEniRaw = env.MAX_ENI === undefined ? undefined : goAtoi(env.MAX_ENI);
  return {
    warmEniTarget: intOr(env, 'WARM_ENI_TARGET', 1, 0),
    warmIpTarget: intOr(env, 'WARM_IP_TARGET', 0, 0),
    minimumIpTarget: intOr(env, 'MINIMUM_IP_TARGET', 0, 0),
    warmPrefixTarget: intOr(env, 'WARM_PREFIX_TARGET', 0, 0),
    prefixDelegation: envBool(env, 'ENABLE_PREFIX_DELEGATION', false),
    // getMaxENI: only an Atoi value ≥ 1 caps.
    maxEni: maxEniRaw !== undefined && maxEniRaw >= 1 ? maxEniRaw : undefined,
    ipCooldownMs: cooldownMs(env),
    customNetworking: envBool(env, 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', false),
    eniConfigLabelDef: nonEmptyOr(env, 'ENI_CONFIG_LABEL_DEF', 'k8s.amazonaws.com/eniConfig'),
    eniConfigAnnotationDef: nonEmptyOr(env, 'ENI_CONFIG_ANNOTATION_DEF', 'k8s.amazonaws.com/eniConfig'),
    podEni: envBool(env, 'ENABLE_POD_ENI', false),
    manageEnisNonSchedulable: envBool(env, 'AWS_MANAGE_ENIS_NON_SCHEDULABLE', false),
    // disableENIProvisioning: ENABLE_IMDS_ONLY_MODE implies it.
    disableProvisioning: envBool(env, 'ENABLE_IMDS_ONLY_MODE', false) || envBool(env, 'DISABLE_NETWORK_RESOURCE_PROVISIONING', false),
    subnetDiscovery: envBool(env, 'ENABLE_SUBNET_DISCOVERY', true),
    // isIPv4Enabled / isIPv6Enabled: the code default is false for both; the manifest sets them.
    enableIpv4: envBool(env, 'ENABLE_IPv4', false),
    enableIpv6: envBool(env, 'ENABLE_IPv6', false),
    // awsutils.New: os.Getenv, so "" means no cluster name.
    clusterName: env.CLUSTER_NAME ?? '',
    additionalEniTags: parseAdditionalEniTags(env.ADDITIONAL_ENI_TAGS),
    externalSnat: envBool(env, 'AWS_VPC_K8S_CNI_EXTERNALSNAT', false),
  };
}
