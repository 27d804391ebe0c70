/**
 * Growing and shrinking the pool on existing ENIs: tryAssignIPs / tryAssignPrefixes and
 * tryUnassignCidrsFromAll, with the same call shapes, retries and error handling as ipamd.
 */
import { formatCidr, formatIpv4, type Ipv4 } from '../net/ipv4.ts';
import type { Ipamd } from './ipamd.ts';
import type { DsEni } from './datastore.ts';
import { targetState } from './pool-math.ts';

export type GrowOutcome = 'grew' | 'none' | 'insufficient';

const INSUFFICIENT = new Set(['InsufficientFreeAddressesInSubnet', 'InsufficientCidrBlocks']);

export function ifName(eni: DsEni): string {
  return `eth${eni.deviceIndex}`;
}

/** GetAllocatableENIs: not full, not trunk, not the primary under custom networking. */
function allocatableEnis(ipamd: Ipamd): DsEni[] {
  return ipamd.ds.enis.filter(
    (e) => !e.isTrunk && !(e.isPrimary && ipamd.config.customNetworking) && ipamd.ds.activeCidrs(e).length < ipamd.maxCidrsPerENI,
  );
}

/** tryAssignCidrs: ask EC2 for more addresses on the first allocatable ENI (map order). */
export function growExistingEni(ipamd: Ipamd, reason: () => string, done: (o: GrowOutcome) => void): void {
  const t = ipamd.targets();
  const ts = targetState(ipamd.stats(), t);
  if (ts.defined && ts.short === 0) {
    done('none');
    return;
  }
  const pd = ipamd.prefixMode;
  const amount = pd ? ipamd.prefixesNeededNow() : ts.defined ? ts.short : ipamd.maxIPsPerENI;
  const candidates = ipamd.ds.shuffled(allocatableEnis(ipamd));
  const tryNext = (i: number): void => {
    if (i >= candidates.length) {
      done('none');
      return;
    }
    const eni = candidates[i];
    const count = Math.min(ipamd.maxCidrsPerENI - ipamd.ds.activeCidrs(eni).length, amount);
    assign(ipamd, eni, count, (result) => {
      if (result.ok) {
        ipamd.ds.addCidrs(eni, pd ? result.prefixes : result.ips, pd);
        const what = pd
          ? `${result.prefixes.length} /28 prefix${result.prefixes.length === 1 ? '' : 'es'} (${result.prefixes.map((p) => formatCidr({ base: p, prefixLength: 28 })).join(', ')})`
          : `${result.ips.length} secondary IP${result.ips.length === 1 ? '' : 's'}`;
        ipamd.host.say(`pool too low: ${reason()} → AssignPrivateIpAddresses: +${what} on ${ifName(eni)} (${eni.id})`, [eni.id]);
        done('grew');
        return;
      }
      if (result.code === 'PrivateIpAddressLimitExceeded') {
        tryNext(i + 1);
        return;
      }
      if (INSUFFICIENT.has(result.code)) {
        if (ipamd.config.customNetworking === false && ipamd.env.ENABLE_SUBNET_DISCOVERY === 'true' && i + 1 < candidates.length) {
          tryNext(i + 1);
          return;
        }
        ipamd.lastInsufficientCidrMs = ipamd.host.queue.nowMs;
        ipamd.lastInsufficientCode = result.code;
        ipamd.counters.ipamdErrors.increaseIPPoolAllocIPAddressesFailed = (ipamd.counters.ipamdErrors.increaseIPPoolAllocIPAddressesFailed ?? 0) + 1;
        ipamd.host.say(`pool too low: ${reason()}, but AssignPrivateIpAddresses on ${ifName(eni)} failed: ${result.code}. The subnet is out of ${pd ? '/28 blocks' : 'addresses'}; ipamd stops growing for 120 s.`, [eni.id, eni.subnetId]);
        done('insufficient');
        return;
      }
      ipamd.counters.ipamdErrors.increaseIPPoolAllocIPAddressesFailed = (ipamd.counters.ipamdErrors.increaseIPPoolAllocIPAddressesFailed ?? 0) + 1;
      ipamd.host.say(`AssignPrivateIpAddresses on ${ifName(eni)} failed: ${result.code}; trying a new ENI instead`, [eni.id]);
      done('none');
    });
  };
  tryNext(0);
}

type AssignResult = { ok: true; ips: Ipv4[]; prefixes: Ipv4[] } | { ok: false; code: string };

/** One AssignPrivateIpAddresses; on failure other than the per-ENI limit, retry with 1 (AllocIPAddresses). */
function assign(ipamd: Ipamd, eni: DsEni, count: number, done: (r: AssignResult) => void): void {
  const pd = ipamd.prefixMode;
  const send = (n: number, retry: boolean) => {
    const request = pd
      ? { networkInterfaceId: eni.id, ipv4PrefixCount: n }
      : { networkInterfaceId: eni.id, secondaryPrivateIpAddressCount: n };
    const perEni = ipamd.host.limits.ipv4PerEni;
    ipamd.host.ec2.request(ipamd.host.caller, 'AssignPrivateIpAddresses', request, () => {
      const r = ipamd.host.state.assignPrivateIps(eni.id, pd ? 0 : n, pd ? n : 0, perEni);
      if (!r.ok) return r;
      return {
        ok: true,
        value: {
          assignedPrivateIpAddresses: r.value.ips.map(formatIpv4),
          assignedIpv4Prefixes: r.value.prefixes.map((p) => formatCidr({ base: p, prefixLength: 28 })),
        },
      };
    }, (result) => {
      if (result.ok) {
        const state = ipamd.host.state.enis.get(eni.id);
        const ips = pd ? [] : (state?.secondaryIps.slice(-n) ?? []);
        const prefixes = pd ? (state?.prefixes.slice(-n) ?? []) : [];
        done({ ok: true, ips, prefixes });
        return;
      }
      if (retry && n > 1 && result.code !== 'PrivateIpAddressLimitExceeded') {
        send(1, false);
        return;
      }
      done({ ok: false, code: result.code });
    }, [eni.id]);
  };
  send(count, true);
}

/** tryUnassignCidrsFromAll: release up to `over` CIDRs with no pod, one call per ENI. */
export function releaseCidrs(ipamd: Ipamd, over: number, why: () => string, done: () => void): void {
  const plan: { eni: DsEni; bases: Ipv4[] }[] = [];
  let left = over;
  for (const eni of ipamd.ds.shuffled(ipamd.ds.enis)) {
    if (left <= 0) break;
    const freeable = ipamd.ds.activeCidrs(eni).filter((c) => c.assigned === 0).slice(0, left);
    if (!freeable.length) continue;
    for (const c of freeable) ipamd.ds.removeCidr(eni, c);
    plan.push({ eni, bases: freeable.map((c) => c.base) });
    left -= freeable.length;
  }
  const pd = ipamd.prefixMode;
  const step = (i: number) => {
    if (i >= plan.length) {
      done();
      return;
    }
    const { eni, bases } = plan[i];
    const request = pd
      ? { networkInterfaceId: eni.id, ipv4Prefixes: bases.map((b) => formatCidr({ base: b, prefixLength: 28 })) }
      : { networkInterfaceId: eni.id, privateIpAddresses: bases.map(formatIpv4) };
    ipamd.host.say(
      `pool too high: ${why()} → UnassignPrivateIpAddresses: −${bases.length} ${pd ? 'prefix' : 'IP'}${bases.length === 1 ? '' : pd ? 'es' : 's'} from ${ifName(eni)} (${eni.id})`,
      [eni.id],
    );
    ipamd.host.ec2.request(ipamd.host.caller, 'UnassignPrivateIpAddresses', request, () => {
      const r = ipamd.host.state.unassignPrivateIps(eni.id, pd ? [] : bases, pd ? bases : []);
      return r.ok ? { ok: true, value: {} } : r;
    }, (result) => {
      if (!result.ok) ipamd.ds.addCidrs(eni, bases, pd);
      step(i + 1);
    }, [eni.id]);
  };
  step(0);
}
