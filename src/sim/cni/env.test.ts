/**
 * Every env variable ipamd's settings come from, one table each, with the upstream function
 * that parses it (aws/amazon-vpc-cni-k8s v1.23.1) named above the table. The expected values
 * follow that function: which Go parser it calls (strconv.Atoi / strconv.ParseBool, whose
 * answers for these strings are in fixtures/go-stdlib/capture.json), what it does on an
 * error, and the default when the variable is unset versus set but invalid.
 */
import { describe, expect, it } from 'vitest';
import { effectiveEnv, parseAdditionalEniTags, parseIpamdConfig, type IpamdConfig } from './env.ts';

/** The setting `key` for NAME=raw (raw undefined: NAME unset). */
function read<K extends keyof IpamdConfig>(name: string, raw: string | undefined, key: K): IpamdConfig[K] {
  return parseIpamdConfig(raw === undefined ? {} : { [name]: raw })[key];
}

/** The strings the issue asks about, plus Go's usual suspects. */
type Row<T> = [raw: string | undefined, want: T];

describe('WARM_ENI_TARGET — getWarmENITarget (pkg/ipamd/ipamd.go): LookupEnv; Atoi; error or < 0 → 1', () => {
  it.each<Row<number>>([
    [undefined, 1], ['', 1], ['1', 1], ['0', 0], ['3', 3], ['-1', 1], ['+5', 5], ['01', 1], ['007', 7], [' 5', 1], ['5 ', 1],
    ['5.0', 1], ['1.5', 1], ['abc', 1], ['TRUE', 1], ['1_000', 1], ['0x10', 1],
  ])('%j → %i', (raw, want) => expect(read('WARM_ENI_TARGET', raw, 'warmEniTarget')).toBe(want));
});

describe('WARM_IP_TARGET — getWarmIPTarget: LookupEnv; Atoi ≥ 0 kept; anything else → 0 ("not set")', () => {
  it.each<Row<number>>([
    [undefined, 0], ['', 0], ['5', 5], ['0', 0], ['-3', 0], ['+2', 2], ['010', 10], ['01', 1], [' 5', 0], ['5.0', 0], ['abc', 0],
  ])('%j → %i', (raw, want) => expect(read('WARM_IP_TARGET', raw, 'warmIpTarget')).toBe(want));
});

describe('MINIMUM_IP_TARGET — getMinimumIPTarget: as WARM_IP_TARGET', () => {
  it.each<Row<number>>([
    [undefined, 0], ['', 0], ['12', 12], ['0', 0], ['-1', 0], ['+5', 5], ['01', 1], [' 12', 0], ['5.0', 0], ['x', 0],
  ])('%j → %i', (raw, want) => expect(read('MINIMUM_IP_TARGET', raw, 'minimumIpTarget')).toBe(want));
});

describe('WARM_PREFIX_TARGET — getWarmPrefixTarget: LookupEnv; Atoi; error or < 0 → 0 (the manifest ships "1")', () => {
  it.each<Row<number>>([
    [undefined, 0], ['', 0], ['1', 1], ['2', 2], ['0', 0], ['-1', 0], ['+5', 5], ['01', 1], [' 1', 0], ['5.0', 0], ['junk', 0],
  ])('%j → %i', (raw, want) => expect(read('WARM_PREFIX_TARGET', raw, 'warmPrefixTarget')).toBe(want));
  it('unset in the scenario means the shipped "1"', () => expect(parseIpamdConfig(effectiveEnv({})).warmPrefixTarget).toBe(1));
});

describe('MAX_ENI — getMaxENI: LookupEnv; only an Atoi value ≥ 1 caps (defaultMaxENI -1 = no cap)', () => {
  it.each<Row<number | undefined>>([
    [undefined, undefined], ['', undefined], ['0', undefined], ['-2', undefined], ['2', 2], ['+1', 1], ['01', 1], [' 2', undefined],
    ['2.0', undefined], ['junk', undefined],
  ])('%j → %s', (raw, want) => expect(read('MAX_ENI', raw, 'maxEni')).toBe(want));
});

describe('IP_COOLDOWN_PERIOD — getCooldownPeriod (pkg/ipamd/datastore/data_store.go): GetIntFromStringEnvVar; error → 30 s', () => {
  // Values aws-node refuses at start-up (negative, not an integer) never reach the datastore;
  // startup-checks.test.ts covers those. What ipamd does with the ones that pass:
  it.each<Row<number>>([
    [undefined, 30_000], ['0', 0], ['45', 45_000], ['+45', 45_000], ['045', 45_000],
  ])('%j → %i ms', (raw, want) => expect(read('IP_COOLDOWN_PERIOD', raw, 'ipCooldownMs')).toBe(want));
  it('time.Duration(n) * time.Second wraps around int64 nanoseconds for a huge n: then nothing cools', () => {
    // 9,300,000,000 s × 1e9 ns = 9.3e18 > 2^63 − 1: Go's multiplication wraps to a negative Duration.
    expect(read('IP_COOLDOWN_PERIOD', '9300000000', 'ipCooldownMs')).toBeLessThan(0);
    expect(read('IP_COOLDOWN_PERIOD', '9000000000', 'ipCooldownMs')).toBe(9e12);
  });
});

/** The ParseBool strings and their meaning for a variable whose default is `def`. */
function boolRows(def: boolean): Row<boolean>[] {
  return [
    [undefined, def], ['', def], ['true', true], ['TRUE', true], ['True', true], ['t', true], ['T', true], ['1', true],
    ['false', false], ['FALSE', false], ['f', false], ['0', false],
    // Not ParseBool values: the default.
    [' true', def], ['true ', def], ['tRUE', def], ['01', def], ['yes', def], ['on', def], ['2', def],
  ];
}

describe('ENABLE_PREFIX_DELEGATION — usePrefixDelegation → utils.GetBoolAsStringEnvVar (default false)', () => {
  it.each(boolRows(false))('%j → %s', (raw, want) => expect(read('ENABLE_PREFIX_DELEGATION', raw, 'prefixDelegation')).toBe(want));
});

describe('AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG — UseCustomNetworkCfg → parseBoolEnvVar (Getenv, "" skipped; default false)', () => {
  it.each(boolRows(false))('%j → %s', (raw, want) => expect(read('AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG', raw, 'customNetworking')).toBe(want));
});

describe('ENABLE_SUBNET_DISCOVERY — UseSubnetDiscovery → parseBoolEnvVar (default true)', () => {
  it.each(boolRows(true))('%j → %s', (raw, want) => expect(read('ENABLE_SUBNET_DISCOVERY', raw, 'subnetDiscovery')).toBe(want));
});

describe('ENABLE_POD_ENI — EnablePodENI → GetBoolAsStringEnvVar (default false)', () => {
  it.each(boolRows(false))('%j → %s', (raw, want) => expect(read('ENABLE_POD_ENI', raw, 'podEni')).toBe(want));
});

describe('AWS_MANAGE_ENIS_NON_SCHEDULABLE — ManageENIsOnNonSchedulableNode → parseBoolEnvVar (default false)', () => {
  it.each(boolRows(false))('%j → %s', (raw, want) => expect(read('AWS_MANAGE_ENIS_NON_SCHEDULABLE', raw, 'manageEnisNonSchedulable')).toBe(want));
});

describe('DISABLE_NETWORK_RESOURCE_PROVISIONING / ENABLE_IMDS_ONLY_MODE — disableENIProvisioning, enableImdsOnlyMode', () => {
  it.each(boolRows(false))('DISABLE_NETWORK_RESOURCE_PROVISIONING=%j → %s', (raw, want) => {
    expect(read('DISABLE_NETWORK_RESOURCE_PROVISIONING', raw, 'disableProvisioning')).toBe(want);
  });
  it.each(boolRows(false))('ENABLE_IMDS_ONLY_MODE=%j → %s (it implies no provisioning)', (raw, want) => {
    expect(read('ENABLE_IMDS_ONLY_MODE', raw, 'disableProvisioning')).toBe(want);
  });
});

describe('ENABLE_IPv4 / ENABLE_IPv6 — isIPv4Enabled / isIPv6Enabled → GetBoolAsStringEnvVar (code default false for both)', () => {
  it.each(boolRows(false))('ENABLE_IPv4=%j → %s', (raw, want) => expect(read('ENABLE_IPv4', raw, 'enableIpv4')).toBe(want));
  it.each(boolRows(false))('ENABLE_IPv6=%j → %s', (raw, want) => expect(read('ENABLE_IPv6', raw, 'enableIpv6')).toBe(want));
  it('the manifest ships ENABLE_IPv4=true, ENABLE_IPv6=false', () => {
    expect(parseIpamdConfig(effectiveEnv({}))).toMatchObject({ enableIpv4: true, enableIpv6: false });
  });
});

describe('AWS_VPC_K8S_CNI_EXTERNALSNAT — useExternalSNAT → getBoolEnvVar (pkg/networkutils/network.go; default false)', () => {
  it.each(boolRows(false))('%j → %s', (raw, want) => expect(read('AWS_VPC_K8S_CNI_EXTERNALSNAT', raw, 'externalSnat')).toBe(want));
});

describe('ENI_CONFIG_LABEL_DEF / ENI_CONFIG_ANNOTATION_DEF — getEniConfigLabelDef / getEniConfigAnnotationDef (pkg/eniconfig)', () => {
  // LookupEnv, then len(inputStr) > 0: set to "" means the default, not an empty key.
  it.each<Row<string>>([
    [undefined, 'k8s.amazonaws.com/eniConfig'], ['', 'k8s.amazonaws.com/eniConfig'], ['topology.kubernetes.io/zone', 'topology.kubernetes.io/zone'],
    [' ', ' '],
  ])('%j → %j', (raw, want) => {
    expect(read('ENI_CONFIG_LABEL_DEF', raw, 'eniConfigLabelDef')).toBe(want);
    expect(read('ENI_CONFIG_ANNOTATION_DEF', raw, 'eniConfigAnnotationDef')).toBe(want);
  });
});

describe('CLUSTER_NAME — awsutils.New: os.Getenv (so "" is no cluster name)', () => {
  it.each<Row<string>>([[undefined, ''], ['', ''], ['demo', 'demo'], [' demo ', ' demo ']])('%j → %j', (raw, want) => {
    expect(read('CLUSTER_NAME', raw, 'clusterName')).toBe(want);
  });
});

describe('ADDITIONAL_ENI_TAGS — loadAdditionalENITags (pkg/awsutils/awsutils.go): json.Unmarshal into map[string]string', () => {
  // Any Unmarshal error → no tags at all; keys containing "k8s.amazonaws.com" are dropped.
  // What json.Unmarshal answers for these documents is in fixtures/go-stdlib/capture.json.
  it.each<Row<Record<string, string>>>([
    [undefined, {}], ['', {}], ['{}', {}], ['null', {}], ['[]', {}], ['"x"', {}], ['{team:blue}', {}],
    ['{"team":"blue"}', { team: 'blue' }], [' {"a":"b"} ', { a: 'b' }], ['{"a":null}', { a: '' }], ['{"a":"b","a":"c"}', { a: 'c' }],
    ['{"a":1}', {}], ['{"a":"b","n":1}', {}], ['{"a":true}', {}],
    ['{"team":"blue","node.k8s.amazonaws.com/instance_id":"i-x","x.k8s.amazonaws.com":"y"}', { team: 'blue' }],
  ])('%j → %j', (raw, want) => {
    expect(parseAdditionalEniTags(raw)).toEqual(want);
    expect(read('ADDITIONAL_ENI_TAGS', raw, 'additionalEniTags')).toEqual(want);
  });
});
