/**
 * The bridge from engine views to the Linux model: a node's `NodeNetworkInput` — its attached
 * ENIs, and every pod whose sandbox exists (ContainerCreating with an address, Running,
 * Terminating until CNI DEL) with the device index of the ENI that holds its address.
 * Pods are ordered by creation time, which fixes ifindexes and rule order. A pod on a branch
 * ENI (security groups for pods) gets its VLAN id, the branch ENI's MAC and subnet. Each pod
 * keeps the host veth its sandbox was created with.
 */
import { getInstanceType } from '../catalog/index.ts';
import type { NodeNetworkInput } from '../linux/input.ts';
import type { NodeView, PodView, SimSnapshot } from '../view.ts';

export interface NodeNetworkContext {
  /** The aws-node env the node was set up with (the engine knows it per node). */
  env: Record<string, string>;
  vpcCidrs: readonly string[];
  /** Seeds the values the real system leaves to chance (veth MACs, netns ids). */
  scenarioName: string;
}

/** One node's input, from its view and the pods bound to it (any order; sorted here). */
export function nodeNetworkInput(n: NodeView, podsOnNode: readonly PodView[], ctx: NodeNetworkContext): NodeNetworkInput {
  const enis = n.enis
    .filter((e) => e.attachmentState === 'attached' && e.kind !== 'branch')
    .map((e) => ({
      ifName: e.ifName,
      deviceIndex: e.deviceIndex,
      networkCard: e.networkCard,
      mac: e.mac,
      primaryIp: e.primaryIp,
      subnetCidr: e.subnetCidr,
      kind: e.kind === 'primary' ? ('primary' as const) : e.kind === 'trunk' ? ('trunk' as const) : ('secondary' as const),
      secondaryIps: e.secondaryIps.map((a) => a.ip),
      prefixes: e.prefixes.map((p) => p.cidr),
    }));
  // Which ENI holds an address: one map per node rather than a search per pod.
  const eniOfIp = new Map<string, NodeView['enis'][number]>();
  for (const e of n.enis) {
    for (const a of e.secondaryIps) if (!eniOfIp.has(a.ip)) eniOfIp.set(a.ip, e);
    for (const p of e.prefixes) for (const a of p.addresses) if (!eniOfIp.has(a.ip)) eniOfIp.set(a.ip, e);
  }
  const pods = podsOnNode
    .filter((p) => p.node === n.name && p.phase !== 'Pending' && !p.hostNetwork && p.ip)
    .toSorted((a, b) => a.createdAtMs - b.createdAtMs)
    .map((p) => {
      const branch = p.branchEniId ? n.enis.find((e) => e.kind === 'branch' && e.id === p.branchEniId) : undefined;
      const veth = p.hostVethPrefix !== undefined ? { hostVethPrefix: p.hostVethPrefix } : {};
      if (branch?.vlanId !== undefined) {
        return { namespace: p.namespace, name: p.name, ip: p.ip, ...veth, branch: { vlanId: branch.vlanId, mac: branch.mac, subnetCidr: branch.subnetCidr } };
      }
      const eni = eniOfIp.get(p.ip!);
      return { namespace: p.namespace, name: p.name, ip: p.ip, ...veth, deviceIndex: eni?.deviceIndex ?? 0, networkCard: eni?.networkCard ?? 0 };
    });
  const vcpus = getInstanceType(n.instanceType)?.vcpus;
  return { nodeName: n.name, amiFamily: n.amiFamily ?? 'AL2023', instanceId: n.instanceId, ...(vcpus ? { vcpus } : {}), enis, pods, env: { ...ctx.env }, vpcCidrs: [...ctx.vpcCidrs], seed: `${ctx.scenarioName}/${n.name}` };
}

/**
 * NodeNetworkInputs for every node of a snapshot, plus the VPC CIDRs. A snapshot carries
 * only the DaemonSet env, so every node is taken to run it; the engine's `networkInput`
 * knows better (a node runs the env it last restarted with).
 */
export function networkInputsFromSnapshot(snap: SimSnapshot): { vpcCidrs: string[]; nodes: NodeNetworkInput[] } {
  const byNode = new Map<string, PodView[]>();
  for (const p of snap.pods) {
    if (p.node === undefined) continue;
    const list = byNode.get(p.node);
    if (list) list.push(p);
    else byNode.set(p.node, [p]);
  }
  const ctx = { env: snap.env, vpcCidrs: snap.vpc.cidrs, scenarioName: snap.scenarioName };
  return { vpcCidrs: [...snap.vpc.cidrs], nodes: snap.nodes.map((n) => nodeNetworkInput(n, byNode.get(n.name) ?? [], ctx)) };
}
