/**
 * Growing and shrinking the pool on existing ENIs: tryAssignIPs / tryAssignPrefixes and
 * tryUnassignCidrsFromAll (pkg/ipamd/ipamd.go), with the same call shapes, retries and error
 * handling as ipamd.
 */
import { DEFAULT_AMI_FAMILY, eniIfName } from '../linux/ami.ts';
import { formatCidr, formatIpv4, type Ipv4 } from '../net/ipv4.ts';
import type { Ipamd } from './ipamd.ts';
import type { DsEni } from './datastore.ts';
import { targetState, type Verdict } from './pool-math.ts';
import { et } from '../engine-text.ts';

/**
 * What tryAssignCidrs leaves to increaseDatastorePool: `grew`; `none` (no ENI took addresses
 * and nothing failed for good, so a new ENI may be tried); `insufficient` (a call failed with
 * the subnet out of addresses or /28 blocks: the 120 s back-off starts, no new ENI); `failed`
 * (any other error: logged, no back-off, no new ENI this cycle).
 */
export type GrowOutcome = 'grew' | 'none' | 'insufficient' | 'failed';

/** containsInsufficientCIDRsOrSubnetIPs (pkg/ipamd/ipamd.go). */
export const INSUFFICIENT = new Set(['InsufficientFreeAddressesInSubnet', 'InsufficientCidrBlocks']);
const LIMIT_EXCEEDED = 'PrivateIpAddressLimitExceeded';

/**
 * The name the node's OS gives the ENI (`ens6` on AL2023, `eth1` on AL2), so ipamd's timeline
 * speaks of the interface the node inspector's `ip addr` shows.
 */
export function ifName(ipamd: Ipamd, eni: { deviceIndex: number }): string {
  return eniIfName(ipamd.host.node.amiFamily ?? DEFAULT_AMI_FAMILY, eni.deviceIndex);
}

/** GetAllocatableENIs: not full, not trunk, not the primary under custom networking. */
function allocatableEnis(ipamd: Ipamd): DsEni[] {
  return ipamd.ds.enis.filter(
    (e) => !e.isTrunk && !(e.isPrimary && ipamd.config.customNetworking) && ipamd.ds.activeCidrs(e).length < ipamd.maxCidrsPerENI,
  );
}

/**
 * tryAssignCidrs (tryAssignIPs / tryAssignPrefixes): walk the allocatable ENIs in map order;
 * on each, one AssignPrivateIpAddresses for what is missing, and when that fails (other than
 * PrivateIpAddressLimitExceeded) one more for a single IP or prefix. If that fails too: with
 * subnet discovery on and the subnet out of addresses, go on to the next ENI; otherwise stop
 * with the error. PrivateIpAddressLimitExceeded means the datastore is behind EC2: ipamd
 * reads the ENI's addresses back (DescribeNetworkInterfaces) and counts that as growth.
 */
export function growExistingEni(ipamd: Ipamd, reason: () => Verdict, done: (o: GrowOutcome, code?: string) => void): void {
  const t = ipamd.targets();
  const ts = targetState(ipamd.stats(), t);
  const pd = ipamd.prefixMode;
  if (!pd && ts.defined && ts.short === 0) {
    done('none');
    return;
  }
  const amount = pd ? ipamd.prefixesNeededNow() : ts.defined ? ts.short : ipamd.maxIPsPerENI;
  const candidates = ipamd.ds.shuffled(allocatableEnis(ipamd));
  const what = pd ? '/28 blocks' : 'addresses';
  const whatText = pd ? 'prefixes' : 'ips';
  const skipped: DsEni[] = [];
  const tryNext = (i: number): void => {
    if (i >= candidates.length) {
      if (skipped.length) {
        const names = skipped.toSorted((a, b) => a.deviceIndex - b.deviceIndex).map((e) => `${ifName(ipamd, e)} (${e.subnetId})`).join(', ');
        ipamd.note(`skip:${names}`, `pool too low: ${reason().why}, but AssignPrivateIpAddresses failed on ${names}: the subnet is out of ${what}. With subnet discovery on, ipamd skips such ENIs without backing off; a new ENI is next if there is room.`, skipped.flatMap((e) => [e.id, e.subnetId]),
          et('sim.ipamd.assignSkipped', { reason: reason().text, enis: names, what: whatText }));
      }
      done('none');
      return;
    }
    const eni = candidates[i];
    const count = Math.min(ipamd.maxCidrsPerENI - ipamd.ds.activeCidrs(eni).length, amount);
    assign(ipamd, eni, count, (result) => {
      if (result.ok) {
        ipamd.ds.addCidrs(eni, pd ? result.prefixes : result.ips, pd);
        const got = pd
          ? `${result.prefixes.length} /28 prefix${result.prefixes.length === 1 ? '' : 'es'} (${result.prefixes.map((p) => formatCidr({ base: p, prefixLength: 28 })).join(', ')})`
          : `${result.ips.length} secondary IP${result.ips.length === 1 ? '' : 's'}`;
        const gotText = pd
          ? et('sim.got.prefixes', { count: result.prefixes.length, list: result.prefixes.map((p) => formatCidr({ base: p, prefixLength: 28 })).join(', ') })
          : et('sim.got.ips', { count: result.ips.length });
        ipamd.host.say(`pool too low: ${reason().why} → AssignPrivateIpAddresses: +${got} on ${ifName(ipamd, eni)} (${eni.id})`, [eni.id],
          et('sim.ipamd.assigned', { reason: reason().text, got: gotText, dev: ifName(ipamd, eni), eni: eni.id }));
        done('grew');
        return;
      }
      if (result.code === LIMIT_EXCEEDED) {
        readBack(ipamd, eni, done);
        return;
      }
      ipamd.countError('increaseIPPoolAllocIPAddressesFailed');
      if (ipamd.config.subnetDiscovery && INSUFFICIENT.has(result.code)) {
        skipped.push(eni);
        tryNext(i + 1);
        return;
      }
      if (INSUFFICIENT.has(result.code)) {
        ipamd.host.say(`pool too low: ${reason().why}, but AssignPrivateIpAddresses on ${ifName(ipamd, eni)} failed: ${result.code}. The subnet is out of ${what}; ipamd stops growing for 120 s.`, [eni.id, eni.subnetId],
          et('sim.ipamd.assignInsufficient', { reason: reason().text, dev: ifName(ipamd, eni), code: result.code, what: whatText }));
        done('insufficient', result.code);
        return;
      }
      ipamd.host.say(`AssignPrivateIpAddresses on ${ifName(ipamd, eni)} failed: ${result.code}; ipamd tries again next cycle`, [eni.id], et('sim.ipamd.assignFailed', { dev: ifName(ipamd, eni), code: result.code }));
      done('failed');
    });
  };
  tryNext(0);
}

/** GetIPv4sFromEC2 / GetIPv4PrefixesFromEC2: the addresses EC2 holds on the ENI enter the datastore. */
function readBack(ipamd: Ipamd, eni: DsEni, done: (o: GrowOutcome) => void): void {
  const host = ipamd.host;
  const pd = ipamd.prefixMode;
  host.ec2.request(host.caller, 'DescribeNetworkInterfaces', { networkInterfaceIds: [eni.id] }, () => {
    const e = host.state.enis.get(eni.id);
    return e ? { ok: true, value: { networkInterfaces: [] } } : { ok: false, code: 'InvalidNetworkInterfaceID.NotFound', message: `The networkInterface ID '${eni.id}' does not exist` };
  }, (result) => {
    const e = host.state.enis.get(eni.id);
    if (!result.ok || !e) {
      ipamd.countError('increaseIPPoolGetENIaddressesFailed');
      done('failed');
      return;
    }
    const known = new Set(eni.cidrs.map((c) => c.base));
    ipamd.ds.addCidrs(eni, (pd ? e.prefixes : e.secondaryIps).filter((b) => !known.has(b)), pd);
    host.say(`AssignPrivateIpAddresses on ${ifName(ipamd, eni)} answered PrivateIpAddressLimitExceeded: the datastore was behind EC2; ipamd read the ENI's addresses back`, [eni.id], et('sim.ipamd.readBack', { dev: ifName(ipamd, eni) }));
    done('grew');
  }, [eni.id]);
}

type AssignResult = { ok: true; ips: Ipv4[]; prefixes: Ipv4[] } | { ok: false; code: string };

/**
 * AllocIPAddresses, and on a failure other than PrivateIpAddressLimitExceeded one more
 * AllocIPAddresses for a single IP or prefix (upstream retries with 1 even when it asked for 1).
 */
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
      if (retry && result.code !== LIMIT_EXCEEDED) {
        send(1, false);
        return;
      }
      done({ ok: false, code: result.code });
    }, [eni.id]);
  };
  send(count, true);
}

/** tryUnassignCidrsFromAll: release up to `over` CIDRs with no pod, one call per ENI. */
export function releaseCidrs(ipamd: Ipamd, over: number, why: () => Verdict, done: () => void): void {
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
      `pool too high: ${why().why} → UnassignPrivateIpAddresses: −${bases.length} ${pd ? 'prefix' : 'IP'}${bases.length === 1 ? '' : pd ? 'es' : 's'} from ${ifName(ipamd, eni)} (${eni.id})`,
      [eni.id],
      et('sim.ipamd.unassign', { reason: why().text, count: bases.length, kind: pd ? 'prefixes' : 'ips', dev: ifName(ipamd, eni), eni: eni.id }),
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
