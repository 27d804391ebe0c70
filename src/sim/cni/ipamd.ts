/**
 * ipamd on one node (pkg/ipamd/ipamd.go): start-up (validateEnvVars, nodeInit, pre-scale),
 * then the pool manager loop — every ~5 s, updateIPPoolIfRequired: grow when the pool is
 * too low, shrink when too high (at most every 30 s), then try to free one ENI. EC2 calls
 * block the loop, as the real goroutine does.
 */
import { formatCidr, formatIpv4, type Ipv4 } from '../net/ipv4.ts';
import { effectiveEnv, parseIpamdConfig, type IpamdConfig } from './env.ts';
import { STARTUP_LOG_LOCATION, startupFailure, type StartupFailure } from './startup-checks.ts';
import { Datastore, type Assignment, type DsEni, type IpStats } from './datastore.ts';
import { isPoolTooHigh, isPoolTooLow, poolTooHigh, poolTooLow, prefixesNeeded, shouldRemoveExtraEnis, cidrsOverTarget, type PoolTargets, type Verdict } from './pool-math.ts';
import { et, type EngineText, type EngineTextValue } from '../engine-text.ts';
import type { IpamdHost } from './ipamd-host.ts';
import type { AwsNodeEnv } from '../spec.ts';
import type { IpamdCounters } from '../view.ts';
import { allocateEni, deletableEni, freeEni } from './eni-lifecycle.ts';
import { growExistingEni, ifName, releaseCidrs } from './cidr-lifecycle.ts';
import { parsePodEniAnnotation, type BranchNetwork } from './pod-eni.ts';

export const POOL_CYCLE_MS = 5_000;
export const DECREASE_INTERVAL_MS = 30_000;
export const INSUFFICIENT_CIDR_COOLDOWN_MS = 120_000;
const INIT_MS = 2_000;
/** kubelet's restart back-off for a crashing container: 10 s doubling to 5 min. */
const CRASH_BACKOFF_MS = [10_000, 20_000, 40_000, 80_000, 160_000, 300_000];
/**
 * How long an aws-node container whose ipamd died at start-up stays up: the manifest's
 * liveness probe starts after initialDelaySeconds 60 and, with Kubernetes' default
 * periodSeconds 10 and failureThreshold 3, fails at 60, 70 and 80 s, when kubelet kills it.
 */
export const LIVENESS_KILL_MS = 80_000;

export type IpamdStatus = 'starting' | 'running' | 'crash-loop';

export function newCounters(nowMs: number): IpamdCounters {
  return {
    addIpRequests: 0, delIpRequests: {}, noAvailableIpAddresses: 0, ec2ApiRequests: {}, ec2ApiErrors: {},
    awsApiErrors: {}, awsApiLatency: {}, reconcile: {}, ipamdErrors: {}, forceRemovedEnis: 0, forceRemovedIps: 0,
    startedAtMs: nowMs,
  };
}

export class Ipamd {
  status: IpamdStatus = 'starting';
  statusMessage?: string;
  /** Why aws-node refused to start (status crash-loop). */
  failure?: StartupFailure;
  /** ENABLE_IPv6 passed every check: a real node would run in IPv6 mode, which is not modelled. */
  ipv6NotModelled = false;
  config!: IpamdConfig;
  env: Record<string, string> = {};
  readonly ds: Datastore;
  busy = false;
  lastDecreaseMs = -Infinity;
  lastInsufficientCidrMs = -Infinity;
  lastInsufficientCode = '';
  private limitReached = false;
  /** The env overrides of the latest start, and of the latest nodeInit (SetupHostNetwork). */
  private startEnv: AwsNodeEnv = {};
  private hostNetworkSetUpWith?: AwsNodeEnv;
  private generation = 0;
  private crashes = 0;
  private restartWanted = false;
  private stopped = false;

  constructor(readonly host: IpamdHost) {
    this.ds = new Datastore(host.random.fork('datastore'), () => this.changed());
  }

  /** Tells the engine the node's view changed. */
  private changed(): void {
    this.host.changed?.();
  }

  /** Set by a grow step that found the ENI limit reached (the node shows EniLimitReached). */
  get eniLimitReached(): boolean {
    return this.limitReached;
  }

  set eniLimitReached(reached: boolean) {
    if (this.limitReached === reached) return;
    this.limitReached = reached;
    this.changed();
  }

  /**
   * The aws-node env the node's Linux networking was set up with: `SetupHostNetwork` runs in
   * nodeInit, so an edited DaemonSet env shows in `ip rule` / `iptables` only once this
   * node's aws-node has restarted with it (and not at all while it crash-loops on it).
   */
  get networkEnv(): AwsNodeEnv {
    return this.hostNetworkSetUpWith ?? this.startEnv;
  }

  /** awscni_ipamd_error_count{fn=…} += 1. */
  countError(fn: string): void {
    this.counters.ipamdErrors[fn] = (this.counters.ipamdErrors[fn] ?? 0) + 1;
    this.changed();
  }

  get counters(): IpamdCounters {
    return this.host.caller.counters;
  }

  /** maxENI: the default card's ENIs, capped by MAX_ENI. */
  get maxEni(): number {
    const cap = this.config.maxEni;
    return cap === undefined ? this.host.limits.enis : Math.min(cap, this.host.limits.enis);
  }

  get prefixMode(): boolean {
    return this.config.prefixDelegation && this.host.limits.prefixDelegationSupported;
  }

  get maxIPsPerENI(): number {
    return this.prefixMode ? 16 * (this.host.limits.ipv4PerEni - 1) : this.host.limits.ipv4PerEni - 1;
  }

  /** CIDRs one ENI holds at most (/32s or /28s). */
  get maxCidrsPerENI(): number {
    return this.host.limits.ipv4PerEni - 1;
  }

  private cachedTargets?: PoolTargets;

  /** The pool targets in force (fixed from one aws-node start to the next). */
  targets(): PoolTargets {
    if (this.cachedTargets) return this.cachedTargets;
    const c = this.config;
    return (this.cachedTargets = {
      warmEniTarget: c.warmEniTarget, warmIpTarget: c.warmIpTarget, minimumIpTarget: c.minimumIpTarget,
      warmPrefixTarget: c.warmPrefixTarget, prefixMode: this.prefixMode, maxIPsPerENI: this.maxIPsPerENI,
      maxPods: this.host.node.maxPods,
    });
  }

  /** Pool statistics for decisions (cooling addresses are not counted separately). */
  stats(withCooldown = false): IpStats {
    return this.ds.stats(this.host.queue.nowMs, this.config.ipCooldownMs, withCooldown);
  }

  /** Starts (or restarts) aws-node with this env: validation, nodeInit, pre-scale, loop. */
  start(envOverrides: AwsNodeEnv): void {
    // This start supersedes any restart still waiting for a busy step to end.
    this.restartWanted = false;
    this.changed();
    // A copy: the engine passes its live DaemonSet env, which later edits change.
    this.startEnv = { ...envOverrides };
    this.env = effectiveEnv(envOverrides);
    this.config = parseIpamdConfig(this.env);
    this.cachedTargets = undefined;
    this.generation++;
    const gen = this.generation;
    const failure = startupFailure(this.env, {
      instanceType: this.host.node.instanceType, prefixDelegationSupported: this.host.limits.prefixDelegationSupported,
    });
    if (failure) {
      this.crashLoop(failure, envOverrides, gen);
      return;
    }
    this.failure = undefined;
    this.ipv6NotModelled = this.config.enableIpv6;
    this.crashes = 0;
    this.status = 'starting';
    this.statusMessage = undefined;
    this.host.caller.counters.startedAtMs = this.host.queue.nowMs;
    this.host.queue.after(INIT_MS, () => gen === this.generation && this.nodeInit(gen));
  }

  /**
   * aws-node refused its env: the entrypoint exits at once, while after an ipamd failure the
   * container lingers, not Ready, until the liveness probe kills it. Then kubelet's back-off,
   * then the same env again (it cannot pass until someone changes it).
   */
  private crashLoop(failure: StartupFailure, envOverrides: AwsNodeEnv, gen: number): void {
    this.status = 'crash-loop';
    this.failure = failure;
    this.ipv6NotModelled = false;
    this.statusMessage = failure.message;
    this.host.readinessChanged(false);
    const upMs = failure.stage === 'entrypoint' ? 0 : LIVENESS_KILL_MS;
    const backoff = CRASH_BACKOFF_MS[Math.min(this.crashes, CRASH_BACKOFF_MS.length - 1)];
    this.crashes++;
    const where = STARTUP_LOG_LOCATION[failure.stage];
    const log = failure.log.map((l) => `"${l}"`).join(', then ');
    const lines = failure.log.map((l) => `"${l}"`);
    const logText = lines.slice(0, -1).reduceRight<EngineTextValue>((rest, l) => et('sim.ipamd.logThen', { first: l, rest }), lines[lines.length - 1] ?? '');
    this.host.say(failure.stage === 'entrypoint'
      ? `aws-node exited at start-up (validateEnvVars): ${log} (${where}). Back-off ${backoff / 1000}s (CrashLoopBackOff); no pod gets an address on this node.`
      : `ipamd exited at start-up: ${log} (${where}). The aws-node container keeps waiting for ipamd, not Ready, until its liveness probe kills it after ${upMs / 1000}s; then back-off ${backoff / 1000}s (CrashLoopBackOff). No pod gets an address on this node.`,
    undefined, failure.stage === 'entrypoint' ? et('sim.ipamd.exitedEntrypoint', { log: logText, where, backoff: backoff / 1000 }) : et('sim.ipamd.exitedIpamd', { log: logText, up: upMs / 1000, backoff: backoff / 1000 }));
    this.host.queue.after(upMs + backoff, () => gen === this.generation && !this.stopped && this.start(envOverrides));
  }

  /** aws-node restarts (DaemonSet rollout after an env change) once the current step ends. */
  restart(envOverrides: AwsNodeEnv): void {
    if (this.busy) {
      this.restartWanted = true;
      this.pendingEnv = envOverrides;
      return;
    }
    this.start(envOverrides);
  }

  private pendingEnv: AwsNodeEnv = {};

  stop(): void {
    this.stopped = true;
    this.generation++;
  }

  private nodeInit(gen: number): void {
    this.changed();
    this.hostNetworkSetUpWith = this.startEnv;
    this.loadEnisFromEc2();
    this.ds.prefixMode = this.prefixMode;
    this.releaseInactiveKind();
    this.tryEnableSecurityGroupsForPods();
    const mode = this.prefixMode ? 'prefix delegation (/28 prefixes)' : 'secondary IPs';
    const limits = this.prefixMode
      ? `${this.maxEni} ENIs × ${this.maxCidrsPerENI} prefixes × 16 = ${this.maxEni * this.maxIPsPerENI} addresses`
      : `${this.maxEni} ENIs × ${this.maxIPsPerENI} secondary IPs = ${this.maxEni * this.maxIPsPerENI} addresses`;
    const pdIgnored = this.config.prefixDelegation && !this.prefixMode
      ? ` ENABLE_PREFIX_DELEGATION ignored: ${this.host.node.instanceType} is not a Nitro or bare-metal type.` : '';
    this.host.say(`ipamd started in ${mode} mode: ${limits}, max pods ${this.host.node.maxPods}.${pdIgnored}`, undefined, et(this.prefixMode ? 'sim.ipamd.startedPrefix' : 'sim.ipamd.startedSecondary', {
      enis: this.maxEni, cidrs: this.prefixMode ? this.maxCidrsPerENI : this.maxIPsPerENI, addresses: this.maxEni * this.maxIPsPerENI, maxPods: this.host.node.maxPods,
      ignored: pdIgnored && et('sim.ipamd.pdIgnored', { type: this.host.node.instanceType }),
    }));
    if (this.ipv6NotModelled) {
      this.host.say('ENABLE_IPv6=true passes aws-node\'s checks, so a real node runs in IPv6 mode: one /80 IPv6 prefix on the primary ENI (AssignIpv6Addresses), each pod a /128 from it, no warm pool and no extra ENIs, and IPv4 egress through v4if0 (169.254.172.0/22) and a CNI-E4 SNAT chain to the node\'s IPv4 address. This simulator does not model IPv6 mode: it goes on simulating this node in IPv4 mode.', undefined, et('sim.ipamd.ipv6NotModelled'));
    }
    this.status = 'running';
    this.busy = true;
    // handlePreScaling: one grow step before the loop starts.
    this.increasePool(() => {
      this.busy = false;
      this.host.readinessChanged(true);
      this.startLoop(gen);
    });
  }

  /**
   * The pool manager loop of one aws-node start (generation): its tick and continuation are
   * made once per start, so an idle cycle allocates almost nothing, and a loop left over
   * from before a restart stops at its next step.
   */
  private startLoop(gen: number): void {
    const next = (): void => {
      if (gen !== this.generation) return;
      this.busy = false;
      this.host.queue.after(POOL_CYCLE_MS, tick);
    };
    const tick = (): void => {
      if (gen !== this.generation) return;
      if (this.restartWanted) {
        this.restartWanted = false;
        this.start(this.pendingEnv);
        return;
      }
      this.cycle(next);
    };
    this.host.queue.after(POOL_CYCLE_MS, tick);
  }

  /** updateIPPoolIfRequired: grow or shrink, then maybe free one ENI (on the stats from before). */
  private cycle(next: () => void): void {
    const before = this.stats();
    const t = this.targets();
    this.busy = true;
    if (isPoolTooLow(before, t)) {
      if (this.eniLimitReached && !this.hasRoomForEni() && !this.anyAllocatableEni()) {
        // A full node at its ENI limit: nothing to ask EC2 this cycle.
        this.maybeFreeEni(before, next);
        return;
      }
      this.increasePool(() => this.maybeFreeEni(before, next), () => poolTooLow(before, t));
      return;
    }
    this.eniLimitReached = false;
    if (isPoolTooHigh(before, t)) {
      this.decreasePool(before, () => poolTooHigh(before, t), () => this.maybeFreeEni(before, next));
      return;
    }
    this.maybeFreeEni(before, next);
  }

  /** Whether the last check found the node cordoned with ENI management paused (said once per change). */
  private pausedOnCordon = false;

  /**
   * isENIAttachmentAllowed / tryFreeENI's check: on a node with the unschedulable taint,
   * unless AWS_MANAGE_ENIS_NON_SCHEDULABLE=true, ipamd attaches no IP, prefix or ENI and
   * frees no ENI. Releasing surplus IPs is not gated (tryUnassignCidrsFromAll has no check).
   */
  private enisFrozen(): boolean {
    const frozen = !this.config.manageEnisNonSchedulable && this.host.isNodeNonSchedulable?.() === true;
    if (frozen !== this.pausedOnCordon) {
      this.pausedOnCordon = frozen;
      this.host.say(frozen
        ? 'node is cordoned (taint node.kubernetes.io/unschedulable:NoSchedule) and AWS_MANAGE_ENIS_NON_SCHEDULABLE is not true: no new IPs, prefixes or ENIs, no ENI freed; surplus IPs are still released.'
        : 'node is schedulable again (or AWS_MANAGE_ENIS_NON_SCHEDULABLE=true): ipamd grows the pool and frees ENIs again.', undefined, et(frozen ? 'sim.ipamd.cordoned' : 'sim.ipamd.schedulable'));
    }
    return frozen;
  }

  /**
   * increaseDatastorePool: nothing on a cordoned node (isENIAttachmentAllowed) or within 120 s
   * of an insufficient-address error; else grow an existing ENI (tryAssignCidrs). An
   * insufficient-address error there starts the back-off; any other error ends the step. If no
   * ENI took addresses and nothing failed for good (with subnet discovery, ENIs whose subnets
   * are full are skipped), a new ENI if there is room.
   */
  private increasePool(done: () => void, why?: () => Verdict): void {
    if (this.enisFrozen()) {
      done();
      return;
    }
    const now = this.host.queue.nowMs;
    // inInsufficientCidrCoolingPeriod: time.Since(last) <= 120 s.
    if (now - this.lastInsufficientCidrMs <= INSUFFICIENT_CIDR_COOLDOWN_MS) {
      done();
      return;
    }
    const stats = this.stats();
    if (why === undefined && !isPoolTooLow(stats, this.targets())) {
      done();
      return;
    }
    const reason = why ?? (() => poolTooLow(stats, this.targets()));
    // Every ENI full and no room for another: nothing to ask EC2 (the common case on a full node).
    if (this.eniLimitReached && !this.hasRoomForEni() && !this.anyAllocatableEni()) {
      done();
      return;
    }
    growExistingEni(this, reason, (outcome, code) => {
      if (outcome === 'grew') {
        this.eniLimitReached = false;
        this.lastNote = undefined;
        done();
        return;
      }
      if (outcome === 'insufficient') {
        this.insufficientCidr(code ?? '');
        done();
        return;
      }
      if (outcome === 'failed') {
        done();
        return;
      }
      if (!this.hasRoomForEni()) {
        const attached = `${this.managedEnis().length} of ${this.maxEni} ENIs attached`;
        const values = { reason: reason().text, attached: this.managedEnis().length, max: this.maxEni };
        if (this.anyAllocatableEni()) {
          this.note('no-room-subnet-full', `pool too low (${reason().why}) and no ENI has room in its subnet, but the ENI limit is reached (${attached}): no new ENI. No back-off either: ipamd asks again every cycle.`, undefined, et('sim.ipamd.noRoomSubnetFull', values));
        } else {
          if (!this.eniLimitReached) {
            this.host.say(`pool too low (${reason().why}) but every ENI is full and the ENI limit is reached: ${attached}.`, undefined, et('sim.ipamd.eniLimitReached', values));
          }
          this.eniLimitReached = true;
        }
        done();
        return;
      }
      allocateEni(this, reason, done);
    });
  }

  /** c.lastInsufficientCidrError = time.Now(): no increase attempts for the next 120 s. */
  insufficientCidr(code: string): void {
    this.lastInsufficientCidrMs = this.host.queue.nowMs;
    this.lastInsufficientCode = code;
    this.changed();
  }

  private lastNote?: string;

  /** Says a note that would otherwise repeat every cycle only when it changes. */
  note(key: string, message: string, touches: string[] | undefined, text: EngineText): void {
    if (this.lastNote === key) return;
    this.lastNote = key;
    this.host.say(message, touches, text);
  }

  private decreasePool(stats: IpStats, why: () => Verdict, done: () => void): void {
    const now = this.host.queue.nowMs;
    if (now - this.lastDecreaseMs <= DECREASE_INTERVAL_MS) {
      done();
      return;
    }
    const over = cidrsOverTarget(stats, this.targets());
    this.lastDecreaseMs = now;
    releaseCidrs(this, over, why, done);
  }

  /** shouldRemoveExtraENIs → tryFreeENI → getDeletableENI: at most one ENI per cycle. */
  private maybeFreeEni(stats: IpStats, done: () => void): void {
    if (this.enisFrozen()) {
      done();
      return;
    }
    const t = this.targets();
    // Only prefix mode without warm IP targets looks for an ENI with no pods.
    const hasEmpty = t.prefixMode && this.managedEnis().some((e) => !e.isPrimary && !e.isTrunk && this.ds.eniAssigned(e) === 0);
    if (!shouldRemoveExtraEnis(stats, t, hasEmpty)) {
      done();
      return;
    }
    const eni = deletableEni(this);
    if (!eni) {
      done();
      return;
    }
    freeEni(this, eni, stats, done);
  }

  /** Whether some ENI could still take addresses (GetAllocatableENIs is not empty). */
  anyAllocatableEni(): boolean {
    for (const e of this.ds.enis) {
      if (e.isTrunk || (e.isPrimary && this.config.customNetworking)) continue;
      if (this.ds.activeCount(e) < this.maxCidrsPerENI) return true;
    }
    return false;
  }

  managedEnis(): DsEni[] {
    return this.ds.enis;
  }

  /** hasRoomForEni (one slot is kept for the trunk ENI when ENABLE_POD_ENI is on). */
  hasRoomForEni(): boolean {
    const trunkReserve = this.host.limits.trunkingCompatible && this.config.podEni && !this.ds.enis.some((e) => e.isTrunk) ? 1 : 0;
    return this.ds.enis.length < this.maxEni - trunkReserve;
  }

  /** The trunk ENI in the datastore, if any. */
  trunk(): DsEni | undefined {
    return this.ds.enis.find((e) => e.isTrunk);
  }

  /**
   * nodeInit step 8 (tryEnableSecurityGroupsForPods): with ENABLE_POD_ENI, the CNINode gets
   * feature SecurityGroupsForPods when an ENI slot is free (or the trunk already exists).
   */
  private tryEnableSecurityGroupsForPods(): void {
    if (!this.config.podEni) return;
    if (!this.trunk() && this.ds.enis.length >= this.maxEni) {
      this.host.say(`ENABLE_POD_ENI=true but all ${this.maxEni} ENI slots are taken: no room for a trunk ENI, CNINode not updated.`, undefined, et('sim.ipamd.noTrunkSlot', { slots: this.maxEni }));
      return;
    }
    if (!this.trunk()) this.host.say(`ENABLE_POD_ENI=true: CNINode ${this.host.node.name} gets feature SecurityGroupsForPods; one ENI slot stays reserved for the trunk.`, undefined, et('sim.ipamd.sgpEnabled', { node: this.host.node.name }));
    this.host.cniNodeFeature?.('SecurityGroupsForPods');
  }

  /**
   * The resource controller attached a trunk ENI: ipamd finds it (EC2 InterfaceType trunk),
   * stores it as trunk, sets up its route table (device index + 1) without rule 32765 and
   * never gives its addresses to pods.
   */
  adoptTrunk(eniId: string): void {
    if (this.status !== 'running' || this.ds.eni(eniId)) return;
    const eni = this.host.state.enis.get(eniId);
    const a = eni?.attachment;
    if (!eni || !a || a.status !== 'attached') return;
    this.ds.addEni({
      id: eni.id, deviceIndex: a.deviceIndex, networkCard: a.networkCard, isPrimary: false, isTrunk: true,
      createdAtMs: eni.createdAtMs, primaryIp: eni.primaryIp, subnetId: eni.subnetId, cidrs: [],
    });
    this.host.say(`trunk ENI ${ifName(this, a)} (${eni.id}) found: route table ${a.deviceIndex + 1}, no rule 32765, no pod IPs from it.`, [eni.id], et('sim.ipamd.trunkFound', { dev: ifName(this, a), eni: eni.id, table: a.deviceIndex + 1 }));
  }

  /**
   * AddNetwork for a pod whose first container requests `vpc.amazonaws.com/pod-eni`: needs a
   * trunk and the pod's annotation; returns the branch ENI's address, VLAN and MAC. No address
   * of the warm pool is used.
   */
  addBranchNetwork(pod: string, annotation: string | undefined): { ok: true; branch: BranchNetwork } | { ok: false; error: string } {
    if (this.status !== 'running') return { ok: false, error: 'ipamd not running' };
    this.counters.addIpRequests++;
    this.changed();
    if (!this.trunk()) return { ok: false, error: `pod ${pod} requests vpc.amazonaws.com/pod-eni but the node has no trunk ENI` };
    const branch = annotation === undefined ? undefined : parsePodEniAnnotation(annotation);
    if (!branch) return { ok: false, error: `failed to find the pod's vpc.amazonaws.com/pod-eni annotation` };
    return { ok: true, branch };
  }

  /** Rebuilds the datastore from EC2 (nodeInit's DescribeAllENIs), keeping pod assignments. */
  private loadEnisFromEc2(): void {
    for (const eni of this.host.state.enisOf(this.host.node.instanceId)) {
      const a = eni.attachment!;
      if (a.status !== 'attached') continue;
      if (this.ds.eni(eni.id)) continue;
      const ds: DsEni = {
        id: eni.id, deviceIndex: a.deviceIndex, networkCard: a.networkCard,
        isPrimary: a.deviceIndex === 0, isTrunk: eni.interfaceType === 'trunk',
        createdAtMs: eni.createdAtMs, primaryIp: eni.primaryIp, subnetId: eni.subnetId, cidrs: [],
      };
      this.ds.addEni(ds);
      this.ds.addCidrs(ds, eni.secondaryIps, false);
      this.ds.addCidrs(ds, eni.prefixes, true);
    }
  }

  /** nodeInit step 5: release free CIDRs of the kind that is no longer active. */
  private releaseInactiveKind(): void {
    for (const eni of this.ds.enis) {
      const inactive = eni.cidrs.filter((c) => c.isPrefix !== this.prefixMode && c.assigned === 0);
      if (!inactive.length) continue;
      for (const c of inactive) this.ds.removeCidr(eni, c);
      const ips = inactive.filter((c) => !c.isPrefix).map((c) => c.base);
      const prefixes = inactive.filter((c) => c.isPrefix).map((c) => c.base);
      const request = ips.length
        ? { networkInterfaceId: eni.id, privateIpAddresses: ips.map(formatIpv4) }
        : { networkInterfaceId: eni.id, ipv4Prefixes: prefixes.map((p) => formatCidr({ base: p, prefixLength: 28 })) };
      this.host.say(`mode changed: releasing ${inactive.length} ${ips.length ? 'secondary IPs' : 'prefixes'} of the inactive kind from ${eni.id}`, [eni.id], et(ips.length ? 'sim.ipamd.releaseInactiveIps' : 'sim.ipamd.releaseInactivePrefixes', { count: inactive.length, eni: eni.id }));
      this.host.ec2.request(this.host.caller, 'UnassignPrivateIpAddresses', request,
        () => {
          const r = this.host.state.unassignPrivateIps(eni.id, ips, prefixes);
          return r.ok ? { ok: true, value: {} } : r;
        },
        () => undefined, [eni.id]);
    }
  }

  /** CNI ADD → AddNetwork → AssignPodIPv4Address. */
  addNetwork(pod: string): { ok: true; assignment: Assignment } | { ok: false; error: string } {
    if (this.status !== 'running') {
      return { ok: false, error: 'ipamd not running' };
    }
    this.counters.addIpRequests++;
    this.changed();
    const a = this.ds.assignPodIp(pod, this.host.queue.nowMs, this.config.ipCooldownMs);
    if (!a) {
      this.counters.noAvailableIpAddresses++;
      return { ok: false, error: 'no available IP/Prefix addresses' };
    }
    return { ok: true, assignment: a };
  }

  /**
   * CNI DEL → DelNetwork → UnassignPodIPAddress (the address starts cooling). The plugin also
   * calls it, with reason SetupNSFailed, when it cannot set up the pod's veth.
   */
  delNetwork(pod: string, reason: 'PodDeleted' | 'SetupNSFailed' = 'PodDeleted'): Ipv4 | undefined {
    const a = this.ds.unassignPodIp(pod, this.host.queue.nowMs);
    if (a) {
      this.counters.delIpRequests[reason] = (this.counters.delIpRequests[reason] ?? 0) + 1;
      this.changed();
    }
    return a?.addr.ip;
  }

  prefixesNeededNow(): number {
    return prefixesNeeded(this.stats(), this.targets());
  }
}
