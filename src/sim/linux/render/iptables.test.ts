/**
 * iptables print details from services-and-load-balancers.md 1.6 (statistic probabilities,
 * comment quoting, nfacct's double space) and the error texts of fixtures/error.*.txt.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../build.ts';
import { b5Input } from '../lab-input.test-support.ts';
import { rule } from '../netfilter.ts';
import { renderView } from './index.ts';
import { ruleSpec, saveString } from './iptables.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}.txt`, import.meta.url), 'utf8');

describe('iptables -S spelling (services reference 1.6)', () => {
  it('statistic probabilities 1/n for n = 2…10', () => {
    const printed = [2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ruleSpec(rule({ matches: [{ module: 'statistic', probability: 1 / n }] })).split(' ').at(-1));
    expect(printed).toEqual(['0.50000000000', '0.33333333349', '0.25000000000', '0.20000000019', '0.16666666651', '0.14285714272', '0.12500000000', '0.11111111101', '0.10000000009']);
  });
  it('comments: bare when [A-Za-z0-9_-] only, else quoted with " \\ \' escaped', () => {
    expect(saveString('kube-dns')).toBe('kube-dns');
    expect(saveString('default/web')).toBe('"default/web"');
    expect(saveString('say "hi"')).toBe('"say \\"hi\\""');
  });
  it('nfacct keeps its two spaces', () => {
    expect(ruleSpec(rule({ matches: [{ module: 'nfacct', name: 'ct_state_invalid_dropped_pkts' }], target: { kind: 'DROP' } }))).toBe(
      ' -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP',
    );
  });
});

describe('errors read like the real tools', () => {
  const net = buildNodeNetwork(b5Input());
  it('unknown route table', () => {
    expect(renderView(net, 'ip route show table', { table: 'foo' })).toBe(fixture('error.ip-route-table-foo'));
  });
  it('unknown pod namespace', () => {
    expect(renderView(net, 'ip addr', { pod: 'vcx-cap-nosuch' })).toBe(fixture('error.netns-missing'));
  });
});
