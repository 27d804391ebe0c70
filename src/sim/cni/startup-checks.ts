/**
 * The checks that make aws-node refuse an env, in upstream order and with upstream's log
 * text (v1.23.1), so a learner can grep a real node's logs for what the simulator prints:
 *
 * - stage `entrypoint`: the aws-node container's entrypoint (cmd/aws-vpc-cni/main.go
 *   validateEnvVars, validateMTU) logs the error and exits 1 before ipamd starts; the line
 *   is in `kubectl logs` of the aws-node pod.
 * - stage `ipamd`: the entrypoint started ipamd (aws-k8s-agent), whose `ipamd.New`
 *   (pkg/ipamd/ipamd.go: getNetworkPolicyMode, isConfigValid) returns an error, so ipamd
 *   exits 1 (cmd/aws-k8s-agent/main.go, "Initialization failure: …"). Its log goes to
 *   /var/log/aws-routed-eni/ipamd.log on the host (AWS_VPC_K8S_CNI_LOG_FILE). The entrypoint
 *   keeps waiting for ipamd's socket (waitForIPAM has no timeout), so the container stays
 *   up, not Ready, until the liveness probe kills it.
 */
import { utf8Length } from '../linux/ifname.ts';
import { readConflist } from './conflist.ts';
import { envBool, envInt, envString, type GoEnv } from './go-parse.ts';

export type StartupStage = 'entrypoint' | 'ipamd';

export interface StartupFailure {
  stage: StartupStage;
  /** The error line that decides the failure, verbatim. */
  message: string;
  /** Every error line logged on the way, in order (helpers log their own parse errors first). */
  log: string[];
}

/** Where a real node shows each stage's lines. */
export const STARTUP_LOG_LOCATION: Record<StartupStage, string> = {
  entrypoint: 'kubectl logs -n kube-system <aws-node pod> -c aws-node',
  ipamd: '/var/log/aws-routed-eni/ipamd.log on the node',
};

/** Env values are any string a scenario holds: long ones are cut short in messages. */
function clip(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}

function fail(stage: StartupStage, log: string[]): StartupFailure {
  return { stage, message: log[log.length - 1], log };
}

/** GetIntFromStringEnvVar's own error line, when Atoi fails. */
function intParseLine(name: string, input: string): string {
  return `Failed to parse variable ${name} with value ${clip(input)} as integer`;
}

/** validateMTU (cmd/aws-vpc-cni/main.go): an integer within the family's bounds. */
function validateMtu(env: GoEnv, name: string): StartupFailure | undefined {
  const ipv6 = envBool(env, 'ENABLE_IPv6', false);
  const { value, error, input } = envInt(env, name, 9001);
  if (error) return fail('entrypoint', [intParseLine(name, input), `${name} MUST be a valid integer. ${clip(input)} is invalid`]);
  if (ipv6 && (value < 1280 || value > 9001)) {
    return fail('entrypoint', [`${name} cannot be less than 1280 or greater than 9001 in IPv6. ${clip(input)} is invalid`]);
  }
  if (!ipv6 && (value < 576 || value > 9001)) {
    return fail('entrypoint', [`${name} cannot be less than 576 or greater than 9001 in IPv4. ${clip(input)} is invalid`]);
  }
  return undefined;
}

/**
 * validateEnvVars (cmd/aws-vpc-cni/main.go), first failure wins. The prefix-delegation check
 * compares the targets as strings, as upstream does: "+5", " 5" and "-1" are ≤ "0" (refused)
 * while "00" and "abc" are > "0" (accepted, though ipamd then reads them as 0).
 */
export function validateEnvVars(env: GoEnv): StartupFailure | undefined {
  if (envString(env, 'AWS_VPC_K8S_PLUGIN_LOG_FILE', '/var/log/aws-routed-eni/plugin.log') === 'stdout') {
    return fail('entrypoint', ['AWS_VPC_K8S_PLUGIN_LOG_FILE cannot be set to stdout']);
  }
  const vethPrefix = envString(env, 'AWS_VPC_K8S_CNI_VETHPREFIX', 'eni');
  if (utf8Length(vethPrefix) > 4) return fail('entrypoint', ['AWS_VPC_K8S_CNI_VETHPREFIX cannot be longer than 4 characters']);
  if (vethPrefix === 'eth' || vethPrefix === 'lo' || vethPrefix === 'vlan') {
    return fail('entrypoint', ["AWS_VPC_K8S_CNI_VETHPREFIX cannot be set to reserved values 'eth', 'vlan', or 'lo'"]);
  }
  if (envBool(env, 'ENABLE_POD_ENI', false)) {
    const mode = envString(env, 'POD_SECURITY_GROUP_ENFORCING_MODE', 'strict');
    if (mode !== 'strict' && mode !== 'standard') {
      return fail('entrypoint', ["POD_SECURITY_GROUP_ENFORCING_MODE must be set to either 'strict' or 'standard'"]);
    }
  }
  const cooldown = envInt(env, 'IP_COOLDOWN_PERIOD', 30);
  if (cooldown.error || cooldown.value < 0) {
    const line = `IP_COOLDOWN_PERIOD MUST be a valid positive integer. ${clip(cooldown.input)} is invalid`;
    return fail('entrypoint', cooldown.error ? [intParseLine('IP_COOLDOWN_PERIOD', cooldown.input), line] : [line]);
  }
  const mtu = validateMtu(env, 'AWS_VPC_ENI_MTU') ?? validateMtu(env, 'POD_MTU');
  if (mtu) return mtu;
  if (envBool(env, 'ENABLE_PREFIX_DELEGATION', false)) {
    // Go compares strings bytewise; against "0" JavaScript's UTF-16 order gives the same answer
    // (only the first character, or a longer string starting with "0", can decide it).
    const unset = ['WARM_IP_TARGET', 'WARM_PREFIX_TARGET', 'MINIMUM_IP_TARGET'].every((n) => envString(env, n, '0') <= '0');
    if (unset) {
      return fail('entrypoint', [
        'Setting WARM_PREFIX_TARGET = 0 is not supported while WARM_IP_TARGET/MINIMUM_IP_TARGET is not set. Please configure either one of the WARM_{PREFIX/IP}_TARGET or MINIMUM_IP_TARGET env variables',
      ]);
    }
  }
  return undefined;
}

/** What ipamd knows about its instance when it validates its configuration. */
export interface InstanceFacts {
  instanceType: string;
  /** IsPrefixDelegationSupported: Nitro or bare metal. */
  prefixDelegationSupported: boolean;
}

/**
 * The configuration errors of ipamd.New (pkg/ipamd/ipamd.go), in its order:
 * getNetworkPolicyMode, then isConfigValid (one of IPv4/IPv6; IPv6 needs prefix delegation
 * and no custom networking; prefix delegation on a non-Nitro type is fatal only with IPv6).
 */
export function ipamdInitFailure(env: GoEnv, instance: InstanceFacts): StartupFailure | undefined {
  const policyMode = env.NETWORK_POLICY_ENFORCING_MODE;
  if (policyMode !== undefined && !['none', 'strict', 'standard'].includes(policyMode.toLowerCase())) {
    return fail('ipamd', ['Initialization failure: invalid Network policy mode, supported modes: none, strict, standard']);
  }
  const v4 = envBool(env, 'ENABLE_IPv4', false);
  const v6 = envBool(env, 'ENABLE_IPv6', false);
  const custom = envBool(env, 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', false);
  const pd = envBool(env, 'ENABLE_PREFIX_DELEGATION', false);
  let line: string | undefined;
  if (v4 && v6) line = 'IPv4 and IPv6 are both enabled. VPC CNI currently does not support dual stack mode';
  else if (!v4 && !v6) line = 'IPv4 and IPv6 are both disabled. One of them have to be enabled';
  else if (v6 && (custom || !pd)) {
    line = 'IPv6 is supported only in Prefix Delegation mode. Custom Networking is not supported in IPv6 mode. Please set the env variables accordingly.';
  } else if (v6 && pd && !instance.prefixDelegationSupported) {
    // Upstream's line ends with a space.
    line = `Prefix Delegation is not supported on non-nitro instance ${instance.instanceType}. IPv6 is only supported in Prefix delegation Mode. `;
  }
  if (line === undefined) return undefined;
  const failure = fail('ipamd', [line, 'Initialization failure: ipamd: failed to validate configuration']);
  // The decisive line is the specific one, not the generic "Initialization failure".
  return { ...failure, message: line };
}

/**
 * Once ipamd answers, the entrypoint writes the conflist (generateJSON): values pasted into
 * JSON that no longer parses make it log.Fatalf and exit 1 (conflist.ts). ipamd's few
 * seconds before that exit are not modelled.
 */
function conflistFailure(env: GoEnv): StartupFailure | undefined {
  const conflist = readConflist(env as Record<string, string>);
  return conflist.ok ? undefined : fail('entrypoint', [conflist.error]);
}

/** The whole start-up: the entrypoint's checks, then ipamd's, then the conflist. */
export function startupFailure(env: GoEnv, instance: InstanceFacts): StartupFailure | undefined {
  return validateEnvVars(env) ?? ipamdInitFailure(env, instance) ?? conflistFailure(env);
}
