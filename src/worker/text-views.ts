/**
 * Renders the inspectors' terminal text with the engine's own view functions
 * (src/sim/views for AWS/kubectl/metrics, src/sim/linux for ip/iptables).
 */
import { buildNodeNetwork } from '../sim/linux/build.ts';
import type { NodeNetworkInput } from '../sim/linux/input.ts';
import { renderView } from '../sim/linux/render/index.ts';
import type { Simulation } from '../sim/simulation-api.ts';
import { describeNetworkInterfaces } from '../sim/views/aws-cli.ts';
import { kubectlDescribePod } from '../sim/views/kubectl-describe.ts';
import { kubectlGetPods } from '../sim/views/kubectl.ts';
import { metricsPage } from '../sim/views/metrics.ts';
import type { SimSnapshot } from '../sim/view.ts';
import type { TextViewKind, TextViewTarget } from './protocol.ts';

/** The Linux builder's input for one node of the snapshot. */
export function nodeNetworkInput(snap: SimSnapshot, nodeName: string): NodeNetworkInput | undefined {
  const node = snap.nodes.find((n) => n.name === nodeName);
  if (!node) return undefined;
  const enis = node.enis.filter((e) => e.kind !== 'branch' && e.attachmentState === 'attached');
  const byId = new Map(enis.map((e) => [e.id, e]));
  return {
    nodeName: node.name,
    instanceId: node.instanceId,
    enis: enis.map((e) => ({
      ifName: e.ifName, deviceIndex: e.deviceIndex, networkCard: e.networkCard, mac: e.mac, primaryIp: e.primaryIp,
      subnetCidr: e.subnetCidr, kind: e.kind === 'trunk' ? 'trunk' : e.kind === 'primary' ? 'primary' : 'secondary',
      secondaryIps: e.secondaryIps.map((a) => a.ip), prefixes: e.prefixes.map((p) => p.cidr),
    })),
    pods: snap.pods
      .filter((p) => p.node === node.name && (p.ip || p.hostNetwork))
      .toSorted((a, b) => a.createdAtMs - b.createdAtMs)
      .map((p) => ({
        namespace: p.namespace, name: p.name, ip: p.hostNetwork ? undefined : p.ip, hostNetwork: p.hostNetwork,
        deviceIndex: p.eniId ? byId.get(p.eniId)?.deviceIndex : undefined,
        networkCard: p.eniId ? byId.get(p.eniId)?.networkCard : undefined,
      })),
    env: { ...snap.env },
    vpcCidrs: [...snap.vpc.cidrs],
    seed: `${snap.clusterName}/${node.name}`,
  };
}

export function renderText(sim: Simulation, kind: TextViewKind, target: TextViewTarget): string {
  const snap = sim.snapshot();
  switch (kind) {
    case 'describe-network-interfaces':
      return describeNetworkInterfaces(snap, { node: target.eni ? undefined : target.node, eniId: target.eni, accountId: sim.spec.accountId });
    case 'kubectl-get-pods': {
      const scoped = target.node ? { ...snap, pods: snap.pods.filter((p) => p.node === target.node) } : snap;
      return kubectlGetPods(scoped, { wide: true, allNamespaces: true });
    }
    case 'kubectl-describe-pod': {
      const [ns, name] = (target.pod ?? '').split('/');
      return kubectlDescribePod(snap, sim.eventsSince(0), ns, name);
    }
    case 'metrics': {
      const node = snap.nodes.find((n) => n.name === target.node);
      return node ? metricsPage(node) : `no node ${target.node}`;
    }
    default: {
      const input = target.node ? nodeNetworkInput(snap, target.node) : undefined;
      if (!input) return `no node ${target.node ?? ''}`;
      return renderView(buildNodeNetwork(input), kind, target.pod ? { pod: target.pod } : {});
    }
  }
}
