/**
 * Entries printed the way the real tools print them: `ip rule`, `ip route show table N`,
 * `iptables -S`. The tracer quotes these lines as the deciding entry of each hop; the kernel
 * test checks them against the kernel's own output.
 */
import { formatIpv4, type Cidr } from '../net/ipv4.ts';
import type { IpRule, IptMatch, IptRule, IptTarget, Negatable, Route } from '../linux/model.ts';

const TABLE_NAMES: Record<number, string> = { 255: 'local', 254: 'main', 253: 'default' };

/** Table id as `ip` prints it (local/main/default by name, the rest by number). */
export function tableName(id: number): string {
  return TABLE_NAMES[id] ?? String(id);
}

/** A prefix as iproute2 prints it: a /32 host without its length, 0/0 as `zero`. */
export function formatPrefix(c: Cidr, zero: string): string {
  if (c.prefixLength === 0) return zero;
  return c.prefixLength === 32 ? formatIpv4(c.base) : `${formatIpv4(c.base)}/${c.prefixLength}`;
}

const hex = (n: number) => '0x' + (n >>> 0).toString(16);

/** One line of `ip rule` (priority, colon, tab, selectors, action). */
export function formatIpRule(r: IpRule): string {
  let s = `${r.priority}:\tfrom ${r.from ? formatPrefix(r.from, 'all') : 'all'}`;
  if (r.to && r.to.prefixLength > 0) s += ` to ${formatPrefix(r.to, 'all')}`;
  if (r.fwmark) s += r.fwmark.mask === 0xffffffff ? ` fwmark ${hex(r.fwmark.value)}` : ` fwmark ${hex(r.fwmark.value)}/${hex(r.fwmark.mask)}`;
  if (r.iif) s += ` iif ${r.iif}`;
  if (r.oif) s += ` oif ${r.oif}`;
  return s + ` lookup ${tableName(r.table)}`;
}

/** One line of `ip route show table <route.table>` (no table column). */
export function formatRoute(r: Route): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(formatPrefix(r.dst, 'default'));
  if (r.via !== undefined) parts.push('via', formatIpv4(r.via));
  parts.push('dev', r.dev);
  if (r.proto && r.proto !== 'boot') parts.push('proto', r.proto);
  if (r.scope && r.scope !== 'universe') parts.push('scope', r.scope);
  if (r.src !== undefined) parts.push('src', formatIpv4(r.src));
  if (r.metric !== undefined) parts.push('metric', String(r.metric));
  return parts.join(' ');
}

const neg = <T>(n: Negatable<T> | undefined) => (n?.not ? '! ' : '');
const cidrText = (c: Cidr) => `${formatIpv4(c.base)}/${c.prefixLength}`;

function formatMatch(m: IptMatch): string {
  switch (m.module) {
    case 'comment':
      return `-m comment --comment ${/^[\w.:/-]+$/.test(m.comment) ? m.comment : `"${m.comment}"`}`;
    case 'addrtype': {
      let s = '-m addrtype';
      if (m.srcType) s += ` ${neg(m.srcType)}--src-type ${m.srcType.value}`;
      if (m.dstType) s += ` ${neg(m.dstType)}--dst-type ${m.dstType.value}`;
      if (m.limitIfaceIn) s += ' --limit-iface-in';
      if (m.limitIfaceOut) s += ' --limit-iface-out';
      return s;
    }
    case 'conntrack':
      return `-m conntrack ${neg(m.ctstate)}--ctstate ${m.ctstate.value.join(',')}`;
    case 'mark':
      return `-m mark ${neg(m.mark)}--mark ${hex(m.mark.value.value)}/${hex(m.mark.value.mask)}`;
    case 'tcp':
    case 'udp': {
      let s = `-m ${m.module}`;
      if (m.sport) s += ` ${neg(m.sport)}--sport ${m.sport.value}`;
      if (m.dport) s += ` ${neg(m.dport)}--dport ${m.dport.value}`;
      return s;
    }
    case 'nfacct':
      return `-m nfacct --nfacct-name ${m.name}`;
  }
}

function formatTarget(t: IptTarget): string {
  switch (t.kind) {
    case 'jump':
      return `-j ${t.chain}`;
    case 'REJECT':
      return `-j REJECT --reject-with ${t.rejectWith}`;
    case 'SNAT':
      return `-j SNAT --to-source ${formatIpv4(t.toSource)}${t.random ? ` --${t.random}` : ''}`;
    case 'MASQUERADE':
      return `-j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`;
    case 'DNAT':
      return `-j DNAT --to-destination ${t.toDestination}`;
    case 'MARK':
      return `-j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'CONNMARK-set':
      return `-j CONNMARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    case 'CONNMARK-restore':
      return `-j CONNMARK --restore-mark --nfmask ${hex(t.nfmask)} --ctmask ${hex(t.ctmask)}`;
    default:
      return `-j ${t.kind}`;
  }
}

/**
 * A rule in iptables' canonical save format (`iptables -S`): -s, -d, -i, -o, -p, then the
 * -m modules in the order given, then the target.
 */
export function formatIptRule(chain: string, r: IptRule): string {
  const parts = ['-A', chain];
  if (r.src) parts.push(`${neg(r.src)}-s ${cidrText(r.src.value)}`);
  if (r.dst) parts.push(`${neg(r.dst)}-d ${cidrText(r.dst.value)}`);
  if (r.inIface) parts.push(`${neg(r.inIface)}-i ${r.inIface.value}`);
  if (r.outIface) parts.push(`${neg(r.outIface)}-o ${r.outIface.value}`);
  if (r.protocol) parts.push(`${neg(r.protocol)}-p ${r.protocol.value}`);
  for (const m of r.matches) parts.push(formatMatch(m));
  if (r.target) parts.push(formatTarget(r.target));
  return parts.join(' ');
}
