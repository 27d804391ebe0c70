/**
 * aws-node's configuration: the env vars ipamd reads, parsed the way the real daemon
 * parses them (pkg/ipamd/ipamd.go getters), and the start-up validation of the aws-node
 * entrypoint (cmd/aws-vpc-cni/main.go validateEnvVars) that makes the container exit.
 */
import { utf8Length } from '../linux/ifname.ts';
import { readConflist } from './conflist.ts';
import { goAtoi, goParseBool } from './go-parse.ts';
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
  ipCooldownMs: number;
  customNetworking: boolean;
  eniConfigLabelDef: string;
  eniConfigAnnotationDef: string;
  podEni: boolean;
  manageEnisNonSchedulable: boolean;
  disableProvisioning: boolean;
  clusterName: string;
  /** ADDITIONAL_ENI_TAGS (JSON object of strings), minus keys containing k8s.amazonaws.com. */
  additionalEniTags: Record<string, string>;
  externalSnat: boolean;
}

/**
 * parseAdditionalENITags: json.Unmarshal into map[string]string (any error → no tags), then
 * every key containing "k8s.amazonaws.com" is dropped with a warning (reference a.9).
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
  for (const [k, v] of Object.entries(parsed)) {
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

function intOr(env: AwsNodeEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const n = goAtoi(raw);
  return n === undefined || n < min ? fallback : n;
}

function boolOr(env: AwsNodeEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  return raw === undefined ? fallback : goParseBool(raw) ?? fallback;
}

/** Parses the effective env (already overlaid on the shipped values) into ipamd's settings. */
export function parseIpamdConfig(env: AwsNodeEnv): IpamdConfig {
  const maxEniRaw = env.MAX_ENI === undefined ? undefined : goAtoi(env.MAX_ENI);
  const cooldownRaw = env.IP_COOLDOWN_PERIOD === undefined ? 30 : goAtoi(env.IP_COOLDOWN_PERIOD);
  return {
    warmEniTarget: intOr(env, 'WARM_ENI_TARGET', 1, 0),
    warmIpTarget: intOr(env, 'WARM_IP_TARGET', 0, 0),
    minimumIpTarget: intOr(env, 'MINIMUM_IP_TARGET', 0, 0),
    warmPrefixTarget: intOr(env, 'WARM_PREFIX_TARGET', 0, 0),
    prefixDelegation: boolOr(env, 'ENABLE_PREFIX_DELEGATION', false),
    maxEni: maxEniRaw !== undefined && maxEniRaw >= 1 ? maxEniRaw : undefined,
    ipCooldownMs: (cooldownRaw !== undefined && cooldownRaw >= 0 ? cooldownRaw : 30) * 1000,
    customNetworking: boolOr(env, 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', false),
    eniConfigLabelDef: env.ENI_CONFIG_LABEL_DEF ?? 'k8s.amazonaws.com/eniConfig',
    eniConfigAnnotationDef: env.ENI_CONFIG_ANNOTATION_DEF ?? 'k8s.amazonaws.com/eniConfig',
    podEni: boolOr(env, 'ENABLE_POD_ENI', false),
    manageEnisNonSchedulable: boolOr(env, 'AWS_MANAGE_ENIS_NON_SCHEDULABLE', false),
    disableProvisioning:
      boolOr(env, 'DISABLE_NETWORK_RESOURCE_PROVISIONING', false) || boolOr(env, 'ENABLE_IMDS_ONLY_MODE', false),
    clusterName: env.CLUSTER_NAME ?? '',
    additionalEniTags: parseAdditionalEniTags(env.ADDITIONAL_ENI_TAGS),
    externalSnat: boolOr(env, 'AWS_VPC_K8S_CNI_EXTERNALSNAT', false),
  };
}

/**
 * The aws-node entrypoint's start-up checks. A message means the container exits with
 * status 1 before ipamd starts: the pod crash-loops and the node never gets pod networking.
 */
export function startupError(env: AwsNodeEnv): string | undefined {
  const int = (name: string) => (env[name] === undefined ? undefined : goAtoi(env[name]));
  const pd = goParseBool(env.ENABLE_PREFIX_DELEGATION ?? 'false') ?? false;
  if (pd) {
    const set = ['WARM_IP_TARGET', 'WARM_PREFIX_TARGET', 'MINIMUM_IP_TARGET'].some((n) => (int(n) ?? 0) > 0);
    if (!set) {
      return 'ENABLE_PREFIX_DELEGATION=true needs WARM_PREFIX_TARGET, WARM_IP_TARGET or MINIMUM_IP_TARGET set above 0';
    }
  }
  if (env.IP_COOLDOWN_PERIOD !== undefined) {
    const c = goAtoi(env.IP_COOLDOWN_PERIOD);
    if (c === undefined || c < 0) return `IP_COOLDOWN_PERIOD="${env.IP_COOLDOWN_PERIOD}" must be a non-negative integer`;
  }
  for (const name of ['AWS_VPC_ENI_MTU', 'POD_MTU']) {
    if (env[name] === undefined) continue;
    const mtu = goAtoi(env[name]);
    if (mtu === undefined || mtu < 576 || mtu > 9001) return `${name}="${env[name]}" must be between 576 and 9001`;
  }
  // Go's len() counts bytes: "ééé" is 6 and refused. The texts are aws-node's log lines.
  const prefix = env.AWS_VPC_K8S_CNI_VETHPREFIX;
  if (prefix !== undefined && utf8Length(prefix) > 4) {
    return `AWS_VPC_K8S_CNI_VETHPREFIX cannot be longer than 4 characters (${shown(prefix)} is ${utf8Length(prefix)} bytes)`;
  }
  if (prefix !== undefined && ['eth', 'lo', 'vlan'].includes(prefix)) {
    return "AWS_VPC_K8S_CNI_VETHPREFIX cannot be set to reserved values 'eth', 'vlan', or 'lo'";
  }
  if ((goParseBool(env.ENABLE_POD_ENI ?? 'false') ?? false) && env.POD_SECURITY_GROUP_ENFORCING_MODE !== undefined) {
    const mode = env.POD_SECURITY_GROUP_ENFORCING_MODE;
    if (mode !== 'strict' && mode !== 'standard') {
      return `POD_SECURITY_GROUP_ENFORCING_MODE="${mode}" must be strict or standard`;
    }
  }
  if (env.AWS_VPC_K8S_PLUGIN_LOG_FILE?.toLowerCase() === 'stdout') {
    return 'AWS_VPC_K8S_PLUGIN_LOG_FILE=stdout is not allowed (the plugin writes its result to stdout)';
  }
  // Validation passed; ipamd starts, then generateJSON pastes the values into the conflist and
  // exits 1 if that is not JSON. ipamd's few seconds before that exit are not modelled.
  const conflist = readConflist(env);
  if (!conflist.ok) return conflist.error;
  return undefined;
}

/** A value quoted for a message, cut short: env values are any string a scenario holds. */
function shown(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
