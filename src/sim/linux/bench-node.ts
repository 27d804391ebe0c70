/**
 * A large node for benchmarks: 110 pods spread over 4 ENIs and a kube-proxy service load of
 * about 2,000 iptables rules (200 three-endpoint ClusterIP services shaped as in
 * services-and-load-balancers.md 1.5; chain hashes are synthetic, not kube-proxy's).
 */
import { formatIpv4, ipv4 } from '../net/ipv4.ts';
import { Random } from '../clock/random.ts';
import { buildNodeNetwork } from './build.ts';
import type { EniInput, PodInput } from './input.ts';
import type { NodeNetwork } from './model.ts';
import { append, chain, comment, insertFirst, jump, rule } from './netfilter.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Builds the benchmark node; `services` × 10 rules are added to nat (200 → ~2,000). */
export function buildBenchNode(pods = 110, services = 200): NodeNetwork {
  const enis: EniInput[] = [0, 1, 2, 3].map((d) => ({
    ifName: `eth${d}`,
    deviceIndex: d,
    networkCard: 0,
    mac: `0a:00:00:00:00:0${d}`,
    primaryIp: formatIpv4(ipv4((10 << 24) + (d << 8) + 10)),
    subnetCidr: '10.0.0.0/16',
    kind: d === 0 ? 'primary' : 'secondary',
  }));
  const podInputs: PodInput[] = [];
  for (let i = 0; i < pods; i++) {
    podInputs.push({ namespace: 'default', name: `app-${i}`, ip: formatIpv4(ipv4((10 << 24) + (1 << 16) + i + 10)), deviceIndex: i % 4 });
  }
  const net = buildNodeNetwork({ nodeName: 'bench', instanceId: 'i-bench', enis, pods: podInputs, env: {}, vpcCidrs: ['10.0.0.0/16'], seed: 'bench' });
  addServices(net, services);
  return net;
}

function addServices(net: NodeNetwork, count: number): void {
  const nat = net.host.netfilter.nat;
  const r = new Random(7);
  const hash = () => Array.from({ length: 16 }, () => BASE32[r.int(32)]).join('');
  for (let s = 0; s < count; s++) {
    const svc = `default/svc-${s}`;
    const svcChain = `KUBE-SVC-${hash()}`;
    const clusterIp = ipv4((10 << 24) + (100 << 16) + s + 1);
    insertFirst(
      nat,
      'KUBE-SERVICES',
      rule({
        dst: { value: { base: clusterIp, prefixLength: 32 } },
        protocol: { value: 'tcp' },
        matches: [comment(`${svc} cluster IP`), { module: 'tcp', dport: { value: 80 } }],
        target: jump(svcChain),
      }),
    );
    chain(nat, svcChain);
    for (let e = 0; e < 3; e++) {
      const sep = `KUBE-SEP-${hash()}`;
      const ep = ipv4((10 << 24) + (1 << 16) + ((s * 3 + e) % 110) + 10);
      append(
        nat,
        svcChain,
        rule({
          matches: [comment(`${svc} -> ${formatIpv4(ep)}:8080`), ...(e < 2 ? [{ module: 'statistic' as const, probability: 1 / (3 - e) }] : [])],
          target: jump(sep),
        }),
      );
      append(nat, sep, rule({ src: { value: { base: ep, prefixLength: 32 } }, matches: [comment(svc)], target: jump('KUBE-MARK-MASQ') }));
      append(nat, sep, rule({ protocol: { value: 'tcp' }, matches: [comment(svc), { module: 'tcp' }], target: { kind: 'DNAT', toDestination: `${formatIpv4(ep)}:8080` } }));
    }
  }
}

/** Total rules over all tables of the host namespace. */
export function countRules(net: NodeNetwork): number {
  return Object.values(net.host.netfilter).reduce((n, t) => n + t.chains.reduce((m, c) => m + c.rules.length, 0), 0);
}
