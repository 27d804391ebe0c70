/**
 * Running commands for the kernel test: synchronous, bounded by a timeout, never throwing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs argv with a timeout (ms); a timeout or spawn failure is a non-zero code. */
export function run(argv: string[], opts: { input?: string; timeoutMs?: number } = {}): Run {
  const r = spawnSync(argv[0], argv.slice(1), { input: opts.input, timeout: opts.timeoutMs ?? 10000, encoding: 'utf8' });
  return { code: r.status ?? 124, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

/** Runs argv inside a network namespace. */
export function inNs(ns: string, argv: string[], opts: { input?: string; timeoutMs?: number } = {}): Run {
  return run(['ip', 'netns', 'exec', ns, ...argv], opts);
}

/** Is a command on PATH? */
export function have(cmd: string): boolean {
  return run(['sh', '-c', 'command -v -- "$1" >/dev/null', 'sh', cmd]).code === 0;
}

/** A TCP listener or UDP echo server inside a namespace (a tiny Node server); resolves once it listens. */
export function listen(ns: string, port: number, proto: 'tcp' | 'udp' = 'tcp'): Promise<ChildProcess> {
  const code =
    proto === 'tcp'
      ? `require('net').createServer((s)=>s.end()).listen(${port},'0.0.0.0',()=>console.log('ready'))`
      : `const s=require('dgram').createSocket('udp4');s.on('message',(m,r)=>s.send(m,r.port,r.address));s.bind(${port},'0.0.0.0',()=>console.log('ready'))`;
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', code], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`listener in ${ns} did not start`)), 5000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`listener in ${ns} exited`));
    });
  });
}

/**
 * Sends one UDP datagram from a namespace and waits (bounded) for the echo; `connected`
 * calls connect(2) first, so the socket has a peer (what early demux can find).
 */
export function udpEcho(ns: string, dst: string, port: number, connected = false, waitMs = 2000): boolean {
  const send = connected ? `s.connect(${port},'${dst}',()=>s.send('x'))` : `s.send('x',${port},'${dst}')`;
  const code = `const s=require('dgram').createSocket('udp4');const t=setTimeout(()=>process.exit(1),${Math.round(waitMs)});s.on('message',()=>{clearTimeout(t);process.exit(0)});${send}`;
  return inNs(ns, [process.execPath, '-e', code], { timeoutMs: 5000 }).code === 0;
}

/**
 * The lab's listeners, started on first use and kept until the lab is torn down: starting a
 * Node server per flow cost more than the flow. An idle listener sends nothing, so it moves
 * no counter and adds no conntrack entry.
 */
export class Listeners {
  private readonly running = new Map<string, ChildProcess>();

  /** A listener on ns:port/proto, started if there is none yet. */
  async ensure(ns: string, port: number, proto: 'tcp' | 'udp'): Promise<void> {
    const key = `${ns} ${proto} ${port}`;
    const up = this.running.get(key);
    if (up && up.exitCode === null && up.signalCode === null) return;
    this.running.set(key, await listen(ns, port, proto));
  }

  /**
   * Stops one listener and waits for it to exit. After a TCP flow that got no answer its server
   * still holds the half-open connection and retransmits the SYN-ACK for seconds; closing the
   * listening socket drops it, so no stray retransmission lands in a later flow's counters.
   */
  async stop(ns: string, port: number, proto: 'tcp' | 'udp'): Promise<void> {
    const key = `${ns} ${proto} ${port}`;
    const child = this.running.get(key);
    this.running.delete(key);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2000))]);
  }

  /** Stops every listener (before its namespace goes). */
  closeAll(): void {
    for (const child of this.running.values()) child.kill('SIGTERM');
    this.running.clear();
  }
}
