/**
 * Walks in kube-proxy's IPVS mode (services-and-load-balancers.md 2.1, 3): a pod to a ClusterIP
 * goes to the local route on kube-ipvs0, IPVS picks a real server and DNATs, conntrack carries
 * the translation back; a NodePort is masqueraded (KUBE-NODE-PORT marks it); a
 * virtual server with no real server refuses. The kernel here has no ip_vs module, so these are
 * checked against the reference and the kernel's code paths, not a kernel differential.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse-scenario.ts';
import { SAMPLE_SCENARIOS } from '../../scenario/sample-index.ts';
import { createSimulation } from '../index.ts';
import { scenario } from '../testing/driver.ts';
import type { ServiceSpec } from '../spec.ts';
import { traceSpread } from './spread.ts';
import { tracePacket } from './tracer.ts';
import { worldFromSimulation } from './world-at.ts';

const webPods = { name: 'web', replicas: 2, labels: { app: 'web' }, ports: [{ containerPort: 8080, protocol: 'TCP' as const }] };
const svc = (over: Partial<ServiceSpec> = {}): ServiceSpec => ({ name: 'web', selector: { app: 'web' }, ports: [{ protocol: 'TCP' as const, port: 80, targetPort: 8080 }], ...over } as ServiceSpec);

function cluster(over: Partial<ServiceSpec> = {}, replicas = 2) {
  const d = scenario().kubeProxyMode('ipvs').nodes('m5.large', 2)
    .deploymentSpec({ ...webPods, replicas }).deploymentSpec({ name: 'client', replicas: 1, labels: { app: 'client' } }).service(svc(over)).runUntil(60);
  const w = worldFromSimulation(d.engine);
  const pods = d.snapshot().pods;
  const client = pods.find((p) => p.deployment === 'client')!;
  const clusterIP = d.engine.services.services.get('default/web')!.clusterIP;
  return { d, w, client: `default/${client.name}`, clientIp: client.ip!, clientNode: client.node!, web: pods.filter((p) => p.deployment === 'web'), clusterIP };
}

describe('IPVS mode: a pod to a ClusterIP', () => {
  it('is delivered to kube-ipvs0\'s local route, IPVS picks a real server and DNATs, and the reply comes back from the ClusterIP', () => {
    const c = cluster();
    const r = tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.service).toBe('default/web');
    const target = c.web.find((p) => p.ip === r.endpoint!.ip)!;
    expect(r.endpoint).toMatchObject({ ip: target.ip, port: 8080, pod: `default/${target.name}` });
    const request = r.hops.filter((h) => h.direction === 'request');
    // The ClusterIP is a local address: table local, device kube-ipvs0.
    expect(request.some((h) => h.step === 'route' && h.entry === `local ${c.clusterIP} dev kube-ipvs0 proto kernel scope host src ${c.clusterIP}`)).toBe(true);
    // kube-proxy's nat rules only accept it: no KUBE-SVC/KUBE-SEP chain in IPVS mode.
    expect(r.counters.some((h) => /KUBE-(SVC|SEP)-/.test(h.text))).toBe(false);
    expect(r.counters.map((h) => h.text)).toContain('-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT');
    const ipvs = request.find((h) => h.step === 'ipvs')!;
    expect(ipvs.where).toMatchObject({ ns: c.clientNode, device: 'kube-ipvs0', table: 'ipvs' });
    expect(ipvs.matched![0]).toBe(`TCP  ${c.clusterIP}:80 rr`);
    expect(ipvs.entry).toBe(`  -> ${`${target.ip}:8080`.padEnd(28)} Masq    1      0          0`);
    expect(ipvs.before).toMatchObject({ dst: c.clusterIP, dport: 80 });
    expect(ipvs.after).toMatchObject({ dst: target.ip, dport: 8080 });
    expect(ipvs.note).toContain(`IPVS virtual server TCP ${c.clusterIP}:80 (default/web, scheduler rr) picks ${target.ip}:8080`);
    // The reply leaves the client's node with the ClusterIP as its source.
    expect(r.hops.filter((h) => h.direction === 'reply').at(-1)!.after).toMatchObject({ src: c.clusterIP, sport: 80, dst: c.clientIp, dport: 40000 });
    // Reference 3's tuples: the client node's conntrack shows the DNAT (vs/conntrack=1).
    expect(r.conntrack.find((e) => e.ns === c.clientNode)!.line).toBe(
      `tcp      6 86399 ESTABLISHED src=${c.clientIp} dst=${c.clusterIP} sport=40000 dport=80 src=${target.ip} dst=${c.clientIp} sport=8080 dport=40000 [ASSURED] mark=0 use=1`);
  });

  it('is reproducible, and rr sends successive connections round the real servers: an exactly even spread', () => {
    const c = cluster({}, 3);
    const once = tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80, sport: 41000 });
    expect(tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80, sport: 41000 }).endpoint).toEqual(once.endpoint);
    const { spread, flows } = traceSpread(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80 }, 30);
    expect(spread.byEndpoint.map((e) => e.count)).toEqual([10, 10, 10]);
    // In turn: the k-th connection goes where the (k+3)-th does, and never where the next one does.
    const ips = flows.map((f) => f.result.endpoint!.ip);
    for (let k = 0; k + 3 < ips.length; k++) {
      expect(ips[k + 3]).toBe(ips[k]);
      expect(ips[k + 1]).not.toBe(ips[k]);
    }
  });

  it('ClientIP affinity (persistent): one client keeps its real server whatever its source port', () => {
    const c = cluster({ sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 600 } as Partial<ServiceSpec>);
    const picks = new Set<string>();
    for (let sport = 43000; sport < 43010; sport++) picks.add(tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80, sport }).endpoint!.ip);
    expect(picks.size).toBe(1);
  });

  it('hairpin: a pod that IPVS sends back to itself is masqueraded by the KUBE-LOOP-BACK rule to the node\'s address', () => {
    const c = cluster({}, 1);
    const self = c.web[0];
    const r = tracePacket(c.w, { from: `default/${self.name}`, to: c.clusterIP, proto: 'tcp', dport: 80 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.endpoint).toMatchObject({ ip: self.ip, pod: `default/${self.name}` });
    expect(r.counters.map((h) => h.text)).toContain('-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE');
    const node = c.d.snapshot().nodes.find((n) => n.name === self.node)!;
    const masq = r.hops.find((h) => h.direction === 'request' && h.where.chain === 'POSTROUTING' && h.before.src !== h.after.src)!;
    expect(masq.after).toMatchObject({ src: node.nodeIp, dst: self.ip, dport: 8080 });
  });

  it('a virtual server with no real server refuses the connection at IPVS', () => {
    const c = cluster({}, 0);
    const r = tracePacket(c.w, { from: c.client, to: c.clusterIP, proto: 'tcp', dport: 80 });
    expect(r.delivered).toBe(false);
    const last = r.hops.at(-1)!;
    expect(last).toMatchObject({ step: 'drop', where: { table: 'ipvs', device: 'kube-ipvs0' } });
    expect(last.note).toContain('has no real server');
  });
});

describe('IPVS mode: the node itself to a ClusterIP', () => {
  it('leaves with the ClusterIP as source (kube-ipvs0\'s local route), which the src,dst rule marks, and is masqueraded to the node\'s address (reference 2.1)', () => {
    const c = cluster();
    const node = c.d.snapshot().nodes.find((n) => n.name === c.clientNode)!;
    const r = tracePacket(c.w, { from: node.name, to: c.clusterIP, proto: 'tcp', dport: 80 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.hops[0]).toMatchObject({ step: 'send', after: { src: c.clusterIP } });
    expect(r.counters.map((h) => h.text)).toContain('-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP src,dst -j KUBE-MARK-MASQ');
    const ipvs = r.hops.find((h) => h.step === 'ipvs')!;
    expect(ipvs.before).toMatchObject({ src: c.clusterIP, dst: c.clusterIP, dport: 80 });
    const masq = r.hops.find((h) => h.direction === 'request' && h.where.chain === 'POSTROUTING' && h.before.src !== h.after.src)!;
    expect(masq.after.src).toBe(node.nodeIp);
    // The node's program sees the answer from the ClusterIP.
    expect(r.hops.filter((h) => h.direction === 'reply').at(-1)!.after).toMatchObject({ src: c.clusterIP, sport: 80, dst: c.clusterIP });
  });
});

describe('IPVS mode: a pod on a secondary ENI', () => {
  it('IPVS routes by destination alone, then nat OUTPUT routes again by source (rule 1536): the packet leaves by the pod\'s own ENI', () => {
    const parsed = parseScenario({ ...SAMPLE_SCENARIOS['default-m5-large'], cluster: { kubeProxyMode: 'ipvs' } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const sim = createSimulation(parsed.spec);
    sim.runUntil(60_000);
    const w = worldFromSimulation(sim);
    const pods = sim.snapshot().pods.filter((p) => p.namespace === 'default' && p.phase === 'Running');
    let secondary = 0;
    for (const pod of pods) {
      // default/kubernetes: its endpoints are the API server's ENIs, never on the node.
      const r = tracePacket(w, { from: `default/${pod.name}`, to: '10.100.0.1', proto: 'tcp', dport: 443 });
      expect(r.delivered && r.replied, pod.name).toBe(true);
      const after = r.hops.slice(r.hops.findIndex((h) => h.step === 'ipvs') + 1);
      const rules = after.filter((h) => h.step === 'ip-rule').slice(0, 2);
      expect(rules[0].note).toMatch(/^IPVS routes the packet to its real server by destination alone: /);
      expect(rules[0].entry).toBe('32766:\tfrom all lookup main');
      expect(rules[1].note).toMatch(/^nat OUTPUT routes the rewritten packet again, by its source and mark too \(ip_route_me_harder\): /);
      if (!rules[1].entry!.startsWith(`1536:\tfrom ${pod.ip} lookup `)) continue;
      secondary++;
      const out = after.find((h) => h.step === 'transmit' && h.where.ns === 'vpc')!;
      expect(out.where.device).not.toMatch(/:ens5$/);
    }
    expect(secondary).toBeGreaterThan(0);
  });
});

describe('IPVS mode with security groups for pods (strict)', () => {
  it('a branch-ENI pod cannot reach a ClusterIP: rule 10 sends it out its branch ENI before the local table, undNATed (aws/amazon-vpc-cni-k8s#2982)', () => {
    const parsed = parseScenario({ ...SAMPLE_SCENARIOS['security-groups-for-pods'], cluster: { kubeProxyMode: 'ipvs' } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const sim = createSimulation(parsed.spec);
    sim.runUntil(240_000);
    const payments = sim.snapshot().pods.find((p) => p.name.startsWith('payments-') && p.phase === 'Running')!;
    const r = tracePacket(worldFromSimulation(sim), { from: `default/${payments.name}`, to: '10.100.0.10', proto: 'udp', dport: 53 });
    expect(r.delivered).toBe(false);
    expect(r.hops.some((h) => h.step === 'ipvs')).toBe(false);
    const route = r.hops.find((h) => h.step === 'route' && !h.where.ns.includes('/'))!;
    expect(route.entry).toMatch(/^default via \S+ dev vlan\.eth\.\d+$/);
    expect(r.hops.find((h) => h.step === 'transmit' && h.where.ns === 'vpc')!.after.dst).toBe('10.100.0.10');
  });
});

describe('IPVS mode: a NodePort', () => {
  it('is marked in KUBE-NODE-PORT, IPVS DNATs it, and KUBE-POSTROUTING masquerades it to the node\'s address', () => {
    const c = cluster({ type: 'NodePort', ports: [{ protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 31234 }] } as Partial<ServiceSpec>);
    const node = c.d.snapshot().nodes.find((n) => n.name === c.clientNode)!;
    const r = tracePacket(c.w, { from: c.client, to: node.nodeIp, proto: 'tcp', dport: 31234 });
    expect(r.delivered && r.replied).toBe(true);
    expect(r.counters.map((h) => h.text)).toContain('-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ');
    const ipvs = r.hops.find((h) => h.step === 'ipvs')!;
    expect(ipvs.matched![0]).toBe(`TCP  ${node.nodeIp}:31234 rr`);
    expect(r.counters.map((h) => h.text)).toContain('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');
    // The endpoint sees the node's address (a host veth has none: MASQUERADE takes the primary IP).
    const masq = r.hops.find((h) => h.direction === 'request' && h.step === 'netfilter' && h.where.chain === 'POSTROUTING' && h.before.src !== h.after.src)!;
    expect(masq.after.src).toBe(node.nodeIp);
  });
});
