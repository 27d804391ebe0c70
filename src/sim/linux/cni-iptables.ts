/**
 * The iptables rules ipamd manages on an IPv4 node (vpc-cni-behaviour.md b.4), written as
 * data in the order they end up in: the connmark rules of the mangle table, the SNAT chain,
 * and — with the iptables-legacy backend — the nat-PREROUTING connmark chain.
 */
import { formatCidr, type Cidr, type Ipv4 } from '../net/ipv4.ts';
import type { CniNetworkConfig, NetfilterTable, NetfilterTableName } from './model.ts';
import { append, chain, comment, insertFirst, jump, rule } from './netfilter.ts';

const ALL = '0.0.0.0/0';

/** Adds the CNI's mangle and nat rules for a node whose primary interface is `primaryIf`. */
export function addCniIptables(
  tables: Record<NetfilterTableName, NetfilterTable>,
  cfg: CniNetworkConfig,
  primaryIf: string,
  primaryIp: Ipv4,
): void {
  const { mangle, nat } = tables;
  const mark = cfg.connmark;
  const vethWildcard = `${cfg.vethPrefix}+`;
  const restore = { kind: 'CONNMARK-restore', nfmask: mark, ctmask: mark } as const;

  // SNAT chain: exists even in external-SNAT mode (empty there, with no jump to it).
  chain(nat, 'AWS-SNAT-CHAIN-0');
  if (!cfg.externalSnat) {
    append(nat, 'POSTROUTING', rule({ matches: [comment('AWS SNAT CHAIN')], target: jump('AWS-SNAT-CHAIN-0') }));
    // Every RETURN rule is inserted at position 1, VPC CIDRs first, so the newest is on top.
    const returns: { c: Cidr; text: string }[] = [
      ...cfg.vpcCidrs.map((c) => ({ c, text: 'AWS SNAT CHAIN' })),
      ...cfg.excludeSnatCidrs.map((c) => ({ c, text: 'AWS SNAT CHAIN EXCLUSION' })),
    ];
    for (const { c, text } of returns) {
      insertFirst(nat, 'AWS-SNAT-CHAIN-0', rule({ dst: dstOf(c), matches: [comment(text)], target: { kind: 'RETURN' } }));
    }
    const random = cfg.randomizeSnat === 'prng' ? 'random-fully' : cfg.randomizeSnat === 'hashrandom' ? 'random' : undefined;
    append(
      nat,
      'AWS-SNAT-CHAIN-0',
      rule({
        outIface: { value: 'vlan+', not: true },
        matches: [comment('AWS, SNAT'), { module: 'addrtype', dstType: { value: 'LOCAL', not: true } }],
        target: { kind: 'SNAT', toSource: primaryIp, random },
      }),
    );
  }

  if (cfg.nodePortSupport) {
    append(
      mangle,
      'PREROUTING',
      rule({
        inIface: { value: primaryIf },
        matches: [comment('AWS, primary ENI'), { module: 'addrtype', dstType: { value: 'LOCAL' }, limitIfaceIn: true }],
        target: { kind: 'CONNMARK-set', value: mark, mask: mark },
      }),
    );
  }
  if (cfg.nodePortSupport || !cfg.externalSnat) {
    append(mangle, 'PREROUTING', rule({ inIface: { value: vethWildcard }, matches: [comment('AWS, primary ENI')], target: restore }));
  }
  if (cfg.nodePortSupport) {
    append(mangle, 'PREROUTING', rule({ inIface: { value: 'vlan+' }, matches: [comment('AWS, primary ENI')], target: restore }));
  }

  if (!cfg.externalSnat && cfg.iptablesBackend === 'legacy') {
    const connmark = chain(nat, 'AWS-CONNMARK-CHAIN-0');
    append(nat, 'PREROUTING', rule({ inIface: { value: vethWildcard }, matches: [comment('AWS, outbound connections')], target: jump(connmark.name) }));
    append(nat, 'PREROUTING', rule({ matches: [comment('AWS, CONNMARK')], target: restore }));
    for (const c of connmarkExemptCidrs(cfg)) {
      insertFirst(nat, connmark.name, rule({ dst: dstOf(c), matches: [comment('AWS CONNMARK CHAIN')], target: { kind: 'RETURN' } }));
    }
    append(nat, connmark.name, rule({ matches: [comment('AWS, CONNMARK')], target: { kind: 'CONNMARK-set', value: mark, mask: mark } }));
  }
}

/** The CIDRs whose traffic is neither connmarked nor SNATed: VPC CIDRs, then exclusions. */
export function connmarkExemptCidrs(cfg: CniNetworkConfig): Cidr[] {
  return [...cfg.vpcCidrs, ...cfg.excludeSnatCidrs];
}

/** `0.0.0.0/0` is written without `-d` (the kernel would strip it anyway). */
function dstOf(c: Cidr) {
  return formatCidr(c) === ALL ? undefined : { value: c };
}
