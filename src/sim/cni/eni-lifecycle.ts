/**
 * Attaching and freeing whole ENIs: tryAllocateENI (AllocENI: DescribeSubnets to pick the
 * subnet (subnet-choice.ts) → CreateNetworkInterface → DescribeInstances for the lowest free
 * device index → AttachNetworkInterface → ModifyNetworkInterfaceAttribute
 * DeleteOnTermination, then wait for IMDS and setupENI) and tryFreeENI (freeENI:
 * DescribeNetworkInterfaces → DetachNetworkInterface → 2 s → DeleteNetworkInterface).
 */
import { formatCidr, formatIpv4 } from '../net/ipv4.ts';
import type { NetworkInterfaceDescription, SubnetDescription } from '../aws/ec2-types.ts';
import type { Ec2Eni } from '../aws/ec2-state.ts';
import type { Ipamd } from './ipamd.ts';
import type { DsEni, IpStats } from './datastore.ts';
import { ifName, INSUFFICIENT } from './cidr-lifecycle.ts';
import { byFreeAddresses, describeSubnets, isSubnetExcluded, validForEniCreation } from './subnet-choice.ts';
import { targetState, type Verdict } from './pool-math.ts';
import { et } from '../engine-text.ts';
import { privateDnsName } from '../k8s/names.ts';
import { wallClockIso } from '../clock/epoch.ts';

const FREE_ENI_DETACH_WAIT_MS = 2_000;
/** minENILifeTime: an ENI younger than this is never freed (isTooYoung). */
export const MIN_ENI_LIFETIME_MS = 60_000;

/** The ENIConfig name for a node (GetNodeSpecificENIConfigName). */
export function eniConfigNameFor(ipamd: Ipamd): string {
  const n = ipamd.host.node;
  return n.labels['vpc.amazonaws.com/externalEniConfig']
    ?? n.annotations[ipamd.config.eniConfigAnnotationDef]
    ?? n.labels[ipamd.config.eniConfigLabelDef]
    ?? 'default';
}

export function describeEni(ipamd: Ipamd, eni: Ec2Eni): NetworkInterfaceDescription {
  const state = ipamd.host.state;
  const subnet = state.subnetOf(eni);
  const ip = formatIpv4(eni.primaryIp);
  return {
    networkInterfaceId: eni.id, subnetId: eni.subnetId, vpcId: state.vpcId, availabilityZone: subnet.spec.availabilityZone,
    macAddress: eni.mac, privateIpAddress: ip, privateDnsName: privateDnsName(ip, ipamd.host.region),
    privateIpAddresses: [{ privateIpAddress: ip, primary: true }, ...eni.secondaryIps.map((s) => ({ privateIpAddress: formatIpv4(s), primary: false }))],
    ipv4Prefixes: eni.prefixes.map((p) => formatCidr({ base: p, prefixLength: 28 })),
    groups: eni.groups.map((g) => ({ groupId: g, groupName: g })), description: eni.description, tags: { ...eni.tags },
    ownerId: ipamd.host.accountId, interfaceType: eni.interfaceType,
    status: eni.attachment ? 'in-use' : 'available', sourceDestCheck: true,
  };
}

/** How one createENI attempt ended: an EC2 error code, or ipamd's own error text. */
type CreateFailure = { code: string; subnetId: string } | { text: string };

/**
 * tryAllocateENI → AllocENI → createENI: the ENI's subnet (the ENIConfig's under custom
 * networking; with subnet discovery every valid subnet of the AZ from DescribeSubnets, most
 * free addresses first, each tried in turn whatever the error; else the primary ENI's,
 * unless DescribeSubnets says it is tagged out), then attach. When createENI fails, the
 * 120 s back-off starts only if its last error was an insufficient-address one.
 */
export function allocateEni(ipamd: Ipamd, reason: () => Verdict, done: () => void): void {
  const host = ipamd.host;
  const node = host.node;
  const config = ipamd.config;
  let custom: { subnet: string; groups: string[] } | undefined;
  if (config.customNetworking) {
    const name = eniConfigNameFor(ipamd);
    const cfg = host.eniConfigs.get(name);
    if (!cfg) {
      // MyENIConfig fails: "Failed to get pod ENI config"; no error metric on this path.
      host.say(`pool too low (${reason().why}) but no ENI can be created: Failed to get pod ENI config (ENIConfig "${name}" not found)`, undefined, et('sim.ipamd.noEniConfig', { reason: reason().text, name }));
      done();
      return;
    }
    custom = { subnet: cfg.subnet, groups: cfg.securityGroups.length ? [...cfg.securityGroups] : node.securityGroups.toSorted() };
  }
  const pd = ipamd.prefixMode;
  const ts = targetState(ipamd.stats(), ipamd.targets());
  // GetENIResourcesToAllocate, then createENI's cap at GetENIIPv4Limit.
  const wanted = pd
    ? Math.min(ipamd.prefixesNeededNow(), ipamd.maxCidrsPerENI)
    : ts.defined ? Math.min(ts.short, ipamd.maxIPsPerENI) : ipamd.maxIPsPerENI;
  if (wanted <= 0) {
    done();
    return;
  }
  const resources = Math.min(wanted, host.limits.ipv4PerEni - 1);
  const tags: Record<string, string> = {
    'node.k8s.amazonaws.com/instance_id': node.instanceId,
    'node.k8s.amazonaws.com/createdAt': wallClockIso(host.queue.nowMs),
  };
  if (config.clusterName) {
    tags['cluster.k8s.amazonaws.com/name'] = config.clusterName;
    tags['eks:eni:owner'] = 'amazon-vpc-cni';
  }
  // buildENITags copies ADDITIONAL_ENI_TAGS last (k8s.amazonaws.com keys were already refused).
  Object.assign(tags, config.additionalEniTags);
  const description = `aws-K8S-${node.instanceId}`;
  // createENIInput: the primary ENI's security groups, as a sorted list.
  const primaryGroups = node.securityGroups.toSorted();

  const failed = (why: CreateFailure) => {
    ipamd.countError('increaseIPPoolAllocENI');
    if ('code' in why && INSUFFICIENT.has(why.code)) {
      ipamd.countError('increaseIPPoolAllocIPAddressesFailed');
      ipamd.insufficientCidr(why.code);
      host.say(`pool too low (${reason().why}) but CreateNetworkInterface failed: ${why.code} in ${why.subnetId}; ipamd stops growing for 120 s.`, [why.subnetId], et('sim.ipamd.createInsufficient', { reason: reason().text, code: why.code, subnet: why.subnetId }));
    } else if ('code' in why) {
      host.say(`pool too low (${reason().why}) but CreateNetworkInterface failed: ${why.code} in ${why.subnetId}; ipamd tries again next cycle.`, [why.subnetId], et('sim.ipamd.createFailed', { reason: reason().text, code: why.code, subnet: why.subnetId }));
    } else {
      host.say(`pool too low (${reason().why}) but no ENI can be created: ${why.text}`, undefined, et('sim.ipamd.createRefused', { reason: reason().text, error: why.text }));
    }
    done();
  };
  const create = (subnetId: string, groups: string[], onError: (why: CreateFailure) => void) => {
    const request = {
      subnetId, description, groups, tags,
      ...(pd ? { ipv4PrefixCount: resources } : { secondaryPrivateIpAddressCount: resources }),
    };
    host.ec2.request(host.caller, 'CreateNetworkInterface', request, () => {
      const r = host.state.createEni({
        subnetId, description, groups, tags, secondary: pd ? 0 : resources, prefixes: pd ? resources : 0, nowMs: host.queue.nowMs,
      });
      return r.ok ? { ok: true, value: { networkInterface: describeEni(ipamd, r.value) } } : r;
    }, (result) => {
      if (result.ok) attach(ipamd, result.value.networkInterface.networkInterfaceId, reason, done);
      else onError({ code: result.code, subnetId });
    }, [subnetId]);
  };

  if (custom) {
    create(custom.subnet, custom.groups, failed);
    return;
  }
  getVpcSubnets(ipamd, (subnets) => {
    const primary = node.subnetId;
    if (!config.subnetDiscovery) {
      // IsSubnetExcluded on the primary subnet; a failed DescribeSubnets is only a warning.
      if (subnets && isSubnetExcluded(subnets, primary, config.clusterName)) {
        failed({ text: 'primary subnet is tagged with kubernetes.io/role/cni=0 and subnet discovery is disabled - no valid subnets available for ENI creation' });
        return;
      }
      create(primary, primaryGroups, failed);
      return;
    }
    if (!subnets) {
      // "Defaulting to same subnet as the primary interface": IsSubnetExcluded asks again.
      getVpcSubnets(ipamd, (again) => {
        if (!again) failed({ text: 'Failed to check if primary subnet is excluded: failed to get VPC subnets. Quit ENI creation attempt.' });
        else if (isSubnetExcluded(again, primary, config.clusterName)) failed({ text: 'primary subnet is tagged with kubernetes.io/role/cni=0 - no valid subnets available for ENI creation' });
        else create(primary, primaryGroups, failed);
      });
      return;
    }
    const valid = byFreeAddresses(subnets).filter((s) => validForEniCreation(s, s.subnetId === primary, config.clusterName));
    if (!valid.length) {
      failed({ text: 'no valid subnets available for ENI creation - all subnets are either not tagged or tagged with kubernetes.io/role/cni=0' });
      return;
    }
    const tryFrom = (i: number) => create(valid[i].subnetId, primaryGroups, (why) => (i + 1 < valid.length ? tryFrom(i + 1) : failed(why)));
    tryFrom(0);
  });
}

/** GetVpcSubnets: DescribeSubnets for the node's VPC and AZ; undefined when the call failed. */
function getVpcSubnets(ipamd: Ipamd, done: (subnets: SubnetDescription[] | undefined) => void): void {
  const host = ipamd.host;
  const vpcId = host.state.vpcId;
  const az = host.node.availabilityZone;
  const filters = [{ name: 'vpc-id', values: [vpcId] }, { name: 'availability-zone', values: [az] }];
  host.ec2.request(host.caller, 'DescribeSubnets', { filters }, () => ({ ok: true, value: { subnets: describeSubnets(host.state, vpcId, az) } }),
    (result) => done(result.ok ? result.value.subnets : undefined));
}

function attach(ipamd: Ipamd, eniId: string, reason: () => Verdict, done: () => void): void {
  const host = ipamd.host;
  const state = host.state;
  host.ec2.request(host.caller, 'DescribeInstances', { instanceIds: [host.node.instanceId] }, () => ({ ok: true, value: {} }), () => {
    const used = new Set<number>();
    for (const e of state.enisOf(host.node.instanceId)) {
      if (e.attachment!.networkCard === 0) used.add(e.attachment!.deviceIndex);
    }
    let deviceIndex = 0;
    while (used.has(deviceIndex)) deviceIndex++;
    const request = { networkInterfaceId: eniId, instanceId: host.node.instanceId, deviceIndex, networkCardIndex: 0 };
    host.ec2.request(host.caller, 'AttachNetworkInterface', request, () => {
      const r = state.attachEni(eniId, host.node.instanceId, deviceIndex, 0, host.queue.nowMs);
      return r.ok ? { ok: true, value: { attachmentId: r.value.id, networkCardIndex: 0 } } : r;
    }, (result) => {
      if (!result.ok) {
        ipamd.countError('increaseIPPoolAllocENI');
        host.say(`AttachNetworkInterface failed: ${result.code}; deleting ${eniId}`, [eniId], et('sim.ipamd.attachFailed', { code: result.code, eni: eniId }));
        host.ec2.request(host.caller, 'DeleteNetworkInterface', { networkInterfaceId: eniId }, () => {
          const r = state.deleteEni(eniId);
          return r.ok ? { ok: true, value: {} } : r;
        }, () => done(), [eniId]);
        return;
      }
      const attachmentId = result.value.attachmentId;
      host.ec2.request(host.caller, 'ModifyNetworkInterfaceAttribute', { networkInterfaceId: eniId, attachmentId, deleteOnTermination: true }, () => {
        const eni = state.enis.get(eniId);
        if (eni?.attachment) eni.attachment.deleteOnTermination = true;
        return { ok: true, value: {} };
      }, () => {
        // waitForENIAndIPsAttached: the ENI shows up in IMDS a moment after the attach call returns.
        host.queue.after(1500 + host.random.int(2000), () => {
          const eni = state.enis.get(eniId);
          if (!eni?.attachment) {
            done();
            return;
          }
          state.setAttachmentStatus(eni, 'attached');
          setupEni(ipamd, eni, reason);
          done();
        });
      }, [eniId]);
    }, [eniId]);
  }, [eniId]);
}

/** setupENI: the new ENI and its addresses enter the datastore. */
function setupEni(ipamd: Ipamd, eni: Ec2Eni, reason: () => Verdict): void {
  const a = eni.attachment!;
  const ds: DsEni = {
    id: eni.id, deviceIndex: a.deviceIndex, networkCard: a.networkCard, isPrimary: false, isTrunk: eni.interfaceType === 'trunk',
    createdAtMs: eni.createdAtMs, primaryIp: eni.primaryIp, subnetId: eni.subnetId, cidrs: [],
  };
  ipamd.ds.addEni(ds);
  ipamd.ds.addCidrs(ds, eni.secondaryIps, false);
  ipamd.ds.addCidrs(ds, eni.prefixes, true);
  const what = eni.prefixes.length
    ? `${eni.prefixes.length} /28 prefix${eni.prefixes.length === 1 ? '' : 'es'}`
    : `${eni.secondaryIps.length} secondary IPs`;
  const whatText = eni.prefixes.length ? et('sim.got.prefixCount', { count: eni.prefixes.length }) : et('sim.got.ipCount', { count: eni.secondaryIps.length });
  ipamd.host.say(
    `pool too low: ${reason().why} → CreateNetworkInterface + AttachNetworkInterface (${ifName(ipamd, a)}, ${eni.id}) with ${what}; route table ${a.deviceIndex + 1}, rule 32765 from ${formatIpv4(eni.primaryIp)}`,
    [eni.id],
    et('sim.ipamd.eniCreated', { reason: reason().text, dev: ifName(ipamd, a), eni: eni.id, what: whatText, table: a.deviceIndex + 1, ip: formatIpv4(eni.primaryIp) }),
  );
}

/**
 * getDeletableENI: one ENI tryFreeENI may free: not primary or trunk, at least 60 s old, no
 * cooling address, no pod, and not needed by the other ENIs for WARM_IP_TARGET,
 * MINIMUM_IP_TARGET (rounded up to whole prefixes in PD mode) or WARM_PREFIX_TARGET. Map
 * order decides among candidates.
 */
export function deletableEni(ipamd: Ipamd): DsEni | undefined {
  const now = ipamd.host.queue.nowMs;
  const c = ipamd.config;
  const ds = ipamd.ds;
  for (const eni of ds.shuffled(ipamd.managedEnis())) {
    if (eni.isPrimary || eni.isTrunk) continue;
    if (now - eni.createdAtMs < MIN_ENI_LIFETIME_MS) continue;
    if (ds.eniHasCooling(eni, now, c.ipCooldownMs)) continue;
    if (ds.eniAssigned(eni) > 0) continue;
    const others = ipamd.managedEnis().filter((e) => e !== eni && !e.isTrunk);
    let otherFree = 0;
    let otherTotal = 0;
    let otherFreePrefixes = 0;
    for (const o of others) {
      for (const cidr of ds.activeCidrs(o)) {
        const size = ds.cidrSize(cidr);
        otherTotal += size;
        otherFree += size - cidr.assigned;
        if (cidr.isPrefix && cidr.assigned === 0) otherFreePrefixes++;
      }
    }
    let wit = c.warmIpTarget;
    let mit = c.minimumIpTarget;
    if (ipamd.prefixMode) {
      wit = Math.ceil(wit / 16) * 16;
      mit = Math.ceil(mit / 16) * 16;
    }
    if (wit > 0 && otherFree < wit) continue;
    if (mit > 0 && otherTotal < mit) continue;
    if (ipamd.prefixMode && wit === 0 && mit === 0 && otherFreePrefixes < c.warmPrefixTarget) continue;
    return eni;
  }
  return undefined;
}

/** tryFreeENI → freeENI for one deletable ENI. */
export function freeEni(ipamd: Ipamd, eni: DsEni, stats: IpStats, done: () => void): void {
  const host = ipamd.host;
  const state = host.state;
  ipamd.ds.removeEni(eni.id);
  host.say(`ENI ${ifName(ipamd, eni)} (${eni.id}) is surplus: available ${stats.available}, no pods, no cooling IPs, older than 60 s → DetachNetworkInterface + DeleteNetworkInterface`, [eni.id],
    et('sim.ipamd.eniSurplus', { dev: ifName(ipamd, eni), eni: eni.id, available: stats.available }));
  host.ec2.request(host.caller, 'DescribeNetworkInterfaces', { networkInterfaceIds: [eni.id] }, () => {
    const e = state.enis.get(eni.id);
    return e ? { ok: true, value: { networkInterfaces: [describeEni(ipamd, e)] } } : { ok: false, code: 'InvalidNetworkInterfaceID.NotFound', message: `The networkInterface ID '${eni.id}' does not exist` };
  }, (described) => {
    const attachmentId = state.enis.get(eni.id)?.attachment?.id;
    if (!described.ok || !attachmentId) {
      done();
      return;
    }
    const e = state.enis.get(eni.id)!;
    state.setAttachmentStatus(e, 'detaching');
    host.ec2.request(host.caller, 'DetachNetworkInterface', { attachmentId }, () => {
      const r = state.detachEni(attachmentId);
      return r.ok ? { ok: true, value: {} } : r;
    }, () => {
      host.queue.after(FREE_ENI_DETACH_WAIT_MS, () => {
        host.ec2.request(host.caller, 'DeleteNetworkInterface', { networkInterfaceId: eni.id }, () => {
          const r = state.deleteEni(eni.id);
          return r.ok ? { ok: true, value: {} } : r;
        }, () => done(), [eni.id]);
      });
    }, [eni.id]);
  }, [eni.id]);
}
