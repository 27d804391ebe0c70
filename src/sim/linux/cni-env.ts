/**
 * The aws-node variables that shape a node's Linux networking, parsed the way the daemon
 * parses them (pkg/networkutils/network.go, pkg/sgpp/utils.go, cmd/aws-vpc-cni/main.go,
 * cmd/routed-eni-cni-plugin/driver): unset or unparsable values fall back to the daemon's
 * default rather than failing; what aws-node refuses at start-up is in cni/startup-checks.ts.
 */
import { cidr, parseIpv4, type Cidr } from '../net/ipv4.ts';
import { envBool, goAtoi, goParseInt0, goTrimSpace } from '../cni/go-parse.ts';
import type { CniNetworkConfig } from './model.ts';

const DEFAULT_CONNMARK = 0x80;
const DEFAULT_MTU = 9001;

/**
 * getConnmark: os.Getenv, "" → 0x80; strconv.ParseInt(s, 0, 64) (so 0x100, 0o17, 010 and
 * 1_000 are numbers, " 64" is not); a parse error, ≤ 0 or > MaxUint32 → 0x80.
 */
function connmarkOf(text: string | undefined): number {
  if (!text) return DEFAULT_CONNMARK;
  const mark = goParseInt0(text);
  return mark === undefined || mark <= 0 || mark > 0xffff_ffff ? DEFAULT_CONNMARK : mark;
}

/** net's dtoi as ParseCIDR uses it: decimal digits only, any count; it gives up at 0xFFFFFF. */
function dtoi(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  let n = 0;
  for (const c of text) {
    n = n * 10 + (c.charCodeAt(0) - 48);
    if (n >= 0xffffff) return undefined;
  }
  return n;
}

/**
 * A comma list of CIDRs as parseCIDRString reads it: os.Getenv, split on ",", TrimSpace,
 * net.ParseCIDR (host bits allowed, the network is kept; any count of mask digits, "/032" is
 * /32); invalid entries and IPv6 ones are logged and skipped. IPv4-mapped IPv6 spellings
 * (::ffff:a.b.c.d/n), which Go would keep as IPv4, are skipped here.
 */
export function parseCidrList(text: string | undefined): Cidr[] {
  if (!text) return [];
  const out: Cidr[] = [];
  for (const raw of text.split(',')) {
    const entry = goTrimSpace(raw);
    const slash = entry.indexOf('/');
    if (slash < 0) continue;
    const ip = parseIpv4(entry.slice(0, slash));
    const mask = entry.slice(slash + 1);
    const len = dtoi(mask);
    if (!ip.ok || len === undefined || len > 32) continue;
    out.push(cidr(ip.value, len));
  }
  return out;
}

/**
 * GetEthernetMTU: GetIntFromStringEnvVar (Atoi). The entrypoint's validateMTU refuses any
 * value that is not an integer in 576–9001 (1280 with IPv6), so ipamd never runs with one;
 * the default stands in for those here.
 */
function eniMtuOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MTU;
  const n = goAtoi(text);
  return n === undefined ? DEFAULT_MTU : n;
}

/**
 * The pod MTU the plugin uses: the conflist gets POD_MTU, else the AWS_VPC_ENI_MTU string
 * (generateJSON's GetEnv), and GetPodMTU reads it with Atoi, 9001 when that fails or is
 * outside 576–9001.
 */
function podMtuOf(env: Record<string, string>): number {
  const n = goAtoi(env.POD_MTU ?? env.AWS_VPC_ENI_MTU ?? String(DEFAULT_MTU));
  return n === undefined || n < 576 || n > DEFAULT_MTU ? DEFAULT_MTU : n;
}

/**
 * Reads the aws-node environment into the settings the node's network depends on.
 * `AWS_VPC_K8S_CNI_RANDOMIZESNAT`: '' / 'prng' → prng, 'hashrandom', 'none'; anything else
 * is logged and treated as prng (`typeOfSNAT`). `DISABLE_TCP_EARLY_DEMUX`: only `true` disables. `POD_SECURITY_GROUP_ENFORCING_MODE`: unknown
 * values → strict (`LoadEnforcingModeFromEnv`).
 */
export function parseCniEnv(
  env: Record<string, string>,
  vpcCidrs: Cidr[],
  iptablesBackend: 'legacy' | 'nft',
): CniNetworkConfig {
  // typeOfSNAT: an exact string match.
  const snat = env.AWS_VPC_K8S_CNI_RANDOMIZESNAT;
  const randomizeSnat = snat === 'hashrandom' ? 'hashrandom' : snat === 'none' ? 'none' : 'prng';
  return {
    externalSnat: envBool(env, 'AWS_VPC_K8S_CNI_EXTERNALSNAT', false),
    // networkutils.New keeps the list even with external SNAT (the host's iptables and
    // connmark rules use it); only the per-pod rules ask GetExcludeSNATCIDRs, which drops it.
    excludeSnatCidrs: parseCidrList(env.AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS),
    externalServiceCidrs: parseCidrList(env.AWS_EXTERNAL_SERVICE_CIDRS),
    randomizeSnat,
    // cmd/aws-vpc-cni-init configureSystemParams: `getEnv(...) == "true"`, not ParseBool, so
    // `True` or `1` leave early demux on.
    tcpEarlyDemux: env.DISABLE_TCP_EARLY_DEMUX === 'true' ? 0 : 1,
    // ipamd reads the variable itself (getVethPrefixName): set to "" means "", not the default.
    vethPrefix: env.AWS_VPC_K8S_CNI_VETHPREFIX ?? 'eni',
    nodePortSupport: envBool(env, 'AWS_VPC_CNI_NODE_PORT_SUPPORT', true),
    connmark: connmarkOf(env.AWS_VPC_K8S_CNI_CONNMARK),
    eniMtu: eniMtuOf(env.AWS_VPC_ENI_MTU),
    podMtu: podMtuOf(env),
    podEni: envBool(env, 'ENABLE_POD_ENI', false),
    // LoadEnforcingModeFromEnv: exactly "strict" or "standard", anything else strict.
    podSgEnforcingMode: env.POD_SECURITY_GROUP_ENFORCING_MODE === 'standard' ? 'standard' : 'strict',
    iptablesBackend,
    vpcCidrs,
  };
}
