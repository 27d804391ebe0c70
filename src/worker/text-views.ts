/**
 * Renders the inspectors' terminal text with the engine's own view functions
 * (src/sim/views for AWS/kubectl/metrics, src/sim/linux for ip/iptables, fed by the
 * engine's snapshot → Linux input bridge).
 */
import { buildNodeNetwork } from '../sim/linux/build.ts';
import { renderView } from '../sim/linux/render/index.ts';
import type { Simulation } from '../sim/simulation-api.ts';
import { networkInputsFromSnapshot } from '../sim/trace/snapshot-input.ts';
import { describeNetworkInterfaces } from '../sim/views/aws-cli.ts';
import { kubectlDescribePod } from '../sim/views/kubectl-describe.ts';
import { kubectlGetNodes, kubectlGetPods, kubectlNodesAllocatable } from '../sim/views/kubectl.ts';
import { metricsPage } from '../sim/views/metrics.ts';
import type { TextViewKind, TextViewTarget } from './protocol.ts';

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
    case 'kubectl-get-nodes':
      return kubectlGetNodes(snap, { wide: true });
    case 'kubectl-nodes-allocatable':
      return kubectlNodesAllocatable(snap);
    case 'metrics': {
      const node = snap.nodes.find((n) => n.name === target.node);
      return node ? metricsPage(node) : `no node ${target.node}`;
    }
    default: {
      // The same bridge the CLI uses, so `show` there and this panel print the same text.
      const input = networkInputsFromSnapshot(snap).nodes.find((n) => n.nodeName === target.node);
      if (!input) return `no node ${target.node ?? ''}`;
      return renderView(buildNodeNetwork(input), kind, target.pod ? { pod: target.pod } : {});
    }
  }
}
