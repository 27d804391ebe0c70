/**
 * What traffic leaves on the nodes (issue 10 §5): rule counters in `iptables -L -n -v`, reset
 * by `-Z` and by kube-proxy rewriting a chain; conntrack entries with their timeouts counting
 * down (TIME_WAIT 120 s after a closed TCP connection, UDP 30 s, as the capture in
 * kube-proxy/fixtures shows) and kube-proxy's clean-up of UDP entries to a gone endpoint.
 */
import { describe, expect, it } from 'vitest';
import { buildNodeNetwork } from '../linux/build.ts';
import { runNodeCommand } from '../linux/render/index.ts';
import { scenario, type Driver } from '../testing/driver.ts';

function cluster() {
  return scenario().nodes('m5.large', 2)
    .deploymentSpec({ name: 'web', replicas: 2, labels: { app: 'web' }, ports: [{ containerPort: 8080, protocol: 'TCP' }] })
    .deploymentSpec({ name: 'client', replicas: 1, labels: { app: 'client' } })
    .service({ name: 'web', selector: { app: 'web' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }] })
    .runUntil(60);
}

const client = (d: Driver) => d.snapshot().pods.find((p) => p.deployment === 'client')!;

/** A command typed on the client's node now. */
function on(d: Driver, line: string): string {
  const node = client(d).node!;
  const input = d.engine.networkInputs().nodes.find((n) => n.nodeName === node)!;
  return runNodeCommand(buildNodeNetwork(input), line)!.output;
}

/** pkts and bytes of the rules of a `-L -n -v` listing, by target. */
function counts(listing: string): { target: string; pkts: number; bytes: number }[] {
  return listing.split('\n').flatMap((l) => {
    const m = /^ +(\d+) +(\d+) (\S+)/.exec(l);
    return m ? [{ target: m[3], pkts: Number(m[1]), bytes: Number(m[2]) }] : [];
  });
}

const svcChain = (d: Driver) => /-j (KUBE-SVC-[A-Z2-7]{16})/.exec(on(d, 'iptables -t nat -S KUBE-SERVICES').split('\n').find((l) => l.includes('default/web cluster IP'))!)![1];

describe('traffic on the nodes', () => {
  it('moves the nat counters of the rules the connections met: one first packet (a 60-byte SYN) each', () => {
    const d = cluster();
    d.apply({ type: 'traffic', from: `default/${client(d).name}`, to: 'web.default.svc.cluster.local', proto: 'tcp', dport: 80, count: 10 });
    expect(d.refused).toEqual([]);
    const services = counts(on(d, 'iptables -t nat -L KUBE-SERVICES -n -v'));
    expect(services.find((r) => r.target === svcChain(d))).toEqual({ target: svcChain(d), pkts: 10, bytes: 600 });
    const ladder = counts(on(d, `iptables -t nat -L ${svcChain(d)} -n -v`));
    expect(ladder.filter((r) => r.target.startsWith('KUBE-SEP-')).reduce((s, r) => s + r.pkts, 0)).toBe(10);
    // Both endpoints' chains moved (10 draws of 1/2).
    expect(ladder.filter((r) => r.target.startsWith('KUBE-SEP-') && r.pkts > 0).length).toBe(2);
    // The same counters in -S -v and iptables-save -c form.
    expect(on(d, `iptables -t nat -S KUBE-SERVICES -v`)).toMatch(new RegExp(`"default/web cluster IP" -m tcp --dport 80 -c 10 600 -j ${svcChain(d)}\\n`));
  });

  it('leaves each connection in TIME_WAIT for 120 s, counting down, then gone', () => {
    const d = cluster();
    d.apply({ type: 'traffic', from: `default/${client(d).name}`, to: 'web.default.svc', proto: 'tcp', dport: 80, count: 4 });
    const ip = d.engine.services.services.get('default/web')!.clusterIP;
    const now = on(d, 'conntrack -L').split('\n').filter((l) => l.startsWith('tcp'));
    expect(now).toHaveLength(4);
    for (const l of now) expect(l).toMatch(new RegExp(`^tcp +6 119 TIME_WAIT src=${client(d).ip} dst=${ip} sport=\\d+ dport=80 src=192\\.168\\.\\d+\\.\\d+ dst=${client(d).ip} sport=8080 dport=\\d+ \\[ASSURED\\] mark=0 use=1$`));
    d.advance(30);
    expect(on(d, `conntrack -L -d ${ip}`)).toMatch(/^tcp +6 89 TIME_WAIT /);
    expect(on(d, 'conntrack -L -p tcp --orig-port-dst 80').split('\n').at(-2)).toBe('conntrack v1.4.7 (conntrack-tools): 4 flow entries have been shown.');
    d.advance(91);
    expect(on(d, 'conntrack -L')).toBe('conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n');
  });

  it('zeroCounters (iptables -Z) resets them; kube-proxy rewriting the chains resets them too', () => {
    const d = cluster();
    const from = `default/${client(d).name}`;
    d.apply({ type: 'traffic', from, to: 'web.default.svc', proto: 'tcp', dport: 80, count: 5 });
    d.apply({ type: 'zeroCounters', table: 'nat', chain: 'KUBE-SERVICES' });
    expect(counts(on(d, 'iptables -t nat -L KUBE-SERVICES -n -v')).every((r) => r.pkts === 0)).toBe(true);
    expect(counts(on(d, `iptables -t nat -L ${svcChain(d)} -n -v`)).some((r) => r.pkts > 0)).toBe(true);
    // An endpoint change: kube-proxy writes the service's chains (and the top-level ones) again.
    d.apply({ type: 'traffic', from, to: 'web.default.svc', proto: 'tcp', dport: 80, count: 5 });
    d.scale('web', 3).advance(30);
    expect(counts(on(d, `iptables -t nat -L ${svcChain(d)} -n -v`)).every((r) => r.pkts === 0)).toBe(true);
    expect(counts(on(d, 'iptables -t nat -L KUBE-SERVICES -n -v')).every((r) => r.pkts === 0)).toBe(true);
  });

  it('kube-proxy deletes UDP entries whose replies came from an endpoint that stopped serving; TCP ones stay', () => {
    const d = scenario().nodes('m5.large', 2)
      .deploymentSpec({ name: 'dns', replicas: 2, labels: { app: 'dns' }, ports: [{ containerPort: 5353, protocol: 'UDP' }, { containerPort: 5353, protocol: 'TCP' }], readinessProbe: { initialDelaySeconds: 0, periodSeconds: 2, failureThreshold: 1 } })
      .deploymentSpec({ name: 'client', replicas: 1, labels: { app: 'client' } })
      .service({ name: 'dns', selector: { app: 'dns' }, ports: [{ name: 'udp', protocol: 'UDP', port: 53, targetPort: 5353 }, { name: 'tcp', protocol: 'TCP', port: 53, targetPort: 5353 }] })
      .runUntil(60);
    const from = `default/${client(d).name}`;
    d.apply({ type: 'traffic', from, to: 'dns.default.svc', proto: 'udp', dport: 53, count: 8 });
    d.apply({ type: 'traffic', from, to: 'dns.default.svc', proto: 'tcp', dport: 53, count: 8 });
    const udp = on(d, 'conntrack -L -p udp').split('\n').filter((l) => l.startsWith('udp'));
    expect(udp).toHaveLength(8);
    const victim = /src=(\S+) dst=\S+ sport=5353/.exec(udp[0])![1];
    const pod = d.snapshot().pods.find((p) => p.ip === victim)!;
    // It stops answering: its readiness probe fails and the endpoint stops serving, well
    // within the 30 s the UDP entries live.
    d.apply({ type: 'setPodHealth', pod: pod.name, healthy: false });
    d.advance(5);
    expect(d.engine.services.services.get('default/dns')!.endpoints.get(`default/${pod.name}`)!.serving).toBe(false);
    const after = on(d, 'conntrack -L').split('\n');
    expect(after.filter((l) => l.startsWith('udp') && l.includes(`src=${victim} `))).toEqual([]);
    expect(after.filter((l) => l.startsWith('udp')).length).toBeGreaterThan(0);
    expect(after.filter((l) => l.startsWith('tcp'))).toHaveLength(8);
  });

  it('refuses traffic to something that does not exist, in the resolver\'s words', () => {
    const d = cluster();
    d.apply({ type: 'traffic', from: 'internet', to: 'nope.default.svc', proto: 'tcp', dport: 80, count: 1 });
    expect(d.refused[0]).toMatch(/^unknown destination "nope\.default\.svc"/);
  });
});
