/**
 * The controller's subnet discovery (LBC pkg/networking/subnet_resolver.go): subnets tagged
 * `kubernetes.io/role/elb` (internet-facing) or `kubernetes.io/role/internal-elb` (internal)
 * with value "" or "1"; without any, discovery by reachability, which in the simulator's VPC
 * (every subnet routes to the internet gateway, none is private) means every subnet. Subnets
 * tagged for another cluster or with fewer than 8 free addresses are not eligible; one subnet per
 * AZ is chosen (the one tagged for this cluster, else the lowest id). An ALB needs two AZs.
 */
export interface SubnetFacts {
  id: string;
  zone: string;
  tags: Readonly<Record<string, string>>;
  free: number;
}

export const MIN_FREE_ADDRESSES = 8;

export type SubnetChoice = { ok: true; subnets: SubnetFacts[] } | { ok: false; error: string };

export function chooseSubnets(all: readonly SubnetFacts[], scheme: 'internal' | 'internet-facing', clusterName: string, type: 'network' | 'application'): SubnetChoice {
  const roleTag = scheme === 'internet-facing' ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb';
  let candidates = all.filter((s) => s.tags[roleTag] === '' || s.tags[roleTag] === '1');
  if (candidates.length === 0) candidates = [...all];
  const ownTag = `kubernetes.io/cluster/${clusterName}`;
  const otherCluster = (s: SubnetFacts) => Object.keys(s.tags).some((k) => k.startsWith('kubernetes.io/cluster/') && k !== ownTag) && !(ownTag in s.tags);
  const taggedForOthers = candidates.filter(otherCluster);
  const short = candidates.filter((s) => !otherCluster(s) && s.free < MIN_FREE_ADDRESSES);
  const eligible = candidates.filter((s) => !otherCluster(s) && s.free >= MIN_FREE_ADDRESSES);
  const byZone = new Map<string, SubnetFacts>();
  for (const s of eligible.toSorted((a, b) => Number(ownTag in b.tags) - Number(ownTag in a.tags) || (a.id < b.id ? -1 : 1))) {
    if (!byZone.has(s.zone)) byZone.set(s.zone, s);
  }
  const chosen = [...byZone.values()].toSorted((a, b) => (a.zone < b.zone ? -1 : 1));
  if (chosen.length === 0) {
    return { ok: false, error: `unable to resolve at least one subnet. Evaluated ${candidates.length} subnets: ${taggedForOthers.length} are tagged for other clusters, and ${short.length} have insufficient available IP addresses` };
  }
  if (type === 'application' && chosen.length < 2) {
    return { ok: false, error: `subnets count less than minimal required count: ${chosen.length} < 2` };
  }
  return { ok: true, subnets: chosen };
}
