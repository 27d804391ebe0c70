/**
 * The aws-node variables that shape a node's Linux networking, parsed the way the daemon
 * parses them (pkg/networkutils/network.go, cmd/aws-vpc-cni/main.go): unset or unparsable
 * values fall back to the daemon's default rather than failing, except where noted.
 */
import { cidr, parseCidr, type Cidr } from '../net/ipv4.ts';
import type { CniNetworkConfig } from './model.ts';

/** Go's strconv.ParseBool: anything else is "not a bool" and the default applies. */
function parseGoBool(text: string | undefined, fallback: boolean): boolean {
  if (text === undefined) return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return fallback;
}

/** strconv.ParseInt(s, 0, 64): decimal, 0x hex, 0o/0 octal, 0b binary. */
function parseGoInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  let m: RegExpMatchArray | null;
  if ((m = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(t))) return Number.parseInt(m[1] + m[2], 16);
  if ((m = /^([+-]?)0[bB]([01]+)$/.exec(t))) return Number.parseInt(m[1] + m[2], 2);
  if ((m = /^([+-]?)0[oO]?([0-7]+)$/.exec(t))) return Number.parseInt(m[1] + m[2], 8);
  if (/^[+-]?\d+$/.test(t)) return Number.parseInt(t, 10);
  return undefined;
}

/**
 * A comma list of CIDRs as Go's net.ParseCIDR reads them: host bits are allowed (the network
 * is kept), invalid entries are logged and skipped by the daemon, so skipped here.
 */
export function parseCidrList(text: string | undefined): Cidr[] {
  if (!text) return [];
  const out: Cidr[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    const slash = entry.indexOf('/');
    if (slash < 0) continue;
    const strict = parseCidr(entry);
    if (strict.ok) {
      out.push(strict.value);
      continue;
    }
    const withHost = parseCidr(`${entry.slice(0, slash)}/32`);
    const len = Number(entry.slice(slash + 1));
    if (withHost.ok && /^\d{1,2}$/.test(entry.slice(slash + 1)) && len <= 32) out.push(cidr(withHost.value.base, len));
  }
  return out;
}

/** MTU as the daemon reads it: an integer, else 9001 (start-up validation rejects <576). */
function parseMtu(text: string | undefined, fallback: number): number {
  const n = parseGoInt(text);
  return n === undefined ? fallback : n;
}

/**
 * Reads the aws-node environment into the settings the node's network depends on.
 * `AWS_VPC_K8S_CNI_RANDOMIZESNAT`: '' / 'prng' → prng, 'hashrandom', 'none'; anything else
 * is logged and treated as prng (`typeOfSNAT`). `POD_SECURITY_GROUP_ENFORCING_MODE`: unknown
 * values → strict (`LoadEnforcingModeFromEnv`).
 */
export function parseCniEnv(
  env: Record<string, string>,
  vpcCidrs: Cidr[],
  iptablesBackend: 'legacy' | 'nft',
): CniNetworkConfig {
  const snat = env.AWS_VPC_K8S_CNI_RANDOMIZESNAT;
  const randomizeSnat = snat === 'hashrandom' ? 'hashrandom' : snat === 'none' ? 'none' : 'prng';
  const connmark = parseGoInt(env.AWS_VPC_K8S_CNI_CONNMARK);
  const eniMtu = parseMtu(env.AWS_VPC_ENI_MTU, 9001);
  return {
    externalSnat: parseGoBool(env.AWS_VPC_K8S_CNI_EXTERNALSNAT, false),
    excludeSnatCidrs: parseCidrList(env.AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS),
    externalServiceCidrs: parseCidrList(env.AWS_EXTERNAL_SERVICE_CIDRS),
    randomizeSnat,
    // ipamd reads the variable itself (getVethPrefixName): set to "" means "", not the default.
    vethPrefix: env.AWS_VPC_K8S_CNI_VETHPREFIX ?? 'eni',
    nodePortSupport: parseGoBool(env.AWS_VPC_CNI_NODE_PORT_SUPPORT, true),
    connmark: connmark !== undefined && connmark > 0 ? connmark : 0x80,
    eniMtu,
    podMtu: parseMtu(env.POD_MTU, eniMtu),
    podEni: parseGoBool(env.ENABLE_POD_ENI, false),
    podSgEnforcingMode: env.POD_SECURITY_GROUP_ENFORCING_MODE === 'standard' ? 'standard' : 'strict',
    iptablesBackend,
    vpcCidrs,
  };
}
