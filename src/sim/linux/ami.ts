/**
 * What a node's EKS-optimised AMI decides about its Linux networking and what it reports to
 * Kubernetes. Two families:
 *
 * - **AL2023** (EKS's default today). systemd's predictable names: an ENA device is named
 *   after its PCI hot-plug slot, `ens5` for device index 0 on Nitro, the next ENIs `ens6`, `ens7`…,
 *   with the PCI path name as `altname enp0s5` (two EKS AL2023 nodes' `ip addr`, 2025–2026:
 *   ens5/enp0s5 primary, ens6/enp0s6 the VPC CNI's first ENI). nodeadm's udev-net-manager hands
 *   the primary interface to systemd-networkd with `RouteMetric=512 + 100×card + device`
 *   (amazon-eks-ami nodeadm/cmd/nodeadm-internal/udev, from amazon-ec2-net-utils lib.sh) and every
 *   ENI attached after boot to the CNI. networkd's DHCPv4 leaves `proto dhcp … metric 512` routes:
 *   default, the gateway, the DNS server (VPC base + 2: on-link when it is in the subnet, else via
 *   the gateway), and the address carries the metric (`inet … metric 512 brd …`). systemd 252's
 *   sysctl.d/50-default.conf: `default.rp_filter = 2`, `*.rp_filter = 2`, `-all.rp_filter`
 *   (so all stays 0). iptables is iptables-nft, so VPC CNI v1.23 keeps its connmark in the
 *   nftables table `ip aws-cni` (reference b.4). The kernel tags addresses it makes itself
 *   (IFA_PROTO, Linux 6.0+) and AL2023's iproute2 prints them: `proto kernel_ll` on link-local
 *   addresses, `proto kernel_lo` on a namespace's `::1`; the host's `::1` is added by systemd with
 *   `noprefixroute` (the EKS captures above).
 * - **AL2**. `eth0`, `eth1`… (net.ifnames=0), dhclient + ec2-net-utils v1: `default via <gw> dev
 *   eth0`, `169.254.169.254 dev eth0` and the kernel's subnet route, no metrics (an EKS AL2 node's
 *   `ip route`); systemd 219's 50-default.conf sets all/default rp_filter to 1; iptables-legacy;
 *   kernel 5.10 and iproute 5.10 print no address protocol.
 */
import type { AmiFamily } from '../spec.ts';

export type { AmiFamily };

export const AMI_FAMILIES: readonly AmiFamily[] = ['AL2023', 'AL2'];

/** What EKS launches when a node group names no AMI type. */
export const DEFAULT_AMI_FAMILY: AmiFamily = 'AL2023';

/** The PCI slot Nitro gives the ENA device of `deviceIndex` (the primary ENI sits in slot 5). */
function slot(deviceIndex: number): number {
  return 5 + deviceIndex;
}

/**
 * The Linux name of an ENI. Network cards past 0 only exist on the largest types; we name their
 * devices by device index as well (the simulator gives them no PCI topology of their own).
 */
export function eniIfName(ami: AmiFamily, deviceIndex: number): string {
  return ami === 'AL2' ? `eth${deviceIndex}` : `ens${slot(deviceIndex)}`;
}

/** The names udev adds beside it (`ip link` prints them as `altname …`). */
export function eniAltNames(ami: AmiFamily, deviceIndex: number): string[] {
  return ami === 'AL2' ? [] : [`enp0s${slot(deviceIndex)}`];
}

/** The iptables the AMI ships: AL2023's reports nf_tables, AL2's legacy. */
export function iptablesBackendOf(ami: AmiFamily): 'legacy' | 'nft' {
  return ami === 'AL2' ? 'legacy' : 'nft';
}

/** networkd's route metric for the primary interface (card 0, device 0). */
export const AL2023_PRIMARY_METRIC = 512;

/** What `kubectl get nodes -o wide` and `kubectl describe node` report for the AMI. */
export interface NodeOs {
  osImage: string;
  kernelVersion: string;
  containerRuntime: string;
  kubeletVersion: string;
}

/**
 * From the amazon-eks-ami release notes (CHANGELOG.md): AL2023 x86_64 standard for Kubernetes
 * 1.34, release v20260318 (AL2023 2023.10.20260302, kernel6.12 6.12.73-95.123.amzn2023,
 * containerd 2.2.1, kubelet 1.34.4 — reported as `v1.34.4-eks-f69f56f` by a real EKS node of that
 * time); AL2's last release, v20251209 for 1.32 (kernel 5.10.245-245.983.amzn2, containerd
 * 1.7.29, kubelet 1.32.9; the `-eks-<commit>` suffix of that build is illustrative).
 */
export const NODE_OS: Record<AmiFamily, NodeOs> = {
  AL2023: {
    osImage: 'Amazon Linux 2023.10.20260302',
    kernelVersion: '6.12.73-95.123.amzn2023.x86_64',
    containerRuntime: 'containerd://2.2.1',
    kubeletVersion: 'v1.34.4-eks-f69f56f',
  },
  AL2: {
    osImage: 'Amazon Linux 2',
    kernelVersion: '5.10.245-245.983.amzn2.x86_64',
    containerRuntime: 'containerd://1.7.29',
    kubeletVersion: 'v1.32.9-eks-113cf36',
  },
};
