/**
 * Reading the kernel: `ip route get`, iptables counters, the fabric's conntrack.
 */
import { spawn } from 'node:child_process';
import { inNs, run } from './shell.ts';

export interface KernelRoute {
  type: 'unicast' | 'local' | 'error';
  dev?: string;
  table?: string;
  via?: string;
  error?: string;
  raw: string;
}

/** `ip route get` for a flow; iif `lo` means a locally generated packet. */
export function routeGet(ns: string, q: { dst: string; src: string; iif: string; mark: number }): KernelRoute {
  const argv = ['ip', '-n', ns, 'route', 'get', q.dst];
  if (q.src !== '0.0.0.0') argv.push('from', q.src);
  if (q.iif !== 'lo') argv.push('iif', q.iif);
  if (q.mark) argv.push('mark', '0x' + q.mark.toString(16));
  const r = run(argv);
  const raw = (r.stdout + r.stderr).trim().split('\n')[0];
  if (r.code !== 0) return { type: 'error', error: raw.replace(/^RTNETLINK answers: /, ''), raw };
  const words = raw.split(/\s+/);
  const after = (k: string) => {
    const i = words.indexOf(k);
    return i >= 0 ? words[i + 1] : undefined;
  };
  return { type: words[0] === 'local' ? 'local' : 'unicast', dev: after('dev'), table: after('table') ?? 'main', via: after('via'), raw };
}

/** Zeroes every iptables counter and flushes conntrack in the given namespaces. */
export function resetCounters(namespaces: string[], iptables: (ns: string) => string): void {
  for (const ns of namespaces) {
    // One shell per namespace, not five `ip netns exec` (a flow's fixed cost; 85 flows).
    // $1 is the iptables program, passed as an argument: nothing is spliced into the script.
    inNs(ns, ['sh', '-c', 'for t in raw mangle nat filter; do "$1" -t "$t" -Z; done; conntrack -F 2>/dev/null', 'sh', iptables(ns)]);
  }
}

export interface CounterLine {
  table: string;
  chain: string;
  index: number;
  packets: number;
  text: string;
}

/** Every rule of `iptables-save -c`, with its position in its chain and its packet count. */
export function readCounters(ns: string, save: string): CounterLine[] {
  const out: CounterLine[] = [];
  const r = inNs(ns, [save, '-c']);
  let table = '';
  const seen = new Map<string, number>();
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('*')) table = line.slice(1);
    const m = /^\[(\d+):(\d+)\] (-A (\S+) .*)$/.exec(line);
    if (!m) continue;
    const key = `${table}/${m[4]}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    out.push({ table, chain: m[4], index, packets: Number(m[1]), text: m[3] });
  }
  return out;
}

/**
 * How long `stop()` waits for tcpdump to print a packet it may still hold. It is called after
 * the flow ended, when a packet that crossed the fabric was captured long before, and tcpdump
 * exits as soon as it prints one: the full wait is paid only when nothing is printed. So the
 * wait is long where the tracer says a packet crosses (a busy machine may be slow to print it)
 * and short where it says none does.
 */
const STOP_GRACE_MS = { expected: 1500, none: 400 };

/**
 * Starts tcpdump in the VPC namespace for the first IPv4 packet (the lab is otherwise
 * silent; a DNATed flow reaches the fabric with another destination); `stop()` returns its
 * source address — what the fabric saw, before any gateway translation — if one came.
 * `expectSource`: the tracer says a packet reaches the fabric (sets how long stop() waits).
 */
export function captureFirstSource(vpcNs: string, expectSource: boolean): Promise<{ stop: () => Promise<string | undefined> }> {
  const child = spawn('ip', ['netns', 'exec', vpcNs, 'tcpdump', '-i', 'any', '-n', '-l', '-c', '1', '--immediate-mode', 'ip'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    const timer = setTimeout(() => child.kill('SIGTERM'), expectSource ? STOP_GRACE_MS.expected : STOP_GRACE_MS.none);
    await done;
    clearTimeout(timer);
    const m = / IP (\d+\.\d+\.\d+\.\d+)(?:\.\d+)? > /.exec(out);
    return m?.[1];
  };
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ stop }), 3000);
    child.stderr!.on('data', (d: Buffer) => {
      if (d.toString().includes('listening on')) {
        clearTimeout(timer);
        resolve({ stop });
      }
    });
  });
}
