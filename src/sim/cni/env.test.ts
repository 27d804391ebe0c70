/**
 * aws-node env parsing (reference a.1) and the entrypoint's start-up validation
 * (validateEnvVars). Go's strconv.Atoi / ParseBool quirks are part of the behaviour.
 */
import { describe, expect, it } from 'vitest';
import { effectiveEnv, parseAdditionalEniTags, parseIpamdConfig, startupError } from './env.ts';

const cfg = (env: Record<string, string>) => parseIpamdConfig(env);

describe('WARM_ENI_TARGET (getWarmENITarget)', () => {
  it.each([
    ['1', 1], ['0', 0], ['3', 3], ['-1', 1], ['abc', 1], ['1.5', 1], ['+5', 5], ['007', 7], [' 5', 1], ['5 ', 1], ['', 1],
  ])('%j → %i', (raw, want) => {
    expect(cfg({ WARM_ENI_TARGET: raw }).warmEniTarget).toBe(want);
  });
  it('absent → 1', () => expect(cfg({}).warmEniTarget).toBe(1));
});

describe('WARM_IP_TARGET / MINIMUM_IP_TARGET (0 = not set)', () => {
  it.each([['5', 5], ['0', 0], ['abc', 0], ['-3', 0], ['+2', 2], ['010', 10], ['2.0', 0]])('WARM_IP_TARGET %j → %i', (raw, want) => {
    expect(cfg({ WARM_IP_TARGET: raw }).warmIpTarget).toBe(want);
  });
  it.each([['12', 12], ['x', 0], ['-1', 0]])('MINIMUM_IP_TARGET %j → %i', (raw, want) => {
    expect(cfg({ MINIMUM_IP_TARGET: raw }).minimumIpTarget).toBe(want);
  });
});

describe('WARM_PREFIX_TARGET', () => {
  it('code default 0, shipped manifest 1', () => {
    expect(cfg({}).warmPrefixTarget).toBe(0);
    expect(cfg(effectiveEnv({})).warmPrefixTarget).toBe(1);
  });
  it.each([['-1', 0], ['junk', 0], ['2', 2]])('%j → %i', (raw, want) => {
    expect(cfg({ WARM_PREFIX_TARGET: raw }).warmPrefixTarget).toBe(want);
  });
});

describe('MAX_ENI (integer ≥ 1 caps, else ignored)', () => {
  it.each([['0', undefined], ['-2', undefined], ['junk', undefined], ['2', 2], ['+1', 1]])('%j → %s', (raw, want) => {
    expect(cfg({ MAX_ENI: raw }).maxEni).toBe(want);
  });
});

describe('booleans use strconv.ParseBool', () => {
  it.each([
    ['true', true], ['TRUE', true], ['True', true], ['t', true], ['T', true], ['1', true],
    ['yes', false], ['on', false], ['tRUE', false], [' true', false], ['false', false], ['0', false],
  ])('ENABLE_PREFIX_DELEGATION=%j → %s', (raw, want) => {
    expect(cfg({ ENABLE_PREFIX_DELEGATION: raw }).prefixDelegation).toBe(want);
  });
});

describe('IP_COOLDOWN_PERIOD', () => {
  it('defaults to 30 s', () => expect(cfg({}).ipCooldownMs).toBe(30_000));
  it('takes an integer number of seconds', () => expect(cfg({ IP_COOLDOWN_PERIOD: '45' }).ipCooldownMs).toBe(45_000));
});

const ok = (env: Record<string, string>) => expect(startupError(effectiveEnv(env))).toBeUndefined();
const bad = (env: Record<string, string>) => expect(startupError(effectiveEnv(env))).toMatch(/./);

describe('start-up validation (validateEnvVars): aws-node exits', () => {
  it('shipped defaults start', () => ok({}));
  it('PD with the shipped WARM_PREFIX_TARGET=1 starts', () => ok({ ENABLE_PREFIX_DELEGATION: 'true' }));
  it('PD with every target unset or ≤ 0 is refused', () => {
    bad({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '0' });
    bad({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '-1', WARM_IP_TARGET: '0', MINIMUM_IP_TARGET: '0' });
    expect(startupError({ ENABLE_PREFIX_DELEGATION: 'true' })).toMatch(/./);
  });
  it('PD with only WARM_IP_TARGET or MINIMUM_IP_TARGET starts', () => {
    ok({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '0', WARM_IP_TARGET: '5' });
    ok({ ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '0', MINIMUM_IP_TARGET: '30' });
  });
  it('no PD: all targets 0 is fine', () => ok({ WARM_ENI_TARGET: '0', WARM_PREFIX_TARGET: '0' }));
  it('IP_COOLDOWN_PERIOD negative or not an integer', () => {
    bad({ IP_COOLDOWN_PERIOD: '-1' });
    bad({ IP_COOLDOWN_PERIOD: 'abc' });
    bad({ IP_COOLDOWN_PERIOD: '1.5' });
    ok({ IP_COOLDOWN_PERIOD: '0' });
    ok({ IP_COOLDOWN_PERIOD: '60' });
  });
  it('MTU outside 576–9001', () => {
    bad({ AWS_VPC_ENI_MTU: '575' });
    ok({ AWS_VPC_ENI_MTU: '576' });
    ok({ AWS_VPC_ENI_MTU: '9001' });
    bad({ AWS_VPC_ENI_MTU: '9002' });
    bad({ POD_MTU: '100' });
  });
  it('AWS_VPC_K8S_CNI_VETHPREFIX longer than 4 or eth/lo/vlan', () => {
    bad({ AWS_VPC_K8S_CNI_VETHPREFIX: 'abcde' });
    bad({ AWS_VPC_K8S_CNI_VETHPREFIX: 'eth' });
    bad({ AWS_VPC_K8S_CNI_VETHPREFIX: 'lo' });
    bad({ AWS_VPC_K8S_CNI_VETHPREFIX: 'vlan' });
    ok({ AWS_VPC_K8S_CNI_VETHPREFIX: 'abcd' });
  });
  it('AWS_VPC_K8S_CNI_VETHPREFIX: Go counts bytes, with aws-node\'s own log lines', () => {
    expect(startupError(effectiveEnv({ AWS_VPC_K8S_CNI_VETHPREFIX: 'ééé' }))).toBe(
      'AWS_VPC_K8S_CNI_VETHPREFIX cannot be longer than 4 characters ("ééé" is 6 bytes)',
    );
    ok({ AWS_VPC_K8S_CNI_VETHPREFIX: 'éé' });
    ok({ AWS_VPC_K8S_CNI_VETHPREFIX: '' });
    expect(startupError(effectiveEnv({ AWS_VPC_K8S_CNI_VETHPREFIX: 'vlan' }))).toBe(
      "AWS_VPC_K8S_CNI_VETHPREFIX cannot be set to reserved values 'eth', 'vlan', or 'lo'",
    );
  });
  it('a value that breaks the conflist JSON makes aws-node exit after validation', () => {
    expect(startupError(effectiveEnv({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a"' }))).toMatch(/^10-aws\.conflist is not a valid json object \(AWS_VPC_K8S_CNI_VETHPREFIX="a\\""/);
    bad({ AWS_VPC_K8S_PLUGIN_LOG_FILE: '/var/log/"plugin".log' });
    // Kernel-invalid but JSON-valid: aws-node starts; the pods' sandboxes fail instead.
    ok({ AWS_VPC_K8S_CNI_VETHPREFIX: 'a:b' });
  });
  it('a long value is cut short in the message', () => {
    expect(startupError(effectiveEnv({ AWS_VPC_K8S_CNI_VETHPREFIX: 'x'.repeat(100_000) }))!.length).toBeLessThan(200);
  });
  it('POD_SECURITY_GROUP_ENFORCING_MODE only matters with ENABLE_POD_ENI', () => {
    bad({ ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: 'loose' });
    ok({ ENABLE_POD_ENI: 'true', POD_SECURITY_GROUP_ENFORCING_MODE: 'standard' });
    ok({ POD_SECURITY_GROUP_ENFORCING_MODE: 'loose' });
  });
  it('AWS_VPC_K8S_PLUGIN_LOG_FILE=stdout', () => bad({ AWS_VPC_K8S_PLUGIN_LOG_FILE: 'stdout' }));
});

describe('ADDITIONAL_ENI_TAGS (parseAdditionalENITags)', () => {
  it('a JSON object of strings; keys containing k8s.amazonaws.com are refused', () => {
    expect(parseAdditionalEniTags('{"team":"blue","node.k8s.amazonaws.com/instance_id":"i-x"}')).toEqual({ team: 'blue' });
  });
  it('invalid JSON or a non-string value gives no tags at all', () => {
    expect(parseAdditionalEniTags('{team:blue}')).toEqual({});
    expect(parseAdditionalEniTags('{"a":"b","n":1}')).toEqual({});
  });
});
