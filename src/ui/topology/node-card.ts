/**
 * Draws one node card with d3: header, pods-vs-max-pods bar, warm-pool budget bar, ENI
 * rows with their address slots or /28 blocks, and the pods. Called only when the node or
 * its pods changed. Colours come from CSS classes, so themes and colour transitions
 * (disabled under prefers-reduced-motion) live in the stylesheet.
 */
import { select, type Selection } from 'd3';
import type { AddressView, EniView, NodeView, PodView } from '../../sim/view.ts';
import { sayTwin, type Say } from '../i18n/text.ts';
import { attr, text } from './dom-diff.ts';
import { CELL, HEADER_H, PAD, PCELL, podXY, prefixXY, slotXY, type NodeGeometry } from './node-geometry.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;
const BAR_W = 268;

export function nodeKeys(n: NodeView): string {
  return [n.name, n.instanceId, n.nodeIp].join(' ');
}

export function podKeys(p: PodView): string {
  return [`${p.namespace}/${p.name}`, p.name, p.uid, p.ip ?? ''].join(' ').trim();
}

/** Draws the parts that never change for a given geometry (frame, placeholders). */
export function drawCardFrame(g: G, node: NodeView, geo: NodeGeometry, say: Say): void {
  g.selectAll('*').remove();
  g.append('rect').attr('class', 'node-card').attr('width', geo.w).attr('height', geo.h).attr('rx', 10);
  g.append('text').attr('class', 'node-title').attr('x', PAD).attr('y', 20);
  g.append('text').attr('class', 'node-sub').attr('x', PAD).attr('y', 36);
  g.append('g').attr('class', 'node-warn');
  const bars = g.append('g').attr('class', 'bars');
  bars.append('text').attr('class', 'bar-label pods-label').attr('x', PAD).attr('y', 54);
  bars.append('rect').attr('class', 'bar-track').attr('x', PAD).attr('y', 58).attr('width', BAR_W).attr('height', 6).attr('rx', 3);
  bars.append('rect').attr('class', 'bar-pods').attr('x', PAD).attr('y', 58).attr('height', 6).attr('rx', 3);
  bars.append('text').attr('class', 'bar-label budget-label').attr('x', PAD).attr('y', 78);
  bars.append('rect').attr('class', 'bar-track').attr('x', PAD).attr('y', 82).attr('width', BAR_W).attr('height', 8).attr('rx', 2);
  for (const cls of ['seg-assigned', 'seg-warm', 'seg-cooling']) bars.append('rect').attr('class', `seg ${cls}`).attr('y', 82).attr('height', 8);
  bars.append('line').attr('class', 'maxpods-tick').attr('y1', 79).attr('y2', 93);
  const ph = g.append('g').attr('class', 'placeholders detail');
  geo.eniRows.forEach((r) => ph.append('rect').attr('class', 'eni-placeholder').attr('x', 4).attr('y', r.y - 2).attr('width', geo.w - 8).attr('height', r.h - 3).attr('rx', 6));
  g.append('g').attr('class', 'enis').attr('role', 'group');
  g.append('text').attr('class', 'section-label detail').attr('x', PAD).attr('y', geo.podsY + 9).text(say('card.pods'));
  g.append('g').attr('class', 'pods detail').attr('role', 'group');
  g.append('text').attr('class', 'lod-summary').attr('x', geo.w / 2).attr('y', HEADER_H + 36).attr('text-anchor', 'middle');
}

/** `detail` false skips ENI cells and pods (hidden anyway when zoomed far out). */
export function drawCard(g: G, node: NodeView, pods: readonly PodView[], geo: NodeGeometry, enterMs: number, say: Say, detail = true): void {
  const warn = node.warnings.length > 0;
  g.classed('has-warning', warn).classed('ipamd-down', node.ipamd.status !== 'running');
  const short = node.name.replace(/\.(ec2\.internal|[a-z0-9-]+\.compute\.internal)$/, '');
  text(g.select('.node-title'), short.length > 26 ? `${short.slice(0, 25)}…` : short);
  text(g.select('.node-sub'), `${node.instanceType} · ${node.nodeIp} · ${node.mode === 'prefix-delegation' ? say('card.prefixes') : say('card.secondaryIps')}`);
  const wg = g.select<SVGGElement>('.node-warn');
  wg.selectAll('*').remove();
  if (warn) {
    const label = `⚠ ${node.warnings[0].code}${node.warnings.length > 1 ? ` +${node.warnings.length - 1}` : ''}`.slice(0, 22);
    const w = 8 + label.length * 6.2;
    wg.attr('transform', `translate(${geo.w - w - 8},8)`);
    wg.append('rect').attr('class', 'warn-pill').attr('width', w).attr('height', 18).attr('rx', 9);
    wg.append('text').attr('class', 'warn-text').attr('x', w / 2).attr('y', 13).attr('text-anchor', 'middle').text(label);
    wg.append('title').text(node.warnings.map((x) => `${x.code}: ${sayTwin(say, x.message, x.text)}`).join('\n'));
  }
  const usedPods = node.podCount;
  text(g.select('.pods-label'), say('card.podsBar', { used: usedPods, max: node.maxPods }));
  attr(g.select('.bar-pods'), 'width', BAR_W * Math.min(1, usedPods / Math.max(1, node.maxPods))).classed('full', usedPods >= node.maxPods);
  const p = node.pool;
  const warm = Math.max(0, p.totalIPs - p.assignedIPs - p.cooldownIPs);
  text(g.select('.budget-label'), say('card.ipsBar', { assigned: p.assignedIPs, warm, cooling: p.cooldownIPs, limit: p.maxIPs }));
  const scale = BAR_W / Math.max(1, p.maxIPs);
  let x = PAD;
  for (const [cls, v] of [['seg-assigned', p.assignedIPs], ['seg-warm', warm], ['seg-cooling', p.cooldownIPs]] as const) {
    attr(attr(g.select(`.${cls}`), 'x', x), 'width', Math.max(0, v * scale));
    x += v * scale;
  }
  const tick = PAD + Math.min(BAR_W, node.maxPods * scale);
  attr(attr(attr(g.select('.maxpods-tick'), 'x1', tick), 'x2', tick), 'display', node.maxPods < p.maxIPs ? 'inline' : 'none');
  text(g.select('.lod-summary'), say('card.summary', { used: usedPods, max: node.maxPods, enis: node.enis.length }));
  if (!detail) return;
  drawEnis(g.select<SVGGElement>('.enis'), node, geo, enterMs, say);
  drawPods(g.select<SVGGElement>('.pods'), pods, geo, enterMs, say);
}

function drawEnis(layer: G, node: NodeView, geo: NodeGeometry, enterMs: number, say: Say): void {
  // Branch ENIs (security groups for pods) are not attached to the instance: they ride the
  // trunk on their VLANs, so they are drawn as the trunk row's cells, not as rows of their own.
  const branches = node.enis.filter((e) => e.kind === 'branch').toSorted((a, b) => (a.vlanId ?? 0) - (b.vlanId ?? 0));
  const enis = node.enis.filter((e) => e.kind !== 'branch')
    .toSorted((a, b) => a.networkCard - b.networkCard || a.deviceIndex - b.deviceIndex).slice(0, geo.maxEnis);
  // Rows already fading out are left to their transition: selected again, they would be in exit()
  // on every update and restart it, so at 16× a detached ENI's row never left and covered its successor.
  const rows = layer.selectAll<SVGGElement, EniView>('g.eni:not(.leaving)').data(enis, (e) => e.id);
  rows.exit().classed('leaving', true).transition().duration(enterMs).style('opacity', 0).remove();
  // Reached by the keyboard from their node (roving.ts); one tab stop for the whole picture.
  const entered = rows.enter().append('g').attr('class', 'eni').attr('tabindex', -1).attr('role', 'treeitem')
    .attr('data-sel', (e) => `eni:${e.id}`).attr('data-kind', (e) => e.kind)
    .attr('data-keys', (e) => `${e.id} ${e.primaryIp} ${e.mac}`);
  entered.append('rect').attr('class', 'eni-box').attr('x', 4).attr('rx', 6).attr('width', geo.w - 8);
  entered.append('title');
  entered.append('text').attr('class', 'eni-label detail').attr('x', PAD).attr('y', 11);
  entered.append('g').attr('class', 'cells detail');
  entered.style('opacity', 0).transition().duration(enterMs).style('opacity', 1);
  const all = entered.merge(rows);
  attr(all, 'transform', (_e, i) => `translate(0,${geo.eniRows[i].y - 2})`)
    .classed('attaching', (e) => e.attachmentState !== 'attached');
  attr(all.select('.eni-box'), 'height', (_e, i) => geo.eniRows[i].h - 3);
  // `dev 1 card 1` is how `ip` and EC2 number the device; the attachment state is EC2's word.
  const kindWord = (e: EniView) => say(e.kind === 'primary' ? 'card.eni.primary' : e.kind === 'trunk' ? 'card.eni.trunk' : e.kind === 'branch' ? 'card.eni.branch' : 'card.eni.secondary');
  text(all.select('.eni-label'), (e) => `${e.ifName} · dev ${e.deviceIndex}${e.networkCard ? ` card ${e.networkCard}` : ''} · ${e.primaryIp}${e.kind === 'primary' || e.kind === 'trunk' ? ` · ${kindWord(e)}` : ''}${e.kind === 'trunk' ? ` · ${say('card.branches', { count: branches.length })}` : ''}${e.attachmentState !== 'attached' ? ` · ${e.attachmentState}…` : ''}`);
  attr(all, 'aria-label', (e) => say(e.prefixes.length ? 'card.eniLabelPrefixes' : 'card.eniLabel', { id: e.id, device: e.ifName, kind: kindWord(e), ip: e.primaryIp, count: e.secondaryIps.length || e.prefixes.length }));
  text(all.select('title'), (e) => `${e.id} (${kindWord(e)}) · ${e.subnetId} ${e.subnetCidr} · ${e.mac}`);
  all.each(function (e) {
    const cells = select(this).select<SVGGElement>('.cells');
    // In prefix mode the row is sized for /28 blocks: one line of branch cells fits it.
    if (e.kind === 'trunk') drawSlots(cells, { ...e, secondaryIps: branches.map(branchCell) }, geo.prefixesPerEni > 0 ? { ...geo, slotsPerEni: geo.cols } : geo);
    else if (geo.prefixesPerEni > 0) drawPrefixes(cells, e, geo, say);
    else drawSlots(cells, e, geo);
  });
}

/** A branch ENI as a cell of its trunk's row: its address, held by its pod. */
function branchCell(b: EniView): AddressView {
  return { ip: b.primaryIp, state: 'assigned', ...(b.pod ? { pod: b.pod } : {}) };
}

function cellClass(a: AddressView | undefined): string {
  return a ? `cell ${a.state}` : 'cell empty';
}

function drawSlots(layer: G, eni: EniView, geo: NodeGeometry): void {
  const slots = Array.from({ length: geo.slotsPerEni }, (_, i) => eni.secondaryIps[i]);
  const cells = layer.selectAll<SVGRectElement, AddressView | undefined>('rect').data(slots);
  const all = cells.enter().append('rect').attr('width', CELL).attr('height', CELL).attr('rx', 2)
    .attr('x', (_a, i) => slotXY(geo, i)[0]).attr('y', (_a, i) => slotXY(geo, i)[1])
    .merge(cells);
  attr(all, 'class', cellClass);
  attr(all, 'data-keys', (a) => a?.ip ?? null);
  attr(all, 'data-sel', (a) => (a?.pod ? `pod:${a.pod}` : null));
}

function drawPrefixes(layer: G, eni: EniView, geo: NodeGeometry, say: Say): void {
  const blocks = layer.selectAll<SVGGElement, EniView['prefixes'][number]>('g.prefix').data(eni.prefixes.slice(0, geo.prefixesPerEni), (p) => p.cidr);
  blocks.exit().remove();
  const entered = blocks.enter().append('g').attr('class', 'prefix').attr('data-keys', (p) => p.cidr);
  entered.append('title');
  const all = entered.merge(blocks).attr('transform', (_p, i) => `translate(${prefixXY(geo, i).join(',')})`);
  text(all.select('title'), (p) => say('card.prefixTitle', { cidr: p.cidr, assigned: p.addresses.filter((a) => a.state === 'assigned').length }));
  all.each(function (p) {
    const base = Number(p.cidr.split('/')[0].split('.')[3]);
    const byOffset = new Map(p.addresses.map((a) => [Number(a.ip.split('.')[3]) - base, a]));
    const cells = select(this).selectAll<SVGRectElement, number>('rect').data(Array.from({ length: 16 }, (_, k) => k));
    const merged = cells.enter().append('rect').attr('width', PCELL).attr('height', PCELL)
      .attr('x', (k) => (k % 4) * (PCELL + 1)).attr('y', (k) => Math.floor(k / 4) * (PCELL + 1))
      .merge(cells);
    attr(merged, 'class', (k) => { const a = byOffset.get(k); return a ? `cell ${a.state}` : 'cell warm untracked'; });
    attr(merged, 'data-keys', (k) => byOffset.get(k)?.ip ?? null);
    attr(merged, 'data-sel', (k) => { const pod = byOffset.get(k)?.pod; return pod ? `pod:${pod}` : null; });
  });
}

function drawPods(layer: G, pods: readonly PodView[], geo: NodeGeometry, enterMs: number, say: Say): void {
  const shown = pods.slice(0, geo.podCells);
  const chips = layer.selectAll<SVGRectElement, PodView>('rect.pod').data(shown, (p) => p.uid);
  chips.exit().transition().duration(enterMs).style('opacity', 0).remove();
  const entered = chips.enter().append('rect').attr('tabindex', -1).attr('role', 'treeitem').attr('width', CELL).attr('height', CELL).attr('rx', CELL / 2)
    .attr('x', (_p, i) => podXY(geo, i)[0]).attr('y', (_p, i) => podXY(geo, i)[1]);
  entered.append('title');
  // A burst (a deployment scaled by hundreds) appears at once: a fade per chip would cost a frame.
  if (entered.size() <= 12 && enterMs > 0) entered.style('opacity', 0).transition().duration(enterMs).style('opacity', 1);
  const all = entered.merge(chips);
  attr(all, 'class', (p) => `pod ${p.phase}${p.hostNetwork ? ' host' : ''}`);
  attr(all, 'data-sel', (p) => `pod:${p.namespace}/${p.name}`);
  attr(all, 'data-keys', podKeys);
  attr(all, 'x', (_p, i) => podXY(geo, i)[0]);
  attr(all, 'y', (_p, i) => podXY(geo, i)[1]);
  attr(all, 'aria-label', (p) => say('card.podLabel', { pod: `${p.namespace}/${p.name}`, phase: `${p.phase}${p.ip ? `, ${p.ip}` : ''}` }));
  text(all.select('title'), (p) => `${p.namespace}/${p.name} — ${p.phase}${p.ip ? ` — ${p.ip}` : ''}${p.reason ? ` — ${p.reason}` : ''}`);
}
