/**
 * ipamd's pool decisions as pure functions (pkg/ipamd/ipamd.go: datastoreTargetState,
 * isDatastorePoolTooLow, isDatastorePoolTooHigh, shouldRemoveExtraENIs, getPrefixesNeeded).
 * Each returns its verdict with the numbers behind it, so the timeline can explain it.
 */
import { et, type EngineText } from '../engine-text.ts';
import type { IpStats } from './datastore.ts';

export interface PoolTargets {
  warmEniTarget: number;
  warmIpTarget: number;
  minimumIpTarget: number;
  warmPrefixTarget: number;
  prefixMode: boolean;
  maxIPsPerENI: number;
  maxPods: number;
}

export function warmIpTargetsDefined(t: PoolTargets): boolean {
  return t.warmIpTarget > 0 || t.minimumIpTarget > 0;
}

export interface TargetState {
  short: number;
  over: number;
  defined: boolean;
}

/** datastoreTargetState: how far the pool is from WARM_IP_TARGET / MINIMUM_IP_TARGET. */
export function targetState(s: IpStats, t: PoolTargets): TargetState {
  if (!warmIpTargetsDefined(t)) return { short: 0, over: 0, defined: false };
  const wit = t.warmIpTarget;
  const mit = t.minimumIpTarget;
  let short = Math.max(wit - s.available, 0);
  short = Math.max(short, mit - s.totalIPs);
  let over = Math.max(s.available - wit, 0);
  over = Math.max(Math.min(over, s.totalIPs - mit), 0);
  if (t.prefixMode) {
    const shortPrefixes = Math.ceil(short / 16);
    const needForWarm = Math.ceil((s.assignedIPs + wit) / 16);
    const needForMin = Math.ceil(mit / 16);
    let overPrefixes = Math.max(Math.min(s.freePrefixes, s.totalPrefixes - needForWarm), 0);
    overPrefixes = Math.max(Math.min(overPrefixes, s.totalPrefixes - needForMin), 0);
    return { short: shortPrefixes, over: overPrefixes, defined: true };
  }
  return { short, over, defined: true };
}

export interface Verdict {
  yes: boolean;
  /** Plain words with the numbers, e.g. "available 3 < WARM_ENI_TARGET × 9 = 9". */
  why: string;
  /** `why` as a message id and values (engine-text.ts). */
  text: EngineText;
}

/**
 * isDatastorePoolTooLow as a bare yes/no, allocating nothing in the default modes: the
 * pool manager asks it for every node every cycle. poolTooLow adds the explanation.
 */
export function isPoolTooLow(s: IpStats, t: PoolTargets): boolean {
  if (s.totalIPs >= t.maxPods) return false;
  if (warmIpTargetsDefined(t)) return targetState(s, t).short > 0;
  const unit = t.prefixMode ? 16 : t.maxIPsPerENI;
  const target = t.prefixMode ? t.warmPrefixTarget : t.warmEniTarget;
  return s.available < unit * target || (target === 0 && s.available === 0);
}

/** isDatastorePoolTooHigh as a bare yes/no (see isPoolTooLow). */
export function isPoolTooHigh(s: IpStats, t: PoolTargets): boolean {
  if (warmIpTargetsDefined(t)) return targetState(s, t).over > 0;
  return t.prefixMode && s.freePrefixes > t.warmPrefixTarget;
}

/** isDatastorePoolTooLow. The explanation is built only when someone reads it. */
export function poolTooLow(s: IpStats, t: PoolTargets): Verdict {
  if (s.totalIPs >= t.maxPods) {
    return verdict(false, () => `total ${s.totalIPs} ≥ max pods ${t.maxPods}: no growth`, () => et('sim.pool.maxPods', { total: s.totalIPs, maxPods: t.maxPods }));
  }
  const ts = targetState(s, t);
  if (ts.defined) {
    const unit = t.prefixMode ? ' prefixes' : '';
    return ts.short > 0
      ? verdict(true, () => `short ${ts.short}${unit}: ${shortWhy(s, t)}`, () => et(t.prefixMode ? 'sim.pool.shortPrefixes' : 'sim.pool.shortIps', { short: ts.short, why: shortText(s, t) }))
      : verdict(false, () => `not short: ${shortWhy(s, t)}`, () => et('sim.pool.notShort', { why: shortText(s, t) }));
  }
  const unit = t.prefixMode ? 16 : t.maxIPsPerENI;
  const target = t.prefixMode ? t.warmPrefixTarget : t.warmEniTarget;
  const low = isPoolTooLow(s, t);
  const name = t.prefixMode ? 'WARM_PREFIX_TARGET' : 'WARM_ENI_TARGET';
  const zero = target === 0 && s.available === 0;
  const op = s.available < unit * target ? '<' : '≥';
  return verdict(low, () => {
    if (zero) return `available 0 with ${name}=0`;
    return `available ${s.available} ${op} ${name} × ${unit} = ${unit * target}`;
  }, () => zero ? et('sim.pool.zeroTarget', { name }) : et('sim.pool.warmTarget', { available: s.available, op, name, unit, target: unit * target }));
}

/** A verdict whose explanation is built on first read (a class: V8 keeps it fast). */
class LazyVerdict implements Verdict {
  private words?: string;
  private said?: EngineText;
  constructor(readonly yes: boolean, private readonly explain: () => string, private readonly describe: () => EngineText) {}
  get why(): string {
    return (this.words ??= this.explain());
  }
  get text(): EngineText {
    return (this.said ??= this.describe());
  }
}

function verdict(yes: boolean, explain: () => string, describe: () => EngineText): Verdict {
  return new LazyVerdict(yes, explain, describe);
}

function shortText(s: IpStats, t: PoolTargets): EngineText {
  const warm = { available: s.available, warm: t.warmIpTarget };
  const min = { total: s.totalIPs, minimum: t.minimumIpTarget };
  if (t.warmIpTarget > 0 && t.minimumIpTarget > 0) return et('sim.pool.vsBoth', { ...warm, ...min });
  return t.warmIpTarget > 0 ? et('sim.pool.vsWarm', warm) : et('sim.pool.vsMinimum', min);
}

function shortWhy(s: IpStats, t: PoolTargets): string {
  const parts: string[] = [];
  if (t.warmIpTarget > 0) parts.push(`available ${s.available} vs WARM_IP_TARGET ${t.warmIpTarget}`);
  if (t.minimumIpTarget > 0) parts.push(`total ${s.totalIPs} vs MINIMUM_IP_TARGET ${t.minimumIpTarget}`);
  return parts.join(', ');
}

/** isDatastorePoolTooHigh. */
export function poolTooHigh(s: IpStats, t: PoolTargets): Verdict {
  const ts = targetState(s, t);
  if (ts.defined) {
    return verdict(ts.over > 0, () => `over ${ts.over}${t.prefixMode ? ' prefixes' : ' IPs'}: ${shortWhy(s, t)}`, () => et(t.prefixMode ? 'sim.pool.overPrefixes' : 'sim.pool.overIps', { over: ts.over, why: shortText(s, t) }));
  }
  if (t.prefixMode) {
    const high = s.freePrefixes > t.warmPrefixTarget;
    return verdict(high, () => `free prefixes ${s.freePrefixes} ${high ? '>' : '≤'} WARM_PREFIX_TARGET ${t.warmPrefixTarget}`, () => et('sim.pool.freePrefixes', { free: s.freePrefixes, op: high ? '>' : '≤', target: t.warmPrefixTarget }));
  }
  return verdict(false, () => 'WARM_ENI_TARGET alone never releases single IPs', () => et('sim.pool.eniTargetNeverReleases'));
}

/** How many CIDRs a shrink releases (tryUnassignCidrsFromAll's budget). */
export function cidrsOverTarget(s: IpStats, t: PoolTargets): number {
  const ts = targetState(s, t);
  if (ts.defined) return ts.over;
  if (t.prefixMode) return Math.max(s.freePrefixes - t.warmPrefixTarget, 0);
  return 0;
}

/** getPrefixesNeeded: how many /28s one grow step asks for. */
export function prefixesNeeded(s: IpStats, t: PoolTargets): number {
  const ts = targetState(s, t);
  if (ts.defined) return Math.max(1, ts.short);
  return Math.max(1, t.warmPrefixTarget - s.freePrefixes);
}

/**
 * shouldRemoveExtraENIs (IP/prefix mode part; with warm IP targets the real check is in
 * getDeletableENI). hasEmptyEni: some non-primary, non-trunk ENI has no pods.
 */
export function shouldRemoveExtraEnis(s: IpStats, t: PoolTargets, hasEmptyEni: boolean): boolean {
  if (warmIpTargetsDefined(t)) return true;
  if (t.prefixMode) return s.available >= (t.warmPrefixTarget + 1) * t.maxIPsPerENI || hasEmptyEni;
  return s.available >= (t.warmEniTarget + 1) * t.maxIPsPerENI;
}
