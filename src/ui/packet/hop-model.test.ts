import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../../sim/index.ts';
import { tracePoints, traceWalk } from '../../worker/trace-api.ts';
import '../i18n/panel-english.ts';
import { createLanguages } from '../i18n/catalogues.ts';
import { textIn } from '../i18n/text.ts';
import { explainDrop } from './drop-explanation.ts';
import { focusNodes, rewrites, stationOf, toolViewFor } from './hop-model.ts';

function walk(to = 'external') {
  const parsed = parseScenario(SAMPLE_SCENARIOS['three-az']);
  if (!parsed.ok) throw new Error('parse');
  const sim = createSimulation(parsed.spec);
  sim.runUntil(130_000);
  const pod = tracePoints(sim).find((p) => p.kind === 'pod')!;
  const w = traceWalk(sim, { from: pod.id, to, proto: 'tcp', dport: 443 });
  if (!w.ok) throw new Error(w.error);
  return { ...w, pod };
}

describe('hop model', () => {
  const w = walk();
  const hops = w.result.hops;
  const focus = focusNodes(hops);
  const nsOf = (i: number) => w.namespaces.find((n) => n.id === hops[i].where.ns);

  it('keeps the node in view while the packet is in the VPC or on the internet', () => {
    expect(new Set(focus)).toEqual(new Set([w.pod.node]));
    expect(hops.map((h, i) => stationOf(h, focus[i]))).toEqual(expect.arrayContaining(['nf:nat POSTROUTING', 'rules', 'routes', 'gateway', 'internet', `pod:${w.pod.node}/${w.pod.id}`]));
  });

  it('marks the fwmark rule as the deciding line of `ip rule` on the host', () => {
    const i = hops.findIndex((h) => h.step === 'ip-rule' && h.where.ns === w.pod.node && h.direction === 'request');
    const view = toolViewFor(hops[i], nsOf(i))!;
    expect(view.command).toBe('ip rule');
    expect(view.lines.filter((l) => l.mark === 'decided').map((l) => l.text)).toEqual(['1024:\tfrom all fwmark 0x80/0x80 lookup main']);
    expect(view.lines.length).toBeGreaterThan(5);
  });

  it('shows only the chains nat POSTROUTING walked, with SNAT decided and the jumps matched', () => {
    const i = hops.findIndex((h) => h.step === 'netfilter' && h.where.chain === 'POSTROUTING' && h.where.table === 'nat');
    const view = toolViewFor(hops[i], nsOf(i))!;
    expect(view.lines.every((l) => /^-[AP] (POSTROUTING|KUBE-POSTROUTING|AWS-SNAT-CHAIN-0) /.test(l.text))).toBe(true);
    expect(view.lines.find((l) => l.mark === 'decided')?.text).toMatch(/^-A AWS-SNAT-CHAIN-0 .* -j SNAT --to-source/);
    expect(view.lines.filter((l) => l.mark === 'matched').length).toBeGreaterThanOrEqual(2);
    // --random-fully (aws-node's default) picks another source port (vpc-cni-behaviour.md e.10).
    expect(rewrites(hops[i])).toEqual([{ field: 'source', before: `${w.pod.ip}:40000`, after: expect.stringMatching(/^192\.168\.\d+\.\d+:(?!40000$)\d+$/) }]);
  });

  it('prefixes commands run inside a pod with ip netns exec', () => {
    const i = hops.findIndex((h) => h.step === 'route' && h.where.ns.includes('/'));
    const view = toolViewFor(hops[i], nsOf(i))!;
    expect(view.command).toMatch(/^ip netns exec <web-[a-z0-9-]+> ip route show table main$/);
    expect(view.lines.find((l) => l.mark === 'decided')?.text).toBe('default via 169.254.1.1 dev eth0');
  });

  it('explains drops in plain words, in English and Korean, and leaves unknown reasons to the note itself', async () => {
    const { i18n, activate } = createLanguages();
    const say = (reason: string) => {
      const m = explainDrop(reason);
      return m && textIn(i18n, m);
    };
    expect(say('source/destination check: 192.168.1.64 is not an address of the sending ENI (eth1 on node-a)')).toMatch(/source\/destination check/);
    expect(say('rp_filter=1 (strict) on eth1: the route back to the source leaves by eth0, not eth1')).toMatch(/^Reverse-path filtering/);
    expect(say('no route to 10.0.0.1 (Network is unreachable)')).toMatch(/^No route/);
    expect(say('dropped in filter FORWARD: -A FORWARD -j DROP')).toBe('An iptables rule (or the chain’s policy) dropped the packet: filter FORWARD: -A FORWARD -j DROP.');
    expect(explainDrop('something new')).toBeUndefined();
    await activate('ko');
    expect(say('rp_filter=1 (strict) on eth1: the route back to the source leaves by eth0, not eth1')).toMatch(/^역경로 필터링/);
    expect(say('dropped in filter FORWARD: -A FORWARD -j DROP')).toContain('-A FORWARD -j DROP');
  });
});
