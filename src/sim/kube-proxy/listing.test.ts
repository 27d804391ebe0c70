/**
 * `iptables -L` / `-S <chain>` / `-Z` and `conntrack -L` filters against what iptables 1.8.9 and
 * conntrack 1.4.7 printed for engine-written service chains built in network namespaces
 * (fixtures/*.txt, scripts/kernel/capture-services.ts): the same rules, loaded with the
 * counters the kernel reported (iptables-save -c), must list character for character. The
 * capture machine's iptables 1.8.9 prints protocol numbers under -n (a regression fixed in
 * 1.8.10); EKS nodes' iptables print names, so these tests ask for numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mustIpv4 } from '../net/ipv4.ts';
import { buildNodeNetwork } from '../linux/build.ts';
import type { CounterLookup } from '../linux/input.ts';
import type { ConntrackEntry, NetfilterTableName, NodeNetwork } from '../linux/model.ts';
import { runConntrackCommand } from '../linux/render/conntrack.ts';
import { runIptablesCommand } from '../linux/render/iptables-command.ts';
import { CAPTURE_CHAINS, captureInputs } from './capture-lab.test-support.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8');

/** The counters an `iptables-save -c` dump reports, per table and chain, keyed by rule text. */
function countersFrom(saved: string): CounterLookup {
  const chains = new Map<string, Map<string, { packets: number; bytes: number }>>();
  let table = '';
  const put = (chain: string, text: string, packets: number, bytes: number) => {
    const key = `${table} ${chain}`;
    if (!chains.has(key)) chains.set(key, new Map());
    chains.get(key)!.set(text, { packets, bytes });
  };
  for (const line of saved.split('\n')) {
    const t = /^\*(\w+)$/.exec(line);
    if (t) table = t[1];
    const policy = /^:(\S+) \S+ \[(\d+):(\d+)\]$/.exec(line);
    if (policy) put(policy[1], '', Number(policy[2]), Number(policy[3]));
    const rule = /^\[(\d+):(\d+)\] -A (\S+)(.*)$/.exec(line);
    if (rule) put(rule[3], rule[4], Number(rule[1]), Number(rule[2]));
  }
  return (tbl: NetfilterTableName, chain: string) => chains.get(`${tbl} ${chain}`);
}

function nodeA(saved = fixture('node-a.iptables-save-c')): NodeNetwork {
  const input = captureInputs().find((i) => i.nodeName === 'node-a')!;
  return buildNodeNetwork({ ...input, counters: countersFrom(saved) });
}

const iptables = (net: NodeNetwork, line: string) => runIptablesCommand(net.host, line.split(' '), 'legacy', { numericProtocol: true });

describe('iptables -L against the kernel', () => {
  const cases: [string, string][] = [
    ['node-a.nat-L-n-v', '-t nat -L -n -v'],
    ['node-a.nat-L-n', '-t nat -L -n'],
    ['node-a.filter-L-n-v', '-t filter -L -n -v'],
    ['node-a.mangle-L-n-v', '-t mangle -L -n -v'],
    ['node-a.nat-L-svc-n-v-line-numbers', `-t nat -L ${CAPTURE_CHAINS.web} -n -v --line-numbers`],
    ['node-a.nat-L-services-n-v-x', '-t nat -L KUBE-SERVICES -n -v -x'],
    ['node-a.nat-L-sticky-n-v', `-t nat -L ${CAPTURE_CHAINS.sticky} -n -v`],
  ];
  for (const [file, line] of cases) {
    it(`iptables ${line}`, () => {
      expect(iptables(nodeA(), line).output).toBe(fixture(file));
    });
  }

  it('counters past 99999: K/M/G rounding, and -x exact', () => {
    const net = nodeA(fixture('node-a.big.iptables-save-c'));
    expect(iptables(net, '-t nat -L -n -v').output).toBe(fixture('node-a.big.nat-L-n-v'));
    expect(iptables(net, '-t nat -L -n -v -x').output).toBe(fixture('node-a.big.nat-L-n-v-x'));
  });

  it('-L -v -Z lists, then says which chains it zeroes; the caller zeroes them', () => {
    const r = iptables(nodeA(), `-t nat -L ${CAPTURE_CHAINS.web} -n -v -Z`);
    expect(r.output).toBe(fixture('node-a.nat-L-n-v-Z'));
    expect(r.zero).toEqual({ table: 'nat', chain: CAPTURE_CHAINS.web });
    // After zeroing: what the kernel listed next.
    const zeroed = nodeA(fixture('node-a.iptables-save-c').replace(new RegExp(`^\\[\\d+:\\d+\\] (-A ${CAPTURE_CHAINS.web} )`, 'gm'), '[0:0] $1'));
    expect(iptables(zeroed, `-t nat -L ${CAPTURE_CHAINS.web} -n -v`).output).toBe(fixture('node-a.nat-L-after-Z'));
  });

  it('EKS nodes print protocol names', () => {
    const out = runIptablesCommand(nodeA().host, ['-t', 'nat', '-L', 'KUBE-SERVICES', '-n']).output;
    expect(out.split('\n')[2]).toMatch(/^KUBE-SVC-\S+  tcp  --  0\.0\.0\.0\/0 +10\.100\.12\.34 +\/\* default\/web cluster IP \*\/ tcp dpt:80$/);
    expect(out).toContain('KUBE-NODEPORTS  all  --  ');
  });
});

describe('iptables -S <chain> against the kernel', () => {
  it('-S chain, -S chain -v (counters as -c before the target), a recent match', () => {
    expect(iptables(nodeA(), `-t nat -S ${CAPTURE_CHAINS.web}`).output).toBe(fixture('node-a.nat-S-svc'));
    expect(iptables(nodeA(), `-t nat -S ${CAPTURE_CHAINS.web} -v`).output).toBe(fixture('node-a.nat-S-svc-v'));
    expect(iptables(nodeA(), `-t nat -S ${CAPTURE_CHAINS.sticky}`).output).toBe(fixture('node-a.nat-S-sticky'));
  });
});

describe('iptables command lines', () => {
  it('parses as iptables does: bundled flags, the chain only right after -L, errors in its words', () => {
    const net = nodeA();
    expect(iptables(net, '-t nat -nvL KUBE-SERVICES').output).toBe(iptables(net, '-t nat -L KUBE-SERVICES -n -v').output);
    expect(iptables(net, '-t nat -L -n KUBE-SERVICES')).toMatchObject({ exitCode: 2, output: "iptables v1.8.9 (legacy): Bad argument `KUBE-SERVICES'\nTry `iptables -h' or 'iptables --help' for more information.\n" });
    expect(iptables(net, '-t nat -L NOPE -n')).toMatchObject({ exitCode: 1, output: 'iptables: No chain/target/match by that name.\n' });
    expect(iptables(net, '-t frob -L -n').output).toMatch(/^iptables v1\.8\.9 \(legacy\): can't initialize iptables table `frob': Table does not exist/);
    expect(iptables(net, '-t nat -F').exitCode).toBe(1);
  });
});

/** A `conntrack -L` line back into an entry (the capture's flows, to test the filters on). */
function parseConntrack(line: string): ConntrackEntry {
  const m = /^(tcp|udp) +\d+ (\d+) (?:([A-Z_]+) )?src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+) src=(\S+) dst=(\S+) sport=(\d+) dport=(\d+) (\[ASSURED\] )?mark=(\d+) use=(\d+)$/.exec(line)!;
  return {
    protocol: m[1] as 'tcp' | 'udp', timeout: Number(m[2]), ...(m[3] ? { tcpState: m[3] as 'TIME_WAIT' } : {}),
    original: { src: mustIpv4(m[4]), dst: mustIpv4(m[5]), sport: Number(m[6]), dport: Number(m[7]) },
    reply: { src: mustIpv4(m[8]), dst: mustIpv4(m[9]), sport: Number(m[10]), dport: Number(m[11]) },
    ...(m[12] ? { assured: true } : {}), mark: Number(m[13]), use: Number(m[14]),
  };
}

/**
 * The kernel lists in hash order, and the captures ran a second or so apart (timeouts count
 * down): compare the lines as sets, with the seconds left masked.
 */
const sorted = (t: string) => t.split('\n').filter(Boolean).map((l) => l.replace(/^(\w+ +\d+ )\d+ /, '$1_ ')).toSorted();

describe('conntrack -L filters against conntrack 1.4.7', () => {
  const all = fixture('node-a.conntrack-L').split('\n').filter((l) => /^(tcp|udp) /.test(l));
  const ns = { ...nodeA().host, conntrack: all.map(parseConntrack) };
  const cases: [string, string][] = [
    ['node-a.conntrack-L', '-L'],
    ['node-a.conntrack-L-d', '-L -d 10.100.12.34'],
    ['node-a.conntrack-L-dst-nat', '-L --dst-nat'],
    ['node-a.conntrack-L-p-tcp-orig-port-dst', '-L -p tcp --orig-port-dst 80'],
  ];
  for (const [file, line] of cases) {
    it(`conntrack ${line}`, () => {
      expect(sorted(runConntrackCommand(ns, line.split(' ')))).toEqual(sorted(fixture(file)));
    });
  }
  it('port options need -p first, as in conntrack', () => {
    expect(runConntrackCommand(ns, ['-L', '--orig-port-dst', '80'])).toBe("conntrack v1.4.7 (conntrack-tools): unknown option `--orig-port-dst'\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
    expect(runConntrackCommand(ns, ['-L', '-d', 'foo'])).toBe("conntrack v1.4.7 (conntrack-tools): Invalid IP address `foo'\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
  });
});
