/**
 * The networking limits of one EC2 instance type, as the VPC CNI and the VPC resource
 * controller know them, plus the vCPU count that max-pods-calculator.sh uses for its cap.
 */

/** `Hypervisor` from DescribeInstanceTypes; '' when upstream says "unknown" (mostly bare metal). */
export type Hypervisor = 'nitro' | 'xen' | '';

/** One network card of the instance: its index and how many ENIs it can hold. */
export interface NetworkCard {
  readonly index: number;
  readonly maxEnis: number;
}

/** One row of the catalogue. */
export interface InstanceTypeInfo {
  /** e.g. `m5.large` */
  readonly name: string;
  /** ENIs on the DEFAULT network card (the CNI's `ENILimit`), not the instance-wide total. */
  readonly enis: number;
  /** IPv4 addresses per ENI, including the ENI's own primary address (`IPv4Limit`). */
  readonly ipv4PerEni: number;
  readonly networkCards: readonly NetworkCard[];
  readonly defaultNetworkCardIndex: number;
  readonly hypervisor: Hypervisor;
  readonly bareMetal: boolean;
  /** The resource controller can attach a trunk ENI (security groups for pods). */
  readonly trunkingCompatible: boolean;
  /** Branch ENIs the resource controller allows: `vpc.amazonaws.com/pod-eni` capacity. */
  readonly branchInterfaces: number;
  /** `VCpuInfo.DefaultVCpus`; undefined where no public source we trust lists the type. */
  readonly vcpus?: number;
}
