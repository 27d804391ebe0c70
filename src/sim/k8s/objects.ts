/** The Kubernetes objects the simulator keeps. */
import type { Ipamd } from '../cni/ipamd.ts';
import type { ContainerPortSpec, ReadinessProbeSpec } from '../spec.ts';
import type { Ipv4 } from '../net/ipv4.ts';
import type { PodPhase } from '../view.ts';
import type { SandboxFailure } from '../views/k8s-messages.ts';
import type { Taint } from './node-filters.ts';

export interface Pod {
  namespace: string;
  name: string;
  key: string;
  uid: string;
  deployment?: string;
  node?: string;
  phase: PodPhase;
  ip?: Ipv4;
  eniId?: string;
  hostNetwork: boolean;
  /** A DaemonSet pod: its node affinity pins it to this node (matchFields metadata.name). */
  pinnedNode?: string;
  /** spec.nodeSelector (from the deployment's template). */
  nodeSelector?: Readonly<Record<string, string>>;
  /** metadata.labels (a deployment's pods carry the deployment's labels). */
  labels: Readonly<Record<string, string>>;
  /** Set by the resource controller's webhook: the first container requests `vpc.amazonaws.com/pod-eni: 1`. */
  podEni?: boolean;
  /** Security groups of the SecurityGroupPolicies that matched the pod (union, de-duplicated). */
  securityGroups?: string[];
  /** metadata.annotations (the resource controller writes `vpc.amazonaws.com/pod-eni`). */
  annotations?: Record<string, string>;
  /** The branch ENI whose address the pod got at CNI ADD. */
  branchEniId?: string;
  reason?: string;
  message?: string;
  createdAtMs: number;
  restarts: number;
  /** Place in creation order (pods created in the same millisecond keep their order). */
  ordinal: number;
  sandboxId?: string;
  /** Why the last CNI ADD failed, while the pod waits for kubelet's retry. */
  sandboxFailure?: SandboxFailure;
  /**
   * The prefix of the host-side veth the plugin created with the sandbox (its name is that plus
   * 11 hex digits of SHA-1("<ns>.<pod>")); kept across aws-node restarts, which rename nothing.
   */
  hostVethPrefix?: string;
  /** Last time a FailedScheduling event was recorded (to pace them as the scheduler's back-off does). */
  lastFailedSchedulingMs?: number;
  lastFailedSchedulingMessage?: string;
  /** client-go spam-filter buckets for this pod's events, by event source. */
  eventBudget?: Record<string, { tokens: number; atMs: number }>;
  /** Pending kubelet retry or start timer is outstanding. */
  kubeletBusy?: boolean;
  /** The container's declared ports (from its deployment). */
  containerPorts?: readonly ContainerPortSpec[];
  readinessProbe?: ReadinessProbeSpec;
  /** ContainersReady: the container runs and its readiness probe (if any) passes. */
  containersReady?: boolean;
  /**
   * `spec.readinessGates` conditions (the load balancer controller's
   * `target-health.elbv2.k8s.aws/<tgb>`), by condition type.
   */
  readinessGates?: Record<string, { status: boolean; reason?: string; message?: string; atMs: number }>;
  /** The pod stopped answering (setPodHealth): probes and load balancer health checks fail. */
  unresponsive?: boolean;
  /** When the pod became Terminating. */
  deletionAtMs?: number;
}

/** The pod's Ready condition: containers ready and every readiness gate True. */
export function podReady(p: Pod): boolean {
  if (!p.containersReady) return false;
  if (p.readinessGates) for (const g of Object.values(p.readinessGates)) if (!g.status) return false;
  return true;
}

export interface KNode {
  name: string;
  instanceId: string;
  nodeGroup: string;
  /** Launch order within the node group, from 0 (indexes of removed nodes are not reused). */
  groupIndex: number;
  instanceType: string;
  /** The node group's AMI family. */
  amiFamily: 'AL2023' | 'AL2';
  availabilityZone: string;
  subnetId: string;
  nodeIp: Ipv4;
  maxPods: number;
  labels: Record<string, string>;
  /** Ready once aws-node has written the CNI config (ipamd running). */
  ready: boolean;
  /** spec.unschedulable (kubectl cordon). */
  unschedulable: boolean;
  /** spec.taints in the order they were added (cordon's unschedulable taint included). */
  taints: Taint[];
  pods: Set<string>;
  /** Allocatable `vpc.amazonaws.com/pod-eni` (0 until the resource controller attached a trunk). */
  podEniCapacity: number;
  ipamd: Ipamd;
  joinedAtMs: number;
  /** When the Ready condition last changed (kubelet's lastTransitionTime); absent: never Ready yet. */
  readyChangedAtMs?: number;
}

export interface Deployment {
  namespace: string;
  name: string;
  replicas: number;
  labels: Record<string, string>;
  nodeSelector?: Readonly<Record<string, string>>;
  ports?: readonly ContainerPortSpec[];
  readinessProbe?: ReadinessProbeSpec;
  /** pod-template-hash of its current ReplicaSet. */
  templateHash: string;
}
