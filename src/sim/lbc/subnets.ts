/**
 * The controller's subnet discovery (LBC pkg/networking/subnet_resolver.go; its "Subnet
 * Auto-Discovery" page): candidates are the subnets tagged `kubernetes.io/role/elb`
 * (internet-facing) or `kubernetes.io/role/internal-elb` (internal) with value "" or "1";
 * when no subnet carries the scheme's role tag, LBC 2.12.1 and later take the subnets whose
 * reachability matches the scheme: public (its route table sends 0.0.0.0/0 to an internet
 * gateway) for internet-facing, private for internal. Subnets tagged for another cluster or
 * with fewer than 8 free addresses are not eligible; one subnet per AZ is chosen (the one
 * tagged for this cluster, else the lowest id). An ALB needs two AZs.
 */
export interface SubnetFacts {
  id: string;
  zone: string;
  tags: Readonly<Record<string, string>>;
  free: number;
  /** Its route table has a default route to an internet gateway. */
  public: boolean;
}

export const MIN_FREE_ADDRESSES = 8;

export type SubnetChoice = { ok: true; subnets: SubnetFacts[] } | { ok: false; error: string };

export function chooseSubnets(all: readonly SubnetFacts[], scheme: 'internal' | 'internet-facing', clusterName: string, type: 'network' | 'application'): SubnetChoice {
  const roleTag = scheme === 'internet-facing' ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb';
  let candidates = all.filter((s) => s.tags[roleTag] === '' || s.tags[roleTag] === '1');
  if (candidates.length === 0) candidates = all.filter((s) => s.public === (scheme === 'internet-facing'));
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
