/**
 * Services and their endpoints in the running engine: what every EKS cluster has, how
 * endpoints follow pods through readiness and termination (EndpointSlice conditions as the
 * controller sets them: ready = Ready and not terminating, serving = Ready, terminating =
 * being deleted), and the API server's allocations.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../../testing/driver.ts';
import { endpointSlices, endpointsSubsets } from './endpoint-slices.ts';

const web = (readinessProbe?: { initialDelaySeconds: number; periodSeconds: number; failureThreshold: number }) => scenario()
  .nodes('m5.large', 2)
  .deploymentSpec({ name: 'web', replicas: 2, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], ...(readinessProbe ? { readinessProbe } : {}) })
  .service({ name: 'web', ports: [{ protocol: 'TCP', port: 80, targetPort: 'http' }] });

describe('what every EKS cluster has', () => {
  it('default/kubernetes on 10.100.0.1:443 → the two API server addresses; kube-dns on 10.100.0.10 → the two CoreDNS pods', () => {
    const d = scenario().nodes('m5.large', 2).runUntil(120);
    const k8s = d.engine.services.services.get('default/kubernetes')!;
    expect(k8s.clusterIP).toBe('10.100.0.1');
    expect(k8s.ports).toEqual([{ name: 'https', protocol: 'TCP', port: 443, targetPort: 443 }]);
    expect([...k8s.endpoints.values()].map((e) => `${e.ip}:${e.ports[0]}`)).toEqual(d.engine.apiServerIps.map((ip) => `${ip}:443`));
    expect(d.engine.apiServerIps).toHaveLength(2);

    const dns = d.engine.services.services.get('kube-system/kube-dns')!;
    expect(dns.clusterIP).toBe('10.100.0.10');
    expect(dns.ports.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    const coredns = d.snapshot().pods.filter((p) => p.deployment === 'coredns');
    expect(coredns).toHaveLength(2);
    const eps = [...dns.endpoints.values()];
    expect(eps.map((e) => e.ip).toSorted()).toEqual(coredns.map((p) => p.ip).toSorted());
    for (const e of eps) expect(e).toMatchObject({ ready: true, serving: true, terminating: false, ports: [53, 53, 9153] });
  });

  it('a scenario with a VPC in 10.0.0.0/8 gets 172.20.0.0/16, so kube-dns is 172.20.0.10', () => {
    const d = scenario().subnet('subnet-0aaaaaaaaaaaaaaa1', '10.0.0.0/19').nodes('m5.large', 1).runUntil(1);
    // The driver's VPC has 192.168.0.0/16 and 100.64.0.0/16; build one in 10/8 instead.
    expect(d.engine.network.serviceIpv4Cidr).toBe('10.100.0.0/16');
    const ten = new (d.engine.constructor as typeof import('../../engine/simulation.ts').Engine)({ ...d.engine.spec, vpc: { id: 'vpc-01', cidrs: ['10.0.0.0/16'] } });
    expect(ten.services.services.get('kube-system/kube-dns')!.clusterIP).toBe('172.20.0.10');
  });
});

describe('endpoints follow pods', () => {
  it('a pod is an endpoint once it has an address, ready only after its probe\'s initial delay', () => {
    const d = web({ initialDelaySeconds: 20, periodSeconds: 10, failureThreshold: 3 }).runUntil(6);
    const svc = () => d.engine.services.services.get('default/web')!;
    const started = d.snapshot().pods.filter((p) => p.deployment === 'web' && p.phase === 'Running');
    expect(started.length).toBe(2);
    let eps = [...svc().endpoints.values()];
    expect(eps).toHaveLength(2);
    for (const e of eps) expect(e).toMatchObject({ ready: false, serving: false, terminating: false, ports: [8080] });
    d.runUntil(40);
    eps = [...svc().endpoints.values()];
    for (const e of eps) expect(e).toMatchObject({ ready: true, serving: true });
    expect(endpointsSubsets(svc())[0].addresses).toHaveLength(2);
  });

  it('a terminating pod stays an endpoint (ready false, serving true, terminating true) until it is gone', () => {
    const d = web().runUntil(60);
    const svc = () => d.engine.services.services.get('default/web')!;
    d.scale('web', 1).advance(0.5);
    const terminating = [...svc().endpoints.values()].filter((e) => e.terminating);
    expect(terminating).toHaveLength(1);
    expect(terminating[0]).toMatchObject({ ready: false, serving: true });
    // The Endpoints object leaves it out at once; the slice keeps it while it terminates.
    expect(endpointsSubsets(svc())[0].addresses).toHaveLength(1);
    expect(endpointSlices(svc())[0].endpoints).toHaveLength(2);
    d.advance(10);
    expect(svc().endpoints.size).toBe(1);
  });

  it('a pod that stops answering turns NotReady after periodSeconds × failureThreshold (with an Unhealthy event), Ready again a period after it answers', () => {
    const d = web({ initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 }).runUntil(60);
    const svc = () => d.engine.services.services.get('default/web')!;
    const victim = d.snapshot().pods.filter((p) => p.deployment === 'web')[0];
    d.apply({ type: 'setPodHealth', healthy: false, pod: victim.name });
    d.advance(29);
    expect(svc().endpoints.get(`default/${victim.name}`)?.ready).toBe(true);
    d.advance(2);
    expect(svc().endpoints.get(`default/${victim.name}`)).toMatchObject({ ready: false, serving: false });
    expect(d.k8sEvents('Unhealthy').some((e) => e.message.startsWith(`Readiness probe failed: Get "http://${victim.ip}:8080/"`))).toBe(true);
    d.apply({ type: 'setPodHealth', healthy: true, pod: victim.name }).advance(11);
    expect(svc().endpoints.get(`default/${victim.name}`)?.ready).toBe(true);
  });

  it('setPodHealth with a deployment picks its oldest running pod', () => {
    const d = web({ initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 }).runUntil(60);
    const oldest = d.snapshot().pods.filter((p) => p.deployment === 'web').toSorted((a, b) => a.createdAtMs - b.createdAtMs || (a.name < b.name ? -1 : 1))[0];
    d.apply({ type: 'setPodHealth', healthy: false, deployment: 'web' }).advance(31);
    expect([...d.engine.services.services.get('default/web')!.endpoints.values()].filter((e) => !e.ready).map((e) => e.podName)).toEqual([oldest.name]);
  });

  it('without a readiness probe Kubernetes never notices: the endpoint stays ready', () => {
    const d = web().runUntil(60);
    d.apply({ type: 'setPodHealth', healthy: false, deployment: 'web' }).advance(120);
    expect([...d.engine.services.services.get('default/web')!.endpoints.values()].every((e) => e.ready)).toBe(true);
  });

  it('a named targetPort resolves per pod; pods without that port are no endpoint for it', () => {
    const d = scenario().nodes('m5.large', 1)
      .deploymentSpec({ name: 'api', replicas: 1, labels: { tier: 'x' }, ports: [{ name: 'http', containerPort: 9000, protocol: 'TCP' }] })
      .deploymentSpec({ name: 'legacy', replicas: 1, labels: { tier: 'x' } })
      .service({ name: 'x', selector: { tier: 'x' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 'http' }] })
      .runUntil(60);
    const svc = d.engine.services.services.get('default/x')!;
    const ports = [...svc.endpoints.values()].map((e) => e.ports[0]);
    expect(ports.toSorted()).toEqual([9000, undefined]);
    // Only the pod with the port is in a slice with that port.
    const slices = endpointSlices(svc);
    expect(slices.map((s) => s.ports?.map((p) => p.port) ?? null).toSorted((a, b) => (a?.length ?? 0) - (b?.length ?? 0))).toEqual([[], [9000]]);
  });
});

describe('EndpointSlices', () => {
  it('named <service>-<5 characters>, stable as endpoints change; a placeholder while nothing is selected', () => {
    const d = web().runUntil(0);
    const svc = () => d.engine.services.services.get('default/web')!;
    const placeholder = endpointSlices(svc());
    expect(placeholder).toHaveLength(1);
    expect(placeholder[0]).toMatchObject({ ports: null, endpoints: [] });
    expect(placeholder[0].name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    d.runUntil(60);
    const [slice] = endpointSlices(svc());
    expect(slice.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    d.scale('web', 4).runUntil(120);
    expect(endpointSlices(svc()).map((s) => s.name)).toEqual([slice.name]);
    expect(endpointSlices(svc())[0].endpoints).toHaveLength(4);
  });

  it('at most 100 endpoints a slice', () => {
    const d = scenario().nodes('m5.large', 6, { maxPods: 110 }).env({ ENABLE_PREFIX_DELEGATION: 'true' }).deployment('web', 150)
      .service({ name: 'web', ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }] }).runUntil(300);
    const slices = endpointSlices(d.engine.services.services.get('default/web')!);
    expect(slices.map((s) => s.endpoints.length)).toEqual([100, 50]);
  });
});

describe('the API server\'s allocations', () => {
  it('ClusterIPs from the dynamic band (above the first 256 addresses), NodePorts from 30086-32767, a healthCheckNodePort for LoadBalancer + Local', () => {
    const d = scenario().nodes('m5.large', 1)
      .service({ name: 'a', type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }] })
      .service({ name: 'b', type: 'NodePort', ports: [{ protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30001 }] })
      .runUntil(1);
    const a = d.engine.services.services.get('default/a')!;
    const [o1, o2, o3, o4] = a.clusterIP.split('.').map(Number);
    expect([o1, o2]).toEqual([10, 100]);
    expect(o3 * 256 + o4).toBeGreaterThanOrEqual(256);
    expect(a.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(a.healthCheckNodePort).toBeGreaterThanOrEqual(30086);
    expect(a.healthCheckNodePort).not.toBe(a.ports[0].nodePort);
    expect(a.loadBalancerClass).toBe('service.k8s.aws/nlb');
    expect(d.engine.services.services.get('default/b')!.ports[0].nodePort).toBe(30001);
    d.apply({ type: 'addService', service: { ...d.engine.spec.services![1], name: 'c' } });
    expect(d.refused).toEqual(['Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated']);
  });
});
