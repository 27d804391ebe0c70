/**
 * The Kubernetes networking part of the scenario format (docs/scenario-format.md, "Services
 * and Ingresses"): Kubernetes' own defaults and validation rules, EKS's service CIDR choice,
 * the load balancer controller's annotations, timeline commands, and the round trip back to JSON.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario.ts';
import { specToScenarioJson } from './spec-to-json.ts';

const minimal = { v: 1, nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', count: 1 }], deployments: [{ name: 'web', replicas: 2, ports: [{ name: 'http', containerPort: 8080 }] }] };
const withServices = (services: object[], extra: object = {}) => ({ ...minimal, services, ...extra });

function spec(input: object) {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}
function issues(input: object) {
  const r = parseScenario(input);
  if (r.ok) throw new Error(`expected problems, got warnings ${JSON.stringify(r.warnings)}`);
  return r.issues;
}

describe('Service defaults', () => {
  it('fills in what the API server would: ClusterIP, TCP, targetPort = port, Cluster policies, affinity None 10800 s, selector app=<name>', () => {
    const r = spec(withServices([{ name: 'web', ports: [{ port: 80 }] }]));
    expect(r.spec.services).toEqual([{
      name: 'web', namespace: 'default', type: 'ClusterIP', selector: { app: 'web' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
      externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', sessionAffinityTimeoutSeconds: 10800, labels: {}, annotations: {},
    }]);
    expect(r.warnings).toEqual([]);
  });

  it('an empty selector means none, with a warning that nothing will be an endpoint', () => {
    const r = spec(withServices([{ name: 'ext', selector: {}, ports: [{ port: 80 }] }]));
    expect(r.spec.services?.[0].selector).toBeUndefined();
    expect(r.warnings).toMatchObject([{ path: 'services[0].selector', message: 'default/ext has no selector: nothing creates its EndpointSlices, so it has no endpoints' }]);
  });

  it('EKS picks 10.100.0.0/16 for the service range, or 172.20.0.0/16 when the VPC is inside 10.0.0.0/8', () => {
    expect(spec(minimal).spec.cluster).toEqual({ serviceIpv4Cidr: '10.100.0.0/16', kubeProxyMode: 'iptables' });
    const ten = spec({ ...minimal, vpc: { cidrs: ['10.0.0.0/16'] }, subnets: [{ cidr: '10.0.0.0/19' }] });
    expect(ten.spec.cluster?.serviceIpv4Cidr).toBe('172.20.0.0/16');
  });

  it('IPVS mode is a setting of its own, with no warning (old links that set it keep working)', () => {
    const r = spec({ ...minimal, cluster: { kubeProxyMode: 'ipvs' } });
    expect(r.spec.cluster?.kubeProxyMode).toBe('ipvs');
    expect(r.warnings).toEqual([]);
  });

  it('round-trips through a compact document', () => {
    const input = withServices([
      { name: 'web', type: 'LoadBalancer', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 31234 }], externalTrafficPolicy: 'Local', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' } },
      { name: 'db', selector: { tier: 'db' }, ports: [{ port: 5432, protocol: 'TCP' }], sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 60 },
    ], {
      ingresses: [{ name: 'web', ingressClassName: 'alb', rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] }],
      namespaces: [{ name: 'default', labels: { 'elbv2.k8s.aws/pod-readiness-gate-inject': 'enabled' } }],
      cluster: { kubeProxyMode: 'ipvs' },
      addons: { coredns: { replicaCount: 3 } },
      timeline: [{ at: 5, command: { type: 'traffic', from: 'external', to: 'web', proto: 'tcp', dport: 80, count: 100 } }],
    });
    const first = spec(input).spec;
    const again = spec(specToScenarioJson(first)).spec;
    expect(again).toEqual(first);
    expect(first.ingresses?.[0].paths).toEqual([{ path: '/', pathType: 'Prefix', service: 'web', port: 80 }]);
  });
});

const paths = (input: object) => issues(input).map((i) => `${i.path}: ${i.message}`);
const lb = (annotations: object) => withServices([{ name: 'a', type: 'LoadBalancer', ports: [{ port: 80 }], annotations }]);
const ing = (extra: object) => withServices([{ name: 'web', ports: [{ port: 80 }] }], { ingresses: [{ name: 'web', rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }], ...extra }] });
const tl = (timeline: object[], extra: object = {}) => ({ ...minimal, ...extra, timeline });

describe('Service validation', () => {
  it('names: a DNS-1035 label; kubernetes and kube-dns are the cluster\'s', () => {
    expect(paths(withServices([{ name: '1web', ports: [{ port: 80 }] }]))).toEqual(['services[0].name: "1web" is not a valid Service name (DNS-1035 label: lower-case letters, digits and "-", starting with a letter)']);
    expect(paths(withServices([{ name: 'kubernetes', ports: [{ port: 443 }] }]))).toEqual(['services[0].name: default/kubernetes is one of the Services every EKS cluster has; it cannot be defined again']);
    expect(paths(withServices([{ name: 'a', ports: [{ port: 80 }] }, { name: 'a', ports: [{ port: 81 }] }]))).toContain('services[1].name: Service default/a is already defined by services[0]');
  });

  it('ClusterIPs inside the service range and not taken; kube-dns has 10.100.0.10', () => {
    expect(paths(withServices([{ name: 'a', clusterIP: '10.200.0.5', ports: [{ port: 80 }] }]))).toEqual(['services[0].clusterIP: 10.200.0.5 is not inside the cluster\'s service CIDR 10.100.0.0/16']);
    expect(paths(withServices([{ name: 'a', clusterIP: '10.100.0.10', ports: [{ port: 80 }] }]))).toEqual(['services[0].clusterIP: 10.100.0.10 is already the ClusterIP of kube-system/kube-dns']);
  });

  it('ports: named when several, NodePorts only on NodePort/LoadBalancer and unique, targetPort names IANA-style', () => {
    expect(paths(withServices([{ name: 'a', ports: [{ port: 80 }, { name: 'b', port: 81 }] }]))).toEqual(['services[0].ports[0].name: is required when a Service has more than one port']);
    expect(paths(withServices([{ name: 'a', ports: [{ port: 80, nodePort: 30080 }] }]))).toEqual(['services[0].ports[0].nodePort: a ClusterIP Service has no NodePorts; use type NodePort or LoadBalancer']);
    expect(paths(withServices([{ name: 'a', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, { name: 'b', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }])))
      .toEqual(['services[1].ports[0].nodePort: NodePort 30080 is already allocated to default/a']);
    expect(paths(withServices([{ name: 'a', ports: [{ port: 80, targetPort: 'Http_Port' }] }]))[0]).toMatch(/^services\[0\]\.ports\[0\]\.targetPort: "Http_Port" is not a port name/);
    expect(paths(withServices([{ name: 'a', ports: [{ port: 80, nodePort: 29999 }] }]))).toEqual(['services[0].ports[0].nodePort: must be at least 30000']);
  });

  it('a hostile name is cut in the message, not printed whole (the link fuzz found a 1,000-character targetPort)', () => {
    const long = 'a'.repeat(1_000);
    const found = [
      ...issues(withServices([{ name: 'a', ports: [{ port: 80, targetPort: long }] }])),
      ...issues({ ...minimal, deployments: [{ name: 'web', replicas: 1, ports: [{ name: long, containerPort: 8080 }] }] }),
      ...issues(withServices([{ name: 'a', ports: [{ port: 80 }] }], { ingresses: [{ name: 'i', ingressClassName: 'alb', rules: [{ http: { paths: [{ path: long, pathType: 'Prefix', backend: { service: { name: 'a', port: { number: 80 } } } }] } }] }] })),
    ];
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const i of found) expect(i.message.length, i.message.slice(0, 80)).toBeLessThan(300);
    expect(found[0].message).toMatch(/^"a{10,}…" \(1,000 characters\) is not a port name/);
  });

  it('warns when no selected deployment has the named targetPort', () => {
    const r = spec(withServices([{ name: 'web', ports: [{ port: 80, targetPort: 'metrics' }] }]));
    expect(r.warnings).toMatchObject([{ path: 'services[0].ports[0].targetPort', message: 'no deployment selected by default/web has a container port named "metrics": its pods get no endpoint for this port' }]);
  });

  it('externalTrafficPolicy Local only where there is external traffic', () => {
    expect(paths(withServices([{ name: 'a', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }]))).toEqual(['services[0].externalTrafficPolicy: may only be set on a NodePort or LoadBalancer Service']);
  });

  it('load balancer controller annotations: wrong values are errors, unmodelled ones warnings', () => {
    expect(paths(lb({ 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'pod' }))).toEqual([
      'services[0].annotations["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"]: must be ip or instance, got "pod"',
    ]);
    expect(paths(lb({ 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'deregistration_delay.timeout_seconds=9000' }))).toEqual([
      'services[0].annotations["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"]: deregistration_delay.timeout_seconds must be 0-3600 seconds, got "9000"',
    ]);
    const r = spec(lb({ 'service.beta.kubernetes.io/aws-load-balancer-ssl-cert': 'arn:aws:acm:…' }));
    expect(r.warnings.map((w) => w.path)).toEqual(['services[0].annotations["service.beta.kubernetes.io/aws-load-balancer-ssl-cert"]']);
  });

  it('the cluster network: a private /12-/24 outside the VPC; control-plane subnets that exist', () => {
    expect(paths({ ...minimal, cluster: { serviceIpv4Cidr: '192.168.0.0/20' } })).toEqual(['cluster.serviceIpv4Cidr: 192.168.0.0/20 overlaps the VPC block 192.168.0.0/16']);
    expect(paths({ ...minimal, cluster: { serviceIpv4Cidr: '100.64.0.0/16' } })).toEqual(['cluster.serviceIpv4Cidr: 100.64.0.0/16 is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16']);
    expect(paths({ ...minimal, cluster: { controlPlaneSubnets: ['subnet-0123456789abcdef0'] } })).toEqual(['cluster.controlPlaneSubnets[0]: "subnet-0123456789abcdef0" is not the id of a subnet in this scenario']);
  });

  it('the CoreDNS add-on cannot be a scenario deployment, but it can be scaled', () => {
    expect(paths({ ...minimal, deployments: [{ name: 'coredns', namespace: 'kube-system' }] })).toEqual([
      'deployments[0].name: kube-system/coredns is the cluster\'s CoreDNS add-on; scale it with a timeline "scale" command instead',
    ]);
    spec({ ...minimal, timeline: [{ at: 1, command: { type: 'scale', deployment: 'coredns', namespace: 'kube-system', replicas: 3 } }] });
  });
});

describe('Ingresses', () => {
  it('warns when no controller serves the class, or the backend Service is missing', () => {
    expect(spec(ing({})).warnings).toMatchObject([{ path: 'ingresses[0]', message: 'Ingress default/web has no ingress class: only the AWS Load Balancer Controller (class "alb") runs in this cluster, so nothing serves it' }]);
    expect(spec(ing({ ingressClassName: 'alb' })).warnings).toEqual([]);
    const r = spec(withServices([], { ingresses: [{ name: 'web', ingressClassName: 'alb', defaultBackend: { service: { name: 'nope', port: { number: 80 } } } }] }));
    expect(r.warnings).toMatchObject([{ path: 'ingresses[0].defaultBackend.backend.service.name', message: 'no Service default/nope exists (yet): the controller cannot build its target group' }]);
  });

  it('refuses a path without a leading "/" and an ALB listen-ports it does not model', () => {
    const bad = withServices([{ name: 'web', ports: [{ port: 80 }] }], { ingresses: [{ name: 'web', ingressClassName: 'alb', annotations: { 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS": 443}]' }, rules: [{ http: { paths: [{ path: 'api', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] }] });
    expect(issues(bad).map((i) => i.path)).toEqual(['ingresses[0].paths[0].path', 'ingresses[0].annotations["alb.ingress.kubernetes.io/listen-ports"]']);
  });
});

describe('timeline commands', () => {
  it('checks Services and Ingresses against what exists at that moment', () => {
    expect(paths(tl([{ at: 1, command: { type: 'deleteService', service: 'web' } }]))).toEqual(['timeline[0].command.service: no Service default/web exists at 1 s']);
    expect(paths(tl([
      { at: 1, command: { type: 'addService', service: { name: 'web', ports: [{ port: 80 }] } } },
      { at: 2, command: { type: 'addService', service: { name: 'web', ports: [{ port: 80 }] } } },
    ]))).toEqual(['timeline[1].command.service.name: Service default/web already exists at 2 s']);
    spec(tl([
      { at: 1, command: { type: 'addService', service: { name: 'web', ports: [{ port: 80 }] } } },
      { at: 2, command: { type: 'deleteService', service: 'web' } },
      { at: 3, command: { type: 'addService', service: { name: 'web', ports: [{ port: 80 }] } } },
    ]));
    expect(paths(tl([{ at: 1, command: { type: 'deleteService', service: 'kube-dns', namespace: 'kube-system' } }]))).toEqual([
      'timeline[0].command.service: kube-system/kube-dns belongs to the cluster and cannot be deleted here',
    ]);
  });

  it('traffic: bounded counts and names, ports only for tcp/udp', () => {
    expect(paths(tl([{ at: 1, command: { type: 'traffic', from: 'external', to: 'web', proto: 'icmp', dport: 80 } }]))).toEqual(['timeline[0].command.dport: icmp has no ports']);
    expect(paths(tl([{ at: 1, command: { type: 'traffic', from: 'external', to: 'web', proto: 'tcp' } }]))).toEqual(['timeline[0].command.dport: tcp needs a destination port']);
    expect(paths(tl([{ at: 1, command: { type: 'traffic', from: 'external', to: 'web', proto: 'tcp', dport: 80, count: 5000 } }]))).toEqual(['timeline[0].command.count: must be at most 1000']);
    expect(paths(tl([{ at: 1, command: { type: 'traffic', from: 'x'.repeat(300), to: 'web', proto: 'tcp', dport: 80 } }]))).toEqual(['timeline[0].command.from: is 300 characters; at most 253']);
  });

  it('setPodHealth names a pod or a deployment, not both', () => {
    expect(paths(tl([{ at: 1, command: { type: 'setPodHealth', healthy: false } }]))).toEqual(['timeline[0].command.pod: give either a pod or a deployment (whose oldest running pod it is)']);
    spec(tl([{ at: 1, command: { type: 'setPodHealth', healthy: false, deployment: 'web' } }]));
  });
});

describe('an Ingress added by the timeline', () => {
  it('passes the nesting cap: Kubernetes\' backend.service.port shape sits 13 levels down', async () => {
    const { SAMPLE_SCENARIOS } = await import('./sample-index.ts');
    const doc = structuredClone(SAMPLE_SCENARIOS['alb-ingress']) as unknown as { ingresses: unknown[]; timeline: unknown[] };
    const [ingress] = doc.ingresses;
    doc.ingresses = [];
    doc.timeline.push({ at: 100, command: { type: 'addIngress', ingress } });
    const r = parseScenario(doc);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('passes the nesting cap with an Ingress added by a lesson step (14 levels down)', async () => {
    const { SAMPLE_SCENARIOS } = await import('./sample-index.ts');
    const doc = structuredClone(SAMPLE_SCENARIOS['alb-ingress']) as unknown as { v: number; ingresses: unknown[]; steps?: unknown[] };
    const [ingress] = doc.ingresses;
    doc.v = 2;
    doc.ingresses = [];
    doc.steps = [{ at: 100, title: 'Add the Ingress', commands: [{ type: 'addIngress', ingress }], view: {} }, { at: 200, title: 'Later', view: {} }];
    const r = parseScenario(doc);
    expect(r.ok ? [] : r.issues).toEqual([]);
    expect(r.ok && r.spec.timeline.some((t) => t.step === 0 && t.command.type === 'addIngress')).toBe(true);
  });

  it('opens a v1 link with Services (format v1, before lesson steps) through the migration', async () => {
    const { SAMPLE_SCENARIOS } = await import('./sample-index.ts');
    const { decodeFragment, encodeFragment } = await import('./url-codec.ts');
    const v1 = SAMPLE_SCENARIOS['nlb-ip-targets'];
    expect(v1.v).toBe(1);
    const d = decodeFragment(encodeFragment({ scenario: v1 }));
    if (!d.ok) throw new Error(d.error);
    expect(d.spec.services?.map((x) => x.name)).toEqual(v1.services?.map((x) => x.name));
    expect(d.spec.steps ?? []).toEqual([]);
  });
});
