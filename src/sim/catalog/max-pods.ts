/**
 * Max-pods figures as upstream computes them (behaviour reference a.12):
 * the table value of misc/eni-max-pods.txt / nodeadm, and awslabs/amazon-eks-ami's
 * max-pods-calculator.sh with its options.
 */
import type { InstanceTypeInfo } from './instance-type.ts';

/** IPv4 addresses in one delegated /28 prefix. */
export const IPS_PER_PREFIX = 16;
/** The calculator's ceilings: 250 pods above 30 vCPUs, 110 otherwise. */
export const MAX_PODS_CEILING_HIGH_CPU = 250;
export const MAX_PODS_CEILING_LOW_CPU = 110;
/** What we assume when the caller gives no CNI version (the script demands one): today's release. */
export const DEFAULT_CNI_VERSION = '1.23.1';

/** ipamd allows prefix delegation on Nitro types and on bare metal (`IsPrefixDelegationSupported`). */
export function isPrefixDelegationSupported(t: InstanceTypeInfo): boolean {
  return t.hypervisor === 'nitro' || t.bareMetal;
}

/**
 * The table value: `enis × (ipv4PerEni − 1) + 2`, default card only. The ENI's primary address
 * never goes to a pod; the +2 is for host-network pods (aws-node, kube-proxy).
 */
export function eniMaxPods(t: InstanceTypeInfo): number {
  return t.enis * (t.ipv4PerEni - 1) + 2;
}

/** Options of max-pods-calculator.sh. */
export interface MaxPodsOptions {
  /** `--cni-prefix-delegation-enabled` */
  prefixDelegation?: boolean;
  /** `--cni-custom-networking-enabled`: the primary ENI serves no pods. */
  customNetworking?: boolean;
  /** `--cni-max-eni`: a positive integer; the script takes min(value, enis). */
  maxEni?: number;
  /** Cap at 110/250 by vCPUs (the script's default); false = `--show-max-allowed`. */
  applyCaps?: boolean;
  /** `--cni-version`, e.g. "1.19.0" (a leading "v" is accepted); defaults to DEFAULT_CNI_VERSION. */
  cniVersion?: string;
}

/** The calculator's answer and how it got there. */
export interface MaxPodsResult {
  maxPods: number;
  /** Value before the vCPU ceiling (what `--show-max-allowed` prints). */
  uncapped: number;
  /** ENIs counted for pods after MAX_ENI and custom networking. */
  enis: number;
  ipv4PerEni: number;
  /** Whether the prefix-delegation branch was taken. */
  prefixDelegation: boolean;
  /** The arithmetic, e.g. `3 * (10 - 1) + 2 = 29`. */
  formula: string;
  /** The ceiling that was applied (110 or 250), when applyCaps is on. */
  capApplied?: number;
  /** Why a branch was or was not taken, and any assumption made. */
  notes: string[];
}

/** Major/minor of a CNI version the way the script splits it; undefined if it is not a version. */
export function parseCniVersion(text: string): { major: number; minor: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/.exec(text.trim());
  // A missing minor reads as 0, as bash's `-gt` does with an empty operand.
  return m ? { major: Number(m[1]), minor: m[2] === undefined ? 0 : Number(m[2]) } : undefined;
}

/**
 * max-pods-calculator.sh for one type. Throws RangeError for a maxEni that is not a positive
 * integer or a cniVersion that is not a version (the CLI checks both first).
 */
export function maxPodsCalculator(t: InstanceTypeInfo, opts: MaxPodsOptions = {}): MaxPodsResult {
  const notes: string[] = [];
  const version = parseCniVersion(opts.cniVersion ?? DEFAULT_CNI_VERSION);
  if (!version) throw new RangeError(`"${opts.cniVersion}" is not a CNI version (expected e.g. 1.19.0)`);
  if (opts.cniVersion === undefined) notes.push(`no CNI version given: assumed ${DEFAULT_CNI_VERSION}`);

  let enis = t.enis;
  if (opts.maxEni !== undefined) {
    if (!Number.isInteger(opts.maxEni) || opts.maxEni < 1) throw new RangeError(`maxEni must be a positive integer, got ${opts.maxEni}`);
    enis = Math.min(opts.maxEni, enis);
  }
  if (opts.customNetworking) enis -= 1;

  // The script tests only the hypervisor, so bare-metal types (hypervisor '') fall back to
  // secondary IPs here even though ipamd would delegate prefixes on them.
  const versionAllowsPd = version.major > 1 || (version.major === 1 && version.minor > 8);
  const pd = Boolean(opts.prefixDelegation) && t.hypervisor === 'nitro' && versionAllowsPd;
  if (opts.prefixDelegation && !pd) {
    if (t.hypervisor !== 'nitro') {
      notes.push(`prefix delegation ignored: hypervisor is ${t.hypervisor === '' ? 'unknown' : t.hypervisor}, not nitro${t.bareMetal ? ' (ipamd would still delegate prefixes on this bare-metal type)' : ''}`);
    }
    if (!versionAllowsPd) notes.push(`prefix delegation ignored: CNI ${version.major}.${version.minor} is not newer than 1.8`);
  }

  const perEni = pd ? (t.ipv4PerEni - 1) * IPS_PER_PREFIX : t.ipv4PerEni - 1;
  const uncapped = enis * perEni + 2;
  const arithmetic = pd ? `${enis} * ((${t.ipv4PerEni} - 1) * ${IPS_PER_PREFIX}) + 2` : `${enis} * (${t.ipv4PerEni} - 1) + 2`;
  if (!opts.applyCaps) {
    return { maxPods: uncapped, uncapped, enis, ipv4PerEni: t.ipv4PerEni, prefixDelegation: pd, formula: `${arithmetic} = ${uncapped}`, notes };
  }

  // The script compares DefaultVCpus with `-gt 30`; an empty count fails the test and takes the 110 branch.
  const high = t.vcpus !== undefined && t.vcpus > 30;
  const cap = high ? MAX_PODS_CEILING_HIGH_CPU : MAX_PODS_CEILING_LOW_CPU;
  if (t.vcpus === undefined) notes.push(`vCPU count of ${t.name} unknown: assumed 30 or fewer, so the ceiling is ${cap}`);
  const maxPods = Math.min(cap, uncapped);
  const why = t.vcpus === undefined ? 'vCPUs unknown' : `${t.vcpus} vCPUs ${high ? '> 30' : '<= 30'}`;
  return {
    maxPods,
    uncapped,
    enis,
    ipv4PerEni: t.ipv4PerEni,
    prefixDelegation: pd,
    formula: `min(${cap}, ${arithmetic}) = min(${cap}, ${uncapped}) = ${maxPods} (${why})`,
    capApplied: cap,
    notes,
  };
}
