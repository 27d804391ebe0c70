/**
 * A node's `status.capacity` and `status.allocatable` as an EKS node's kubelet reports them, in
 * resource.Quantity's canonical text.
 *
 * - cpu: the instance's vCPUs; allocatable subtracts nodeadm's kube-reserved CPU (6 % of the first
 *   core, 1 % of the second, 0.5 % of the next two, 0.25 % above four, integer millicores per range:
 *   amazon-eks-ami nodeadm/internal/kubelet/config.go `getCPUMillicoresToReserve`).
 * - memory: MemTotal in Ki; allocatable subtracts kube-reserved `11 × maxPods + 255` Mi
 *   (`getMemoryMebibytesToReserve`) and eviction-hard `memory.available: 100Mi` (nodeadm's default
 *   kubelet config). The catalogue has no memory figures: the instance's GiB come from its family's
 *   GiB per vCPU (c 2, m 4, r 8, x 16; burstable t by size), and MemTotal is that scaled as on a real
 *   m5.large (8 GiB → 7867456Ki, aws/amazon-vpc-cni-k8s issue #148): illustrative, not measured.
 * - ephemeral-storage: the 20 GiB xfs root volume of a managed node group, 20959212Ki (same capture);
 *   allocatable subtracts kube-reserved 1Gi and eviction-hard `nodefs.available: 10%`, taken of the
 *   capacity as kubelet does with a float32 percentage (which is why the allocatable is
 *   19316009748, not …780).
 * - hugepages-1Gi / hugepages-2Mi: 0 (the AMIs reserve none).
 * - pods: kubelet's max pods; `vpc.amazonaws.com/pod-eni`: the resource controller's branch-ENI
 *   count once the node has a trunk (reference c.1).
 */
import type { NodeView } from '../view.ts';

const KI = 1024;
const MI = 1024 * KI;
const GI = 1024 * MI;

/** resource.Quantity.String() of a BinarySI value in bytes: the largest of Ki…Ei that divides it. */
export function binarySI(bytes: number): string {
  if (bytes === 0) return '0';
  const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
  let v = bytes;
  let i = 0;
  while (i < suffixes.length - 1 && v % 1024 === 0) {
    v /= 1024;
    i++;
  }
  return `${v}${suffixes[i]}`;
}

/** resource.Quantity.String() of a DecimalSI CPU value in millicores: whole cores bare, else `…m`. */
export function cpuQuantity(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** nodeadm's kube-reserved CPU in millicores. */
export function kubeReservedCpuMilli(vcpus: number): number {
  const total = vcpus * 1000;
  const ranges = [0, 1000, 2000, 4000, total];
  const per10k = [600, 100, 50, 25];
  let reserved = 0;
  per10k.forEach((p, i) => {
    if (total <= ranges[i]) return;
    reserved += Math.trunc(((Math.min(total, ranges[i + 1]) - ranges[i]) * p) / 10000);
  });
  return reserved;
}

const T_SIZES: Record<string, number> = { nano: 0.5, micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, '2xlarge': 32 };
const GIB_PER_VCPU: Record<string, number> = { c: 2, m: 4, r: 8, x: 16, z: 8 };

/** The instance's memory in GiB (see the file comment: a family rule, not a measured figure). */
export function instanceMemoryGiB(instanceType: string, vcpus: number): number {
  const [family, size] = instanceType.split('.');
  if (family.startsWith('t') && size in T_SIZES) return T_SIZES[size];
  return vcpus * (GIB_PER_VCPU[family[0]] ?? 4);
}

/** Real m5.large: MemTotal 7867456Ki of 8 GiB (the kernel keeps the rest). */
const MEMTOTAL_PER_KI = 7867456 / (8 * 1024 * 1024);
/** Real 20 GiB managed-node-group root volume as statfs reports it. */
const ROOT_FS_BYTES = 20959212 * KI;
/** kubelet parses eviction percentages into a float32. */
const float32 = (x: number): number => Math.fround(x);

export interface NodeResources {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  /** Allocatable cpu (millicores), memory and ephemeral-storage (bytes), for the percentages. */
  allocatableCpuMilli: number;
  allocatableMemory: number;
  allocatableEphemeral: number;
}

/** Capacity and allocatable of one node; `vcpus` is the catalogue's (2 when unknown). */
export function nodeResources(n: NodeView, vcpus: number | undefined): NodeResources {
  const cpus = vcpus ?? 2;
  const memKi = Math.floor((instanceMemoryGiB(n.instanceType, cpus) * 1024 * 1024 * MEMTOTAL_PER_KI) / 4) * 4;
  const memory = memKi * KI;
  const cpuMilli = cpus * 1000;
  const allocCpu = cpuMilli - kubeReservedCpuMilli(cpus);
  const allocMem = memory - (11 * n.maxPods + 255) * MI - 100 * MI;
  const allocEph = ROOT_FS_BYTES - GI - Math.trunc(ROOT_FS_BYTES * float32(0.1));
  const common = { 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', pods: String(n.maxPods) };
  const podEni: Record<string, string> = n.podEniCapacity ? { 'vpc.amazonaws.com/pod-eni': String(n.podEniCapacity) } : {};
  return {
    capacity: { cpu: cpuQuantity(cpuMilli), 'ephemeral-storage': binarySI(ROOT_FS_BYTES), ...common, memory: binarySI(memory), ...podEni },
    allocatable: { cpu: cpuQuantity(allocCpu), 'ephemeral-storage': binarySI(allocEph), ...common, memory: binarySI(allocMem), ...podEni },
    allocatableCpuMilli: allocCpu,
    allocatableMemory: allocMem,
    allocatableEphemeral: allocEph,
  };
}
