import type { KubeIptablesInput } from './kube-iptables.ts';
import type { ConntrackEntry, NetfilterTableName } from './model.ts';

/**
 * A node's rule counters as traffic left them, one chain at a time: packets and bytes by the
 * rule's `iptables -S` text after `-A <chain>`, or of a built-in chain's policy (text '');
 * undefined for a chain no traffic has touched (so untouched chains cost nothing).
 */
export type CounterLookup = (table: NetfilterTableName, chain: string) => ReadonlyMap<string, { packets: number; bytes: number }> | undefined;

/**
 * What the engine knows about a node at one moment, in the engine's own words (strings as in
 * `view.ts`). `buildNodeNetwork` turns it into the Linux state a real node would hold.
 */

/** One attached ENI as the node sees it. */
export interface EniInput {
  /** Linux name: ens5, ens6, … (AL2023) or eth0, eth1, … (AL2). */
  ifName: string;
  deviceIndex: number;
  networkCard: number;
  mac: string;
  primaryIp: string;
  /** The ENI's subnet, e.g. 192.168.0.0/19 (the gateway is its base + 1). */
  subnetCidr: string;
  kind: 'primary' | 'secondary' | 'trunk';
  /** Secondary IPs (secondary-IP mode); they need no Linux state of their own. */
  secondaryIps?: string[];
  /** /28 prefixes (prefix-delegation mode); likewise only informative here. */
  prefixes?: string[];
}

/** A security-groups-for-pods branch ENI (the `vpc.amazonaws.com/pod-eni` annotation). */
export interface BranchEniInput {
  vlanId: number;
  /** The branch ENI's MAC, given to `vlan.eth.<vlanId>`. */
  mac: string;
  subnetCidr: string;
}

/** One pod bound to the node. */
export interface PodInput {
  namespace: string;
  name: string;
  /** Absent while the sandbox has no address yet (such pods get no namespace). */
  ip?: string;
  /** Device index of the ENI whose address the pod holds (0 = primary ENI). */
  deviceIndex?: number;
  /** Network card of that ENI (default 0). */
  networkCard?: number;
  hostNetwork?: boolean;
  branch?: BranchEniInput;
  /** Values the engine may already hold; otherwise derived from the seed. */
  hostVethMac?: string;
  podEthMac?: string;
  /** The containerd netns name (`cni-<uuid>`). */
  netnsName?: string;
  /** The host-side veth's name as seen on a node (a capture, a test). Wins over the prefix. */
  hostVethName?: string;
  /**
   * The prefix the plugin named the host veth with when it made the sandbox (the engine
   * records it). Absent: the prefix the plugin would use with the env now.
   */
  hostVethPrefix?: string;
}

export interface NodeNetworkInput {
  nodeName: string;
  /**
   * The node's AMI family (ami.ts). Absent: AL2, the node of the reference's worked example b.5
   * (scenarios default to AL2023; the snapshot bridge always says which).
   */
  amiFamily?: 'AL2023' | 'AL2';
  instanceId: string;
  /** The instance type's vCPUs (NodeNetwork.vcpus). */
  vcpus?: number;
  enis: EniInput[];
  /** In the order their sandboxes were created (this fixes ifindexes and rule order). */
  pods: PodInput[];
  /** The aws-node container environment, real variable names, raw string values. */
  env: Record<string, string>;
  vpcCidrs: string[];
  /** Default: the AMI's (AL2 legacy, AL2023 nf_tables). */
  iptablesBackend?: 'legacy' | 'nft';
  /** Seed for the values the real system leaves to chance (veth MACs, netns ids). */
  seed: string;
  /**
   * kube-proxy's and kubelet's chains: true (default) for the base chains with EKS's kube-proxy
   * configuration and no Service, false for none, or the configuration and service rules
   * src/sim/kube-proxy wrote for this node.
   */
  kubeProxy?: boolean | KubeIptablesInput;
  /** Seconds left on eth0's DHCP lease, printed as `valid_lft` (default 3600: EC2's lease). */
  dhcpLeaseSecondsLeft?: number;
  /** Counters traffic has moved (absent: all zero). */
  counters?: CounterLookup;
  /** The host's conntrack table as traffic left it. */
  conntrack?: ConntrackEntry[];
}
