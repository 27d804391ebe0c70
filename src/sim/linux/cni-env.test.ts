/**
 * The aws-node variables behind a node's Linux networking, one table each, with the upstream
 * function that parses it (aws/amazon-vpc-cni-k8s v1.23.1) above the table. Go's answers for
 * the parsers these functions call are in ../cni/fixtures/go-stdlib/capture.json.
 * (AWS_VPC_K8S_CNI_VETHPREFIX belongs to the veth-name tests.)
 */
import { describe, expect, it } from 'vitest';
import { formatCidr, mustCidr } from '../net/ipv4.ts';
import { parseCniEnv } from './cni-env.ts';
import type { CniNetworkConfig } from './model.ts';

const VPC = [mustCidr('192.168.0.0/16')];

function read<K extends keyof CniNetworkConfig>(env: Record<string, string>, key: K): CniNetworkConfig[K] {
  return parseCniEnv(env, VPC, 'nft')[key];
}

type Row<T> = [raw: string | undefined, want: T];
const one = (name: string, raw: string | undefined): Record<string, string> => (raw === undefined ? {} : { [name]: raw });

describe('AWS_VPC_K8S_CNI_CONNMARK — getConnmark (pkg/networkutils/network.go)', () => {
  // os.Getenv, "" → 0x80; strconv.ParseInt(s, 0, 64); error, ≤ 0 or > MaxUint32 → 0x80.
  it.each<Row<number>>([
    [undefined, 0x80], ['', 0x80], ['64', 64], ['0x100', 0x100], ['0X100', 0x100], ['010', 8], ['0o17', 15], ['0b101', 5], ['1_000', 1000],
    ['+0x10', 16], [' 64', 0x80], ['64 ', 0x80], ['08', 0x80], ['0', 0x80], ['-1', 0x80], ['4294967295', 4294967295], ['4294967296', 0x80],
    ['9223372036854775808', 0x80], ['abc', 0x80],
  ])('%j → %i', (raw, want) => expect(read(one('AWS_VPC_K8S_CNI_CONNMARK', raw), 'connmark')).toBe(want));
});

const boolRows = (def: boolean): Row<boolean>[] => [
  [undefined, def], ['', def], ['true', true], ['TRUE', true], ['1', true], ['t', true], ['false', false], ['F', false], ['0', false],
  [' true', def], ['01', def], ['yes', def],
];

describe('AWS_VPC_K8S_CNI_EXTERNALSNAT — useExternalSNAT → getBoolEnvVar (default false)', () => {
  it.each(boolRows(false))('%j → %s', (raw, want) => expect(read(one('AWS_VPC_K8S_CNI_EXTERNALSNAT', raw), 'externalSnat')).toBe(want));
});

describe('AWS_VPC_CNI_NODE_PORT_SUPPORT — nodePortSupportEnabled → getBoolEnvVar (default true)', () => {
  it.each(boolRows(true))('%j → %s', (raw, want) => expect(read(one('AWS_VPC_CNI_NODE_PORT_SUPPORT', raw), 'nodePortSupport')).toBe(want));
});

describe('ENABLE_POD_ENI — EnablePodENI → GetBoolAsStringEnvVar (default false)', () => {
  it.each(boolRows(false))('%j → %s', (raw, want) => expect(read(one('ENABLE_POD_ENI', raw), 'podEni')).toBe(want));
});

describe('AWS_VPC_K8S_CNI_RANDOMIZESNAT — typeOfSNAT: an exact match, anything else prng', () => {
  it.each<Row<CniNetworkConfig['randomizeSnat']>>([
    [undefined, 'prng'], ['', 'prng'], ['prng', 'prng'], ['none', 'none'], ['hashrandom', 'hashrandom'], ['NONE', 'prng'], [' none', 'prng'],
    ['hashRandom', 'prng'], ['random', 'prng'],
  ])('%j → %s', (raw, want) => expect(read(one('AWS_VPC_K8S_CNI_RANDOMIZESNAT', raw), 'randomizeSnat')).toBe(want));
});

describe('POD_SECURITY_GROUP_ENFORCING_MODE — LoadEnforcingModeFromEnv (pkg/sgpp/utils.go): exact strict/standard, else strict', () => {
  it.each<Row<CniNetworkConfig['podSgEnforcingMode']>>([
    [undefined, 'strict'], ['', 'strict'], ['strict', 'strict'], ['standard', 'standard'], ['Standard', 'strict'], ['standard ', 'strict'],
  ])('%j → %s', (raw, want) => expect(read(one('POD_SECURITY_GROUP_ENFORCING_MODE', raw), 'podSgEnforcingMode')).toBe(want));
});

describe('AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS / AWS_EXTERNAL_SERVICE_CIDRS — parseCIDRString', () => {
  // os.Getenv; split on ","; strings.TrimSpace; net.ParseCIDR (network kept); IPv6 and errors skipped.
  it.each<Row<string[]>>([
    [undefined, []], ['', []], ['10.12.0.0/16', ['10.12.0.0/16']], [' 10.12.0.0/16 , 10.13.1.1/16', ['10.12.0.0/16', '10.13.0.0/16']],
    ['10.0.0.0/33,nope,::/0,010.0.0.0/8', []], ['10.0.0.0/032', ['10.0.0.0/32']], ['\u008510.0.0.0/8', ['10.0.0.0/8']],
    ['\ufeff10.0.0.0/8', []], ['10.0.0.0/8,,172.16.0.0/12', ['10.0.0.0/8', '172.16.0.0/12']],
  ])('%j → %j', (raw, want) => {
    expect(read(one('AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS', raw), 'excludeSnatCidrs').map(formatCidr)).toEqual(want);
    expect(read(one('AWS_EXTERNAL_SERVICE_CIDRS', raw), 'externalServiceCidrs').map(formatCidr)).toEqual(want);
  });
  it('the host keeps the exclusions with external SNAT on (networkutils.New reads parseCIDRString itself)', () => {
    expect(read({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true', AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: '10.0.0.0/8' }, 'excludeSnatCidrs').map(formatCidr)).toEqual(['10.0.0.0/8']);
  });
});

describe('AWS_VPC_ENI_MTU — GetEthernetMTU: GetIntFromStringEnvVar (Atoi), default 9001', () => {
  // Values validateMTU refuses never reach a running ipamd; the default stands in for them.
  it.each<Row<number>>([[undefined, 9001], ['1500', 1500], ['+1500', 1500], ['01500', 1500], ['0x5dc', 9001], [' 1500', 9001]])('%j → %i', (raw, want) => {
    expect(read(one('AWS_VPC_ENI_MTU', raw), 'eniMtu')).toBe(want);
  });
});

describe('POD_MTU — generateJSON (GetEnv(POD_MTU, AWS_VPC_ENI_MTU)) then the plugin\'s GetPodMTU (Atoi, 576–9001 else 9001)', () => {
  it.each<[Record<string, string>, number]>([
    [{}, 9001], [{ POD_MTU: '1500' }, 1500], [{ AWS_VPC_ENI_MTU: '1500' }, 1500], [{ AWS_VPC_ENI_MTU: '9001', POD_MTU: '1500' }, 1500],
    [{ POD_MTU: '+1500' }, 1500], [{ POD_MTU: '575' }, 9001], [{ POD_MTU: '9002' }, 9001], [{ POD_MTU: 'abc' }, 9001],
    [{ AWS_VPC_ENI_MTU: '0x5dc' }, 9001],
  ])('%j → %i', (env, want) => expect(read(env, 'podMtu')).toBe(want));
});
