/**
 * The Linux network state of one EKS node at one moment: the host namespace, one namespace
 * per pod, policy-routing rules, route tables, netfilter tables and conntrack.
 *
 * Everything here is plain, serialisable data (numbers, strings, arrays, records), so it
 * crosses the worker boundary and can be evaluated by the packet tracer (src/sim/trace) and
 * exported as a bash lab (src/sim/lab). Addresses are the branded numbers of `net/ipv4.ts`;
 * a device's own name is an `IfName` (checked against the kernel's rules when the link is
 * made); rules, routes and neighbours refer to devices by plain strings.
 *
 * Arrays are kept in the order the kernel reports them (links by ifindex, rules by priority
 * then insertion, iptables rules in chain order), so renderers never need to sort except
 * where the kernel itself sorts (fib trie order for routes).
 */
import type { Cidr, Ipv4 } from '../net/ipv4.ts';
import type { IfName } from './ifname.ts';

/** Lower-case colon-separated MAC, e.g. `0a:1b:2c:3d:4e:5f`. */
export type MacText = string;

/** Interface flags in the order `ip link` prints them inside `<...>`. */
export type LinkFlag = 'LOOPBACK' | 'BROADCAST' | 'POINTOPOINT' | 'MULTICAST' | 'NOARP' | 'UP' | 'LOWER_UP';

export type LinkKind =
  /** `lo` */
  | 'loopback'
  /** An ENI (ena driver): eth0, eth1, ... */
  | 'ena'
  /** One end of a veth pair: host side `eni…`/`vlan…`, pod side `eth0`. */
  | 'veth'
  /** 802.1Q sub-interface `vlan.eth.<id>` of the trunk ENI (SGP branch pods). */
  | 'vlan'
  /** kube-proxy's `kube-ipvs0` (IPVS mode): never brought up, it only holds the service addresses. */
  | 'dummy';

/** One network device as `ip link` shows it. */
export interface Link {
  ifindex: number;
  name: IfName;
  kind: LinkKind;
  mac: MacText;
  /** `brd` on the link/ether line. */
  broadcastMac: MacText;
  mtu: number;
  flags: LinkFlag[];
  /** `qdisc mq` for ENA, `noqueue` for veth/vlan/lo. */
  qdisc: string;
  /** Operational state: `UP`, `UNKNOWN` (lo), `DOWN`, `LOWERLAYERDOWN`. */
  operState: string;
  /**
   * `qlen` when the device has a tx queue length (`lo`, ENA, the CNI's vlan devices: 1000).
   * Absent (0) on the CNI's veths (the plugin's netlink.LinkAttrs leaves TxQLen at 0, which
   * vishvananda/netlink sends as IFLA_TXQLEN 0 for both ends).
   */
  txQueueLen?: number;
  /** Alternative names udev gave the device (`altname enp0s5` under the link line). */
  altNames?: string[];
  /** veth: the peer's ifindex (printed `name@if<peer>`). vlan: the parent's ifindex. */
  peerIfindex?: number;
  /** vlan: the parent's name (printed `vlan.eth.1@eth2`). */
  parentName?: string;
  vlanId?: number;
  /** ENA: the ENI's device index; Nitro puts it in PCI slot 5 + index (`parentdev 0000:00:05.0`). */
  deviceIndex?: number;
  /**
   * veth whose peer lives in another namespace: what `ip` prints after the MAC line —
   * `link-netns <name>` when that namespace is named (host side seeing a pod), else
   * `link-netnsid <id>` (pod side seeing the unnamed host namespace).
   */
  linkNetns?: { name: string } | { id: number };
}

/** One address as `ip addr` shows it. */
export interface Address {
  ifindex: number;
  family: 'inet' | 'inet6';
  /** IPv4 as number; IPv6 link-local already formatted (we only ever hold fe80::/64 and ::1). */
  local: Ipv4 | string;
  prefixLength: number;
  /** IPv4 broadcast (`brd`), when the address has one. */
  broadcast?: Ipv4;
  scope: 'global' | 'link' | 'host';
  /** DHCP-acquired (`dynamic` flag, finite lifetimes). */
  dynamic?: boolean;
  /** Seconds, or 'forever'. */
  validLft: number | 'forever';
  preferredLft: number | 'forever';
  /** The address label printed at the end of the `inet` line (the device name for IPv4). */
  label?: string;
  /** IFA_RT_PRIORITY: the metric its prefix route gets (`inet … metric 512 brd …`, networkd's DHCP). */
  metric?: number;
  /** IFA_F_NOPREFIXROUTE (systemd adds the host's `::1` so). */
  noPrefixRoute?: boolean;
  /**
   * IFA_PROTO as AL2023's iproute2 names it: the kernel (6.0+) tags the link-local addresses it
   * makes `kernel_ll` and a namespace's `::1` `kernel_lo`. Absent: not printed (AL2's 5.10 kernel
   * has no IFA_PROTO; iproute2 6.1, which made the fixtures, does not print it).
   */
  proto?: 'kernel_lo' | 'kernel_ll';
}

/** Route types as `ip route` spells them (unicast is not printed). */
export type RouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable';

/** Well-known table ids. */
export const RT_TABLE = { default: 253, main: 254, local: 255 } as const;

/** One route in one table. */
export interface Route {
  table: number;
  type: RouteType;
  /** Destination; `prefixLength` 0 is printed `default`. */
  dst: Cidr;
  via?: Ipv4;
  dev: string;
  /** `proto kernel` / `proto dhcp` / `proto static`; absent = boot (not printed). */
  proto?: 'kernel' | 'dhcp' | 'static' | 'boot';
  /** Absent = universe (not printed). */
  scope?: 'link' | 'host' | 'universe';
  src?: Ipv4;
  metric?: number;
}

/** An IPv6 route, kept only so `ip route show table all` is complete (never evaluated). */
export interface Route6 {
  table: number;
  type: 'unicast' | 'local' | 'multicast';
  /** As printed: `fe80::/64`, `::1`, `ff00::/8`. */
  dst: string;
  /** 32 hex digits of the address + 3-digit prefix length: the kernel's fib6 walk order. */
  sortKey: string;
  dev: string;
  metric: number;
}

/** One policy-routing rule (`ip rule`). Absent selectors mean "all". */
export interface IpRule {
  priority: number;
  from?: Cidr;
  to?: Cidr;
  iif?: string;
  oif?: string;
  fwmark?: { value: number; mask: number };
  /** Table id; printed by name for 253/254/255. */
  table: number;
}

/** A neighbour (ARP) entry. */
export interface Neighbour {
  ip: Ipv4;
  dev: string;
  lladdr?: MacText;
  state: 'PERMANENT' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'INCOMPLETE' | 'NOARP';
}

// ---------------------------------------------------------------------------- netfilter

export type NetfilterTableName = 'raw' | 'mangle' | 'nat' | 'filter';

/** A `[!] value` selector. */
export interface Negatable<T> {
  value: T;
  not?: boolean;
}

/**
 * Match extensions (`-m …`) the node's rules use, in the order they were given
 * (iptables prints them in that order, after the -s/-d/-i/-o/-p fields).
 */
export type IptMatch =
  | { module: 'comment'; comment: string }
  /** `-m addrtype [!] --src-type T [!] --dst-type T [--limit-iface-in|--limit-iface-out]` */
  | {
      module: 'addrtype';
      srcType?: Negatable<AddrType>;
      dstType?: Negatable<AddrType>;
      limitIfaceIn?: boolean;
      limitIfaceOut?: boolean;
    }
  /** `-m conntrack [!] --ctstate A,B` */
  | { module: 'conntrack'; ctstate: Negatable<CtState[]> }
  /** `-m mark [!] --mark value/mask` */
  | { module: 'mark'; mark: Negatable<{ value: number; mask: number }> }
  /** `-m tcp|udp [--sport n] [--dport n]` (implicit match after `-p tcp|udp`) */
  | { module: 'tcp' | 'udp'; sport?: Negatable<number>; dport?: Negatable<number> }
  /** `-m nfacct --nfacct-name X` */
  | { module: 'nfacct'; name: string }
  /**
   * `-m statistic --mode random --probability p`. The kernel keeps round(p·2³¹), so the
   * tracer should compare against that and `iptables -S` prints it back with 11 decimals.
   */
  | { module: 'statistic'; probability: number }
  /**
   * `-m recent --name N (--set | --rcheck --seconds S --reap)` with the default mask and
   * `--rsource` (kube-proxy's ClientIP session affinity: the list is named after the SEP chain).
   */
  | { module: 'recent'; name: string; set?: boolean; rcheckSeconds?: number }
  /** `-m set [!] --match-set NAME dst,dst` (kube-proxy's IPVS mode): `flags` as written, e.g. `dst,dst,src`. */
  | { module: 'set'; name: string; flags: string; not?: boolean };

export type AddrType = 'LOCAL' | 'UNICAST' | 'BROADCAST' | 'MULTICAST' | 'ANYCAST' | 'BLACKHOLE' | 'UNREACHABLE';
export type CtState = 'INVALID' | 'NEW' | 'ESTABLISHED' | 'RELATED' | 'UNTRACKED' | 'SNAT' | 'DNAT';

/** What a rule does when it matches (`-j …`), absent = no target (counting/comment only). */
export type IptTarget =
  | { kind: 'ACCEPT' | 'DROP' | 'RETURN' }
  /** Jump to a user-defined chain. */
  | { kind: 'jump'; chain: string }
  | { kind: 'REJECT'; rejectWith: string }
  /** `SNAT --to-source ip [--random | --random-fully]` */
  | { kind: 'SNAT'; toSource: Ipv4; random?: 'random' | 'random-fully' }
  | { kind: 'MASQUERADE'; randomFully?: boolean }
  | { kind: 'DNAT'; toDestination: string }
  /** `MARK --set-xmark value/mask`: mark = (mark & ~mask) ^ value. */
  | { kind: 'MARK'; value: number; mask: number }
  /** `CONNMARK --set-xmark value/mask`: ctmark = (ctmark & ~mask) ^ value. */
  | { kind: 'CONNMARK-set'; value: number; mask: number }
  /** `CONNMARK --restore-mark --nfmask m --ctmask c`: mark = (mark & ~m) | (ctmark & c). */
  | { kind: 'CONNMARK-restore'; nfmask: number; ctmask: number };

/**
 * One rule as data: the tracer evaluates the fields, the renderer prints them.
 * Immutable apart from `packets`/`bytes`: to change a rule, put a new object in its place
 * (renderers cache a rule's text by object identity).
 */
export interface IptRule {
  src?: Negatable<Cidr>;
  dst?: Negatable<Cidr>;
  /** `-i` (a trailing `+` is a prefix wildcard, as in `eni+`). */
  inIface?: Negatable<string>;
  outIface?: Negatable<string>;
  protocol?: Negatable<'tcp' | 'udp' | 'icmp' | 'sctp'>;
  matches: IptMatch[];
  target?: IptTarget;
  /** Packet and byte counters (`iptables-save -c`, and the tracer increments them). */
  packets: number;
  bytes: number;
}

export interface IptChain {
  name: string;
  /** Built-in chains have a policy; user chains do not. */
  policy?: 'ACCEPT' | 'DROP';
  /** Policy counters of a built-in chain (`:INPUT ACCEPT [p:b]`). */
  packets: number;
  bytes: number;
  rules: IptRule[];
}

/** One table: built-in chains first in kernel order, then user chains in creation order. */
export interface NetfilterTable {
  name: NetfilterTableName;
  chains: IptChain[];
}

// ---------------------------------------------------------------------------- conntrack

export interface ConntrackTuple {
  src: Ipv4;
  dst: Ipv4;
  /** tcp/udp ports. */
  sport?: number;
  dport?: number;
  /** icmp type/code/id. */
  icmpType?: number;
  icmpCode?: number;
  icmpId?: number;
}

/** One connection-tracking entry as `conntrack -L` lists it. */
export interface ConntrackEntry {
  protocol: 'tcp' | 'udp' | 'icmp';
  /** Seconds left. */
  timeout: number;
  /** TCP state (ESTABLISHED, SYN_SENT, TIME_WAIT, ...); absent for udp/icmp. */
  tcpState?: string;
  original: ConntrackTuple;
  reply: ConntrackTuple;
  /** Printed after the original tuple when no reply has been seen. */
  unreplied?: boolean;
  /** Printed after the reply tuple once the connection is assured. */
  assured?: boolean;
  /** ct mark (the CNI's 0x80 bit lives here). */
  mark: number;
  use: number;
}

// ---------------------------------------------------------------------------- namespaces

/** One network namespace. */
export interface Netns {
  /**
   * Host namespace: ''. Pod namespaces: the containerd name (`cni-<uuid>`), which is what the
   * host's `ip link` prints after `link-netns`.
   */
  name: string;
  links: Link[];
  addresses: Address[];
  rules: IpRule[];
  /** All tables' IPv4 routes; renderers filter by `table` and order them like the kernel. */
  routes: Route[];
  /** IPv6 routes (link-local only in IPv4 clusters); `ip route show table all` lists them too. */
  routes6: Route6[];
  neighbours: Neighbour[];
  /** Full sysctl names, e.g. `net.ipv4.conf.eth0.rp_filter` → `'2'` (values as `sysctl` prints them). */
  sysctls: Record<string, string>;
  netfilter: Record<NetfilterTableName, NetfilterTable>;
  conntrack: ConntrackEntry[];
  /** kube-proxy's ipsets (IPVS mode), in the order `ipset list` lists them. */
  ipsets?: IpSet[];
  /** The IPVS virtual servers (IPVS mode). */
  ipvs?: IpvsService[];
}

// ---------------------------------------------------------------------------- ipset, IPVS

export type IpSetType = 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

/** One ipset as `ipset list` shows it; members as ipset prints them (`10.100.0.1,tcp:443`, `31234`). */
export interface IpSet {
  name: string;
  type: IpSetType;
  members: string[];
  /** iptables rules that name the set. */
  references: number;
}

/** One IPVS real server (NAT forwarding: `Masq`). */
export interface IpvsRealServer {
  address: Ipv4;
  port: number;
  weight: number;
}

/** One IPVS virtual server as `ipvsadm -Ln` lists it. */
export interface IpvsService {
  protocol: 'tcp' | 'udp';
  address: Ipv4;
  port: number;
  scheduler: string;
  /** ClientIP session affinity: `persistent <seconds>`. */
  persistentTimeout?: number;
  realServers: IpvsRealServer[];
  /** kube-proxy's service port name (`default/web:http`), for the tracer's notes. */
  service: string;
}

/** A pod's namespace plus who it belongs to and how it is wired to the host. */
export interface PodNetns extends Netns {
  namespace: string;
  pod: string;
  ip: Ipv4;
  /** Host-side veth name (`eni…` or `vlan…`). */
  hostVeth: string;
  /** Route table that traffic from this pod uses on the host (254 = main). */
  hostTable: number;
  /** SGP branch pods only. */
  vlanId?: number;
  /** The id the host namespace knows this namespace by (`ip netns list-id`), from 0. */
  nsid: number;
}

/** The CNI configuration the node's network was built with (parsed aws-node env). */
export interface CniNetworkConfig {
  externalSnat: boolean;
  excludeSnatCidrs: Cidr[];
  /** `AWS_EXTERNAL_SERVICE_CIDRS`: each gets rule 1535 `to <cidr> lookup main`. */
  externalServiceCidrs: Cidr[];
  randomizeSnat: 'prng' | 'hashrandom' | 'none';
  /**
   * `net.ipv4.tcp_early_demux` as aws-node's init container writes it: 0 only when
   * `DISABLE_TCP_EARLY_DEMUX` is exactly `true` (a plain string compare), else 1.
   */
  tcpEarlyDemux: 0 | 1;
  vethPrefix: string;
  nodePortSupport: boolean;
  connmark: number;
  eniMtu: number;
  podMtu: number;
  podEni: boolean;
  podSgEnforcingMode: 'strict' | 'standard';
  iptablesBackend: 'legacy' | 'nft';
  vpcCidrs: Cidr[];
}

/** Everything a node's `ip`/`iptables`/`conntrack` would show. */
export interface NodeNetwork {
  nodeName: string;
  /** The AMI family the node runs: it decides device names, DHCP routes, sysctls and the iptables backend. */
  amiFamily: 'AL2023' | 'AL2';
  instanceId: string;
  /**
   * The instance type's vCPUs, taken as the kernel's possible CPUs: the ENA driver allocates
   * min(128, possible CPUs) queues and a veth one per possible CPU (`ip -d link`'s numtxqueues).
   * Absent (a type the catalogue has no figure for): 2.
   */
  vcpus?: number;
  config: CniNetworkConfig;
  host: Netns;
  /** Pod namespaces (hostNetwork pods have none), in creation order. */
  pods: PodNetns[];
  /**
   * nftables backend only: the CNI's `table ip aws-cni` that replaces the nat-PREROUTING
   * connmark rules (b.4). Hook prerouting, priority -90: `fib daddr type local return`,
   * `iifname "<ifnamePrefix>*" jump snat-mark` (which returns for each `returnCidrs` entry,
   * else sets ct mark |= mark), then restores `meta mark` from `ct mark & mark`.
   */
  awsCniNft?: { ifnamePrefix: string; returnCidrs: Cidr[]; mark: number };
}
