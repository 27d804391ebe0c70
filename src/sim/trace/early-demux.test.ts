import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { renderView } from '../linux/render/index.ts';
import { exampleSgpInputs } from './example-world.ts';
import { tracePacket } from './tracer.ts';
import { buildWorld } from './world.ts';

// Expectations: vpc-cni-behaviour.md e.9 (a real kernel: TCP and connected UDP between a
// node and its own strict-mode branch pods fail while ICMP works; tcp_early_demux=0 fixes
// TCP), b.3 and cmd/aws-vpc-cni-init configureSystemParams (the env is compared with the
// string "true"). scripts/kernel-test.ts runs the same flows through a kernel.
function world(mode: 'strict' | 'standard', env: Record<string, string> = {}) {
  const inputs = exampleSgpInputs(mode, env);
  return buildWorld(inputs.map(buildNodeNetwork), { inputs });
}
const value = (v?: string) => renderView(buildNodeNetwork(exampleSgpInputs('strict', v === undefined ? {} : { DISABLE_TCP_EARLY_DEMUX: v })[0]), 'sysctl net.ipv4.tcp_early_demux');
const toPod = (w: ReturnType<typeof world>, proto: 'tcp' | 'udp' | 'icmp', connected?: boolean) =>
  tracePacket(w, { from: 'node-a', to: 'default/sgp-pod', proto, dport: 8080, ...(connected ? { connected } : {}) });

describe('net.ipv4.tcp_early_demux from DISABLE_TCP_EARLY_DEMUX', () => {
  it('is 1 unless the variable is exactly "true", as the init container compares it', () => {
    expect(value()).toBe('net.ipv4.tcp_early_demux = 1\n');
    expect(value('true')).toBe('net.ipv4.tcp_early_demux = 0\n');
    for (const v of ['True', 'TRUE', '1', 'yes', ' true']) expect(value(v)).toBe('net.ipv4.tcp_early_demux = 1\n');
  });
});

describe('early demux: a node and its own strict-mode branch pod (e.9)', () => {
  it('TCP: the request arrives, the reply is tied to the node\'s socket and dropped instead of forwarded out of vlan.eth.1', () => {
    const r = toPod(world('strict'), 'tcp');
    expect(r.delivered).toBe(true);
    expect(r.replied).toBe(false);
    const drop = r.hops.find((h) => h.step === 'drop')!;
    expect(drop.direction).toBe('reply');
    expect(drop.where).toEqual({ ns: 'node-a', device: 'vlanad3d5642a5a' });
    expect(drop.entry).toBe('net.ipv4.tcp_early_demux = 1');
    expect(drop.note).toContain('DISABLE_TCP_EARLY_DEMUX=true');
    expect(drop.note).toContain('192.168.1.64:40000 ↔ 192.168.20.9:8080');
    // conntrack saw the SYN-ACK in PREROUTING, before early demux: SYN_SENT → SYN_RECV, and the
    // handshake never completes (nf_conntrack_proto_tcp: SYN/ACK in reply; syn_recv timeout 60 s).
    expect(r.conntrack).toEqual([{ ns: 'node-a', line: 'tcp      6 59 SYN_RECV src=192.168.1.64 dst=192.168.20.9 sport=40000 dport=8080 src=192.168.20.9 dst=192.168.1.64 sport=8080 dport=40000 mark=0 use=1' }]);
  });

  it('ICMP has no early demux: ping works', () => {
    const r = toPod(world('strict'), 'icmp');
    expect(r.delivered && r.replied).toBe(true);
  });

  it('DISABLE_TCP_EARLY_DEMUX=true: the reply is forwarded out of vlan.eth.1 and comes back through the VPC', () => {
    const r = toPod(world('strict', { DISABLE_TCP_EARLY_DEMUX: 'true' }), 'tcp');
    expect(r.delivered && r.replied).toBe(true);
    const fwd = r.hops.find((h) => h.direction === 'reply' && h.step === 'forward' && h.where.ns === 'node-a')!;
    expect(fwd.note).toBe('forwarded from vlanad3d5642a5a to vlan.eth.1; rp_filter passed');
  });

  it('UDP: only a connected socket is found, by udp_early_demux, which DISABLE_TCP_EARLY_DEMUX leaves alone', () => {
    expect(toPod(world('strict'), 'udp').replied).toBe(true);
    const connected = toPod(world('strict'), 'udp', true);
    expect(connected.replied).toBe(false);
    expect(connected.hops.find((h) => h.step === 'drop')!.entry).toBe('net.ipv4.udp_early_demux = 1');
    expect(toPod(world('strict', { DISABLE_TCP_EARLY_DEMUX: 'true' }), 'udp', true).replied).toBe(false);
  });

  it('standard mode: the pod route is in main, the reply is delivered locally, TCP works', () => {
    expect(toPod(world('standard'), 'tcp').replied).toBe(true);
  });

  it('another pod\'s connection to the branch pod is not the node\'s: TCP works', () => {
    const r = tracePacket(world('strict'), { from: 'default/web-2', to: 'default/sgp-pod', proto: 'tcp', dport: 8080 });
    expect(r.delivered && r.replied).toBe(true);
  });
});
