/**
 * Renders the inspectors' terminal text with the engine's own view functions
 * (src/sim/views for AWS/kubectl/metrics, src/sim/linux for ip/iptables). A view about one
 * node reads only that node: its view and pods from the engine, its Linux model from the
 * network cache (built once per change of the node), never the whole cluster.
 */
import { renderView, runNodeCommand } from '../sim/linux/render/index.ts';
import type { Simulation } from '../sim/simulation-api.ts';
import { NetworkCache } from '../sim/trace/network-cache.ts';
import { cachedNetwork } from '../sim/trace/world-at.ts';
import type { NodeView, PodView, SimSnapshot } from '../sim/view.ts';
import { describeNetworkInterfaces } from '../sim/views/aws-cli.ts';
import { kubectlDescribePod } from '../sim/views/kubectl-describe.ts';
import { kubectlDescribeNode, kubectlGetNodes, kubectlGetPods, kubectlNodesAllocatable } from '../sim/views/kubectl.ts';
import { metricsPage } from '../sim/views/metrics.ts';
import type { CommandAnswer, TextViewKind, TextViewTarget } from './protocol.ts';

/**
 * A typed command line: cluster-wide (kubectl, aws elbv2) or on `target.node` (and `target.pod`).
 * Rendering never changes state: `iptables … -Z` prints the counters and names, as `effect`, the
 * `zeroCounters` command that zeroes them. The page applies it like any user change, so it is
 * recorded (share links and a restarted worker's replay keep it), and a panel that re-renders
 * the same line does not zero again.
 */
export function runCommand(sim: Simulation, target: TextViewTarget, networks: NetworkCache): CommandAnswer | Promise<CommandAnswer> {
  const line = (target.command ?? '').slice(0, 1024);
  const w = line.trim().split(/\s+/);
  if (w[0] === 'kubectl' || (w[0] === 'aws' && w[1] === 'elbv2')) {
    if (!sim.clusterObjects) return { text: 'this engine has no cluster objects\n' };
    const state = { snapshot: sim.snapshot(), objects: sim.clusterObjects(), events: sim.eventsSince(0) };
    // Loaded on first use: the kubectl and aws elbv2 renderers stay out of the worker's initial chunk.
    return import('../sim/views/cluster-command.ts').then((m) => ({ text: m.runClusterCommand(state, line) ?? '' }));
  }
  // The node's model from the cache: built once per change of the node (kube-proxy's rules,
  // counters and conntrack included: the engine marks the node when any of them changes).
  const built = target.node === undefined ? undefined : cachedNetwork(sim, networks, target.node);
  if (!built) return { text: `no node ${target.node ?? ''}\n` };
  const r = runNodeCommand(built.net, line, target.pod ? { pod: target.pod } : {});
  if (!r) return { text: `unknown command: ${line.slice(0, 200)}\n` };
  // Only the node's own tables: a pod's namespace has no counters the engine keeps.
  if (r.zero && !target.pod && target.node) {
    return { text: r.output, effect: { type: 'zeroCounters', node: target.node, table: r.zero.table, ...(r.zero.chain ? { chain: r.zero.chain } : {}) } };
  }
  return { text: r.output };
}

/** A snapshot holding only the given nodes and pods: what the view functions read of one node. */
function scoped(sim: Simulation, nodes: NodeView[], pods: PodView[]): SimSnapshot {
  const spec = sim.spec;
  return {
    timeMs: sim.nowMs, scenarioName: spec.name, region: spec.region, clusterName: spec.clusterName,
    vpc: { id: spec.vpc.id, cidrs: [...spec.vpc.cidrs] }, subnets: [], nodes, pods, deployments: [],
    env: {}, ec2: { calls: 0, throttled: 0, errors: 0 }, lastEventSeq: 0,
  };
}

/** A view's text; only a typed command (`command`) may answer with a promise (its renderers load lazily). */
export function renderText(sim: Simulation, kind: Exclude<TextViewKind, 'command'>, target: TextViewTarget, networks?: NetworkCache): string;
export function renderText(sim: Simulation, kind: TextViewKind, target: TextViewTarget, networks?: NetworkCache): string | Promise<string>;
export function renderText(sim: Simulation, kind: TextViewKind, target: TextViewTarget, networks: NetworkCache = new NetworkCache()): string | Promise<string> {
  const node = target.node === undefined ? undefined : sim.node(target.node)?.view;
  switch (kind) {
    case 'describe-network-interfaces': {
      const accountId = sim.spec.accountId;
      if (node && (!target.eni || node.enis.some((e) => e.id === target.eni))) {
        return describeNetworkInterfaces(scoped(sim, [node], []), { node: node.name, eniId: target.eni, accountId });
      }
      // An ENI named without its node (or not on it): EC2 answers for the whole VPC.
      return describeNetworkInterfaces(sim.snapshot(), { node: target.eni ? undefined : target.node, eniId: target.eni, accountId });
    }
    case 'kubectl-get-pods':
      return kubectlGetPods(node ? scoped(sim, [node], sim.podsOn(node.name)) : sim.snapshot(), { wide: true, allNamespaces: true });
    case 'kubectl-describe-pod': {
      const [ns = '', name = ''] = (target.pod ?? '').split('/');
      const pod = sim.pod(ns, name);
      const on = pod?.node === undefined ? undefined : sim.node(pod.node)?.view;
      return kubectlDescribePod(scoped(sim, on ? [on] : [], pod ? [pod] : []), sim.eventsSince(0), ns, name);
    }
    case 'kubectl-get-nodes':
      // A cluster-wide list: every node's view (snapshot() is linear in the world).
      return kubectlGetNodes(sim.snapshot(), { wide: true });
    case 'kubectl-describe-node':
      // One node: its view and its pods only.
      return kubectlDescribeNode(node ? scoped(sim, [node], sim.podsOn(node.name)) : scoped(sim, [], []), sim.eventsSince(0), target.node ?? '');
    case 'kubectl-nodes-allocatable':
      return kubectlNodesAllocatable(sim.snapshot());
    case 'metrics':
      return node ? metricsPage(node) : `no node ${target.node}`;
    case 'command': {
      // The text only: a `-Z` here zeroes nothing (`runCommand` names the change to apply).
      const a = runCommand(sim, target, networks);
      return a instanceof Promise ? a.then((x) => x.text) : a.text;
    }
    default: {
      const built = target.node === undefined ? undefined : cachedNetwork(sim, networks, target.node);
      if (!built) return `no node ${target.node ?? ''}`;
      return renderView(built.net, kind, target.pod ? { pod: target.pod } : {});
    }
  }
}
