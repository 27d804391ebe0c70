/**
 * Traffic commands (Services' engine part) over the datapath's route tables and early demux:
 * the walks a `traffic` command makes see the subnets' route tables, and what a dropped
 * SYN-ACK leaves in conntrack.
 *
 * Expectations: a subnet with no 0.0.0.0/0 route drops a SYN to the internet in the VPC, so
 * the node's conntrack keeps it `SYN_SENT [UNREPLIED]` with the kernel's 120 s
 * (nf_conntrack_tcp_timeout_syn_sent); through a NAT gateway the connection is answered and
 * closed, `TIME_WAIT` 120 s as for any answered connection. A node's TCP connection to its own
 * strict-mode branch pod gets its SYN-ACK seen by conntrack and then dropped by early demux
 * (vpc-cni-behaviour.md e.9): the kernel lists it `SYN_RECV` with nf_conntrack_tcp_timeout_syn_recv
 * (60 s), never ASSURED, never TIME_WAIT. A pod's connection to the internet carries aws-node's
 * connmark 0x80 (mark=128: a new connection from a pod to a non-VPC address, vpc-cni-behaviour.md b.4).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, SAMPLE_SCENARIOS, type SampleName } from '../../scenario/index.ts';
import { buildNodeNetwork } from '../linux/build.ts';
import { runNodeCommand } from '../linux/render/index.ts';
import { createSimulation } from '../index.ts';
import type { ScenarioSpec } from '../spec.ts';

function simulate(sample: SampleName, alter: (spec: ScenarioSpec) => ScenarioSpec = (s) => s) {
  const parsed = parseScenario(SAMPLE_SCENARIOS[sample]);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  const sim = createSimulation(alter(parsed.spec));
  sim.runUntil(60_000);
  return sim;
}

const esc = (ip: string) => ip.replaceAll('.', '\\.');

/** `conntrack -L` on a node, tcp lines only. */
function conntrack(sim: ReturnType<typeof createSimulation>, node: string): string[] {
  const input = sim.networkInputs().nodes.find((n) => n.nodeName === node)!;
  return runNodeCommand(buildNodeNetwork(input), 'conntrack -L')!.output.split('\n').filter((l) => l.startsWith('tcp'));
}

describe('traffic commands over route tables and early demux', () => {
  it('a private subnet without a default route: the SYN is dropped in the VPC, the node keeps it SYN_SENT [UNREPLIED]', () => {
    const sim = simulate('private-subnets-nat-gateway', (spec) => ({
      ...spec,
      subnets: spec.subnets.map((s) => (s.cidr === '192.168.64.0/19' ? { ...s, defaultRoute: 'none' } : s)),
    }));
    const pod = sim.snapshot().pods.find((p) => p.deployment === 'web' && p.node === sim.nodeNames()[0])!;
    expect(sim.apply({ type: 'traffic', from: `${pod.namespace}/${pod.name}`, to: '203.0.113.10', proto: 'tcp', dport: 443, count: 1 })).toEqual({ ok: true });
    const lines = conntrack(sim, pod.node!);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^tcp +6 119 SYN_SENT src=${esc(pod.ip!)} dst=203\\.0\\.113\\.10 sport=\\d+ dport=443 \\[UNREPLIED\\] src=203\\.0\\.113\\.10 dst=192\\.168\\.\\d+\\.\\d+ sport=443 dport=\\d+ mark=128 use=1$`));
  });

  it('the same pod through its zone\'s NAT gateway: answered, TIME_WAIT', () => {
    const sim = simulate('private-subnets-nat-gateway');
    const pod = sim.snapshot().pods.find((p) => p.deployment === 'web' && p.node === sim.nodeNames()[0])!;
    expect(sim.apply({ type: 'traffic', from: `${pod.namespace}/${pod.name}`, to: '203.0.113.10', proto: 'tcp', dport: 443, count: 1 })).toEqual({ ok: true });
    const lines = conntrack(sim, pod.node!);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tcp +6 119 TIME_WAIT src=\S+ dst=203\.0\.113\.10 sport=\d+ dport=443 src=203\.0\.113\.10 dst=192\.168\.\d+\.\d+ sport=443 dport=\d+ \[ASSURED\] mark=128 use=1$/);
  });

  it('a node to its own strict-mode branch pod over TCP: SYN_RECV for 60 s, not ASSURED, not TIME_WAIT', () => {
    const sim = simulate('security-groups-for-pods');
    const pod = sim.snapshot().pods.find((p) => p.deployment === 'payments' && p.ip)!;
    expect(sim.apply({ type: 'traffic', from: pod.node!, to: `${pod.namespace}/${pod.name}`, proto: 'tcp', dport: 8080, count: 1 })).toEqual({ ok: true });
    const lines = conntrack(sim, pod.node!);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^tcp +6 59 SYN_RECV src=192\\.168\\.\\d+\\.\\d+ dst=${esc(pod.ip!)} sport=\\d+ dport=8080 src=${esc(pod.ip!)} dst=192\\.168\\.\\d+\\.\\d+ sport=8080 dport=\\d+ mark=0 use=1$`));
  });
});
