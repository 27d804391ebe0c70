/**
 * One node's trunk ENI as the VPC resource controller keeps it (pkg/provider/branch/trunk/trunk.go,
 * reference c.2 and c.3): attaching the trunk (`InitTrunk`), creating and associating branch
 * ENIs on the lowest free VLAN (`CreateAndAssociateBranchENIs`, `assignVlanId`), and the delete
 * queue a pod's branch ENI goes to when the pod is gone, processed every 30 s and deleted once
 * its cooldown (60 s) has passed (`ProcessDeleteQueue`, `DeleteCooledDownENIs`).
 */
import { formatIpv4 } from '../net/ipv4.ts';
import { podEniAnnotation, POD_ENI_ANNOTATION } from '../cni/pod-eni.ts';
import type { KNode, Pod } from '../k8s/objects.ts';
import { privateDnsName } from '../k8s/names.ts';
import { et } from '../engine-text.ts';
import type { RcHost } from './rc-host.ts';

/** Branch ENI cooldown (ConfigMap amazon-vpc-cni `branch-eni-cooldown`, default 60 s). */
export const BRANCH_COOLDOWN_MS = 60_000;
/** How often the delete queue is processed. */
export const DELETE_QUEUE_PERIOD_MS = 30_000;
/** An ENI is dropped from the delete queue after its 3rd failed attempt. */
const MAX_DELETE_RETRIES = 3;
/** VLAN ids 1–120 (index 0 reserved). */
const MAX_VLAN = 120;
/** After AttachNetworkInterface returns, until EC2 reports the attachment `attached`. */
const ATTACH_WAIT_MS = 1_500;

/** A branch ENI the controller created for a pod. */
export interface BranchEni {
  eniId: string;
  vlanId: number;
  associationId?: string;
  pod: string;
  /** Set when the pod went away: the ENI waits in the delete queue since then. */
  queuedAtMs?: number;
  deleteAttempts: number;
}

export class TrunkEni {
  trunkEniId?: string;
  ready = false;
  /** VLAN ids in use (1–120). */
  private readonly vlans = new Set<number>();
  /** Branch ENIs by pod key (while the pod exists). */
  readonly branches = new Map<string, BranchEni>();
  /** Branch ENIs of pods that are gone, waiting for their cooldown. */
  readonly deleteQueue: BranchEni[] = [];
  /** Pods whose branch ENI is being created. */
  private readonly creating = new Set<string>();
  /** Pods gone while their branch ENI was still being created. */
  private readonly goneWhileCreating = new Set<string>();
  private stopped = false;

  constructor(private readonly rc: RcHost, readonly node: KNode, readonly branchInterfaces: number) {}

  /** Branch ENIs in use or waiting for deletion (what counts against BranchInterface). */
  get inUse(): number {
    return this.branches.size + this.creating.size + this.deleteQueue.length;
  }

  /** Every branch ENI the controller holds for this node (live and queued). */
  allBranches(): BranchEni[] {
    return [...this.branches.values(), ...this.deleteQueue];
  }

  stop(): void {
    this.stopped = true;
  }

  /**
   * InitTrunk: CreateNetworkInterface (trunk) → CreateNetworkInterfacePermission →
   * AttachNetworkInterface at the highest unused device index → ModifyNetworkInterfaceAttribute
   * (DeleteOnTermination) → wait until attached.
   */
  attach(done: (trunkEniId: string | undefined) => void): void {
    const { rc, node } = this;
    const caller = rc.caller(node.name);
    const groups = [...node.ipamd.host.node.securityGroups];
    const tags = {
      'node.k8s.amazonaws.com/instance_id': node.instanceId,
      'eks:eni:owner': 'eks-vpc-resource-controller',
      [`kubernetes.io/cluster/${rc.clusterName}`]: 'owned',
    };
    const description = 'aws-k8s-trunk-eni';
    rc.say(node.name, `VPC resource controller: CNINode ${node.name} has SecurityGroupsForPods → creating the trunk ENI.`, [node.name], et('sim.rc.creatingTrunk', { node: node.name }));
    rc.ec2.request(caller, 'CreateNetworkInterface', { subnetId: node.subnetId, description, groups, tags, interfaceType: 'trunk' }, () => {
      const r = rc.state.createEni({ subnetId: node.subnetId, description, groups, tags, secondary: 0, prefixes: 0, nowMs: rc.queue.nowMs, interfaceType: 'trunk' });
      return r.ok ? { ok: true, value: { networkInterface: describe(rc, r.value.id) } } : r;
    }, (created) => {
      if (!created.ok || this.stopped) {
        done(undefined);
        return;
      }
      const eniId = created.value.networkInterface.networkInterfaceId;
      rc.ec2.request(caller, 'CreateNetworkInterfacePermission', { networkInterfaceId: eniId, awsAccountId: rc.accountId, permission: 'INSTANCE-ATTACH' },
        () => ({ ok: true, value: { networkInterfacePermissionId: rc.state.ids.eniPermission() } }), () => {
          const limit = node.ipamd.host.limits.enis;
          const used = new Set(rc.state.enisOf(node.instanceId).filter((e) => e.attachment!.networkCard === 0).map((e) => e.attachment!.deviceIndex));
          let deviceIndex = limit - 1;
          while (deviceIndex > 0 && used.has(deviceIndex)) deviceIndex--;
          const request = { networkInterfaceId: eniId, instanceId: node.instanceId, deviceIndex, networkCardIndex: 0 };
          rc.ec2.request(caller, 'AttachNetworkInterface', request, () => {
            const r = rc.state.attachEni(eniId, node.instanceId, deviceIndex, 0, rc.queue.nowMs);
            return r.ok ? { ok: true, value: { attachmentId: r.value.id, networkCardIndex: 0 } } : r;
          }, (attached) => {
            if (!attached.ok) {
              rc.say(node.name, `VPC resource controller: attaching trunk ${eniId} failed (${attached.code}); deleting it.`, [eniId], et('sim.rc.trunkAttachFailed', { eni: eniId, code: attached.code }));
              rc.ec2.request(caller, 'DeleteNetworkInterface', { networkInterfaceId: eniId }, () => {
                const r = rc.state.deleteEni(eniId);
                return r.ok ? { ok: true, value: {} } : r;
              }, () => done(undefined), [eniId]);
              return;
            }
            const attachmentId = attached.value.attachmentId;
            rc.ec2.request(caller, 'ModifyNetworkInterfaceAttribute', { networkInterfaceId: eniId, attachmentId, deleteOnTermination: true }, () => {
              const e = rc.state.enis.get(eniId);
              if (e?.attachment) e.attachment.deleteOnTermination = true;
              return { ok: true, value: {} };
            }, () => {
              rc.queue.after(ATTACH_WAIT_MS, () => {
                const e = rc.state.enis.get(eniId);
                if (!e?.attachment || this.stopped) {
                  done(undefined);
                  return;
                }
                rc.state.setAttachmentStatus(e, 'attached');
                this.trunkEniId = eniId;
                this.ready = true;
                rc.changes.changed('node', node.name);
                this.scheduleDeleteQueue();
                done(eniId);
              });
            }, [eniId]);
          }, [eniId]);
        }, [eniId]);
    }, [node.name]);
  }

  /** The lowest free VLAN id in 1–120, reserved; undefined when all are taken. */
  private takeVlan(): number | undefined {
    for (let v = 1; v <= MAX_VLAN; v++) {
      if (!this.vlans.has(v)) {
        this.vlans.add(v);
        return v;
      }
    }
    return undefined;
  }

  /**
   * CreateAndAssociateBranchENIs for one pod: CreateNetworkInterface (aws-k8s-branch-eni) →
   * CreateNetworkInterfacePermission → AssociateTrunkInterface, then the pod annotation.
   * `requeue` is called when the node has no free branch slot (used + delete queue ≥ limit).
   */
  createBranch(pod: Pod, groups: string[], requeue: () => void): void {
    const { rc, node } = this;
    if (this.branches.has(pod.key) || this.creating.has(pod.key)) return;
    if (this.inUse >= this.branchInterfaces) {
      rc.say(node.name, `VPC resource controller: ${pod.key} waits: ${this.branches.size + this.creating.size} branch ENIs in use and ${this.deleteQueue.length} in the delete queue of ${this.branchInterfaces}; retry after the ${BRANCH_COOLDOWN_MS / 1000} s cooldown.`, [pod.key],
        et('sim.rc.branchWaits', { pod: pod.key, inUse: this.branches.size + this.creating.size, queued: this.deleteQueue.length, limit: this.branchInterfaces, cooldown: BRANCH_COOLDOWN_MS / 1000 }));
      rc.queue.after(BRANCH_COOLDOWN_MS, requeue);
      return;
    }
    const vlanId = this.takeVlan();
    if (vlanId === undefined) {
      rc.queue.after(BRANCH_COOLDOWN_MS, requeue);
      return;
    }
    const trunkEniId = this.trunkEniId!;
    const caller = rc.caller(node.name);
    const subnet = rc.state.subnets.get(node.subnetId)!;
    const tags = {
      'vpcresources.k8s.aws/vlan-id': String(vlanId),
      'vpcresources.k8s.aws/trunk-eni-id': trunkEniId,
      'node.k8s.amazonaws.com/instance_id': node.instanceId,
      'eks:eni:owner': 'eks-vpc-resource-controller',
      [`kubernetes.io/cluster/${rc.clusterName}`]: 'owned',
    };
    const description = 'aws-k8s-branch-eni';
    this.creating.add(pod.key);
    const fail = (why: string, eniId?: string) => {
      this.creating.delete(pod.key);
      this.goneWhileCreating.delete(pod.key);
      this.vlans.delete(vlanId);
      rc.say(node.name, `VPC resource controller: branch ENI for ${pod.key} failed: ${why}`, eniId ? [pod.key, eniId] : [pod.key], et('sim.rc.branchFailed', { pod: pod.key, code: why }));
      if (rc.cluster.pods.get(pod.key) === pod) rc.queue.after(BRANCH_COOLDOWN_MS, requeue);
    };
    rc.ec2.request(caller, 'CreateNetworkInterface', { subnetId: node.subnetId, description, groups, tags }, () => {
      const r = rc.state.createEni({ subnetId: node.subnetId, description, groups, tags, secondary: 0, prefixes: 0, nowMs: rc.queue.nowMs });
      return r.ok ? { ok: true, value: { networkInterface: describe(rc, r.value.id) } } : r;
    }, (created) => {
      if (!created.ok) {
        fail(created.code);
        return;
      }
      const eniId = created.value.networkInterface.networkInterfaceId;
      rc.ec2.request(caller, 'CreateNetworkInterfacePermission', { networkInterfaceId: eniId, awsAccountId: rc.accountId, permission: 'INSTANCE-ATTACH' },
        () => ({ ok: true, value: { networkInterfacePermissionId: rc.state.ids.eniPermission() } }), () => {
          rc.ec2.request(caller, 'AssociateTrunkInterface', { branchInterfaceId: eniId, trunkInterfaceId: trunkEniId, vlanId },
            () => rc.state.associateTrunk(eniId, trunkEniId, vlanId, rc.queue.nowMs), (assoc) => {
              this.creating.delete(pod.key);
              const branch: BranchEni = { eniId, vlanId, pod: pod.key, deleteAttempts: 0 };
              // Every outcome below puts the branch ENI in the node's view (live or queued).
              rc.changes.changed('node', node.name);
              if (!assoc.ok) {
                // The unassociated ENI goes on the delete queue like any other.
                branch.queuedAtMs = rc.queue.nowMs;
                this.deleteQueue.push(branch);
                fail(assoc.code, eniId);
                return;
              }
              branch.associationId = assoc.value.associationId;
              if (this.goneWhileCreating.delete(pod.key) || rc.cluster.pods.get(pod.key) !== pod) {
                branch.queuedAtMs = rc.queue.nowMs;
                this.deleteQueue.push(branch);
                return;
              }
              this.branches.set(pod.key, branch);
              const eni = rc.state.enis.get(eniId)!;
              pod.annotations = {
                ...pod.annotations,
                [POD_ENI_ANNOTATION]: podEniAnnotation({
                  eniId, ifAddress: eni.mac, privateIp: formatIpv4(eni.primaryIp), ipv6Addr: '', vlanId,
                  subnetCidr: subnet.spec.cidr, subnetV6Cidr: '', associationID: assoc.value.associationId,
                }),
              };
              rc.changes.changed('pod', pod.key);
              rc.say(node.name, `VPC resource controller: branch ENI ${eniId} (${formatIpv4(eni.primaryIp)}, VLAN ${vlanId}, SGs ${groups.join(', ')}) associated with trunk ${trunkEniId} for ${pod.key}; pod annotated ${POD_ENI_ANNOTATION}.`, [pod.key, eniId],
                et('sim.rc.branchAssociated', { eni: eniId, ip: formatIpv4(eni.primaryIp), vlan: vlanId, groups: groups.join(', '), trunk: trunkEniId, pod: pod.key, annotation: POD_ENI_ANNOTATION }));
            }, [eniId, trunkEniId, pod.key]);
        }, [eniId]);
    }, [pod.key]);
  }

  /** The pod is gone: its branch ENI joins the delete queue (or will, once created). */
  podGone(pod: Pod): void {
    if (this.creating.has(pod.key)) {
      this.goneWhileCreating.add(pod.key);
      return;
    }
    const branch = this.branches.get(pod.key);
    if (!branch) return;
    this.branches.delete(pod.key);
    branch.queuedAtMs = this.rc.queue.nowMs;
    this.deleteQueue.push(branch);
    this.rc.changes.changed('node', this.node.name);
    this.rc.say(this.node.name, `VPC resource controller: ${pod.key} is gone; branch ENI ${branch.eniId} (VLAN ${branch.vlanId}) enters the delete queue (cooldown ${BRANCH_COOLDOWN_MS / 1000} s).`, [branch.eniId],
      et('sim.rc.podGone', { pod: pod.key, eni: branch.eniId, vlan: branch.vlanId, cooldown: BRANCH_COOLDOWN_MS / 1000 }));
  }

  private scheduleDeleteQueue(): void {
    this.rc.queue.after(DELETE_QUEUE_PERIOD_MS, () => {
      if (this.stopped) return;
      this.processDeleteQueue();
      this.scheduleDeleteQueue();
    });
  }

  /** ProcessDeleteQueue: DisassociateTrunkInterface then DeleteNetworkInterface for cooled-down ENIs. */
  private processDeleteQueue(): void {
    const now = this.rc.queue.nowMs;
    const due = this.deleteQueue.filter((b) => now - b.queuedAtMs! >= BRANCH_COOLDOWN_MS);
    for (const b of due) this.deleteQueue.splice(this.deleteQueue.indexOf(b), 1);
    if (due.length) this.rc.changes.changed('node', this.node.name);
    const next = (i: number) => {
      if (i >= due.length || this.stopped) return;
      this.deleteBranch(due[i], () => next(i + 1));
    };
    next(0);
  }

  private deleteBranch(b: BranchEni, done: () => void): void {
    const { rc, node } = this;
    const caller = rc.caller(node.name);
    const retry = (code: string) => {
      b.deleteAttempts++;
      rc.changes.changed('node', node.name);
      if (b.deleteAttempts < MAX_DELETE_RETRIES) this.deleteQueue.push(b);
      else rc.say(node.name, `VPC resource controller: gave up deleting branch ENI ${b.eniId} after ${MAX_DELETE_RETRIES} attempts (${code}).`, [b.eniId], et('sim.rc.deleteGaveUp', { eni: b.eniId, attempts: MAX_DELETE_RETRIES, code }));
      done();
    };
    const del = () => {
      rc.ec2.request(caller, 'DeleteNetworkInterface', { networkInterfaceId: b.eniId }, () => {
        const r = rc.state.deleteEni(b.eniId);
        return r.ok ? { ok: true, value: {} } : r;
      }, (deleted) => {
        if (!deleted.ok && deleted.code !== 'InvalidNetworkInterfaceID.NotFound') {
          retry(deleted.code);
          return;
        }
        this.vlans.delete(b.vlanId);
        rc.changes.changed('node', node.name);
        rc.say(node.name, `VPC resource controller: branch ENI ${b.eniId} deleted after its cooldown; VLAN ${b.vlanId} is free again.`, [b.eniId], et('sim.rc.branchDeleted', { eni: b.eniId, vlan: b.vlanId }));
        done();
      }, [b.eniId]);
    };
    if (!b.associationId) {
      del();
      return;
    }
    const associationId = b.associationId;
    rc.ec2.request(caller, 'DisassociateTrunkInterface', { associationId }, () => {
      const r = rc.state.disassociateTrunk(associationId);
      return r.ok ? { ok: true, value: {} } : r;
    }, (result) => {
      if (!result.ok && result.code !== 'InvalidAssociationID.NotFound') {
        retry(result.code);
        return;
      }
      b.associationId = undefined;
      del();
    }, [b.eniId]);
  }
}

function describe(rc: RcHost, eniId: string) {
  const eni = rc.state.enis.get(eniId)!;
  const subnet = rc.state.subnetOf(eni);
  const ip = formatIpv4(eni.primaryIp);
  return {
    networkInterfaceId: eni.id, subnetId: eni.subnetId, vpcId: rc.state.vpcId, availabilityZone: subnet.spec.availabilityZone,
    macAddress: eni.mac, privateIpAddress: ip, privateDnsName: privateDnsName(ip, rc.region),
    privateIpAddresses: [{ privateIpAddress: ip, primary: true }], ipv4Prefixes: [],
    groups: eni.groups.map((g) => ({ groupId: g, groupName: g })), description: eni.description, tags: { ...eni.tags },
    ownerId: rc.accountId, interfaceType: eni.interfaceType, status: 'available' as const, sourceDestCheck: true,
  };
}
