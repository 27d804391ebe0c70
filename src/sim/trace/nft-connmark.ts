/**
 * The CNI's nftables connmark (v1.23+, when iptables reports nf_tables; b.4 and upstream
 * `nftConnmark.Setup`), which replaces the nat-PREROUTING connmark chain of the legacy
 * backend:
 *
 *     table ip aws-cni {
 *         chain nat-prerouting {
 *             type nat hook prerouting priority -90; policy accept;
 *             fib daddr type local return
 *             iifname "eni*" counter jump snat-mark
 *             ct mark & 0x80 == 0x0 counter meta mark set meta mark & 0xffffff7f
 *             ct mark & 0x80 == 0x80 counter meta mark set meta mark | 0x80
 *         }
 *         chain snat-mark {
 *             ip daddr <exempt CIDR> counter return        (one per VPC / excluded CIDR)
 *             counter ct mark set ct mark | 0x80
 *         }
 *     }
 *
 * A nat-type chain: it sees only a connection's first packet, after iptables' nat
 * PREROUTING (priority -100).
 */
import { cidrContains, formatCidr } from '../net/ipv4.ts';
import type { NodeNetwork } from '../linux/model.ts';
import type { ConntrackEntry } from './conntrack.ts';
import type { Packet } from './packet.ts';

export type AwsCniNft = NonNullable<NodeNetwork['awsCniNft']>;

const hex = (n: number) => '0x' + (n >>> 0).toString(16);

/** The table as `nft list table ip aws-cni` prints it (without counters). */
export function renderAwsCniNft(t: AwsCniNft): string {
  const bits: number[] = [];
  for (let b = 1; b !== 0 && b <= t.mark; b = (b << 1) >>> 0) if (t.mark & b) bits.push(b);
  return [
    'table ip aws-cni {',
    '\tchain nat-prerouting {',
    '\t\ttype nat hook prerouting priority -90; policy accept;',
    '\t\tfib daddr type local return',
    `\t\tiifname "${t.ifnamePrefix}*" counter jump snat-mark`,
    ...bits.flatMap((b) => [
      `\t\tct mark & ${hex(b)} == 0x0 counter meta mark set meta mark & ${hex(~b)}`,
      `\t\tct mark & ${hex(b)} == ${hex(b)} counter meta mark set meta mark | ${hex(b)}`,
    ]),
    '\t}',
    '\tchain snat-mark {',
    ...t.returnCidrs.map((c) => `\t\tip daddr ${formatCidr(c)} counter return`),
    `\t\tcounter ct mark set ct mark | ${hex(t.mark)}`,
    '\t}',
    '}',
  ].join('\n');
}

/**
 * Runs the chain on a new connection's first packet. Returns the lines that acted, for the
 * trace (the packet mark and the connection mark are updated in place).
 */
export function runAwsCniNft(t: AwsCniNft, p: Packet, ct: ConntrackEntry, inIface: string, dstIsLocal: boolean): string[] {
  if (dstIsLocal) return ['fib daddr type local return'];
  const lines: string[] = [];
  if (inIface.startsWith(t.ifnamePrefix)) {
    lines.push(`iifname "${t.ifnamePrefix}*" counter jump snat-mark`);
    const exempt = t.returnCidrs.find((c) => cidrContains(c, p.dst));
    if (exempt) lines.push(`ip daddr ${formatCidr(exempt)} counter return`);
    else {
      ct.mark = (ct.mark | t.mark) >>> 0;
      lines.push(`counter ct mark set ct mark | ${hex(t.mark)}`);
    }
  }
  p.mark = ((p.mark & ~t.mark) | (ct.mark & t.mark)) >>> 0;
  lines.push(`ct mark & ${hex(t.mark)} == ${hex(ct.mark & t.mark)} counter meta mark set …`);
  return lines;
}
