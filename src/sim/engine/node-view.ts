/**
 * One node's view: its ENIs with their address slots (assigned / warm / cooling), branch ENIs,
 * pool statistics, ipamd's counters and plain-language warnings where something is stuck.
 * Built only when the node changed (see live-views.ts); the result also says when the view
 * would change by the passage of time alone (a cooldown ending, a warning running out).
 */
import { formatCidr, formatIpv4 } from '../net/ipv4.ts';
import type { Ec2Eni } from '../aws/ec2-state.ts';
import type { CidrEntry } from '../cni/datastore.ts';
import { INSUFFICIENT_CIDR_COOLDOWN_MS } from '../cni/ipamd.ts';
import type { KNode } from '../k8s/objects.ts';
import { eniIfName } from '../linux/ami.ts';
import { et } from '../engine-text.ts';
import type { AddressView, EniView, IpamdCounters, NodeView, WarningView } from '../view.ts';
import type { Engine } from './simulation.ts';

export const THROTTLE_WARNING_MS = 60_000;

/** A node's view and the simulated time at which it goes stale without any mutation. */
export interface BuiltNodeView {
  view: NodeView;
  /** Infinity when nothing in the view depends on the clock. */
  expiresAtMs: number;
}

function addressViews(cidr: CidrEntry | undefined, ips: number[], now: number, cooldownMs: number): AddressView[] {
  // One map per CIDR instead of a search per address: a /28 prefix tracks up to 16.
  const byIp = cidr && cidr.addrs.length > 1 ? new Map(cidr.addrs.map((x) => [x.ip as number, x])) : undefined;
  return ips.map((ip) => {
    const a = byIp ? byIp.get(ip) : cidr?.addrs[0]?.ip === ip ? cidr.addrs[0] : undefined;
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
  const cidrs = ds && ds.cidrs.length > 4 ? new Map(ds.cidrs.map((c) => [c.base as number, c])) : undefined;
  const cidrOf = (base: number) => (cidrs ? cidrs.get(base) : ds?.cidrs.find((c) => c.base === base));
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

/**
 * Builds a node's view. `pending` is the number of pods waiting for the scheduler (the
 * MaxPodsReached warning names it); the caller keeps it, so no view scans every pod.
 */
export function buildNodeView(sim: Engine, n: KNode, pending: number): BuiltNodeView {
  const ipamd = n.ipamd;
  const configured = ipamd.config !== undefined;
  const stats = configured ? ipamd.stats(true) : { totalIPs: 0, assignedIPs: 0, cooldownIPs: 0, available: 0, totalPrefixes: 0, freePrefixes: 0 };
  const enis = [...sim.ec2State.enisOf(n.instanceId).map((e) => eniView(sim, n, e)), ...branchViews(sim, n)];
  const maxEni = configured ? ipamd.maxEni : 0;
  const view: NodeView = {
    name: n.name, instanceId: n.instanceId, instanceType: n.instanceType, nodeGroup: n.nodeGroup, groupIndex: n.groupIndex, amiFamily: n.amiFamily, labels: { ...n.labels },
    availabilityZone: n.availabilityZone, subnetId: n.subnetId, nodeIp: formatIpv4(n.nodeIp), maxPods: n.maxPods,
    podCount: n.pods.size, joinedAtMs: n.joinedAtMs,
    ...(n.readyChangedAtMs !== undefined ? { readyChangedAtMs: n.readyChangedAtMs } : {}),
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
    counters: copyCounters(ipamd.counters),
  };
  view.warnings = warnings(sim, n, view, pending);
  return { view, expiresAtMs: expiry(sim, n) };
}

/** When the view changes by time alone: a cooldown ends, a SubnetExhausted or Throttled warning lapses. */
function expiry(sim: Engine, n: KNode): number {
  const now = sim.nowMs;
  const ipamd = n.ipamd;
  let at = Infinity;
  const cooldown = ipamd.config?.ipCooldownMs ?? 30_000;
  for (const eni of ipamd.ds.enis) {
    for (const c of eni.cidrs) {
      for (const a of c.addrs) {
        if (a.pod || a.unassignedAtMs === undefined) continue;
        const until = a.unassignedAtMs + cooldown;
        if (until > now && until < at) at = until;
      }
    }
  }
  const insufficientUntil = ipamd.lastInsufficientCidrMs + INSUFFICIENT_CIDR_COOLDOWN_MS;
  if (insufficientUntil > now && insufficientUntil < at) at = insufficientUntil;
  const throttled = sim.ec2.lastThrottleMs.get(n.name);
  if (throttled !== undefined && throttled + THROTTLE_WARNING_MS > now && throttled + THROTTLE_WARNING_MS < at) at = throttled + THROTTLE_WARNING_MS;
  // What traffic left (conntrack timeouts counting down, counters a full sync flushes): the
  // node's Linux view, cached by node version, must be rebuilt then.
  const traffic = sim.traffic.nextChangeMs(n.name, n.joinedAtMs);
  if (traffic < at) at = traffic;
  return at;
}

/** A copy the view can keep while ipamd counts on (the counters are plain records of numbers). */
function copyCounters(c: IpamdCounters): IpamdCounters {
  const latency: IpamdCounters['awsApiLatency'] = {};
  for (const k in c.awsApiLatency) {
    const l = c.awsApiLatency[k];
    latency[k] = { count: l.count, sumMs: l.sumMs, samples: l.samples.slice() };
  }
  return {
    ...c,
    delIpRequests: { ...c.delIpRequests },
    ec2ApiRequests: { ...c.ec2ApiRequests },
    ec2ApiErrors: { ...c.ec2ApiErrors },
    awsApiErrors: { ...c.awsApiErrors },
    awsApiLatency: latency,
    reconcile: { ...c.reconcile },
    ipamdErrors: { ...c.ipamdErrors },
  };
}

function warnings(sim: Engine, n: KNode, v: NodeView, pending: number): WarningView[] {
  const out: WarningView[] = [];
  const ipamd = n.ipamd;
  const now = sim.nowMs;
  if (ipamd.status === 'crash-loop') {
    const log = ipamd.statusMessage ?? '';
    out.push(ipamd.failure?.stage === 'ipamd'
      ? { code: 'IpamdNotRunning', message: `aws-node is not Ready and restarts each time its liveness probe gives up: ipamd exits at start-up, and /var/log/aws-routed-eni/ipamd.log on the node says "${log}". No new pod on this node gets an address.`, text: et('sim.warning.ipamdExits', { log }) }
      : { code: 'IpamdNotRunning', message: `aws-node is in CrashLoopBackOff: it exits at start-up, and kubectl logs says "${log}". No new pod on this node gets an address.`, text: et('sim.warning.crashLoop', { log }) });
  }
  if (ipamd.ipv6NotModelled) {
    out.push({ code: 'Ipv6NotModelled', message: 'ENABLE_IPv6=true: a real node runs in IPv6 mode (pods get IPv6 addresses from one /80 prefix on the primary ENI, IPv4 egress through v4if0 and the node\'s SNAT). IPv6 mode is not modelled: this node is still simulated in IPv4 mode.', text: et('sim.warning.ipv6') });
  }
  if (v.podCount >= n.maxPods) {
    const counts = { pods: v.podCount, max: n.maxPods };
    out.push(pending
      ? { code: 'MaxPodsReached', message: `${v.podCount}/${n.maxPods} pods: max pods reached; ${pending} pod(s) wait in Pending ("Too many pods"). Max pods = ENIs × (IPv4 per ENI − 1) + 2.`, text: et('sim.warning.maxPodsPending', { ...counts, pending }) }
      : { code: 'MaxPodsReached', message: `${v.podCount}/${n.maxPods} pods: max pods reached. Max pods = ENIs × (IPv4 per ENI − 1) + 2.`, text: et('sim.warning.maxPods', counts) });
  }
  if (ipamd.eniLimitReached) {
    const attached = v.enis.filter((e) => e.kind !== 'branch').length;
    out.push({ code: 'EniLimitReached', message: `ENI limit reached: ${attached} of ${v.pool.maxENIs} ENIs attached and every one is full; the pool cannot grow.`, text: et('sim.warning.eniLimit', { attached, max: v.pool.maxENIs }) });
  }
  if (now - ipamd.lastInsufficientCidrMs < INSUFFICIENT_CIDR_COOLDOWN_MS) {
    const code = ipamd.lastInsufficientCode;
    out.push(code === 'InsufficientCidrBlocks'
      ? { code: 'SubnetExhausted', message: `${code}: the subnet has no free aligned /28 block left; ipamd backs off 120 s before trying again.`, text: et('sim.warning.noBlock', { code }) }
      : { code: 'SubnetExhausted', message: `${code}: the subnet has no free address left; ipamd backs off 120 s before trying again.`, text: et('sim.warning.noAddress', { code }) });
  }
  const throttled = sim.ec2.lastThrottleMs.get(n.name);
  if (throttled !== undefined && now - throttled < THROTTLE_WARNING_MS) {
    out.push({ code: 'Throttled', message: 'EC2 answered RequestLimitExceeded: the account\'s request token bucket is empty; the SDK retries with back-off.', text: et('sim.warning.throttled') });
  }
  // Pods waiting for a branch ENI are not short of warm-pool addresses; they wait for the controller.
  // Nor are pods whose veth the plugin could not create (their address went back to the pool).
  let starving = 0;
  for (const k of n.pods) {
    const p = sim.cluster.pods.get(k);
    if (p && p.reason === 'FailedCreatePodSandBox' && !p.podEni && typeof p.sandboxFailure !== 'object') starving++;
  }
  if (starving) {
    out.push({ code: 'NoIpAvailable', message: `${starving} pod(s) stuck in ContainerCreating: ipamd had no free address ("failed to assign an IP address to container").`, text: et('sim.warning.noIp', { pods: starving }) });
  }
  return out;
}
