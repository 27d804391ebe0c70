/**
 * The frame around the nodes: the VPC with its CIDRs, AZ columns, subnets with a
 * free-address gauge, and the tray of pods no node would take.
 */
import type { Selection } from 'd3';
import type { PodView, SimSnapshot } from '../../sim/view.ts';
import type { Say } from '../i18n/text.ts';
import type { Layout, SubnetBox } from './layout.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;
const fmt = new Intl.NumberFormat('en-US');
const gw = (s: SubnetBox) => s.w - 24;
const clip = (t: string, n: number) => (t.length > n ? `${t.slice(0, Math.max(0, n - 1))}…` : t);

/** The route table's default target, and the NAT gateway living here: short enough for a subnet's title line. */
export function routeLabel(s: Pick<SimSnapshot['subnets'][number], 'defaultRoute' | 'natGatewayId'>, say: Say): string {
  const route = s.defaultRoute === 'igw' ? `0.0.0.0/0 → igw · ${say('frame.public')}` : s.defaultRoute === 'none' ? `${say('frame.noDefaultRoute')} · ${say('frame.private')}` : `0.0.0.0/0 → ${s.defaultRoute} · ${say('frame.private')}`;
  return s.natGatewayId ? `0.0.0.0/0 → igw · NAT ${s.natGatewayId}` : route;
}

export function vpcLabel(snap: Pick<SimSnapshot, 'vpc'>): string {
  return `VPC ${snap.vpc.id} · ${snap.vpc.cidrs.join(', ')}`;
}

export function drawFrame(layer: G, snap: SimSnapshot, l: Layout, unscheduled: readonly PodView[], say: Say): void {
  let vpc = layer.select<SVGGElement>('g.vpc');
  if (vpc.empty()) {
    vpc = layer.append('g').attr('class', 'vpc');
    vpc.append('rect').attr('class', 'vpc-box').attr('rx', 16);
    vpc.append('text').attr('class', 'vpc-label');
    vpc.append('g').attr('class', 'azs');
    vpc.append('g').attr('class', 'subnets');
    const tray = vpc.append('g').attr('class', 'pending-tray');
    tray.append('rect').attr('class', 'pending-box').attr('rx', 8);
    tray.append('text').attr('class', 'pending-label');
    tray.append('text').attr('class', 'pending-reason');
    tray.append('g').attr('class', 'pending-pods');
  }
  vpc.select('.vpc-box').attr('x', l.vpc.x).attr('y', l.vpc.y).attr('width', l.vpc.w).attr('height', l.vpc.h);
  vpc.select('.vpc-label').attr('x', l.vpc.x + 16).attr('y', l.vpc.y + 24)
    .text(vpcLabel(snap))
    .append('tspan').attr('class', 'vpc-meta').attr('dx', 12).text(say('frame.cluster', { name: snap.clusterName, region: snap.region }));

  const azs = vpc.select<SVGGElement>('g.azs').selectAll<SVGGElement, Layout['azs'][number]>('g.az').data(l.azs, (a) => a.name);
  azs.exit().remove();
  const azIn = azs.enter().append('g').attr('class', 'az');
  azIn.append('rect').attr('class', 'az-box').attr('rx', 12);
  // "Availability Zone " is its own tspan: presenter mode drops it so the enlarged name fits the box.
  const azText = azIn.append('text').attr('class', 'az-label');
  azText.append('tspan').attr('class', 'az-word');
  azText.append('tspan').attr('class', 'az-name');
  const azAll = azIn.merge(azs);
  azAll.select('.az-word').text(`${say('frame.az')} `);
  azAll.select('.az-box').attr('x', (a) => a.x).attr('y', (a) => a.y).attr('width', (a) => a.w).attr('height', (a) => a.h);
  azAll.select('.az-label').attr('x', (a) => a.x + 12).attr('y', (a) => a.y + 20);
  azAll.select('.az-name').text((a) => a.name);

  const subs = vpc.select<SVGGElement>('g.subnets').selectAll<SVGGElement, SubnetBox>('g.subnet').data(l.subnets, (s) => s.subnet.id);
  subs.exit().remove();
  const sIn = subs.enter().append('g').attr('class', 'subnet');
  sIn.append('rect').attr('class', 'subnet-box').attr('rx', 10);
  sIn.append('text').attr('class', 'subnet-label');
  sIn.append('text').attr('class', 'subnet-free');
  sIn.append('text').attr('class', 'subnet-route');
  sIn.append('rect').attr('class', 'gauge-track').attr('height', 6).attr('rx', 3);
  sIn.append('rect').attr('class', 'gauge-used').attr('height', 6).attr('rx', 3);
  const sAll = sIn.merge(subs).attr('data-keys', (s) => `${s.subnet.id} ${s.subnet.cidr}`);
  sAll.classed('exhausted', (s) => s.subnet.free < Math.max(2, s.subnet.usable * 0.05));
  sAll.select('.subnet-box').attr('x', (s) => s.x).attr('y', (s) => s.y).attr('width', (s) => s.w).attr('height', (s) => s.h);
  sAll.select('.subnet-label').attr('x', (s) => s.x + 12).attr('y', (s) => s.y + 18).text((s) => `${s.subnet.id} · ${s.subnet.cidr}`);
  sAll.select('.subnet-route').attr('x', (s) => s.x + 12).attr('y', (s) => s.y + 64).text((s) => routeLabel(s.subnet, say));
  sAll.select('.subnet-free').attr('x', (s) => s.x + 12).attr('y', (s) => s.y + 46)
    .text((s) => say('frame.subnetFree', { free: fmt.format(s.subnet.free), usable: fmt.format(s.subnet.usable), used: fmt.format(s.subnet.used) }));
  sAll.select('.gauge-track').attr('x', (s) => s.x + 12).attr('y', (s) => s.y + 26).attr('width', gw);
  sAll.select('.gauge-used').attr('x', (s) => s.x + 12).attr('y', (s) => s.y + 26)
    .attr('width', (s) => gw(s) * Math.min(1, s.subnet.used / Math.max(1, s.subnet.usable)));

  const tray = vpc.select<SVGGElement>('g.pending-tray').classed('empty', unscheduled.length === 0);
  tray.select('.pending-box').attr('x', l.pending.x).attr('y', l.pending.y).attr('width', l.pending.w).attr('height', l.pending.h);
  tray.select('.pending-label').attr('x', l.pending.x + 12).attr('y', l.pending.y + 19)
    .text(unscheduled.length ? say('frame.unscheduled', { count: unscheduled.length }) : say('frame.unscheduledNone'));
  const first = unscheduled.find((p) => p.reason);
  tray.select('.pending-reason').attr('x', l.pending.x + 12).attr('y', l.pending.y + 38)
    .text(first ? clip(`${first.reason}: ${first.message ?? ''}`, Math.floor((l.pending.w - 24 - Math.min(30, unscheduled.length) * 11) / 7.3)) : '');
  const chips = tray.select<SVGGElement>('.pending-pods').selectAll<SVGRectElement, PodView>('rect').data(unscheduled.slice(0, 60), (p) => p.uid);
  chips.exit().remove();
  chips.enter().append('rect').attr('class', 'pod Pending').attr('width', 9).attr('height', 9).attr('rx', 4.5)
    .merge(chips)
    .attr('x', (_p, i) => l.pending.x + l.pending.w - 12 - (i % 30 + 1) * 11).attr('y', (_p, i) => l.pending.y + 10 + Math.floor(i / 30) * 11)
    .attr('data-sel', (p) => `pod:${p.namespace}/${p.name}`)
    .attr('data-keys', (p) => `${p.namespace}/${p.name} ${p.name} ${p.uid}`);
}
