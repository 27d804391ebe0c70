/**
 * Attaching and freeing whole ENIs: tryAllocateENI (AllocENI: CreateNetworkInterface →
 * DescribeInstances for the lowest free device index → AttachNetworkInterface →
 * ModifyNetworkInterfaceAttribute DeleteOnTermination, then wait for IMDS and setupENI)
 * and tryFreeENI (freeENI: DescribeNetworkInterfaces → DetachNetworkInterface → 2 s →
 * DeleteNetworkInterface).
 */
import { formatCidr, formatIpv4 } from '../net/ipv4.ts';
import type { NetworkInterfaceDescription } from '../aws/ec2-types.ts';
import type { Ec2Eni } from '../aws/ec2-state.ts';
import type { Ipamd } from './ipamd.ts';
import type { DsEni, IpStats } from './datastore.ts';
import { goParseBool } from './go-parse.ts';
import { targetState } from './pool-math.ts';
import { privateDnsName } from '../k8s/names.ts';
import { wallClockIso } from '../clock/epoch.ts';

const FREE_ENI_DETACH_WAIT_MS = 2_000;

/** The ENIConfig name for a node (GetNodeSpecificENIConfigName). */
export function eniConfigNameFor(ipamd: Ipamd): string {
  const n = ipamd.host.node;
  return n.labels['vpc.amazonaws.com/externalEniConfig']
    ?? n.annotations[ipamd.config.eniConfigAnnotationDef]
    ?? n.labels[ipamd.config.eniConfigLabelDef]
    ?? 'default';
}

/** Subnets a new ENI may go to, best first (custom networking, subnet discovery, or the primary's). */
function candidateSubnets(ipamd: Ipamd): { subnets: string[]; groups: string[] } | { error: string } {
  const node = ipamd.host.node;
  if (ipamd.config.customNetworking) {
    const name = eniConfigNameFor(ipamd);
    const cfg = ipamd.host.eniConfigs.get(name);
    if (!cfg) return { error: `Failed to get pod ENI config: ENIConfig "${name}" not found` };
    return { subnets: [cfg.subnet], groups: cfg.securityGroups.length ? [...cfg.securityGroups] : [...node.securityGroups] };
  }
  const discovery = goParseBool(ipamd.env.ENABLE_SUBNET_DISCOVERY ?? 'true') ?? true;
  if (!discovery) return { subnets: [node.subnetId], groups: [...node.securityGroups] };
  const state = ipamd.host.state;
  const primary = state.subnets.get(node.subnetId)!;
  const eligible = [...state.subnets.values()].filter((s) => {
    if (s.spec.availabilityZone !== primary.spec.availabilityZone) return false;
    const role = s.spec.tags['kubernetes.io/role/cni'];
    if (s.spec.id === node.subnetId) return role !== '0';
    return role !== undefined && role !== '0';
  });
  eligible.sort((a, b) => b.pool.free - a.pool.free || a.spec.id.localeCompare(b.spec.id));
  return { subnets: eligible.map((s) => s.spec.id), groups: [...node.securityGroups] };
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

/** tryAllocateENI. */
export function allocateEni(ipamd: Ipamd, reason: () => string, done: () => void): void {
  const host = ipamd.host;
  const where = candidateSubnets(ipamd);
  if ('error' in where) {
    ipamd.counters.ipamdErrors.increaseIPPoolAllocENIFailed = (ipamd.counters.ipamdErrors.increaseIPPoolAllocENIFailed ?? 0) + 1;
    host.say(`pool too low (${reason()}) but no ENI can be created: ${where.error}`);
    done();
    return;
  }
  const pd = ipamd.prefixMode;
  const ts = targetState(ipamd.stats(), ipamd.targets());
  const resources = pd
    ? Math.min(ipamd.prefixesNeededNow(), ipamd.maxCidrsPerENI)
    : ts.defined ? Math.min(ts.short, ipamd.maxIPsPerENI) : ipamd.maxIPsPerENI;
  const tags: Record<string, string> = {
    'node.k8s.amazonaws.com/instance_id': host.node.instanceId,
    'node.k8s.amazonaws.com/createdAt': wallClockIso(host.queue.nowMs),
  };
  if (ipamd.config.clusterName) {
    tags['cluster.k8s.amazonaws.com/name'] = ipamd.config.clusterName;
    tags['eks:eni:owner'] = 'amazon-vpc-cni';
  }
  // buildENITags copies ADDITIONAL_ENI_TAGS last (k8s.amazonaws.com keys were already refused).
  Object.assign(tags, ipamd.config.additionalEniTags);
  const description = `aws-K8S-${host.node.instanceId}`;
  const tryCreate = (i: number) => {
    if (i >= where.subnets.length) {
      done();
      return;
    }
    const subnetId = where.subnets[i];
    const request = {
      subnetId, description, groups: where.groups, tags,
      ...(pd ? { ipv4PrefixCount: resources } : { secondaryPrivateIpAddressCount: resources }),
    };
    host.ec2.request(host.caller, 'CreateNetworkInterface', request, () => {
      const r = host.state.createEni({
        subnetId, description, groups: where.groups, tags, secondary: pd ? 0 : resources, prefixes: pd ? resources : 0, nowMs: host.queue.nowMs,
      });
      return r.ok ? { ok: true, value: { networkInterface: describeEni(ipamd, r.value) } } : r;
    }, (result) => {
      if (result.ok) {
        attach(ipamd, result.value.networkInterface.networkInterfaceId, reason, done);
        return;
      }
      if (result.code === 'InsufficientFreeAddressesInSubnet' || result.code === 'InsufficientCidrBlocks') {
        if (i + 1 < where.subnets.length) {
          tryCreate(i + 1);
          return;
        }
        ipamd.lastInsufficientCidrMs = host.queue.nowMs;
        ipamd.lastInsufficientCode = result.code;
        host.say(`pool too low (${reason()}) but CreateNetworkInterface failed: ${result.code} in ${subnetId}; ipamd stops growing for 120 s.`, [subnetId]);
      } else {
        host.say(`CreateNetworkInterface failed: ${result.code}`);
      }
      ipamd.counters.ipamdErrors.increaseIPPoolAllocENIFailed = (ipamd.counters.ipamdErrors.increaseIPPoolAllocENIFailed ?? 0) + 1;
      done();
    });
  };
  tryCreate(0);
}

function attach(ipamd: Ipamd, eniId: string, reason: () => string, done: () => void): void {
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
        host.say(`AttachNetworkInterface failed: ${result.code}; deleting ${eniId}`, [eniId]);
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
          eni.attachment.status = 'attached';
          setupEni(ipamd, eni, reason);
          done();
        });
      }, [eniId]);
    }, [eniId]);
  }, [eniId]);
}

/** setupENI: the new ENI and its addresses enter the datastore. */
function setupEni(ipamd: Ipamd, eni: Ec2Eni, reason: () => string): void {
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
  ipamd.host.say(
    `pool too low: ${reason()} → CreateNetworkInterface + AttachNetworkInterface (eth${a.deviceIndex}, ${eni.id}) with ${what}; route table ${a.deviceIndex + 1}, rule 32765 from ${formatIpv4(eni.primaryIp)}`,
    [eni.id],
  );
}

/** tryFreeENI → freeENI for one deletable ENI. */
export function freeEni(ipamd: Ipamd, eni: DsEni, stats: IpStats, done: () => void): void {
  const host = ipamd.host;
  const state = host.state;
  ipamd.ds.removeEni(eni.id);
  host.say(`ENI eth${eni.deviceIndex} (${eni.id}) is surplus: available ${stats.available}, no pods, no cooling IPs, older than 60 s → DetachNetworkInterface + DeleteNetworkInterface`, [eni.id]);
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
    e.attachment!.status = 'detaching';
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
