/**
 * The engine's views, kept current by change tracking: the parts of the engine mark what
 * they change (the `ChangeSink` below), and a read rebuilds only those views. `snapshot()`
 * is the full path (every view, in order; linear in the world), `delta()` the streaming one
 * (only what changed since the previous delta; proportional to the change).
 *
 * Two things change a node's view without any mutation, and are tracked here:
 * - time: a cooling address turns warm, a SubnetExhausted or Throttled warning lapses. Each
 *   built node view says when that happens next; a min-heap of those times marks the node
 *   when the clock passes it.
 * - the number of pods waiting for the scheduler, which the MaxPodsReached warning of every
 *   full node names. Nodes showing that warning are remembered and marked when it changes.
 */
import { BinaryHeap } from '../clock/binary-heap.ts';
import type { Ec2Subnet } from '../aws/ec2-state.ts';
import type { ChangeSink, ObjectKind } from '../changes.ts';
import type { LoadProgress } from '../simulation-api.ts';
import type { Deployment, KNode, Pod } from '../k8s/objects.ts';
import { formatIpv4 } from '../net/ipv4.ts';
import type { DeploymentView, NodeView, PodView, SimDelta, SimSnapshot, SubnetView } from '../view.ts';
import { buildNodeView } from './node-view.ts';
import type { Engine } from './simulation.ts';
import { TrackedViews, type ViewMarks } from './tracked-views.ts';

interface Expiry {
  atMs: number;
  node: string;
  version: number;
}

export class LiveViews implements ChangeSink {
  readonly nodes: TrackedViews<KNode, NodeView>;
  readonly pods: TrackedViews<Pod, PodView>;
  readonly deployments: TrackedViews<Deployment, DeploymentView>;
  readonly subnets: TrackedViews<Ec2Subnet, SubnetView>;
  private readonly expiries = new BinaryHeap<Expiry>((a, b) => a.atMs < b.atMs);
  /** Nodes whose current view shows MaxPodsReached (its message counts the pending pods). */
  private readonly fullNodes = new Set<string>();
  private pendingSeen = 0;
  private envChanged = false;

  constructor(private readonly sim: Engine) {
    const { cluster, ec2State } = sim;
    this.nodes = new TrackedViews(cluster.nodes, (n, key, version) => {
      const built = buildNodeView(sim, n, this.pendingSeen);
      if (built.expiresAtMs !== Infinity) this.expiries.push({ atMs: built.expiresAtMs, node: key, version });
      if (built.view.warnings.some((w) => w.code === 'MaxPodsReached')) this.fullNodes.add(key);
      else this.fullNodes.delete(key);
      return built.view;
    });
    this.pods = new TrackedViews(cluster.pods, podView);
    this.deployments = new TrackedViews(cluster.deployments, (d) => {
      const ready = cluster.readyPodsOf(d.namespace, d.name);
      return { namespace: d.namespace, name: d.name, replicas: d.replicas, ready, available: ready };
    });
    this.subnets = new TrackedViews(ec2State.subnets, (s) => ({
      id: s.spec.id, availabilityZone: s.spec.availabilityZone, cidr: s.spec.cidr,
      usable: s.pool.usable, used: s.pool.usedAddresses, free: s.pool.free, tags: { ...s.spec.tags },
      defaultRoute: s.spec.defaultRoute ?? 'igw',
      ...(s.spec.natGateway ? { natGatewayId: s.spec.natGateway.id } : {}),
    }));
  }

  private of(kind: ObjectKind): ViewMarks {
    switch (kind) {
      case 'node': return this.nodes;
      case 'pod': return this.pods;
      case 'deployment': return this.deployments;
      case 'subnet': return this.subnets;
    }
  }

  changed(kind: ObjectKind, key: string): void {
    this.of(kind).mark(key);
  }

  added(kind: ObjectKind, key: string): void {
    this.of(kind).added(key);
  }

  removed(kind: ObjectKind, key: string, id: string): void {
    this.of(kind).removed(key, id);
  }

  /** The DaemonSet env changed (sent with the next delta). */
  envEdited(): void {
    this.envChanged = true;
  }

  /** Rebuilds what is stale a few hundred views at a time (a loader pauses between them). */
  *refreshInSteps(chunk = 200): Generator<LoadProgress, void> {
    this.markDue();
    const lists = [this.nodes, this.pods, this.deployments, this.subnets];
    const total = lists.reduce((n, l) => n + l.staleCount, 0);
    let done = 0;
    for (const list of lists) {
      while (list.staleCount > 0) {
        const before = list.staleCount;
        list.refreshSome(chunk);
        done += before - list.staleCount;
        yield { phase: 'views', done, total };
      }
    }
  }

  /** Marks the nodes whose view the clock or the pending count changed. */
  private markDue(): void {
    const now = this.sim.nowMs;
    for (let e = this.expiries.peek(); e && e.atMs <= now; e = this.expiries.peek()) {
      this.expiries.pop();
      // A view rebuilt since carries its own (later) expiry.
      if (this.nodes.builtVersion(e.node) === e.version) this.nodes.mark(e.node);
    }
    const pending = this.sim.cluster.pendingCount;
    if (pending !== this.pendingSeen) {
      this.pendingSeen = pending;
      for (const n of this.fullNodes) this.nodes.mark(n);
    }
  }

  /** Marks what is due, then rebuilds everything stale. */
  refresh(): void {
    this.markDue();
    this.nodes.refresh();
    this.pods.refresh();
    this.deployments.refresh();
    this.subnets.refresh();
  }

  /** Everything, in the engine's order. */
  snapshot(): SimSnapshot {
    this.refresh();
    return {
      ...this.head(),
      ...this.scenarioFacts(),
      subnets: this.subnets.list(),
      nodes: this.nodes.list(),
      pods: this.pods.list(),
      deployments: this.deployments.list(),
      env: { ...this.sim.env },
    };
  }

  /**
   * What changed since the previous delta. A `full` delta carries every view (in order) and
   * the scenario's facts, and starts the journal: the engine keeps no journal until then.
   */
  delta(full = false): SimDelta {
    this.refresh();
    if (full) {
      this.envChanged = false;
      return {
        full: true,
        head: this.head(),
        scenario: this.scenarioFacts(),
        env: { ...this.sim.env },
        changedNodes: this.nodes.takeAll(), removedNodes: [],
        changedPods: this.pods.takeAll(), removedPods: [],
        changedDeployments: this.deployments.takeAll(), removedDeployments: [],
        changedSubnets: this.subnets.takeAll(),
      };
    }
    const nodes = this.nodes.take();
    const pods = this.pods.take();
    const deployments = this.deployments.take();
    const delta: SimDelta = {
      full: false,
      head: this.head(),
      changedNodes: nodes.changed, removedNodes: nodes.removed,
      changedPods: pods.changed, removedPods: pods.removed,
      changedDeployments: deployments.changed, removedDeployments: deployments.removed,
      changedSubnets: this.subnets.take().changed,
    };
    if (this.envChanged) {
      this.envChanged = false;
      delta.env = { ...this.sim.env };
    }
    return delta;
  }

  private head(): SimDelta['head'] {
    const s = this.sim;
    return { timeMs: s.nowMs, ec2: { calls: s.ec2.calls, throttled: s.ec2.throttled, errors: s.ec2.errors }, lastEventSeq: s.log.lastSeq };
  }

  private scenarioFacts(): NonNullable<SimDelta['scenario']> {
    const spec = this.sim.spec;
    return { scenarioName: spec.name, region: spec.region, clusterName: spec.clusterName, vpc: { id: spec.vpc.id, cidrs: [...spec.vpc.cidrs] } };
  }
}

function podView(p: Pod): PodView {
  return {
    namespace: p.namespace, name: p.name, uid: p.uid, deployment: p.deployment, node: p.node, phase: p.phase,
    ip: p.ip === undefined ? undefined : formatIpv4(p.ip), hostNetwork: p.hostNetwork, eniId: p.eniId,
    ...(p.branchEniId ? { branchEniId: p.branchEniId } : {}),
    ...(p.podEni ? { podEni: true } : {}),
    ...(p.hostVethPrefix !== undefined ? { hostVethPrefix: p.hostVethPrefix } : {}),
    ...(p.nodeSelector ? { nodeSelector: { ...p.nodeSelector } } : {}),
    ...(p.annotations ? { annotations: { ...p.annotations } } : {}),
    reason: p.reason, message: p.message, createdAtMs: p.createdAtMs, restarts: p.restarts,
    ...(p.containersReady !== undefined ? { containersReady: p.containersReady } : {}),
    ...(p.readinessGates ? { readinessGates: Object.entries(p.readinessGates).map(([type, g]) => ({ type, status: g.status, ...(g.reason !== undefined ? { reason: g.reason } : {}), ...(g.message !== undefined ? { message: g.message } : {}) })) } : {}),
  };
}
