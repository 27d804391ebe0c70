/**
 * kube-proxy's IPVS mode on node A of the worked example (`default/web`, reference 1.7 and 2.1).
 *
 * The kernel here has no ip_vs module, so IPVS itself (ipvsadm, the scheduler) has no kernel
 * differential: `ipvsadm -Ln` is checked against the reference's format and ipvsadm's printf
 * widths. The ipsets and the iptables rules are checked against a real kernel: the sets were
 * created with kube-proxy's `ipset create` arguments and the entries the engine wrote
 * (fixtures/ipvs-node-a.ipset-create.sh), the engine's iptables-save was loaded with
 * iptables-legacy-restore 1.8.9, and `ipset list` (ipset 7.17, kernel 6.18), `iptables -S` and
 * `iptables -L -n -v` were saved (fixtures/ipvs-node-a.*.txt). Only `initval`, which the kernel
 * draws at random for each set, is masked.
 */
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderIpAddr } from '../linux/render/ip-link.ts';
import { renderIpRoute } from '../linux/render/ip-route.ts';
import { runIptablesCommand } from '../linux/render/iptables-command.ts';
import { renderIptablesS } from '../linux/render/iptables.ts';
import { renderIpsetList, renderIpvsadm } from '../linux/render/ipvs.ts';
import { formatIpv4 } from '../net/ipv4.ts';
import { ep, ipvsNodeA, NODE_A, web, webEndpoints } from './ipvs-example.test-support.ts';
import { writeIpvs } from './ipvs.ts';
import { EKS_PROXY_CONFIG, type ProxyEndpoint, type ProxyServicePort } from './model.ts';
import { KubeProxy } from './proxier.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/ipvs-node-a.${name}`, import.meta.url), 'utf8');
const members = (ipvs: ReturnType<typeof writeIpvs>, set: string) => ipvs.sets.find((s) => s.name === set)!.members;
/** `iptables -t <table> -L -n -v` (protocol numbers, as the capture machine's iptables 1.8.9 prints them). */
const listTable = (net: ReturnType<typeof ipvsNodeA>, table: string) => runIptablesCommand(net.host, ['-t', table, '-L', '-n', '-v'], 'legacy', { numericProtocol: true }).output;
/** A real server's line of `ipvsadm -Ln`, trailing spaces included. */
const rs = (ip: string) => `  -> ${`${ip}:8080`.padEnd(28)} Masq    1      0          0         `;
const maskInitval = (s: string) => s.replace(/initval 0x[0-9a-f]{8}/g, 'initval 0x…');

describe('kube-proxy IPVS mode: node A with default/web', () => {
  const net = ipvsNodeA();

  it('ipset list: the sets, types, headers, sizes, references and members a real kernel shows', () => {
    expect(maskInitval(renderIpsetList(net.host).output)).toBe(maskInitval(fixture('ipset-list.txt')));
    expect(renderIpsetList(net.host, 'KUBE-CLUSTER-IP').output).toMatch(/^Name: KUBE-CLUSTER-IP\nType: hash:ip,port\n[^]*References: 3\nNumber of entries: 1\nMembers:\n10\.100\.12\.34,tcp:80\n$/);
    expect(renderIpsetList(net.host, 'NOPE').error).toBe('ipset v7.17: The set with the given name does not exist\n');
  });

  it('iptables -S: the IPVS-mode chains and rules, as iptables prints them back from the kernel', () => {
    const tables = (['nat', 'filter', 'mangle', 'raw'] as const).map((t) => renderIptablesS(net.host, t, {}, 'legacy')).join('');
    expect(tables).toBe(fixture('iptables-S.txt'));
    // No KUBE-SVC-/KUBE-SEP- chains, and no KUBE-PROXY-CANARY (only the iptables proxier watches one).
    expect(tables).not.toMatch(/KUBE-(SVC|SEP|PROXY-CANARY)/);
  });

  it('iptables -L -n -v: match-set as the set extension lists it', () => {
    expect(listTable(net, 'nat')).toBe(fixture('nat-L-n-v.txt'));
    expect(listTable(net, 'filter')).toBe(fixture('filter-L-n-v.txt'));
  });

  it('ipvsadm -Ln: a virtual server per ClusterIP:port and per node address × NodePort, rr, Masq weight 1 (reference 2.1)', () => {
    // ipvsadm's widths: "  -> %-28s %-7s %-6d %-10u %-10u"; libipvs sorts by (int)(ntohl(a) − ntohl(b)),
    // which puts 192.168.x before 10.x (as real node listings show).
    const three = [rs('192.168.1.17'), rs('192.168.2.215'), rs('192.168.3.218')];
    expect(renderIpvsadm(net.host)).toBe([
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
      'TCP  192.168.1.64:31234 rr', ...three,
      'TCP  192.168.9.201:31234 rr', ...three,
      'TCP  10.100.12.34:80 rr', ...three,
      '',
    ].join('\n'));
    expect(three[0]).toBe('  -> 192.168.1.17:8080            Masq    1      0          0         ');
    expect(renderIpvsadm(net.host, true).split('\n').slice(1, 5)).toEqual([
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
      'TCP  192.168.1.64:31234                  0        0        0        0        0',
      '  -> 192.168.1.17:8080                   0        0        0        0        0',
    ]);
  });

  it('ClientIP affinity: persistent <timeout>', () => {
    const sticky: ProxyServicePort = { ...web, nodePort: 0, affinityTimeoutSeconds: 10800 };
    expect(renderIpvsadm(ipvsNodeA([{ port: sticky, endpoints: webEndpoints }]).host)).toContain('\nTCP  10.100.12.34:80 rr persistent 10800\n');
  });

  it('kube-ipvs0: a dummy device left DOWN, each ClusterIP a /32, and the kernel\'s local routes', () => {
    const addr = renderIpAddr(net.host);
    expect(addr).toMatch(/\n\d+: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default \n {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff\n {4}inet 10\.100\.12\.34\/32 scope global kube-ipvs0\n {7}valid_lft forever preferred_lft forever\n/);
    expect(renderIpRoute(net.host, 255)).toContain('local 10.100.12.34 dev kube-ipvs0 proto kernel scope host src 10.100.12.34 \n');
    expect(net.host.sysctls['net.ipv4.vs.conntrack']).toBe('1');
  });
});

describe('kube-proxy IPVS mode: syncs', () => {
  it('rewrites its chains every 30 s (ipvs.syncPeriod, no partial syncs), resetting their counters; others keep theirs', () => {
    const ipvs = new KubeProxy({ ...EKS_PROXY_CONFIG, mode: 'ipvs' }, () => [], writeIpvs);
    expect(ipvs.fullSyncPeriodMs).toBe(30_000);
    expect(ipvs.rewrittenAtMs('nat', 'KUBE-SERVICES', 5_000, 96_000)).toBe(95_000);
    expect(ipvs.rewrittenAtMs('filter', 'KUBE-IPVS-FILTER', 5_000, 96_000)).toBe(95_000);
    expect(ipvs.rewrittenAtMs('nat', 'AWS-SNAT-CHAIN-0', 5_000, 96_000)).toBe(0);
    expect(ipvs.rewrittenAtMs('nat', 'POSTROUTING', 5_000, 96_000)).toBe(0);
    // iptables mode: hourly full syncs.
    expect(new KubeProxy(EKS_PROXY_CONFIG, () => []).rewrittenAtMs('nat', 'KUBE-SERVICES', 5_000, 96_000)).toBe(5_000);
    expect(() => new KubeProxy({ ...EKS_PROXY_CONFIG, mode: 'ipvs' }, () => [])).toThrow(/IPVS part of the engine was not loaded/);
  });
});

const asEndpoint = (e: { host: number; node: string; state: string }): ProxyEndpoint =>
  ep(`192.168.7.${e.host}`, e.node, e.state === 'ready' ? {} : { ready: false, serving: e.state === 'terminating-serving', terminating: e.state.startsWith('terminating') });

describe('kube-proxy IPVS mode: real servers', () => {
  const endpointArb = fc.record({
    host: fc.integer({ min: 1, max: 250 }),
    node: fc.constantFrom('node-a', 'node-b', 'node-c'),
    state: fc.constantFrom('ready', 'ready', 'terminating-serving', 'terminating', 'not-ready'),
  });

  it('every ready endpoint is a real server of each of its virtual servers on every node; terminating ones only when none is ready', () => {
    fc.assert(fc.property(fc.uniqueArray(endpointArb, { selector: (e) => e.host, maxLength: 8 }), fc.boolean(), (raw, local) => {
      const endpoints = raw.map(asEndpoint).toSorted((a, b) => (`${a.ip}:8080` < `${b.ip}:8080` ? -1 : 1));
      const svc: ProxyServicePort = { ...web, externalPolicyLocal: local };
      const ready = endpoints.filter((e) => e.ready).map((e) => `${e.ip}:8080`);
      const fallback = endpoints.filter((e) => e.serving && e.terminating).map((e) => `${e.ip}:8080`);
      for (const node of ['node-a', 'node-b', 'node-c']) {
        const ipvs = writeIpvs([{ port: svc, endpoints }], node);
        for (const vs of ipvs.virtualServers) {
          const got = vs.realServers.map((r) => `${r.ip}:${r.port}`);
          expect(vs.realServers.every((r) => r.weight === 1)).toBe(true);
          const isNodePort = vs.address === undefined;
          if (!isNodePort || !local) {
            // Cluster policy: every ready endpoint; serving-terminating ones only when none is ready.
            expect(got).toEqual(ready.length ? ready : fallback);
          } else {
            // Local policy: this node's ready endpoints when it has some, else (kubernetes#97081) the Cluster list.
            const mine = endpoints.filter((e) => e.nodeName === node && e.ready).map((e) => `${e.ip}:8080`);
            const mineServing = endpoints.filter((e) => e.nodeName === node && e.serving && e.terminating).map((e) => `${e.ip}:8080`);
            expect(got).toEqual(mine.length ? mine : mineServing.length ? mineServing : ready.length ? ready : fallback);
          }
          // Cluster policy: a terminating endpoint never takes new connections while a ready one
          // exists anywhere (Local policy may keep a node's own serving-terminating endpoints, KEP-1669).
          if (ready.length && (!isNodePort || !local)) expect(got.every((g) => ready.includes(g))).toBe(true);
        }
        // The node's own endpoints (any state) are in KUBE-LOOP-BACK, nobody else's.
        expect(members(ipvs, 'KUBE-LOOP-BACK')).toEqual(endpoints.filter((e) => e.nodeName === node).map((e) => `${e.ip},tcp:8080,${e.ip}`).toSorted());
      }
    }));
  });

  it('NodePorts go into KUBE-NODE-PORT-TCP/UDP, Local ones into the -LOCAL- sets too', () => {
    const dns: ProxyServicePort = { ...web, protocol: 'udp', clusterIP: '10.100.0.10', port: 53, nodePort: 30053, externalPolicyLocal: true };
    const ipvs = writeIpvs([{ port: web, endpoints: webEndpoints }, { port: dns, endpoints: [] }], NODE_A);
    expect(Object.fromEntries(ipvs.sets.filter((s) => s.members.length).map((s) => [s.name, s.members]))).toEqual({
      'KUBE-NODE-PORT-TCP': ['31234'], 'KUBE-NODE-PORT-UDP': ['30053'], 'KUBE-NODE-PORT-LOCAL-UDP': ['30053'],
      'KUBE-CLUSTER-IP': ['10.100.0.10,udp:53', '10.100.12.34,tcp:80'], 'KUBE-IPVS-IPS': ['10.100.0.10', '10.100.12.34'],
      'KUBE-LOOP-BACK': ['192.168.1.17,tcp:8080,192.168.1.17'],
    });
    // Every set exists, empty or not (ensureIPSet), each once.
    expect(ipvs.sets.map((s) => s.name).toSorted()).toEqual([
      'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP', 'KUBE-EXTERNAL-IP-LOCAL', 'KUBE-HEALTH-CHECK-NODE-PORT', 'KUBE-IPVS-IPS', 'KUBE-LOAD-BALANCER',
      'KUBE-LOAD-BALANCER-FW', 'KUBE-LOAD-BALANCER-LOCAL', 'KUBE-LOAD-BALANCER-SOURCE-CIDR', 'KUBE-LOAD-BALANCER-SOURCE-IP', 'KUBE-LOOP-BACK',
      'KUBE-NODE-PORT-LOCAL-SCTP-HASH', 'KUBE-NODE-PORT-LOCAL-TCP', 'KUBE-NODE-PORT-LOCAL-UDP', 'KUBE-NODE-PORT-SCTP-HASH', 'KUBE-NODE-PORT-TCP', 'KUBE-NODE-PORT-UDP',
    ]);
    const udp = ipvsNodeA([{ port: dns, endpoints: [] }]).host.ipvs!.map((v) => `${v.protocol} ${formatIpv4(v.address)}:${v.port} ${v.realServers.length}`);
    expect(udp.toSorted()).toEqual(['udp 10.100.0.10:53 0', 'udp 192.168.1.64:30053 0', 'udp 192.168.9.201:30053 0']);
  });
});
