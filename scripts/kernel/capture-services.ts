/**
 * Captures what the real tools print for kube-proxy's service chains, for the renderer tests
 * (src/sim/kube-proxy/fixtures/*.txt). Builds the b.5 example's two nodes with an
 * engine-written Service in network namespaces (src/sim/lab), sends TCP connections and a UDP
 * datagram through it, and saves `iptables -L` listings, `iptables -S <chain>`, `iptables-save -c`
 * and `conntrack -L` with filters. Needs root; touches only the `vcx-*` namespaces it makes.
 *
 *     sudo npx tsx scripts/kernel/capture-services.ts
 */
import { writeFileSync } from 'node:fs';
import { buildNodeNetwork } from '../../src/sim/linux/build.ts';
import { labNames, labPrefix } from '../../src/sim/lab/names.ts';
import { labScript } from '../../src/sim/lab/script.ts';
import { buildWorld } from '../../src/sim/trace/world.ts';
import { CAPTURE_CHAINS, captureInputs } from '../../src/sim/kube-proxy/capture-lab.test-support.ts';
import { inNs, listen, run, udpEcho } from './shell.ts';

const OUT = 'src/sim/kube-proxy/fixtures';
const STICKY_SVC = CAPTURE_CHAINS.sticky;
const inputs = captureInputs();
const world = buildWorld(inputs.map(buildNodeNetwork), { inputs });
const prefix = labPrefix('vcx-capture');
if (!prefix.ok) throw new Error(prefix.problem);
const names = labNames(prefix.prefix);
const labNetns = (id: string) => names.of(id);
const node = labNetns('node-a');
const lab = labScript(world, prefix.prefix);
if (!lab.ok) throw new Error(lab.problem);
const { script, namespaces: all } = lab;

async function main(): Promise<void> {
  const built = run(['bash', '-s'], { input: script, timeoutMs: 60000 });
  if (built.code !== 0) throw new Error(built.stderr);
  try {
    for (const t of ['raw', 'mangle', 'nat', 'filter']) inNs(node, ['iptables-legacy', '-t', t, '-Z']);
    inNs(node, ['conntrack', '-F']);
    const servers = [
      await listen(labNetns('node-a/default/web-1'), 8080, 'tcp'),
      await listen(labNetns('node-b/default/api-1'), 8080, 'tcp'),
      await listen(labNetns('node-b/default/api-1'), 5353, 'udp'),
    ];
    try {
      const client = labNetns('node-a/default/web-2');
      for (let i = 0; i < 8; i++) inNs(client, ['timeout', '3', 'bash', '-c', 'exec 3<>/dev/tcp/10.100.12.34/80'], { timeoutMs: 5000 });
      udpEcho(client, '10.100.0.10', 53);
      for (let i = 0; i < 3; i++) inNs(client, ['timeout', '3', 'bash', '-c', 'exec 3<>/dev/tcp/10.100.77.7/8080'], { timeoutMs: 5000 });
    } finally {
      for (const s of servers) s.kill('SIGTERM');
    }
    const save = (name: string, argv: string[]) => {
      const r = inNs(node, argv);
      writeFileSync(`${OUT}/${name}.txt`, r.stdout + (r.stderr ? r.stderr.replace(/^# Warning: iptables-legacy tables present.*\n/m, '') : ''));
    };
    save('node-a.iptables-save-c', ['iptables-legacy-save', '-c']);
    save('node-a.nat-L-n-v', ['iptables-legacy', '-t', 'nat', '-L', '-n', '-v']);
    save('node-a.nat-L-n', ['iptables-legacy', '-t', 'nat', '-L', '-n']);
    save('node-a.filter-L-n-v', ['iptables-legacy', '-t', 'filter', '-L', '-n', '-v']);
    save('node-a.nat-L-svc-n-v-line-numbers', ['iptables-legacy', '-t', 'nat', '-L', CAPTURE_CHAINS.web, '-n', '-v', '--line-numbers']);
    save('node-a.nat-L-services-n-v-x', ['iptables-legacy', '-t', 'nat', '-L', 'KUBE-SERVICES', '-n', '-v', '-x']);
    save('node-a.nat-S-svc', ['iptables-legacy', '-t', 'nat', '-S', CAPTURE_CHAINS.web]);
    save('node-a.nat-S-svc-v', ['iptables-legacy', '-t', 'nat', '-S', CAPTURE_CHAINS.web, '-v']);
    save('node-a.conntrack-L', ['conntrack', '-L']);
    save('node-a.conntrack-L-d', ['conntrack', '-L', '-d', '10.100.12.34']);
    save('node-a.conntrack-L-dst-nat', ['conntrack', '-L', '--dst-nat']);
    save('node-a.conntrack-L-p-tcp-orig-port-dst', ['conntrack', '-L', '-p', 'tcp', '--orig-port-dst', '80']);
    save('node-a.mangle-L-n-v', ['iptables-legacy', '-t', 'mangle', '-L', '-n', '-v']);
    save('node-a.nat-L-sticky-n-v', ['iptables-legacy', '-t', 'nat', '-L', STICKY_SVC, '-n', '-v']);
    save('node-a.nat-S-sticky', ['iptables-legacy', '-t', 'nat', '-S', STICKY_SVC]);
    save('node-a.nat-L-n-v-Z', ['iptables-legacy', '-t', 'nat', '-L', CAPTURE_CHAINS.web, '-n', '-v', '-Z']);
    save('node-a.nat-L-after-Z', ['iptables-legacy', '-t', 'nat', '-L', CAPTURE_CHAINS.web, '-n', '-v']);
    // Counters past 99999 (K/M/G/T rounding, and -x) set through iptables-restore -c.
    const big = inNs(node, ['iptables-legacy-save', '-c', '-t', 'nat']).stdout
      .replace(/^:PREROUTING ACCEPT \[\d+:\d+\]$/m, ':PREROUTING ACCEPT [123456:7890123456]')
      .replace(/^\[\d+:\d+\] (-A KUBE-SVC-LOLE4ISW44XBNF3G .*probability.*)$/m, '[99999:99999] $1')
      .replace(/^\[\d+:\d+\] (-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default\/web -> 192.168.14.5.*)$/m, '[100499:1234567890123] $1')
      .replace(/^\[\d+:\d+\] (-A KUBE-SERVICES .*default\/web cluster IP.*)$/m, '[9999500:99999499999] $1');
    const restored = inNs(node, ['iptables-legacy-restore', '-c'], { input: big });
    if (restored.code !== 0) throw new Error(restored.stderr);
    save('node-a.big.iptables-save-c', ['iptables-legacy-save', '-c', '-t', 'nat']);
    save('node-a.big.nat-L-n-v', ['iptables-legacy', '-t', 'nat', '-L', '-n', '-v']);
    save('node-a.big.nat-L-n-v-x', ['iptables-legacy', '-t', 'nat', '-L', '-n', '-v', '-x']);
    console.log(`captured into ${OUT}`);
  } finally {
    for (const ns of all) run(['ip', 'netns', 'del', ns]);
  }
}

void main();
