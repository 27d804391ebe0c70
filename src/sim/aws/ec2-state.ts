/**
 * What EC2 holds for the VPC: subnets with their address accounting, instances and
 * network interfaces. Operations either succeed or return the EC2 error code a real
 * call would get; they never throw.
 */
import { cidrSize, mustCidr, type Ipv4 } from '../net/ipv4.ts';
import type { Random } from '../clock/random.ts';
import type { SubnetSpec } from '../spec.ts';
import { AwsIds } from './ids.ts';
import { SubnetPool } from './subnet-pool.ts';

export interface Ec2Subnet {
  spec: SubnetSpec;
  pool: SubnetPool;
}

export interface Ec2Attachment {
  id: string;
  instanceId: string;
  deviceIndex: number;
  networkCard: number;
  status: 'attaching' | 'attached' | 'detaching';
  attachedAtMs: number;
  deleteOnTermination: boolean;
}

export interface Ec2Eni {
  id: string;
  subnetId: string;
  mac: string;
  primaryIp: Ipv4;
  secondaryIps: Ipv4[];
  /** Bases of the /28 prefixes. */
  prefixes: Ipv4[];
  groups: string[];
  description: string;
  tags: Record<string, string>;
  interfaceType: 'interface' | 'trunk' | 'branch';
  createdAtMs: number;
  attachment?: Ec2Attachment;
  /** A branch ENI's association with a trunk ENI (AssociateTrunkInterface). */
  trunkAssociation?: { id: string; trunkEniId: string; vlanId: number; associatedAtMs: number };
}

export interface Ec2Instance {
  id: string;
  instanceType: string;
  subnetId: string;
  primaryEniId: string;
  privateIp: Ipv4;
}

/**
 * Where EC2 reports what it changed: an instance's ENIs (attachments, addresses, branch
 * associations on its trunk) and a subnet's address use. The engine maps instances to nodes.
 */
export interface Ec2Watch {
  instance(instanceId: string): void;
  subnet(subnetId: string): void;
}

const UNWATCHED: Ec2Watch = { instance() {}, subnet() {} };

export type Ec2Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const err = (code: string, message: string): { ok: false; code: string; message: string } => ({ ok: false, code, message });

export class Ec2State {
  readonly subnets = new Map<string, Ec2Subnet>();
  readonly enis = new Map<string, Ec2Eni>();
  readonly instances = new Map<string, Ec2Instance>();
  /** ENIs attached (or attaching) per instance, so per-node questions need not scan the VPC. */
  private readonly byInstance = new Map<string, Set<Ec2Eni>>();
  /** ENI by attachment id (DetachNetworkInterface names the attachment). */
  private readonly byAttachment = new Map<string, Ec2Eni>();
  readonly ids: AwsIds;

  constructor(
    readonly vpcId: string,
    subnets: readonly SubnetSpec[],
    private readonly random: Random,
    private readonly watch: Ec2Watch = UNWATCHED,
  ) {
    this.ids = new AwsIds(random.fork('ids'));
    for (const s of subnets) {
      const pool = new SubnetPool(mustCidr(s.cidr), random.fork(`subnet:${s.id}`));
      // A NAT gateway's ENI holds the second-to-last address (the tracer's world gives it that IP).
      if (s.natGateway) pool.hold(cidrSize(mustCidr(s.cidr)) - 2);
      this.subnets.set(s.id, { spec: s, pool });
    }
  }

  /** The ENIs attached to an instance (any state), by device index. */
  enisOf(instanceId: string): Ec2Eni[] {
    const set = this.byInstance.get(instanceId);
    if (!set) return [];
    const out: Ec2Eni[] = [];
    for (const e of set) if (e.attachment?.instanceId === instanceId) out.push(e);
    return out.sort((a, b) => a.attachment!.deviceIndex - b.attachment!.deviceIndex);
  }

  private setAttachment(eni: Ec2Eni, attachment: Ec2Attachment | undefined): void {
    if (eni.attachment) {
      this.byInstance.get(eni.attachment.instanceId)?.delete(eni);
      this.byAttachment.delete(eni.attachment.id);
      this.watch.instance(eni.attachment.instanceId);
    }
    eni.attachment = attachment;
    if (attachment) {
      this.watch.instance(attachment.instanceId);
      this.byAttachment.set(attachment.id, eni);
      let set = this.byInstance.get(attachment.instanceId);
      if (!set) this.byInstance.set(attachment.instanceId, (set = new Set()));
      set.add(eni);
    }
  }

  /** EC2 reports the attachment `attached` (IMDS sees it) or `detaching`. */
  setAttachmentStatus(eni: Ec2Eni, status: Ec2Attachment['status']): void {
    if (!eni.attachment || eni.attachment.status === status) return;
    eni.attachment.status = status;
    this.watch.instance(eni.attachment.instanceId);
  }

  /** The instance whose node shows this ENI: its own, or its trunk's for a branch ENI. */
  private shownOn(eni: Ec2Eni): string | undefined {
    if (eni.attachment) return eni.attachment.instanceId;
    const trunk = eni.trunkAssociation ? this.enis.get(eni.trunkAssociation.trunkEniId) : undefined;
    return trunk?.attachment?.instanceId;
  }

  private touched(eni: Ec2Eni): void {
    const instance = this.shownOn(eni);
    if (instance !== undefined) this.watch.instance(instance);
  }

  subnetOf(eni: Ec2Eni): Ec2Subnet {
    return this.subnets.get(eni.subnetId)!;
  }

  /** RunInstances, as far as networking goes: an instance with its primary ENI (device 0). */
  launchInstance(instanceType: string, subnetId: string, groups: string[], nowMs: number): Ec2Result<Ec2Instance> {
    const id = this.ids.instance();
    const eni = this.createEni({ subnetId, description: '', groups, tags: {}, secondary: 0, prefixes: 0, nowMs });
    if (!eni.ok) return eni;
    const instance: Ec2Instance = { id, instanceType, subnetId, primaryEniId: eni.value.id, privateIp: eni.value.primaryIp };
    this.setAttachment(eni.value, {
      id: this.ids.attachment(), instanceId: id, deviceIndex: 0, networkCard: 0,
      status: 'attached', attachedAtMs: nowMs, deleteOnTermination: true,
    });
    this.instances.set(id, instance);
    return { ok: true, value: instance };
  }

  /** TerminateInstances: ENIs marked DeleteOnTermination go with it; others become available. */
  terminateInstance(instanceId: string): void {
    const trunks = new Set(this.enisOf(instanceId).filter((e) => e.interfaceType === 'trunk').map((e) => e.id));
    // Branch ENIs of a trunk that goes away lose their association and stay behind (available).
    if (trunks.size) for (const e of this.enis.values()) if (e.trunkAssociation && trunks.has(e.trunkAssociation.trunkEniId)) e.trunkAssociation = undefined;
    for (const eni of this.enisOf(instanceId)) {
      // Detach first: deleteEni refuses an attached ENI (InvalidNetworkInterface.InUse).
      const deleteOnTermination = eni.attachment!.deleteOnTermination;
      this.setAttachment(eni, undefined);
      if (deleteOnTermination) this.deleteEni(eni.id);
    }
    this.byInstance.delete(instanceId);
    this.instances.delete(instanceId);
  }

  createEni(opts: {
    subnetId: string; description: string; groups: string[]; tags: Record<string, string>;
    secondary: number; prefixes: number; nowMs: number; interfaceType?: 'interface' | 'trunk' | 'branch';
  }): Ec2Result<Ec2Eni> {
    const subnet = this.subnets.get(opts.subnetId);
    if (!subnet) return err('InvalidSubnetID.NotFound', `The subnet ID '${opts.subnetId}' does not exist`);
    const primary = subnet.pool.allocateIps(1);
    if (!primary) return insufficientAddresses(subnet);
    const secondaryIps = opts.secondary ? subnet.pool.allocateIps(opts.secondary) : [];
    if (!secondaryIps) {
      subnet.pool.releaseIp(primary[0]);
      return insufficientAddresses(subnet);
    }
    const prefixes = opts.prefixes ? subnet.pool.allocatePrefixes(opts.prefixes) : [];
    if (!prefixes) {
      subnet.pool.releaseIp(primary[0]);
      return insufficientCidrBlocks(subnet);
    }
    const eni: Ec2Eni = {
      id: this.ids.eni(), subnetId: opts.subnetId, mac: this.ids.mac(), primaryIp: primary[0],
      secondaryIps, prefixes, groups: [...opts.groups], description: opts.description, tags: { ...opts.tags },
      interfaceType: opts.interfaceType ?? 'interface', createdAtMs: opts.nowMs,
    };
    this.enis.set(eni.id, eni);
    this.watch.subnet(opts.subnetId);
    return { ok: true, value: eni };
  }

  attachEni(eniId: string, instanceId: string, deviceIndex: number, networkCard: number, nowMs: number): Ec2Result<Ec2Attachment> {
    const eni = this.enis.get(eniId);
    if (!eni) return err('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eniId}' does not exist`);
    if (eni.attachment) return err('InvalidParameterValue', `Interface ${eniId} is already attached`);
    if (!this.instances.has(instanceId)) return err('InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
    for (const other of this.enisOf(instanceId)) {
      const a = other.attachment!;
      if (a.deviceIndex === deviceIndex && a.networkCard === networkCard) {
        return err('InvalidParameterValue', `Instance '${instanceId}' already has an interface attached at device index '${deviceIndex}'.`);
      }
    }
    const attachment: Ec2Attachment = { id: this.ids.attachment(), instanceId, deviceIndex, networkCard, status: 'attaching', attachedAtMs: nowMs, deleteOnTermination: false };
    this.setAttachment(eni, attachment);
    return { ok: true, value: attachment };
  }

  assignPrivateIps(eniId: string, count: number, prefixCount: number, perEniLimit: number): Ec2Result<{ ips: Ipv4[]; prefixes: Ipv4[] }> {
    const eni = this.enis.get(eniId);
    if (!eni) return err('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eniId}' does not exist`);
    const subnet = this.subnetOf(eni);
    const held = 1 + eni.secondaryIps.length + eni.prefixes.length;
    if (held + count + prefixCount > perEniLimit) {
      return err('PrivateIpAddressLimitExceeded', `Number of private addresses will exceed limit for the interface ${eniId}.`);
    }
    if (count > 0) {
      const ips = subnet.pool.allocateIps(count);
      if (!ips) return insufficientAddresses(subnet);
      eni.secondaryIps.push(...ips);
      this.watch.subnet(eni.subnetId);
      this.touched(eni);
      return { ok: true, value: { ips, prefixes: [] } };
    }
    const prefixes = subnet.pool.allocatePrefixes(prefixCount);
    if (!prefixes) return insufficientCidrBlocks(subnet);
    eni.prefixes.push(...prefixes);
    this.watch.subnet(eni.subnetId);
    this.touched(eni);
    return { ok: true, value: { ips: [], prefixes } };
  }

  unassignPrivateIps(eniId: string, ips: Ipv4[], prefixes: Ipv4[]): Ec2Result<true> {
    const eni = this.enis.get(eniId);
    if (!eni) return err('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eniId}' does not exist`);
    const subnet = this.subnetOf(eni);
    for (const ip of ips) {
      const i = eni.secondaryIps.indexOf(ip);
      if (i >= 0) {
        eni.secondaryIps.splice(i, 1);
        subnet.pool.releaseIp(ip);
      }
    }
    for (const p of prefixes) {
      const i = eni.prefixes.indexOf(p);
      if (i >= 0) {
        eni.prefixes.splice(i, 1);
        subnet.pool.releasePrefix(p);
      }
    }
    this.watch.subnet(eni.subnetId);
    this.touched(eni);
    return { ok: true, value: true };
  }

  detachEni(attachmentId: string): Ec2Result<Ec2Eni> {
    const eni = this.byAttachment.get(attachmentId);
    if (eni?.attachment?.id === attachmentId) {
      this.setAttachment(eni, undefined);
      return { ok: true, value: eni };
    }
    return err('InvalidAttachmentID.NotFound', `The attachment ID '${attachmentId}' does not exist`);
  }

  deleteEni(eniId: string): Ec2Result<true> {
    const eni = this.enis.get(eniId);
    if (!eni) return err('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eniId}' does not exist`);
    if (eni.attachment || eni.trunkAssociation) return err('InvalidNetworkInterface.InUse', `Network interface '${eniId}' is currently in use.`);
    const subnet = this.subnetOf(eni);
    subnet.pool.releaseIp(eni.primaryIp);
    for (const ip of eni.secondaryIps) subnet.pool.releaseIp(ip);
    for (const p of eni.prefixes) subnet.pool.releasePrefix(p);
    this.enis.delete(eniId);
    this.watch.subnet(eni.subnetId);
    return { ok: true, value: true };
  }

  /** AssociateTrunkInterface: the ENI becomes a branch of the trunk on this VLAN. */
  associateTrunk(branchEniId: string, trunkEniId: string, vlanId: number, nowMs: number): Ec2Result<{ associationId: string }> {
    const branch = this.enis.get(branchEniId);
    const trunk = this.enis.get(trunkEniId);
    if (!branch) return err('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${branchEniId}' does not exist`);
    if (!trunk || trunk.interfaceType !== 'trunk') return err('InvalidParameterValue', `Interface ${trunkEniId} is not a trunk interface`);
    if (branch.attachment || branch.trunkAssociation) return err('InvalidParameterValue', `Interface ${branchEniId} is already in use`);
    for (const e of this.enis.values()) {
      if (e.trunkAssociation?.trunkEniId === trunkEniId && e.trunkAssociation.vlanId === vlanId) {
        return err('InvalidParameterValue', `VLAN ${vlanId} is already in use on trunk ${trunkEniId}`);
      }
    }
    branch.interfaceType = 'branch';
    branch.trunkAssociation = { id: this.ids.trunkAssociation(), trunkEniId, vlanId, associatedAtMs: nowMs };
    this.touched(branch);
    return { ok: true, value: { associationId: branch.trunkAssociation.id } };
  }

  /** DisassociateTrunkInterface by association id. */
  disassociateTrunk(associationId: string): Ec2Result<Ec2Eni> {
    for (const e of this.enis.values()) {
      if (e.trunkAssociation?.id === associationId) {
        this.touched(e);
        e.trunkAssociation = undefined;
        return { ok: true, value: e };
      }
    }
    return err('InvalidAssociationID.NotFound', `The association ID '${associationId}' does not exist`);
  }

  /** The ENI holding an address (as primary, secondary or inside a prefix). */
  ownerOf(ip: Ipv4): Ec2Eni | undefined {
    for (const eni of this.enis.values()) {
      if (eni.primaryIp === ip || eni.secondaryIps.includes(ip)) return eni;
      if (eni.prefixes.some((p) => ip >= p && ip < p + 16)) return eni;
    }
    return undefined;
  }
}

function insufficientAddresses(subnet: Ec2Subnet): { ok: false; code: string; message: string } {
  return err('InsufficientFreeAddressesInSubnet', `The specified subnet ${subnet.spec.id} does not have enough free addresses to satisfy the request.`);
}

function insufficientCidrBlocks(subnet: Ec2Subnet): { ok: false; code: string; message: string } {
  return err('InsufficientCidrBlocks', `There are not enough free cidr blocks in the specified subnet ${subnet.spec.id} to satisfy the request.`);
}
