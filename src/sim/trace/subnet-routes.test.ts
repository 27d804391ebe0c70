import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { exampleInputs } from './example-world.ts';
import type { TraceResult } from './hop.ts';
import { tracePacket } from './tracer.ts';
import { buildWorld, type WorldOptions } from './world.ts';

// Expectations: vpc-cni-behaviour.md b.6 ("External SNAT mode: … needs NAT gateway in the
// subnet route table"; the SNAT row ends at "IGW/NAT GW") and the VPC's documented routing:
// an internet gateway translates only addresses with a public IP (1:1), instances in a
// subnet without an internet-gateway route get none, a NAT gateway translates to its private
// IP and leaves through its own public subnet with its Elastic IP. The same flows run in a
// kernel lab (scripts/kernel/scenarios.ts, a namespace per NAT gateway).
const INTERNET = '203.0.113.10';
const NAT = 'nat-0a1b2c3d4e5f60718';
const PRIVATE: WorldOptions['subnets'] = [
  { cidr: '192.168.0.0/19', defaultRoute: NAT },
  { cidr: '192.168.96.0/19', defaultRoute: 'igw', natGateway: { id: NAT } },
];
function world(env: Record<string, string>, subnets: WorldOptions['subnets']) {
  const inputs = exampleInputs(env);
  return buildWorld(inputs.map(buildNodeNetwork), { inputs, subnets });
}
const fabricHops = (r: TraceResult) => r.hops.filter((h) => h.direction === 'request' && h.where.ns === 'vpc' && h.step === 'fabric');

describe('subnet route tables and NAT gateways', () => {
  it('private subnet: pod → SNAT to the node IP → the subnet\'s NAT gateway (its private IP) → its Elastic IP; the reply comes back', () => {
    const r = tracePacket(world({}, PRIVATE), { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 443 });
    expect(r.fabricSource).toBe('192.168.1.64');
    const hops = fabricHops(r);
    expect(hops.map((h) => [h.where.device, h.after.src])).toEqual([
      [NAT, '192.168.1.64'],
      [NAT, '192.168.127.254'],
      ['igw', '198.51.100.200'],
    ]);
    expect(hops[0].entry).toBe(`0.0.0.0/0 ${NAT}`);
    expect(r.delivered && r.replied).toBe(true);
  });

  it('private subnet: the node gets no public IP, so the internet cannot reach it', () => {
    const w = world({}, PRIVATE);
    expect(w.fabric.enis.every((e) => e.publicIp === undefined)).toBe(true);
    const r = tracePacket(w, { from: 'external', to: '198.51.100.10', proto: 'icmp' });
    expect(r.delivered).toBe(false);
  });

  it('EXTERNALSNAT=true in a private subnet: the pod IP itself reaches the NAT gateway and the internet', () => {
    const r = tracePacket(world({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' }, PRIVATE), { from: 'default/web-2', to: INTERNET, proto: 'udp', dport: 53 });
    expect(r.fabricSource).toBe('192.168.25.7');
    expect(fabricHops(r)[1].note).toBe(`NAT gateway ${NAT} translates the source 192.168.25.7 → its private IP 192.168.127.254`);
    expect(r.delivered && r.replied).toBe(true);
  });

  it('EXTERNALSNAT=true in a public subnet: the pod IP has no public IP, the internet gateway drops it', () => {
    const r = tracePacket(world({ AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' }, [{ cidr: '192.168.0.0/19', defaultRoute: 'igw' }]), { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 443 });
    expect(r.delivered).toBe(false);
    expect(r.drop?.reason).toMatch(/^the internet gateway translates only private IPs that have a public IP; 192\.168\.25\.7 has none/);
  });

  it('no default route: dropped in the VPC, the reason names the subnet\'s route table', () => {
    const r = tracePacket(world({}, [{ cidr: '192.168.0.0/19', defaultRoute: 'none' }]), { from: 'node-a', to: INTERNET, proto: 'icmp' });
    expect(r.delivered).toBe(false);
    expect(r.drop?.ns).toBe('vpc');
    expect(r.drop?.reason).toContain('route table of 192.168.0.0/19 (192.168.0.0/19) has no route to 203.0.113.10: no 0.0.0.0/0 route');
    const pod = tracePacket(world({}, [{ cidr: '192.168.0.0/19', defaultRoute: 'none' }]), { from: 'default/web-1', to: 'default/api-2', proto: 'icmp' });
    expect(pod.replied).toBe(true);
  });

  it('public subnet (the default): the walk is the one without route tables, node IP → public IP', () => {
    const plain = tracePacket(world({}, undefined), { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    const igw = tracePacket(world({}, [{ cidr: '192.168.0.0/19' }]), { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    expect(igw.hops).toEqual(plain.hops);
    expect(fabricHops(igw).map((h) => h.after.src)).toEqual(['198.51.100.10']);
  });
});
