/**
 * What `ip -d link` / `ip -d addr` add to each device: the kernel's per-device attributes
 * (IFLA_PROMISCUITY … IFLA_PARENT_DEV_NAME) in the order iproute2 prints them, and the link
 * kind's own line (`veth`, `vlan protocol 802.1Q id 5 <REORDER_HDR>`, `dummy`).
 *
 * Which attributes a line carries depends on the kernel that sends them and the iproute2 that
 * prints them, so each node prints what its own OS prints (`IP_DETAIL_PROFILES`):
 * - AL2: iproute 5.10 on kernel 5.10 — no allmulti (IFLA_ALLMULTI, Linux 6.1), no tso_max_*
 *   or gro_max_size (5.19/6.0), no parentbus/parentdev (5.15, and iproute2 5.15).
 * - AL2023: iproute2 ≥ 6.4 (it prints the address protocol, al2023-node.test.ts) on kernel
 *   6.12 — `allmulti` after one space (iproute2 6.4 dropped 6.1's double space), and
 *   gso_ipv4_max_size / gro_ipv4_max_size (Linux 6.3, iproute2 6.3). Every iproute2 from 6.4 to
 *   7.1 prints these devices the same on 6.12 (netns-immutable needs a 6.15 kernel).
 * - lab: iproute2 6.1 on this repository's capture kernel (fixtures/*.ip-d-*.txt): the double
 *   space, no ipv4 sizes though the kernel sends them.
 *
 * Device facts (kernel sources; the lab checks lo and veth, public captures the rest, see
 * ip-detail.test.ts): lo mtu range 0/0, BIG TCP tso_max_size 524280 (GSO_MAX_SIZE); ENA min
 * 128 (ENA_MIN_MTU), max 9216 (what Nitro reports), `alloc_etherdev_mq(…, min(128, possible
 * CPUs))` queues, the netdev defaults 65536/65535 for tso, its PCI function as parent; veth
 * 68/65535, one queue per possible CPU (veth_get_num_queues), tso_max_size 524280; vlan 0/65535,
 * one queue, tso limits inherited from its parent (netif_inherit_tso_max), REORDER_HDR set by
 * default and no QoS maps (the CNI sets none, the kernel then sends none); dummy 0/0, one queue.
 * Every device: promiscuity 0 (ENA filters unicast itself, IFF_UNICAST_FLT, so a vlan's own MAC
 * does not make the trunk promiscuous), allmulti 0, addrgenmode eui64 (the kernel made every
 * link-local address: `proto kernel_ll` on AL2023), gso 65536/65535, gro 65536.
 */
import type { Link, NodeNetwork } from '../model.ts';

/** Which attributes the node's kernel sends and how its iproute2 prints them. */
export interface IpDetailProfile {
  /** IFLA_ALLMULTI: not sent, or printed after iproute2 6.1's double space, or after one. */
  allmulti: 'none' | 'double' | 'single';
  /** tso_max_size, tso_max_segs, gro_max_size (Linux 5.19/6.0). */
  bigTcp: boolean;
  /** gso_ipv4_max_size, gro_ipv4_max_size (Linux 6.3 and iproute2 6.3). */
  ipv4Sizes: boolean;
  /** parentbus / parentdev (Linux 5.15 and iproute2 5.15). */
  parentDev: boolean;
}

export const IP_DETAIL_PROFILES = {
  AL2: { allmulti: 'none', bigTcp: false, ipv4Sizes: false, parentDev: false },
  AL2023: { allmulti: 'single', bigTcp: true, ipv4Sizes: true, parentDev: true },
  lab: { allmulti: 'double', bigTcp: true, ipv4Sizes: false, parentDev: true },
} as const satisfies Record<string, IpDetailProfile>;

/** The profile of the node's own OS. */
export function profileOf(net: NodeNetwork): IpDetailProfile {
  return IP_DETAIL_PROFILES[net.amiFamily];
}

interface DeviceFacts {
  minMtu: number;
  maxMtu: number;
  /** The link kind's line (`veth`, `vlan protocol …`); none for lo and the ENA devices. */
  kind?: string;
  queues: number;
  tsoMaxSize: number;
  /** Bus and device of the parent device (PCI for ENA). */
  parent?: [string, string];
}

const GSO_MAX_SIZE = 524280;
const LEGACY_MAX_SIZE = 65536;
const MAX_SEGS = 65535;
/** ENA_MAX_NUM_IO_QUEUES */
const ENA_MAX_QUEUES = 128;

function facts(link: Link, links: Link[], cpus: number): DeviceFacts {
  switch (link.kind) {
    case 'loopback':
      return { minMtu: 0, maxMtu: 0, queues: 1, tsoMaxSize: GSO_MAX_SIZE };
    case 'ena': {
      const slot = (5 + (link.deviceIndex ?? 0)).toString(16).padStart(2, '0');
      return { minMtu: 128, maxMtu: 9216, queues: Math.min(ENA_MAX_QUEUES, cpus), tsoMaxSize: LEGACY_MAX_SIZE, parent: ['pci', `0000:00:${slot}.0`] };
    }
    case 'veth':
      return { minMtu: 68, maxMtu: 65535, kind: 'veth', queues: cpus, tsoMaxSize: GSO_MAX_SIZE };
    case 'vlan': {
      const parent = links.find((l) => l.ifindex === link.peerIfindex);
      const tso = parent && parent.kind !== 'vlan' ? facts(parent, links, cpus).tsoMaxSize : LEGACY_MAX_SIZE;
      return { minMtu: 0, maxMtu: 65535, kind: `vlan protocol 802.1Q id ${link.vlanId ?? 0} <REORDER_HDR>`, queues: 1, tsoMaxSize: tso };
    }
    case 'dummy':
      return { minMtu: 0, maxMtu: 0, kind: 'dummy', queues: 1, tsoMaxSize: LEGACY_MAX_SIZE };
  }
}

/** The link kind `ip link show type <kind>` matches (lo and ENA devices have none). */
export function linkKind(link: Link): string | undefined {
  return link.kind === 'loopback' || link.kind === 'ena' ? undefined : link.kind;
}

/**
 * What `-d` appends to the link line, from ` promiscuity` to the last attribute, with the kind's
 * own line in between. `addrgenmode` only for `ip link` (iproute2 prints IFLA_AF_SPEC there only).
 */
export function linkDetails(net: NodeNetwork, links: Link[], link: Link, p: IpDetailProfile, withAddrGenMode: boolean): string {
  const f = facts(link, links, net.vcpus ?? 2);
  const allmulti = p.allmulti === 'none' ? '' : p.allmulti === 'double' ? ' allmulti 0 ' : 'allmulti 0 ';
  let out = ` promiscuity 0 ${allmulti}minmtu ${f.minMtu} maxmtu ${f.maxMtu} `;
  if (f.kind) out += `\n    ${f.kind} `;
  if (withAddrGenMode) out += 'addrgenmode eui64 ';
  out += `numtxqueues ${f.queues} numrxqueues ${f.queues} gso_max_size ${LEGACY_MAX_SIZE} gso_max_segs ${MAX_SEGS} `;
  if (p.bigTcp) out += `tso_max_size ${f.tsoMaxSize} tso_max_segs ${MAX_SEGS} gro_max_size ${LEGACY_MAX_SIZE} `;
  if (p.ipv4Sizes) out += `gso_ipv4_max_size ${LEGACY_MAX_SIZE} gro_ipv4_max_size ${LEGACY_MAX_SIZE} `;
  if (p.parentDev && f.parent) out += `parentbus ${f.parent[0]} parentdev ${f.parent[1]} `;
  return out;
}
