/**
 * Builds the serialisable snapshot the UI, CLI and tests read: subnets with their
 * address use, nodes with ENIs and address slots (assigned / warm / cooling), pods,
 * deployments, and plain-language warnings where something is stuck.
 */
import { formatCidr, formatIpv4 } from '../net/ipv4.ts';
import type { Ec2Eni } from '../aws/ec2-state.ts';
import type { CidrEntry } from '../cni/datastore.ts';
import type { KNode } from '../k8s/objects.ts';
import { eniIfName } from '../linux/ami.ts';
import type { AddressView, EniView, NodeView, PodView, SimSnapshot, WarningView } from '../view.ts';
import type { Engine } from './simulation.ts';

const THROTTLE_WARNING_MS = 60_000;

export function buildSnapshot(sim: Engine): SimSnapshot {
  const now = sim.nowMs;
  const state = sim.ec2State;
  return {
    timeMs: now,
    scenarioName: sim.spec.name,
    region: sim.spec.region,
    clusterName: sim.spec.clusterName,
    vpc: { id: sim.spec.vpc.id, cidrs: [...sim.spec.vpc.cidrs] },
    subnets: [...state.subnets.values()].map((s) => ({
      id: s.spec.id, availabilityZone: s.spec.availabilityZone, cidr: s.spec.cidr,
      usable: s.pool.usable, used: s.pool.usedAddresses, free: s.pool.free, tags: { ...s.spec.tags },
    })),
    nodes: (() => {
      // Pods waiting for a node, counted once for every node's MaxPodsReached warning.
      let pending = 0;
      for (const p of sim.cluster.pods.values()) if (!p.node && p.phase === 'Pending') pending++;
      return [...sim.cluster.nodes.values()].map((n) => nodeView(sim, n, pending));
    })(),
    pods: [...sim.cluster.pods.values()].map((p): PodView => ({
      namespace: p.namespace, name: p.name, uid: p.uid, deployment: p.deployment, node: p.node, phase: p.phase,
      ip: p.ip === undefined ? undefined : formatIpv4(p.ip), hostNetwork: p.hostNetwork, eniId: p.eniId,
      ...(p.branchEniId ? { branchEniId: p.branchEniId } : {}),
      ...(p.podEni ? { podEni: true } : {}),
      ...(p.hostVethPrefix !== undefined ? { hostVethPrefix: p.hostVethPrefix } : {}),
      ...(p.nodeSelector ? { nodeSelector: { ...p.nodeSelector } } : {}),
      ...(p.annotations ? { annotations: { ...p.annotations } } : {}),
      reason: p.reason, message: p.message, createdAtMs: p.createdAtMs, restarts: p.restarts,
    })),
    deployments: [...sim.cluster.deployments.values()].map((d) => {
      const pods = [...sim.cluster.pods.values()].filter((p) => p.deployment === d.name && p.namespace === d.namespace && p.phase === 'Running');
      return { namespace: d.namespace, name: d.name, replicas: d.replicas, ready: pods.length, available: pods.length };
    }),
    env: { ...sim.env },
    ec2: { calls: sim.ec2.calls, throttled: sim.ec2.throttled, errors: sim.ec2.errors },
    lastEventSeq: sim.log.lastSeq,
  };
}

function addressViews(cidr: CidrEntry | undefined, ips: number[], now: number, cooldownMs: number): AddressView[] {
  return ips.map((ip) => {
    const a = cidr?.addrs.find((x) => x.ip === ip);
    if (a?.pod) return { ip: formatIpv4(ip), state: 'assigned', pod: a.pod };
    if (a?.unassignedAtMs !== undefined && now - a.unassignedAtMs < cooldownMs) {
      return { ip: formatIpv4(ip), state: 'cooling', coolingUntilMs: a.unassignedAtMs + cooldownMs };
    }
    return { ip: formatIpv4(ip), state: 'warm' };
  });
}

function eniView(sim: Engine, node: KNode, eni: Ec2Eni): EniView {
  const ipamd = node.ipamd;
  const ds = ipamd.ds.eni(eni.id);
  const now = sim.nowMs;
  const cooldown = ipamd.config?.ipCooldownMs ?? 30_000;
  const subnet = sim.ec2State.subnetOf(eni);
  const a = eni.attachment!;
  const cidrOf = (base: number) => ds?.cidrs.find((c) => c.base === base);
  return {
    id: eni.id,
    kind: eni.interfaceType === 'trunk' ? 'trunk' : a.deviceIndex === 0 ? 'primary' : 'secondary',
    deviceIndex: a.deviceIndex,
    networkCard: a.networkCard,
    mac: eni.mac,
    subnetId: eni.subnetId,
    subnetCidr: subnet.spec.cidr,
    primaryIp: formatIpv4(eni.primaryIp),
    description: eni.description,
    securityGroups: [...eni.groups],
    attachmentState: a.status,
    createdAtMs: eni.createdAtMs,
    attachedAtMs: a.attachedAtMs,
    ifName: eniIfName(node.amiFamily, a.deviceIndex),
    secondaryIps: eni.secondaryIps.flatMap((ip) => addressViews(cidrOf(ip), [ip], now, cooldown)),
    prefixes: eni.prefixes.map((p) => {
      const cidr = cidrOf(p);
      const tracked = (cidr?.addrs ?? []).map((x) => x.ip).toSorted((x, y) => x - y);
      return { cidr: formatCidr({ base: p, prefixLength: 28 }), addresses: addressViews(cidr, tracked, now, cooldown) };
    }),
    tags: { ...eni.tags },
  };
}

/** The node's branch ENIs (live and in the delete queue), as vlan.eth.<id> on the trunk. */
function branchViews(sim: Engine, n: KNode): EniView[] {
  const trunk = sim.rc.trunks.get(n.name);
  const trunkEni = trunk?.trunkEniId ? sim.ec2State.enis.get(trunk.trunkEniId) : undefined;
  if (!trunk || !trunkEni?.attachment) return [];
  const out: EniView[] = [];
  for (const b of trunk.allBranches().toSorted((x, y) => x.vlanId - y.vlanId)) {
    const eni = sim.ec2State.enis.get(b.eniId);
    if (!eni) continue;
    const assoc = eni.trunkAssociation;
    out.push({
      id: eni.id, kind: 'branch', deviceIndex: trunkEni.attachment.deviceIndex, networkCard: trunkEni.attachment.networkCard,
      mac: eni.mac, subnetId: eni.subnetId, subnetCidr: sim.ec2State.subnetOf(eni).spec.cidr, primaryIp: formatIpv4(eni.primaryIp),
      description: eni.description, securityGroups: [...eni.groups],
      attachmentState: assoc ? (b.queuedAtMs === undefined ? 'attached' : 'detaching') : 'detaching',
      createdAtMs: eni.createdAtMs, attachedAtMs: assoc?.associatedAtMs ?? eni.createdAtMs, ifName: `vlan.eth.${b.vlanId}`,
      secondaryIps: [], prefixes: [], vlanId: b.vlanId, ...(b.queuedAtMs === undefined ? { pod: b.pod } : {}), tags: { ...eni.tags },
    });
  }
  return out;
}

function nodeView(sim: Engine, n: KNode, pending: number): NodeView {
  const ipamd = n.ipamd;
  const configured = ipamd.config !== undefined;
  const stats = configured ? ipamd.stats(true) : { totalIPs: 0, assignedIPs: 0, cooldownIPs: 0, available: 0, totalPrefixes: 0, freePrefixes: 0 };
  const enis = [...sim.ec2State.enisOf(n.instanceId).map((e) => eniView(sim, n, e)), ...branchViews(sim, n)];
  const maxEni = configured ? ipamd.maxEni : 0;
  const view: NodeView = {
    name: n.name, instanceId: n.instanceId, instanceType: n.instanceType, nodeGroup: n.nodeGroup, groupIndex: n.groupIndex, amiFamily: n.amiFamily, labels: { ...n.labels },
    availabilityZone: n.availabilityZone, subnetId: n.subnetId, nodeIp: formatIpv4(n.nodeIp), maxPods: n.maxPods,
    podCount: n.pods.size,
    ...(n.unschedulable ? { unschedulable: true } : {}),
    ...(n.taints.length ? { taints: n.taints.map((t) => ({ ...t })) } : {}),
    ...(n.podEniCapacity ? { podEniCapacity: n.podEniCapacity } : {}),
    mode: configured && ipamd.prefixMode ? 'prefix-delegation' : 'secondary-ip',
    ipamd: { status: ipamd.status, message: ipamd.statusMessage },
    enis,
    pool: {
      totalIPs: stats.totalIPs, assignedIPs: stats.assignedIPs, cooldownIPs: stats.cooldownIPs, availableIPs: stats.available,
      totalPrefixes: stats.totalPrefixes, freePrefixes: stats.freePrefixes,
      maxIPs: configured ? maxEni * ipamd.maxIPsPerENI - (ipamd.config.customNetworking ? ipamd.maxIPsPerENI : 0) : 0,
      maxENIs: maxEni,
    },
    warnings: [],
    counters: structuredCloneCounters(ipamd.counters),
  };
  view.warnings = warnings(sim, n, view, pending);
  return view;
}

function structuredCloneCounters<T>(c: T): T {
  return JSON.parse(JSON.stringify(c)) as T;
}

function warnings(sim: Engine, n: KNode, v: NodeView, pending: number): WarningView[] {
  const out: WarningView[] = [];
  const ipamd = n.ipamd;
  const now = sim.nowMs;
  if (ipamd.status === 'crash-loop') {
    const message = ipamd.failure?.stage === 'ipamd'
      ? `aws-node is not Ready and restarts each time its liveness probe gives up: ipamd exits at start-up, and /var/log/aws-routed-eni/ipamd.log on the node says "${ipamd.statusMessage}".`
      : `aws-node is in CrashLoopBackOff: it exits at start-up, and kubectl logs says "${ipamd.statusMessage}".`;
    out.push({ code: 'IpamdNotRunning', message: `${message} No new pod on this node gets an address.` });
  }
  if (ipamd.ipv6NotModelled) {
    out.push({ code: 'Ipv6NotModelled', message: 'ENABLE_IPv6=true: a real node runs in IPv6 mode (pods get IPv6 addresses from one /80 prefix on the primary ENI, IPv4 egress through v4if0 and the node\'s SNAT). IPv6 mode is not modelled: this node is still simulated in IPv4 mode.' });
  }
  if (v.podCount >= n.maxPods) {
    out.push({ code: 'MaxPodsReached', message: `${v.podCount}/${n.maxPods} pods: max pods reached${pending ? `; ${pending} pod(s) wait in Pending ("Too many pods")` : ''}. Max pods = ENIs × (IPv4 per ENI − 1) + 2.` });
  }
  if (ipamd.eniLimitReached) {
    out.push({ code: 'EniLimitReached', message: `ENI limit reached: ${v.enis.filter((e) => e.kind !== 'branch').length} of ${v.pool.maxENIs} ENIs attached and every one is full; the pool cannot grow.` });
  }
  if (now - ipamd.lastInsufficientCidrMs < 120_000) {
    out.push({ code: 'SubnetExhausted', message: `${ipamd.lastInsufficientCode}: the subnet has no ${ipamd.lastInsufficientCode === 'InsufficientCidrBlocks' ? 'free aligned /28 block' : 'free address'} left; ipamd backs off 120 s before trying again.` });
  }
  const throttled = sim.ec2.lastThrottleMs.get(n.name);
  if (throttled !== undefined && now - throttled < THROTTLE_WARNING_MS) {
    out.push({ code: 'Throttled', message: 'EC2 answered RequestLimitExceeded: the account\'s request token bucket is empty; the SDK retries with back-off.' });
  }
  // Pods waiting for a branch ENI are not short of warm-pool addresses; they wait for the controller.
  // Nor are pods whose veth the plugin could not create (their address went back to the pool).
  const starving = [...n.pods].map((k) => sim.cluster.pods.get(k)!)
    .filter((p) => p.reason === 'FailedCreatePodSandBox' && !p.podEni && typeof p.sandboxFailure !== 'object').length;
  if (starving) {
    out.push({ code: 'NoIpAvailable', message: `${starving} pod(s) stuck in ContainerCreating: ipamd had no free address ("failed to assign an IP address to container").` });
  }
  return out;
}
