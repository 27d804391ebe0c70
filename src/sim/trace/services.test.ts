/**
 * Walks through Services and load balancers (services-and-load-balancers.md 3, 4.8, 5): a pod
 * to a ClusterIP and back through conntrack, DNS to CoreDNS over UDP, the API server behind
 * `default/kubernetes`, an NLB with IP targets (client IP preserved or not), instance targets
 * through a NodePort, an ALB, a Service with no endpoints; seeded, reproducible choices.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';
import type { ServiceSpec } from '../spec.ts';
import { traceSpread } from './spread.ts';
import { resolveDestination, tracePacket } from './tracer.ts';
import { worldFromSimulation } from './world-at.ts';
import type { TraceResult } from './hop.ts';

const twoAz = () => scenario()
  .subnet('subnet-0aaaaaaaaaaaaaaa1', '192.168.0.0/19', { az: 'us-west-2a', tags: { 'kubernetes.io/role/elb': '1' } })
  .subnet('subnet-0bbbbbbbbbbbbbbb2', '192.168.32.0/19', { az: 'us-west-2b', tags: { 'kubernetes.io/role/elb': '1' } });
const webPods = { name: 'web', replicas: 2, labels: { app: 'web' }, ports: [{ containerPort: 8080, protocol: 'TCP' as const }] };
const svc = (over: Partial<ServiceSpec> = {}) => ({ name: 'web', selector: { app: 'web' }, ports: [{ protocol: 'TCP' as const, port: 80, targetPort: 8080 }], ...over });

/** Two m5.large nodes, a client deployment and web behind a Service; t seconds in. */
function cluster(over: Partial<ServiceSpec> = {}, at = 60, build = twoAz().nodes('m5.large', 2)) {
  const d = build.deploymentSpec(webPods).deploymentSpec({ name: 'client', replicas: 1, labels: { app: 'client' } }).service(svc(over)).runUntil(at);
  const w = worldFromSimulation(d.engine);
  const pods = d.snapshot().pods;
  const client = pods.find((p) => p.deployment === 'client')!;
  const web = pods.filter((p) => p.deployment === 'web');
  const clusterIP = d.engine.services.services.get('default/web')!.clusterIP;
  return { d, w, client: `default/${client.name}`, clientIp: client.ip!, web, clusterIP };
}

const lastRequestHop = (r: TraceResult) => r.hops.filter((h) => h.direction === 'request').at(-1)!;
const lastReplyHop = (r: TraceResult) => r.hops.filter((h) => h.direction === 'reply').at(-1)!;

describe('a pod to a ClusterIP', () => {
  it('is DNATed to an endpoint, names the service and the pod, and the reply is un-DNATed by conntrack (3, 5)', () => {
    const c = cluster();
    const r = tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.service).toBe('default/web');
    const target = c.web.find((p) => p.ip === r.endpoint!.ip)!;
    expect(r.endpoint).toEqual({ ip: target.ip, port: 8080, pod: `default/${target.name}`, node: target.node });
    const dnat = r.hops.find((h) => h.step === 'netfilter' && h.before.dst === c.clusterIP && h.after.dst === target.ip)!;
    expect(dnat.where).toMatchObject({ table: 'nat', chain: 'PREROUTING' });
    expect(dnat.matched!.some((l) => /^-A KUBE-SVC-[A-Z2-7]{16} .*-j KUBE-SEP-[A-Z2-7]{16}$/.test(l))).toBe(true);
    // Reference 1.7's SEP rule; 1.6: the comment is quoted (it has a '/').
    expect(dnat.matched!.at(-1)).toBe(`-A ${dnat.matched!.at(-1)!.split(' ')[1]} -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination ${target.ip}:8080`);
    // The client sees the reply come from the ClusterIP.
    expect(lastReplyHop(r).after).toMatchObject({ src: c.clusterIP, sport: 80, dst: c.clientIp, dport: 40000 });
    // Reference 3: the client node's entry, with kube-proxy's 86400 s established timeout.
    const clientNode = c.d.snapshot().pods.find((p) => `default/${p.name}` === c.client)!.node!;
    expect(r.conntrack.find((e) => e.ns === clientNode)!.line).toBe(
      `tcp      6 86399 ESTABLISHED src=${c.clientIp} dst=${c.clusterIP} sport=40000 dport=80 src=${target.ip} dst=${c.clientIp} sport=8080 dport=40000 [ASSURED] mark=0 use=1`);
  });

  it('reaches a CoreDNS pod over UDP 53 by the Service\'s DNS name', () => {
    const c = cluster();
    const r = tracePacket(c.w, { from: c.client, to: 'kube-dns.kube-system.svc.cluster.local', proto: 'udp', dport: 53 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.service).toBe('kube-system/kube-dns:dns');
    expect(r.endpoint!.pod).toMatch(/^kube-system\/coredns-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(r.conntrack.some((e) => /^udp +17 29 src=\S+ dst=10\.100\.0\.10 sport=40000 dport=53 src=\S+ dst=\S+ sport=53 dport=40000 mark=0 use=1$/.test(e.line))).toBe(true);
  });

  it('reaches the API server behind default/kubernetes (443, an address in the VPC) and back', () => {
    const c = cluster();
    const r = tracePacket(c.w, { from: c.client, to: 'kubernetes.default.svc', proto: 'tcp', dport: 443 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.service).toBe('default/kubernetes:https');
    expect(c.d.engine.apiServerIps).toContain(r.endpoint!.ip);
    expect(r.endpoint).toMatchObject({ port: 443, host: `the EKS API server (cross-account ENI ${r.endpoint!.ip})` });
  });

  it('is rejected by the filter table when the Service has no ready endpoint (5, last row)', () => {
    const c = cluster({ selector: { app: 'nothing' } });
    const r = tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80 });
    expect(r.delivered).toBe(false);
    expect(r.counters.map((h) => h.text)).toContain(`-A KUBE-SERVICES -d ${c.clusterIP}/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`);
  });

  it('is reproducible: the same flow picks the same endpoint; 200 connections spread over both', () => {
    const c = cluster();
    const once = (sport: number) => tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80, sport }).endpoint!.ip;
    for (const port of [40000, 40002, 51234]) expect(once(port)).toBe(once(port));
    const { spread } = traceSpread(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80 }, 200);
    expect(spread.delivered).toBe(200);
    expect(spread.byEndpoint).toHaveLength(2);
    // Binomial(200, 1/2): outside 70..130 has probability below 1e-4.
    for (const e of spread.byEndpoint) expect(e.count).toBeGreaterThan(70);
  });

  it('ClientIP affinity: after the first connection every one goes to the same endpoint', () => {
    const c = cluster({ sessionAffinity: 'ClientIP' });
    const { spread, flows } = traceSpread(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80 }, 30);
    expect(spread.byEndpoint).toHaveLength(1);
    expect(flows[0].result.recentSets).toHaveLength(1);
    expect(flows[0].result.recentSets[0].ip).toBe(c.clientIp);
  });

  it('forced picks replay what a kernel chose', () => {
    const c = cluster();
    const free = tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80 });
    const svcChain = free.counters.find((h) => h.chain.startsWith('KUBE-SVC-'))!.chain;
    const seps = free.counters.filter((h) => h.chain.startsWith('KUBE-SEP-')).map((h) => h.chain);
    const chains = c.w.nodes[0].host.netfilter.nat.chains.find((x) => x.name === svcChain)!.rules.map((r) => (r.target?.kind === 'jump' ? r.target.chain : ''));
    const other = chains.find((x) => x.startsWith('KUBE-SEP-') && !seps.includes(x))!;
    const forced = tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80, picks: { [svcChain]: other } });
    expect(forced.counters.some((h) => h.chain === other)).toBe(true);
    expect(forced.endpoint!.ip).not.toBe(free.endpoint!.ip);
  });
});

const NLB = (extra: Record<string, string> = {}) => ({
  type: 'LoadBalancer' as const,
  annotations: { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing', ...extra },
});

const lbName = (c: ReturnType<typeof cluster>) => c.d.engine.services.services.get('default/web')!.loadBalancerHostname!;

describe('from the internet through a load balancer (4.8, 5)', () => {
  it('the DNS name does not resolve while the NLB is provisioning', () => {
    const c = cluster(NLB(), 60, twoAz().loadBalancerController().nodes('m5.large', 2));
    expect(resolveDestination(c.w, lbName(c))).toMatch(/^Could not resolve host: k8s-default-web-.*still provisioning/);
  });

  it('NLB, IP targets: straight to the pod IP, no kube-proxy DNAT, the source is the NLB node (preservation off); the reply goes back through it', () => {
    const c = cluster(NLB(), 300, twoAz().loadBalancerController().nodes('m5.large', 2));
    const r = tracePacket(c.w, { from: 'internet', to: lbName(c), proto: 'tcp', dport: 80 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.loadBalancer!.name).toMatch(/^k8s-default-web-[0-9a-f]{10}$/);
    const lb = [...c.d.engine.elbv2!.loadBalancers.values()][0];
    const node = lb.nodes.find((n) => n.zone === r.loadBalancer!.zone)!;
    expect(lastRequestHop(r).after).toMatchObject({ src: node.privateIp, dst: r.endpoint!.ip, dport: 8080 });
    expect(c.web.map((p) => p.ip)).toContain(r.endpoint!.ip);
    expect(r.counters.some((h) => h.chain.startsWith('KUBE-SEP-'))).toBe(false);
    expect(lastReplyHop(r)).toMatchObject({ step: 'deliver', where: { ns: 'internet' } });
    expect(lastReplyHop(r).after).toMatchObject({ src: node.publicIp, sport: 80, dst: '203.0.113.10', dport: 40000 });
  });

  it('NLB, IP targets with preserve_client_ip.enabled=true: the pod sees the client address', () => {
    const c = cluster(NLB({ 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'preserve_client_ip.enabled=true' }), 300, twoAz().loadBalancerController().nodes('m5.large', 2));
    const r = tracePacket(c.w, { from: 'internet', to: lbName(c), proto: 'tcp', dport: 80 });
    expect(r.delivered && r.replied).toBe(true);
    expect(lastRequestHop(r).after.src).toBe('203.0.113.10');
  });

  it('NLB, instance targets: to a node\'s NodePort, then kube-proxy (KUBE-NODEPORTS → KUBE-EXT → MASQUERADE) to the pod', () => {
    const c = cluster({ ...NLB({ 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'instance' }) }, 300, twoAz().loadBalancerController().nodes('m5.large', 2));
    const nodePort = c.d.engine.services.services.get('default/web')!.ports[0].nodePort!;
    const r = tracePacket(c.w, { from: 'internet', to: lbName(c), proto: 'tcp', dport: 80 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.loadBalancer!.target).toMatch(new RegExp(`:${nodePort}$`));
    const texts = r.counters.filter((h) => h.direction === 'request').map((h) => h.text);
    expect(texts.some((t) => t.startsWith('-A KUBE-NODEPORTS ') && t.includes(`--dport ${nodePort} -j KUBE-EXT-`))).toBe(true);
    expect(texts.some((t) => t.includes('-j MASQUERADE --random-fully'))).toBe(true);
    expect(r.service).toBe('default/web');
    expect(c.web.map((p) => p.ip)).toContain(r.endpoint!.ip);
  });

  it('ALB: ends the client connection and opens its own from its private IP to a pod', () => {
    const build = twoAz().loadBalancerController().nodes('m5.large', 2).ingress({
      namespace: 'default', name: 'web', ingressClassName: 'alb',
      annotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/target-type': 'ip' },
      paths: [{ path: '/', pathType: 'Prefix', service: 'web', port: 80 }],
    });
    const c = cluster({}, 300, build);
    const r = tracePacket(c.w, { from: 'internet', to: 'loadbalancer:default/web', proto: 'tcp', dport: 80 });
    expect(r.delivered && r.replied).toBe(true);
    const lb = [...c.d.engine.elbv2!.loadBalancers.values()][0];
    expect(lb.type).toBe('application');
    expect(lb.nodes.map((n) => n.privateIp)).toContain(lastRequestHop(r).after.src);
    expect(lastRequestHop(r).after.sport).not.toBe(40000);
    expect(lastReplyHop(r).after).toMatchObject({ dst: '203.0.113.10', dport: 40000, sport: 80 });
  });
});
