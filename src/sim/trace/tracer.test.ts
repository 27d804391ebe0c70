import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import type { NodeNetwork } from '../linux/model.ts';
import { exampleInputs, exampleSgpInputs } from './example-world.ts';
import type { TraceResult } from './hop.ts';
import { resolveSource, tracePacket } from './tracer.ts';
import { buildWorld, type WorldOptions } from './world.ts';

// Expectations: vpc-cni-behaviour.md b.5/b.6 (paths), c.4 and e.1–e.6 (checked on a real
// kernel); every flow here is also run against the kernel by scripts/kernel-test.ts.
const INTERNET = '203.0.113.10';
const SNAT_LINE = '-A AWS-SNAT-CHAIN-0 ! -o vlan+ -m comment --comment "AWS, SNAT" -m addrtype ! --dst-type LOCAL -j SNAT --to-source 192.168.1.64 --random-fully';
const VPC_RETURN = '-A AWS-SNAT-CHAIN-0 -d 192.168.0.0/16 -m comment --comment "AWS SNAT CHAIN" -j RETURN';

function world(env: Record<string, string> = {}, options: WorldOptions = {}, mutate?: (n: NodeNetwork[]) => void) {
  const nodes = exampleInputs(env).map(buildNodeNetwork);
  mutate?.(nodes);
  return buildWorld(nodes, options);
}

const entries = (r: TraceResult, step: string, ns?: string) => r.hops.filter((h) => h.step === step && (!ns || h.where.ns === ns)).map((h) => h.entry);
const hitTexts = (r: TraceResult, ns = 'node-a') => r.counters.filter((c) => c.ns === ns).map((c) => c.text);

describe('tracePacket — b.6 paths with default settings', () => {
  it('pod to pod on the same node: rule 512, main, the other veth, no NAT, never on the fabric', () => {
    const r = tracePacket(world(), { from: 'default/web-2', to: 'default/web-1', proto: 'icmp' });
    expect(r.delivered && r.replied).toBe(true);
    expect(entries(r, 'ip-rule', 'node-a')[0]).toBe('512:\tfrom all to 192.168.12.34 lookup main');
    expect(entries(r, 'route', 'node-a')[0]).toBe('192.168.12.34 dev eni0761ccbeace scope link');
    expect(r.fabricSource).toBeUndefined();
    expect(r.hops.filter((h) => h.step !== 'send').every((h) => h.after.src === h.before.src && h.after.dst === h.before.dst)).toBe(true);
  });

  it('primary-ENI pod to a pod on another node: main table on-link out of eth0, source kept (SNAT chain returns)', () => {
    const r = tracePacket(world(), { from: 'default/web-1', to: 'default/api-2', proto: 'icmp' });
    expect(r.replied).toBe(true);
    expect(entries(r, 'route', 'node-a')[0]).toBe('192.168.0.0/19 dev eth0 proto kernel scope link src 192.168.1.64');
    expect(hitTexts(r)).toContain(VPC_RETURN);
    expect(r.fabricSource).toBe('192.168.12.34');
  });

  it('secondary-ENI pod to the VPC: rule 1536 to table 2, out of eth1 with the pod IP', () => {
    const r = tracePacket(world(), { from: 'default/web-2', to: 'default/api-1', proto: 'icmp' });
    expect(entries(r, 'ip-rule', 'node-a')[0]).toBe('1536:\tfrom 192.168.25.7 lookup 2');
    expect(entries(r, 'route', 'node-a')[0]).toBe('default via 192.168.0.1 dev eth1');
    expect(r.fabricSource).toBe('192.168.25.7');
    expect(r.replied).toBe(true);
  });

  it('secondary-ENI pod to the internet: connmark, rule 1024, eth0, SNAT to the primary IP, reply un-NATed', () => {
    const r = tracePacket(world(), { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    expect(hitTexts(r)).toContain('-A AWS-CONNMARK-CHAIN-0 -m comment --comment "AWS, CONNMARK" -j CONNMARK --set-xmark 0x80/0x80');
    expect(entries(r, 'ip-rule', 'node-a')[0]).toBe('1024:\tfrom all fwmark 0x80/0x80 lookup main');
    expect(entries(r, 'route', 'node-a')[0]).toBe('default via 192.168.0.1 dev eth0');
    const snat = r.hops.find((h) => h.entry === SNAT_LINE)!;
    expect([snat.before.src, snat.after.src]).toEqual(['192.168.25.7', '192.168.1.64']);
    expect(r.fabricSource).toBe('192.168.1.64');
    expect(r.replied).toBe(true);
    // The reply enters eth0 addressed to the node, so the mangle rule marks the connection (kernel counters agree).
    expect(r.counters.some((c) => c.direction === 'reply' && c.text.includes('--limit-iface-in'))).toBe(true);
    // e.10: --random-fully gives the connection another echo id; the reply tuple carries it.
    expect(r.conntrack).toHaveLength(1);
    const m = /^icmp {5}1 29 src=192\.168\.25\.7 dst=203\.0\.113\.10 type=8 code=0 id=1 src=203\.0\.113\.10 dst=192\.168\.1\.64 type=0 code=0 id=(\d+) mark=128 use=1$/.exec(r.conntrack[0].line);
    expect(m && Number(m[1])).not.toBe(1);
  });

  it('the packet mark (0x80 from the connmark) stays on the node: nothing on the VPC or the internet carries it; the connection keeps its mark', () => {
    const r = tracePacket(world(), { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 443 });
    const onNode = r.hops.filter((h) => h.where.ns === 'node-a' && h.direction === 'request');
    expect(onNode.some((h) => h.after.mark === '0x80')).toBe(true);
    const offNode = r.hops.filter((h) => h.where.ns === 'vpc' || h.where.ns === 'internet');
    expect(offNode.length).toBeGreaterThan(0);
    expect(offNode.filter((h) => h.after.mark !== undefined).map((h) => `${h.step} ${h.where.device ?? h.where.ns}`)).toEqual([]);
    const leaves = r.hops.find((h) => h.step === 'transmit' && h.where.ns === 'vpc')!;
    expect([leaves.before.mark, leaves.after.mark]).toEqual(['0x80', undefined]);
    // A veth into the pod's namespace clears it too (skb_scrub_packet): the reply reaches the pod unmarked.
    const home = r.hops[r.hops.length - 1];
    expect([home.step, home.after.mark]).toEqual(['deliver', undefined]);
    expect(r.conntrack[0].line).toMatch(/ mark=128 /);
  });

  it('is deterministic', () => {
    const a = tracePacket(world(), { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 443 });
    const b = tracePacket(world(), { from: 'default/web-2', to: INTERNET, proto: 'tcp', dport: 443 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('tracePacket — what the kernel showed (e)', () => {
  it('e.1: without the nat-PREROUTING connmark jump, a secondary-ENI pod leaves eth1 SNATed to eth0\'s IP and the VPC drops it', () => {
    const w = world({}, {}, (nodes) => {
      const pre = nodes[0].host.netfilter.nat.chains.find((c) => c.name === 'PREROUTING')!;
      pre.rules = pre.rules.filter((r) => !(r.target?.kind === 'jump' && r.target.chain === 'AWS-CONNMARK-CHAIN-0'));
    });
    const r = tracePacket(w, { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    expect(r.delivered).toBe(false);
    expect(r.drop?.reason).toMatch(/^source\/destination check: 192\.168\.1\.64 is not an address of the sending ENI \(eth1 on node-a\)/);
  });

  it('e.2/e.6: strict rp_filter on eth0 drops the replies of secondary-ENI pods; ip route get says Invalid argument', () => {
    const w = world({}, {}, (nodes) => {
      nodes[0].host.sysctls['net.ipv4.conf.eth0.rp_filter'] = '1';
    });
    const r = tracePacket(w, { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    expect(r.delivered).toBe(true);
    expect(r.replied).toBe(false);
    expect(r.drop?.reason).toContain('rp_filter=1 (strict) on eth0');
    expect(r.routes.find((d) => d.direction === 'reply' && d.ns === 'node-a')?.error).toBe('Invalid argument');
    const primary = tracePacket(w, { from: 'default/web-1', to: INTERNET, proto: 'icmp' });
    expect(primary.replied).toBe(true);
  });

  it('external SNAT: the pod IP leaves its own ENI; an internet gateway drops it, a NAT gateway carries it', () => {
    const env = { AWS_VPC_K8S_CNI_EXTERNALSNAT: 'true' };
    const igw = tracePacket(world(env), { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    expect(igw.fabricSource).toBe('192.168.25.7');
    expect(igw.drop?.reason).toMatch(/internet gateway translates only private IPs that have a public IP/);
    const nat = tracePacket(world(env, { internet: 'nat-gateway' }), { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    expect(nat.replied).toBe(true);
    expect(nat.counters.some((c) => c.text.includes('SNAT'))).toBe(false);
  });

  it('AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: an excluded destination is neither connmarked nor SNATed', () => {
    const r = tracePacket(world({ AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: '203.0.113.0/24' }), { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    expect(hitTexts(r)).toContain('-A AWS-SNAT-CHAIN-0 -d 203.0.113.0/24 -m comment --comment "AWS SNAT CHAIN EXCLUSION" -j RETURN');
    expect(r.fabricSource).toBe('192.168.25.7');
    expect(r.delivered).toBe(false);
  });

  it('an address no ENI owns is dropped by the VPC', () => {
    const r = tracePacket(world(), { from: 'default/web-1', to: '192.168.30.30', proto: 'icmp' });
    expect(r.drop?.reason).toBe('no ENI in the VPC owns 192.168.30.30');
  });
});

const sgp = (mode: 'strict' | 'standard') => buildWorld(exampleSgpInputs(mode).map(buildNodeNetwork));

describe('tracePacket — security groups for pods (c.4, e.5)', () => {
  it('strict: same-node traffic leaves by vlan.eth.1 through the VPC, no SNAT to the internet', () => {
    const w = sgp('strict');
    const r = tracePacket(w, { from: 'default/sgp-pod', to: 'default/web-1', proto: 'icmp' });
    expect(entries(r, 'ip-rule', 'node-a')[0]).toBe('10:\tfrom all iif vlanad3d5642a5a lookup 101');
    expect(entries(r, 'route', 'node-a')[0]).toBe('default via 192.168.0.1 dev vlan.eth.1');
    expect(r.fabricSource).toBe('192.168.20.9');
    expect(r.replied).toBe(true);
    const out = tracePacket(w, { from: 'default/sgp-pod', to: INTERNET, proto: 'icmp' });
    expect(out.counters.some((c) => c.text.includes('-j SNAT'))).toBe(false);
    expect(out.delivered).toBe(false);
  });

  it('standard: same-node traffic short-circuits through main; internet traffic is SNATed on eth0', () => {
    const w = sgp('standard');
    const r = tracePacket(w, { from: 'default/sgp-pod', to: 'default/web-1', proto: 'icmp' });
    expect(r.fabricSource).toBeUndefined();
    const out = tracePacket(w, { from: 'default/sgp-pod', to: INTERNET, proto: 'icmp' });
    expect(out.fabricSource).toBe('192.168.1.64');
    expect(out.replied).toBe(true);
  });
});

describe('endpoints', () => {
  it('resolves pods by namespace/name or unique name, nodes, and external; explains unknown ones', () => {
    const w = world();
    expect(resolveSource(w, 'web-1')).toMatchObject({ kind: 'ns' });
    expect(resolveSource(w, 'node-b')).toMatchObject({ kind: 'ns' });
    expect(resolveSource(w, 'external')).toEqual({ kind: 'internet' });
    expect(resolveSource(w, 'nope')).toMatch(/^unknown source "nope"/);
    expect(() => tracePacket(w, { from: 'web-1', to: 'nope', proto: 'icmp' })).toThrow(/unknown destination/);
  });

  it('from the internet, only a public IP is reachable', () => {
    const w = world();
    const toNode = tracePacket(w, { from: 'external', to: '198.51.100.10', proto: 'icmp' });
    expect(toNode.replied).toBe(true);
    const toPod = tracePacket(w, { from: 'external', to: '192.168.12.34', proto: 'icmp' });
    expect(toPod.drop?.reason).toMatch(/not a public IP/);
  });
});

describe('traceTranscript', () => {
  it('prints each hop with its deciding line and the verdict', async () => {
    const { traceTranscript } = await import('./transcript.ts');
    const text = traceTranscript(tracePacket(world(), { from: 'default/web-2', to: INTERNET, proto: 'icmp' }));
    expect(text).toContain('1024: from all fwmark 0x80/0x80 lookup main');
    expect(text).toContain('192.168.25.7 → 203.0.113.10 icmp mark 0x80  ⇒  192.168.1.64 → 203.0.113.10 icmp mark 0x80');
    expect(text).toContain('result: delivered, and the reply came back');
  });
});

describe('nftables connmark (iptables reports nf_tables, v1.23+)', () => {
  it('marks a pod\'s internet connection in table ip aws-cni, so rule 1024 and SNAT apply as with legacy', () => {
    const w = buildWorld(exampleInputs().map((i) => buildNodeNetwork({ ...i, iptablesBackend: 'nft' })));
    const r = tracePacket(w, { from: 'default/web-2', to: INTERNET, proto: 'icmp' });
    const nft = r.hops.find((h) => h.where.table === 'nft ip aws-cni')!;
    expect(nft.matched).toContain('counter ct mark set ct mark | 0x80');
    expect(nft.after.mark).toBe('0x80');
    expect(entries(r, 'ip-rule', 'node-a')[0]).toBe('1024:\tfrom all fwmark 0x80/0x80 lookup main');
    expect(r.fabricSource).toBe('192.168.1.64');
    const vpc = tracePacket(w, { from: 'default/web-2', to: 'default/api-1', proto: 'icmp' });
    expect(vpc.hops.find((h) => h.where.table === 'nft ip aws-cni')!.matched).toContain('ip daddr 192.168.0.0/16 counter return');
  });
});

describe('kube-proxy ClusterIP (one endpoint)', () => {
  it('DNAT in nat PREROUTING ends the chain before the CNI connmark; the reply is un-DNATed', async () => {
    const { addKubeServices } = await import('./example-world.ts');
    const w = world({}, {}, addKubeServices);
    const r = tracePacket(w, { from: 'default/web-2', to: '10.100.0.10', proto: 'tcp', dport: 80 });
    expect(r.replied).toBe(true);
    expect(hitTexts(r)).toContain('-A KUBE-SEP-API1000000000000 -p tcp -m comment --comment "default/api" -m tcp -j DNAT --to-destination 192.168.14.5:8080');
    expect(hitTexts(r).some((t) => t.includes('AWS-CONNMARK-CHAIN-0'))).toBe(false);
    expect(r.fabricSource).toBe('192.168.25.7');
    const back = r.hops.filter((h) => h.direction === 'reply').at(-1)!;
    expect([back.after.src, back.after.sport]).toEqual(['10.100.0.10', 80]);
  });

  it('from the node itself, nat OUTPUT DNAT re-routes the packet to the local pod (ip_route_me_harder)', async () => {
    const { addKubeServices } = await import('./example-world.ts');
    const r = tracePacket(world({}, {}, addKubeServices), { from: 'node-b', to: '10.100.0.10', proto: 'tcp', dport: 80 });
    expect(r.replied).toBe(true);
    expect(r.fabricSource).toBeUndefined();
    expect(r.routes.filter((d) => d.ns === 'node-b' && d.iif === 'lo').map((d) => d.result?.dev)).toEqual(['eth0', 'eni41e47e3dbec']);
  });

  it('b.6 NodePort to a secondary-ENI pod: the reply keeps the connection mark and leaves eth0; without the mangle rules the VPC drops it', async () => {
    const { addKubeServices } = await import('./example-world.ts');
    const r = tracePacket(world({}, {}, addKubeServices), { from: 'external', to: '198.51.100.10', proto: 'tcp', dport: 30080 });
    expect(r.replied).toBe(true);
    const reply = r.routes.find((d) => d.direction === 'reply' && d.ns === 'node-a')!;
    expect([reply.mark, reply.result?.dev, reply.result?.table]).toEqual([0x80, 'eth0', 'main']);
    const bare = world({}, {}, (nodes) => {
      addKubeServices(nodes);
      nodes[0].host.netfilter.mangle.chains.find((c) => c.name === 'PREROUTING')!.rules = [];
    });
    const broken = tracePacket(bare, { from: 'external', to: '198.51.100.10', proto: 'tcp', dport: 30080 });
    expect(broken.delivered).toBe(true);
    expect(broken.drop?.reason).toMatch(/^source\/destination check: 192\.168\.1\.64 is not an address of the sending ENI \(eth1 on node-a\)/);
  });
});

describe('addresses the VPC assigns but no pod holds', () => {
  it('a warm secondary IP is delivered to its ENI, and strict rp_filter on eth1 drops it there (kernel: EINVAL)', () => {
    const inputs = exampleInputs();
    const w = buildWorld(inputs.map(buildNodeNetwork), { inputs });
    const r = tracePacket(w, { from: 'default/web-1', to: '192.168.16.7', proto: 'icmp' });
    expect(r.hops.some((h) => h.step === 'fabric' && h.note.includes('eth1 on node-b'))).toBe(true);
    expect(r.drop).toMatchObject({ ns: 'node-b', reason: 'rp_filter=1 (strict) on eth1: the route back to the source leaves by eth0, not eth1' });
    expect(r.routes.at(-1)?.error).toBe('Invalid argument');
  });

  it('an address inside a delegated /28 prefix belongs to the ENI', () => {
    const inputs = exampleInputs();
    inputs[1].enis[1].prefixes = ['192.168.17.16/28'];
    const w = buildWorld(inputs.map(buildNodeNetwork), { inputs });
    const r = tracePacket(w, { from: 'default/web-1', to: '192.168.17.20', proto: 'icmp' });
    expect(r.hops.some((h) => h.step === 'fabric' && h.note.includes('eth1 on node-b'))).toBe(true);
  });
});
