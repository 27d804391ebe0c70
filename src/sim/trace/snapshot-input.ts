/**
 * The bridge from engine state to the Linux model: derives each node's `NodeNetworkInput`
 * from a snapshot (what the UI and CLI already have) — its attached
 * ENIs, and every pod whose sandbox exists (ContainerCreating with an address, Running,
 * Terminating until CNI DEL) with the device index of the ENI that holds their address.
 * Pods are ordered by creation time, which fixes ifindexes and rule order. A pod on a branch
 * ENI (security groups for pods) gets its VLAN id, the branch ENI's MAC and subnet. Each pod
 * keeps the host veth its sandbox was created with.
 */
import type { NodeNetworkInput } from '../linux/input.ts';
import type { SimSnapshot } from '../view.ts';

/** NodeNetworkInputs for every node of a snapshot, plus the VPC CIDRs. */
export function networkInputsFromSnapshot(snap: SimSnapshot): { vpcCidrs: string[]; nodes: NodeNetworkInput[] } {
  const nodes = snap.nodes.map((n): NodeNetworkInput => {
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
    const eniOf = (ip: string) =>
      n.enis.find((e) => e.secondaryIps.some((a) => a.ip === ip) || e.prefixes.some((p) => p.addresses.some((a) => a.ip === ip)));
    const pods = snap.pods
      .filter((p) => p.node === n.name && p.phase !== 'Pending' && !p.hostNetwork && p.ip)
      .toSorted((a, b) => a.createdAtMs - b.createdAtMs)
      .map((p) => {
        const branch = p.branchEniId ? n.enis.find((e) => e.kind === 'branch' && e.id === p.branchEniId) : undefined;
        const veth = p.hostVethPrefix !== undefined ? { hostVethPrefix: p.hostVethPrefix } : {};
        if (branch?.vlanId !== undefined) {
          return { namespace: p.namespace, name: p.name, ip: p.ip, ...veth, branch: { vlanId: branch.vlanId, mac: branch.mac, subnetCidr: branch.subnetCidr } };
        }
        const eni = eniOf(p.ip!);
        return { namespace: p.namespace, name: p.name, ip: p.ip, ...veth, deviceIndex: eni?.deviceIndex ?? 0, networkCard: eni?.networkCard ?? 0 };
      });
    return { nodeName: n.name, amiFamily: n.amiFamily ?? 'AL2023', instanceId: n.instanceId, enis, pods, env: { ...snap.env }, vpcCidrs: [...snap.vpc.cidrs], seed: `${snap.scenarioName}/${n.name}` };
  });
  return { vpcCidrs: [...snap.vpc.cidrs], nodes };
}
