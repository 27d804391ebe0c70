/**
 * The envs aws-node refuses, with the exact log text of v1.23.1 (reference a.1, d.2):
 * cmd/aws-vpc-cni/main.go validateEnvVars / validateMTU (the entrypoint, which exits 1) and
 * pkg/ipamd/ipamd.go getNetworkPolicyMode / isConfigValid (ipamd.New fails). Messages are
 * upstream's format strings with the value filled in; the Go string comparisons come from
 * fixtures/go-stdlib/capture.json.
 */
import { describe, expect, it } from 'vitest';
import capture from './fixtures/go-stdlib/capture.json' with { type: 'json' };
import { effectiveEnv } from './env.ts';
import { ipamdInitFailure, startupFailure, validateEnvVars, type InstanceFacts } from './startup-checks.ts';

const NITRO: InstanceFacts = { instanceType: 'm5.large', prefixDelegationSupported: true };
const XEN: InstanceFacts = { instanceType: 't2.medium', prefixDelegationSupported: false };

/** The decisive line for a scenario env (overlaid on the shipped manifest), or undefined. */
const message = (env: Record<string, string>, instance = NITRO) => startupFailure(effectiveEnv(env), instance)?.message;
const stage = (env: Record<string, string>, instance = NITRO) => startupFailure(effectiveEnv(env), instance)?.stage;

const PD_MESSAGE = 'Setting WARM_PREFIX_TARGET = 0 is not supported while WARM_IP_TARGET/MINIMUM_IP_TARGET is not set. Please configure either one of the WARM_{PREFIX/IP}_TARGET or MINIMUM_IP_TARGET env variables';

describe('validateEnvVars (cmd/aws-vpc-cni/main.go): the entrypoint logs and exits 1', () => {
  it('the shipped manifest starts', () => expect(startupFailure(effectiveEnv({}), NITRO)).toBeUndefined());

  it('AWS_VPC_K8S_PLUGIN_LOG_FILE: GetEnv, then == "stdout" (case-sensitive)', () => {
    expect(message({ AWS_VPC_K8S_PLUGIN_LOG_FILE: 'stdout' })).toBe('AWS_VPC_K8S_PLUGIN_LOG_FILE cannot be set to stdout');
    expect(message({ AWS_VPC_K8S_PLUGIN_LOG_FILE: 'STDOUT' })).toBeUndefined();
    expect(message({ AWS_VPC_K8S_PLUGIN_LOG_FILE: ' stdout' })).toBeUndefined();
  });

  it('AWS_VPC_K8S_CNI_VETHPREFIX: len() in bytes > 4, then the reserved names', () => {
    for (const [value, bytes] of capture.len as [string, number][]) {
      const want = bytes > 4 ? 'AWS_VPC_K8S_CNI_VETHPREFIX cannot be longer than 4 characters' : undefined;
      expect(message({ AWS_VPC_K8S_CNI_VETHPREFIX: value }), value).toBe(want);
    }
    for (const reserved of ['eth', 'lo', 'vlan']) {
      expect(message({ AWS_VPC_K8S_CNI_VETHPREFIX: reserved })).toBe("AWS_VPC_K8S_CNI_VETHPREFIX cannot be set to reserved values 'eth', 'vlan', or 'lo'");
    }
    expect(message({ AWS_VPC_K8S_CNI_VETHPREFIX: 'ETH' })).toBeUndefined();
    expect(message({ AWS_VPC_K8S_CNI_VETHPREFIX: '' })).toBeUndefined();
  });

  it.each<[Record<string, string>, boolean]>([
    // GetBoolAsStringEnvVar(ENABLE_POD_ENI), then GetEnv(mode, "strict"): exact strict/standard.
    [{ ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: 'loose' }, true],
    [{ ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: 'Strict' }, true],
    [{ ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: '' }, true],
    [{ ENABLE_POD_ENI: '1', POD_SECURITY_GROUP_ENFORCING_MODE: 'loose' }, true],
    [{ ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: 'standard' }, false],
    [{ ENABLE_POD_ENI: 'true' }, false],
    [{ ENABLE_POD_ENI: 'yes', POD_SECURITY_GROUP_ENFORCING_MODE: 'loose' }, false],
    [{ POD_SECURITY_GROUP_ENFORCING_MODE: 'loose' }, false],
  ])('POD_SECURITY_GROUP_ENFORCING_MODE %j refused: %s', (env, refused) => {
    expect(message(env)).toBe(refused ? "POD_SECURITY_GROUP_ENFORCING_MODE must be set to either 'strict' or 'standard'" : undefined);
  });

  it.each<[string, string[] | undefined]>([
    // GetIntFromStringEnvVar: Atoi; its own line first when that fails; then err || < 0.
    ['-1', ['IP_COOLDOWN_PERIOD MUST be a valid positive integer. -1 is invalid']],
    ['abc', ['Failed to parse variable IP_COOLDOWN_PERIOD with value abc as integer', 'IP_COOLDOWN_PERIOD MUST be a valid positive integer. abc is invalid']],
    ['1.5', ['Failed to parse variable IP_COOLDOWN_PERIOD with value 1.5 as integer', 'IP_COOLDOWN_PERIOD MUST be a valid positive integer. 1.5 is invalid']],
    ['', ['Failed to parse variable IP_COOLDOWN_PERIOD with value  as integer', 'IP_COOLDOWN_PERIOD MUST be a valid positive integer.  is invalid']],
    [' 5', ['Failed to parse variable IP_COOLDOWN_PERIOD with value  5 as integer', 'IP_COOLDOWN_PERIOD MUST be a valid positive integer.  5 is invalid']],
    ['0', undefined], ['+5', undefined], ['007', undefined], ['60', undefined],
  ])('IP_COOLDOWN_PERIOD=%j → %j', (raw, log) => {
    const f = validateEnvVars(effectiveEnv({ IP_COOLDOWN_PERIOD: raw }));
    expect(f?.log).toEqual(log);
    if (log) expect(f?.stage).toBe('entrypoint');
  });

  it.each<[Record<string, string>, string | undefined]>([
    // validateMTU: ENABLE_IPv6 decides the lower bound; AWS_VPC_ENI_MTU is checked before POD_MTU.
    [{ AWS_VPC_ENI_MTU: '575' }, 'AWS_VPC_ENI_MTU cannot be less than 576 or greater than 9001 in IPv4. 575 is invalid'],
    [{ AWS_VPC_ENI_MTU: '576' }, undefined],
    [{ AWS_VPC_ENI_MTU: '9001' }, undefined],
    [{ AWS_VPC_ENI_MTU: '+9001' }, undefined],
    [{ AWS_VPC_ENI_MTU: '9002' }, 'AWS_VPC_ENI_MTU cannot be less than 576 or greater than 9001 in IPv4. 9002 is invalid'],
    [{ AWS_VPC_ENI_MTU: '0x2328' }, 'AWS_VPC_ENI_MTU MUST be a valid integer. 0x2328 is invalid'],
    [{ AWS_VPC_ENI_MTU: '' }, 'AWS_VPC_ENI_MTU MUST be a valid integer.  is invalid'],
    [{ POD_MTU: '100' }, 'POD_MTU cannot be less than 576 or greater than 9001 in IPv4. 100 is invalid'],
    [{ POD_MTU: '1500', AWS_VPC_ENI_MTU: '100' }, 'AWS_VPC_ENI_MTU cannot be less than 576 or greater than 9001 in IPv4. 100 is invalid'],
    [{ ENABLE_IPv6: 'true', AWS_VPC_ENI_MTU: '1000' }, 'AWS_VPC_ENI_MTU cannot be less than 1280 or greater than 9001 in IPv6. 1000 is invalid'],
    [{ ENABLE_IPv6: 'T', POD_MTU: '1279' }, 'POD_MTU cannot be less than 1280 or greater than 9001 in IPv6. 1279 is invalid'],
  ])('MTU %j → %j', (env, want) => expect(validateEnvVars(effectiveEnv(env))?.message).toBe(want));

  it('prefix delegation with every target "unset or ≤ 0": the targets are compared as strings', () => {
    // GetEnv(name, "0") <= "0" for all three; the answers of Go's string order are in the capture.
    for (const [value, lessOrEqual] of capture.leZero as [string, boolean][]) {
      const env = { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: value };
      expect(message(env), value).toBe(lessOrEqual ? PD_MESSAGE : undefined);
    }
    // "+5" is ≤ "0" as a string although Atoi reads 5: aws-node refuses a WARM_IP_TARGET ipamd would take.
    expect(message({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '0', WARM_IP_TARGET: '+5' })).toBe(PD_MESSAGE);
    // "00" is > "0" as a string although Atoi reads 0: accepted, and ipamd runs with every target 0.
    expect(message({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '00' })).toBeUndefined();
    expect(message({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '0', MINIMUM_IP_TARGET: '30' })).toBeUndefined();
    // Unset means GetEnv's "0" (the scenario here is not overlaid on the shipped WARM_PREFIX_TARGET=1).
    expect(validateEnvVars({ ENABLE_PREFIX_DELEGATION: 'true' })?.message).toBe(PD_MESSAGE);
    // Without prefix delegation the targets are not looked at.
    expect(message({ WARM_ENI_TARGET: '0', WARM_PREFIX_TARGET: '0' })).toBeUndefined();
    expect(message({ ENABLE_PREFIX_DELEGATION: 'yes', WARM_PREFIX_TARGET: '0' })).toBeUndefined();
  });

  it('the first failing check wins, in upstream order', () => {
    const all = { AWS_VPC_K8S_PLUGIN_LOG_FILE: 'stdout', AWS_VPC_K8S_CNI_VETHPREFIX: 'toolong', IP_COOLDOWN_PERIOD: '-1', AWS_VPC_ENI_MTU: '1' };
    expect(message(all)).toBe('AWS_VPC_K8S_PLUGIN_LOG_FILE cannot be set to stdout');
    expect(message({ ...all, AWS_VPC_K8S_PLUGIN_LOG_FILE: 'x' })).toBe('AWS_VPC_K8S_CNI_VETHPREFIX cannot be longer than 4 characters');
    expect(message({ IP_COOLDOWN_PERIOD: '-1', AWS_VPC_ENI_MTU: '1' })).toBe('IP_COOLDOWN_PERIOD MUST be a valid positive integer. -1 is invalid');
    // The entrypoint's checks run before ipamd's: dual stack with a bad MTU reports the MTU.
    expect(startupFailure(effectiveEnv({ ENABLE_IPv6: 'true', AWS_VPC_ENI_MTU: '1' }), NITRO)?.stage).toBe('entrypoint');
  });

  it('a long hostile value is cut short in the message', () => {
    const f = validateEnvVars(effectiveEnv({ IP_COOLDOWN_PERIOD: 'x'.repeat(100_000) }));
    expect(f?.message.length).toBeLessThan(200);
    expect(message({ AWS_VPC_K8S_CNI_VETHPREFIX: 'x'.repeat(100_000) })!.length).toBeLessThan(200);
  });
});

describe('generateJSON (cmd/aws-vpc-cni/main.go): once ipamd answers, a conflist that is not JSON makes the entrypoint exit', () => {
  it('a value that breaks the JSON it is pasted into', () => {
    const f = startupFailure(effectiveEnv({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a"' }), NITRO);
    expect(f?.stage).toBe('entrypoint');
    expect(f?.message).toMatch(/^10-aws\.conflist is not a valid json object \(AWS_VPC_K8S_CNI_VETHPREFIX="a\\""/);
    expect(message({ AWS_VPC_K8S_PLUGIN_LOG_FILE: '/var/log/"plugin".log' })).toMatch(/^10-aws\.conflist is not a valid json object/);
    // Kernel-invalid but JSON-valid: aws-node starts; the pods' sandboxes fail instead.
    expect(message({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a:b' })).toBeUndefined();
  });
  it('ipamd refusing comes first: the entrypoint never gets to write the conflist', () => {
    expect(message({ ENABLE_IPv6: 'true', AWS_VPC_K8S_CNI_VETHPREFIX: 'a"' })).toBe('IPv4 and IPv6 are both enabled. VPC CNI currently does not support dual stack mode');
  });
});

describe('ipamd.New (pkg/ipamd/ipamd.go): getNetworkPolicyMode, then isConfigValid', () => {
  const BOTH_ON = 'IPv4 and IPv6 are both enabled. VPC CNI currently does not support dual stack mode';
  const BOTH_OFF = 'IPv4 and IPv6 are both disabled. One of them have to be enabled';
  const V6_NEEDS_PD = 'IPv6 is supported only in Prefix Delegation mode. Custom Networking is not supported in IPv6 mode. Please set the env variables accordingly.';
  it.each<[Record<string, string>, string | undefined]>([
    [{ ENABLE_IPv6: 'true' }, BOTH_ON],
    [{ ENABLE_IPv6: '1' }, BOTH_ON],
    [{ ENABLE_IPv6: 'TRUE', ENABLE_IPv4: 'True' }, BOTH_ON],
    [{ ENABLE_IPv4: 'false' }, BOTH_OFF],
    // ENABLE_IPv4 set to something ParseBool refuses falls back to the code default, false.
    [{ ENABLE_IPv4: '' }, BOTH_OFF],
    [{ ENABLE_IPv4: 'yes' }, BOTH_OFF],
    [{ ENABLE_IPv4: 'false', ENABLE_IPv6: 'true' }, V6_NEEDS_PD],
    [{ ENABLE_IPv4: 'false', ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true', AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true' }, V6_NEEDS_PD],
    [{ ENABLE_IPv4: 'false', ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true' }, undefined],
    [{ ENABLE_IPv6: 'false' }, undefined],
  ])('%j → %j', (env, want) => {
    expect(message(env)).toBe(want);
    if (want) expect(stage(env)).toBe('ipamd');
  });

  it('prefix delegation on a non-Nitro type: fatal only in IPv6 mode (the line ends with a space)', () => {
    const v6 = { ENABLE_IPv4: 'false', ENABLE_IPv6: 'true', ENABLE_PREFIX_DELEGATION: 'true' };
    expect(message(v6, XEN)).toBe('Prefix Delegation is not supported on non-nitro instance t2.medium. IPv6 is only supported in Prefix delegation Mode. ');
    expect(message({ ENABLE_PREFIX_DELEGATION: 'true' }, XEN)).toBeUndefined();
  });

  it('isConfigValid\'s line, then main\'s "Initialization failure"', () => {
    expect(ipamdInitFailure(effectiveEnv({ ENABLE_IPv6: 'true' }), NITRO)?.log).toEqual([
      BOTH_ON, 'Initialization failure: ipamd: failed to validate configuration',
    ]);
  });

  it.each<[string, boolean]>([
    // IsValidNetworkPolicyEnforcingMode: strings.ToLower(input) in none/strict/standard.
    ['standard', true], ['strict', true], ['none', true], ['NONE', true], ['Strict', true], ['', false], ['enabled', false], [' strict', false],
  ])('NETWORK_POLICY_ENFORCING_MODE=%j accepted: %s', (mode, accepted) => {
    expect(message({ NETWORK_POLICY_ENFORCING_MODE: mode })).toBe(
      accepted ? undefined : 'Initialization failure: invalid Network policy mode, supported modes: none, strict, standard',
    );
  });
});
