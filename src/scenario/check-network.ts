/**
 * Semantic checks of the VPC and its subnets: CIDR blocks parse, sizes are within AWS
 * limits, subnets lie inside a VPC block and do not overlap, ids are unique.
 */
import { cidrsOverlap, cidrWithin, formatCidr, type Cidr } from '../sim/net/ipv4.ts';
import type { ScenarioSpec, SubnetSpec } from '../sim/spec.ts';
import { readCidr } from './addresses.ts';
import { issue, joinPath, said, type Said, type ScenarioIssue } from './issues.ts';
import { checkAvailabilityZone, checkResourceId } from './name-rules.ts';
import { quoteForMessage as q } from './quote.ts';

/** AWS allows VPC and subnet IPv4 blocks from /16 (65,536 addresses) to /28 (16 addresses). */
export const MIN_PREFIX = 16;
export const MAX_PREFIX = 28;

function sizeProblem(c: Cidr, what: 'VPC' | 'subnet'): Said | undefined {
  if (c.prefixLength < MIN_PREFIX || c.prefixLength > MAX_PREFIX) {
    return what === 'VPC' ? said`${formatCidr(c)} is a /${c.prefixLength}; AWS allows VPC blocks from /${MIN_PREFIX} to /${MAX_PREFIX}`
      : said`${formatCidr(c)} is a /${c.prefixLength}; AWS allows subnet blocks from /${MIN_PREFIX} to /${MAX_PREFIX}`;
  }
  return undefined;
}

/** Problems in `vpc` and `subnets`; `origin` maps spec subnet k to its index in the input. */
export function checkNetwork(spec: ScenarioSpec, origin: readonly number[], given: { vpc: boolean; subnets: boolean }): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: string, s: Said) => issues.push(issue(path, s));

  if (given.vpc) {
    const idProblem = checkResourceId(spec.vpc.id, 'vpc');
    if (idProblem) add('vpc.id', idProblem);
  }
  const vpcBlocks: Cidr[] = [];
  spec.vpc.cidrs.forEach((text, i) => {
    const path = `vpc.cidrs[${i}]`;
    const r = readCidr(text);
    if (!r.ok) return add(path, r.error);
    const size = sizeProblem(r.value, 'VPC');
    if (size) add(path, size);
    const clash = vpcBlocks.findIndex((b) => cidrsOverlap(b, r.value));
    if (clash >= 0) add(path, said`${text} overlaps vpc.cidrs[${clash}] (${formatCidr(vpcBlocks[clash])})`);
    vpcBlocks.push(r.value);
  });

  if (given.vpc && !given.subnets) {
    add('subnets', said`is required when vpc is given (the default subnet only goes with the default VPC)`);
  }

  const seenIds = new Map<string, number>();
  const blocks: { at: number; block: Cidr }[] = [];
  spec.subnets.forEach((s, k) => {
    const path = joinPath('subnets', origin[k]);
    const idProblem = checkResourceId(s.id, 'subnet');
    if (idProblem) add(`${path}.id`, idProblem);
    const dup = seenIds.get(s.id);
    if (dup !== undefined) add(`${path}.id`, said`${q(s.id)} is already the id of subnets[${dup}]`);
    else seenIds.set(s.id, origin[k]);
    const zone = checkAvailabilityZone(s.availabilityZone, spec.region);
    if (zone) add(`${path}.availabilityZone`, zone);
    for (const key of Object.keys(s.tags)) {
      if (key.length === 0 || key.length > 128) add(joinPath(`${path}.tags`, key), said`an AWS tag key has 1 to 128 characters`);
    }

    const r = readCidr(s.cidr);
    if (!r.ok) return add(`${path}.cidr`, r.error);
    const size = sizeProblem(r.value, 'subnet');
    if (size) add(`${path}.cidr`, size);
    if (vpcBlocks.length > 0 && !vpcBlocks.some((b) => cidrWithin(r.value, b))) {
      add(`${path}.cidr`, said`${s.cidr} is not inside any VPC CIDR block (${vpcBlocks.map(formatCidr).join(', ')})`);
    }
    const clash = blocks.find((b) => cidrsOverlap(b.block, r.value));
    if (clash) add(`${path}.cidr`, said`${s.cidr} overlaps subnets[${clash.at}] (${formatCidr(clash.block)})`);
    blocks.push({ at: origin[k], block: r.value });
  });
  checkRouteTables(spec, origin, add);
  return issues;
}

/**
 * Route tables: a default route names the internet gateway, nothing, or a NAT gateway of the
 * scenario; a NAT gateway must sit in a public subnet (its own traffic leaves through the
 * internet gateway with its Elastic IP).
 */
function checkRouteTables(spec: ScenarioSpec, origin: readonly number[], add: (path: string, s: Said) => void): void {
  const gateways = new Map<string, SubnetSpec>();
  spec.subnets.forEach((s, k) => {
    if (!s.natGateway) return;
    const path = `${joinPath('subnets', origin[k])}.natGateway`;
    if (!/^nat-([0-9a-f]{8}|[0-9a-f]{17})$/.test(s.natGateway.id)) add(`${path}.id`, said`${q(s.natGateway.id)} is not a NAT gateway id (nat- followed by 8 or 17 hex digits)`);
    if (gateways.has(s.natGateway.id)) add(`${path}.id`, said`${q(s.natGateway.id)} is already the id of another NAT gateway`);
    gateways.set(s.natGateway.id, s);
    if ((s.defaultRoute ?? 'igw') !== 'igw') add(path, said`a NAT gateway needs a public subnet: this subnet's defaultRoute must be "igw"`);
  });
  spec.subnets.forEach((s, k) => {
    const route = s.defaultRoute;
    if (route === undefined || route === 'igw' || route === 'none' || gateways.has(route)) return;
    const path = `${joinPath('subnets', origin[k])}.defaultRoute`;
    if (route === 'nat') add(path, gateways.size ? said`"nat" needs a NAT gateway in ${q(s.availabilityZone)} (there are ${gateways.size}, in other zones): name one by id` : said`"nat" needs a subnet with "natGateway": true`);
    else add(path, said`${q(route)} is not "igw", "none", "nat" or the id of a NAT gateway of this scenario`);
  });
}
