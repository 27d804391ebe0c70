/**
 * Renderers against real iproute2 6.1 / iptables 1.8.9 / conntrack 1.4.7 output captured
 * by fixtures/capture.sh on a kernel with the b.5 worked example built in namespaces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mustIpv4 } from '../../net/ipv4.ts';
import { buildNodeNetwork } from '../build.ts';
import { asCaptureLab, b5Input } from '../lab-input.test-support.ts';
import type { NetfilterTableName, NodeNetwork } from '../model.ts';
import { conntrackLine, renderConntrack } from './conntrack.ts';
import { renderView, type ViewName } from './index.ts';
import { renderIptablesSave } from './iptables.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}.txt`, import.meta.url), 'utf8');

/** The lease seconds left when the capture ran (they count down). */
const leaseLeft = Number(/valid_lft (\d+)sec/.exec(fixture('node.ip-addr'))![1]);

function lab(): NodeNetwork {
  return asCaptureLab(buildNodeNetwork(b5Input({ dhcpLeaseSecondsLeft: leaseLeft })));
}

/**
 * The capture ran traffic (web-1 → node), and the node's ARP request, sent from its primary
 * IP, left a learned entry for 192.168.1.64 in web-1 — state the tracer would add.
 */
function afterTraffic(net: NodeNetwork): NodeNetwork {
  const web1 = net.pods.find((p) => p.pod === 'web-1')!;
  web1.neighbours.push({ ip: mustIpv4('192.168.1.64'), dev: 'eth0', lladdr: '0a:e1:00:00:00:01', state: 'STALE' });
  return net;
}

/** Copies the policy counters the capture showed (traffic had flowed) into the model. */
function withCounters(net: NodeNetwork, saved: string): NodeNetwork {
  let table: NetfilterTableName = 'raw';
  for (const line of saved.split('\n')) {
    const t = /^\*(\w+)$/.exec(line);
    if (t) table = t[1] as NetfilterTableName;
    const c = /^:(\S+) \S+ \[(\d+):(\d+)\]$/.exec(line);
    if (!c) continue;
    const chain = net.host.netfilter[table].chains.find((x) => x.name === c[1])!;
    chain.packets = Number(c[2]);
    chain.bytes = Number(c[3]);
  }
  return net;
}

const stamp = (saved: string) => Date.parse(`${/on \w+ (\w+ +\d+ [\d:]+ \d+)/.exec(saved)![1]} UTC`);

const n = (line: string, re: RegExp) => Number(re.exec(line)![1]);

/** Lines in sorted order, for outputs whose order the kernel does not fix. */
const sorted = (t: string) => t.split('\n').toSorted().join('\n');

const nodeViews: [string, ViewName, { table?: string }?][] = [
  ['node.ip-addr', 'ip addr'],
  ['node.ip-br-addr', 'ip -br addr'],
  ['node.ip-link', 'ip link'],
  ['node.ip-rule', 'ip rule'],
  ['node.ip-route', 'ip route'],
  ['node.ip-route-table-all', 'ip route show table all'],
  ['node.ip-route-table-2', 'ip route show table', { table: '2' }],
  ['node.ip-route-table-local', 'ip route show table', { table: 'local' }],
  ['node.route-n', 'route -n'],
];

describe('host namespace views match the kernel', () => {
  for (const [file, view, opts] of nodeViews) {
    it(`${view} ${opts?.table ?? ''}`, () => {
      expect(renderView(lab(), view, opts)).toBe(fixture(file));
    });
  }
});

describe('pod namespace views match the kernel', () => {
  const podViews: [string, ViewName][] = [
    ['ip-addr', 'ip addr'],
    ['ip-br-addr', 'ip -br addr'],
    ['ip-link', 'ip link'],
    ['ip-rule', 'ip rule'],
    ['ip-route', 'ip route'],
    ['ip-route-table-all', 'ip route show table all'],
    ['ip-neigh', 'ip neigh'],
    ['arp-n', 'arp -n'],
    ['route-n', 'route -n'],
  ];
  for (const pod of ['web-1', 'web-2']) {
    for (const [file, view] of podViews) {
      it(`${pod}: ${view}`, () => {
        const text = renderView(afterTraffic(lab()), view, { pod: `default/${pod}` });
        // The kernel lists neighbours in the order of a hash seeded at boot: compare as a set.
        if (view === 'ip neigh' || view === 'arp -n') expect(sorted(text)).toBe(sorted(fixture(`${pod}.${file}`)));
        else expect(text).toBe(fixture(`${pod}.${file}`));
      });
    }
  }
  it('iptables inside a pod: empty built-in chains', () => {
    expect(renderView(lab(), 'iptables -t nat -S', { pod: 'web-1' })).toBe(fixture('web-1.iptables-legacy.nat'));
  });
});

describe('iptables -S matches both backends', () => {
  const tables: NetfilterTableName[] = ['raw', 'mangle', 'nat', 'filter'];
  for (const t of tables) {
    it(`-t ${t} (legacy and nft print the same)`, () => {
      const text = renderView(lab(), `iptables -t ${t} -S` as ViewName);
      expect(text).toBe(fixture(`node.iptables-legacy.${t}`));
      expect(text).toBe(fixture(`nft.iptables-nft.${t}`));
    });
  }
});

describe('iptables -t nat -S <chain>', () => {
  const nft = (net: NodeNetwork): NodeNetwork => ({ ...net, config: { ...net.config, iptablesBackend: 'nft' } });
  for (const chain of ['AWS-SNAT-CHAIN-0', 'POSTROUTING', 'KUBE-NODEPORTS', 'NOSUCH']) {
    it(`${chain} as iptables-legacy and iptables-nft print it`, () => {
      expect(renderView(lab(), 'iptables -t nat -S', { chain })).toBe(fixture(`node.iptables-legacy.nat-${chain}`));
      expect(renderView(nft(lab()), 'iptables -t nat -S', { chain })).toBe(fixture(`nft.iptables-nft.nat-${chain}`));
    });
  }
});

describe('iptables-save', () => {

  it('legacy: table order, counters and the Generated/Completed lines', () => {
    const saved = fixture('node.iptables-legacy-save');
    expect(renderView(withCounters(lab(), saved), 'iptables-save', { timeMs: stamp(saved) })).toBe(saved);
  });
  it('nft: its own header and table order', () => {
    const saved = fixture('nft.iptables-nft-save');
    expect(renderIptablesSave(withCounters(lab(), saved).host, 'nft', stamp(saved))).toBe(saved);
  });
});

describe('conntrack -L', () => {
  const captured = fixture('node.conntrack').split('\n').filter(Boolean);
  const icmp = captured.find((l) => l.startsWith('icmp'))!;
  const tcp = captured.find((l) => l.startsWith('tcp'))!;
  const a = mustIpv4('192.168.12.34');
  const b = mustIpv4('192.168.1.64');

  it('icmp and tcp lines', () => {
    const id = n(icmp, /id=(\d+)/);
    expect(
      conntrackLine({
        protocol: 'icmp',
        timeout: n(icmp, /^icmp +1 (\d+)/),
        original: { src: a, dst: b, icmpType: 8, icmpCode: 0, icmpId: id },
        reply: { src: b, dst: a, icmpType: 0, icmpCode: 0, icmpId: id },
        mark: 0,
        use: 1,
      }),
    ).toBe(icmp);
    const sport = n(tcp, /sport=(\d+)/);
    expect(
      conntrackLine({
        protocol: 'tcp',
        timeout: n(tcp, /^tcp +6 (\d+)/),
        tcpState: 'ESTABLISHED',
        original: { src: a, dst: b, sport, dport: 8080 },
        reply: { src: b, dst: a, sport: 8080, dport: sport },
        assured: true,
        mark: 0,
        use: 1,
      }),
    ).toBe(tcp);
  });
  it('ends with the count line conntrack writes to stderr', () => {
    const summary = captured.find((l) => l.startsWith('conntrack v'))!;
    expect(renderConntrack(lab().host)).toBe(`${summary.replace(/\d+ flow/, '0 flow')}\n`);
  });
});

describe('sysctl', () => {
  it('rp_filter on eth0 is loose (2), printed as sysctl does', () => {
    expect(renderView(lab(), 'sysctl rp_filter', { iface: 'eth0' })).toBe(fixture('node.sysctl-rp_filter-eth0'));
  });
  it('ip_forward', () => {
    expect(renderView(lab(), 'sysctl net.ipv4.ip_forward')).toBe(fixture('node.sysctl-ip_forward'));
  });
  it('tcp_early_demux: 1, as the init container writes it when DISABLE_TCP_EARLY_DEMUX is not "true"', () => {
    expect(renderView(lab(), 'sysctl net.ipv4.tcp_early_demux')).toBe(fixture('node.sysctl-tcp_early_demux'));
  });
});
