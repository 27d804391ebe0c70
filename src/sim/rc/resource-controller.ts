/**
 * The Amazon VPC resource controller (it runs in the EKS control plane), as far as security
 * groups for pods go (reference c.1–c.3): its pod webhook marks pods that a SecurityGroupPolicy
 * selects as requesting `vpc.amazonaws.com/pod-eni`; its node manager attaches a trunk ENI to a
 * node whose CNINode has the SecurityGroupsForPods feature (trunking-compatible types only,
 * else an `Unsupported` node event) and advertises `pod-eni` = the type's BranchInterface;
 * its branch provider gives each scheduled pod a branch ENI and deletes it after the pod is gone.
 */
import { getInstanceType } from '../catalog/index.ts';
import { RESOURCE_CONTROLLER_IDENTITY, RESOURCE_CONTROLLER_SOURCE, RESOURCE_CONTROLLER_USER_AGENT } from '../aws/cloudtrail.ts';
import type { Ec2Caller } from '../aws/ec2-api.ts';
import { et } from '../engine-text.ts';
import { newCounters } from '../cni/ipamd.ts';
import type { KNode, Pod } from '../k8s/objects.ts';
import type { SecurityGroupPolicySpec } from '../spec.ts';
import type { RcHost } from './rc-host.ts';
import { podSecurityGroups } from './security-group-policy.ts';
import { TrunkEni } from './trunk-eni.ts';

/** The controller's watch/reconcile delay after a change it reacts to. */
const REACT_MS = 1_000;
/** How long a pod waits before its branch ENI is tried again when the trunk is not ready. */
const TRUNK_WAIT_MS = 5_000;
/** ipamd's reconcile notices the attached trunk ENI a moment after it is attached. */
const IPAMD_NOTICE_MS = 2_000;

export class ResourceController {
  /** Trunk state per node name. */
  readonly trunks = new Map<string, TrunkEni>();
  private readonly callers = new Map<string, Ec2Caller>();
  private readonly unsupported = new Set<string>();

  constructor(private readonly host: Omit<RcHost, 'caller'>, readonly policies: readonly SecurityGroupPolicySpec[]) {}

  private get rc(): RcHost {
    return { ...this.host, caller: (node) => this.caller(node) };
  }

  /** The controller's EC2 identity (cluster role, EKS as source) for calls about `node`. */
  caller(node: string): Ec2Caller {
    let c = this.callers.get(node);
    if (!c) {
      c = {
        node, instanceId: '', sourceIp: RESOURCE_CONTROLLER_SOURCE, counters: newCounters(0),
        identity: RESOURCE_CONTROLLER_IDENTITY, userAgent: RESOURCE_CONTROLLER_USER_AGENT,
      };
      this.callers.set(node, c);
    }
    return c;
  }

  /** Pod webhook: a pod selected by ≥1 policy requests one `vpc.amazonaws.com/pod-eni`. */
  admit(pod: Pod): void {
    if (pod.hostNetwork || this.policies.length === 0) return;
    // Pods run as the namespace's `default` service account, which carries no labels.
    const groups = podSecurityGroups(this.policies, pod.namespace, pod.labels, {});
    if (groups.length === 0) return;
    pod.podEni = true;
    pod.securityGroups = groups;
  }

  /** ipamd added SecurityGroupsForPods to the node's CNINode: attach a trunk if there is none. */
  featureAdded(node: KNode): void {
    if (this.trunks.has(node.name)) return;
    const type = getInstanceType(node.instanceType);
    if (!type?.trunkingCompatible) {
      if (this.unsupported.has(node.name)) return;
      this.unsupported.add(node.name);
      this.host.queue.after(REACT_MS, () => this.host.event({
        type: 'Warning', reason: 'Unsupported', object: `node/${node.name}`, node: node.name, touches: [node.name],
        message: `The instance type ${node.instanceType} is not supported for trunk interface (Security Group for Pods)`,
      }));
      return;
    }
    const trunk = new TrunkEni(this.rc, node, type.branchInterfaces);
    this.trunks.set(node.name, trunk);
    this.host.queue.after(REACT_MS, () => trunk.attach((eniId) => {
      if (!eniId) {
        this.trunks.delete(node.name);
        return;
      }
      node.podEniCapacity = trunk.branchInterfaces;
      this.host.say(node.name, `VPC resource controller: trunk ${eniId} attached at device index ${this.host.state.enis.get(eniId)?.attachment?.deviceIndex}; node advertises vpc.amazonaws.com/pod-eni: ${trunk.branchInterfaces}.`, [eniId, node.name],
        et('sim.rc.trunkAttached', { eni: eniId, index: String(this.host.state.enis.get(eniId)?.attachment?.deviceIndex), branches: trunk.branchInterfaces }));
      this.host.queue.after(IPAMD_NOTICE_MS, () => node.ipamd.adoptTrunk(eniId));
      this.host.cluster.requestScheduling();
    }));
  }

  /** A pod was bound to a node: create its branch ENI (pods that request pod-eni only). */
  bound(pod: Pod, node: KNode): void {
    if (!pod.podEni) return;
    this.host.queue.after(REACT_MS, () => this.reconcilePod(pod, node));
  }

  private reconcilePod(pod: Pod, node: KNode): void {
    if (this.host.cluster.pods.get(pod.key) !== pod || pod.node !== node.name) return;
    const trunk = this.trunks.get(node.name);
    if (!trunk?.ready) {
      this.host.queue.after(TRUNK_WAIT_MS, () => this.reconcilePod(pod, node));
      return;
    }
    trunk.createBranch(pod, pod.securityGroups ?? [...node.ipamd.host.node.securityGroups], () => this.reconcilePod(pod, node));
  }

  /** A pod is gone: its branch ENI goes to the node's delete queue. */
  gone(pod: Pod, node: KNode | undefined): void {
    if (!pod.podEni || !node) return;
    this.trunks.get(node.name)?.podGone(pod);
  }

  /** The node's instance was terminated: the trunk went with it; branch ENIs left behind are deleted. */
  nodeRemoved(name: string): void {
    const trunk = this.trunks.get(name);
    if (!trunk) return;
    trunk.stop();
    this.trunks.delete(name);
    const caller = this.caller(name);
    for (const b of trunk.allBranches()) {
      this.host.ec2.request(caller, 'DeleteNetworkInterface', { networkInterfaceId: b.eniId }, () => {
        const r = this.host.state.deleteEni(b.eniId);
        return r.ok ? { ok: true, value: {} } : r;
      }, () => undefined, [b.eniId]);
    }
  }
}
