/**
 * The AWS Load Balancer Controller and ELBv2 in the running engine (services-and-load-
 * balancers.md 4.1-4.7): what it builds, target registration and health over time, draining,
 * readiness gates, instance targets, the ALB for an Ingress, and the failures it reports.
 */
import { describe, expect, it } from 'vitest';
import { scenario } from '../testing/driver.ts';
import type { Target } from '../elbv2/model.ts';

const NLB_IP = { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' };
const twoAz = () => scenario()
  .subnet('subnet-0aaaaaaaaaaaaaaa1', '192.168.0.0/19', { az: 'us-west-2a', tags: { 'kubernetes.io/role/elb': '1' } })
  .subnet('subnet-0bbbbbbbbbbbbbbb2', '192.168.32.0/19', { az: 'us-west-2b', tags: { 'kubernetes.io/role/elb': '1' } })
  .loadBalancerController();
const web = (annotations: Record<string, string> = NLB_IP, replicas = 2) => twoAz().nodes('m5.large', 2)
  .deploymentSpec({ name: 'web', replicas, ports: [{ containerPort: 8080, protocol: 'TCP' }] })
  .service({ name: 'web', type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }], annotations });

const tg = (d: ReturnType<ReturnType<typeof web>['start']>) => [...d.engine.elbv2!.targetGroups.values()][0];
const states = (targets: Iterable<Target>) => [...targets].map((t) => `${t.state}${t.reason ? ` ${t.reason}` : ''}`).toSorted();
const elbCalls = (d: { engine: { eventsSince(n: number): { kind: string; timeMs: number; record?: { eventSource: string; eventName: string; userAgent: string; requestParameters: Record<string, unknown> } }[] } }) =>
  d.engine.eventsSince(0).flatMap((e) => (e.kind === 'ec2' && e.record?.eventSource === 'elasticloadbalancing.amazonaws.com' ? [{ t: e.timeMs / 1000, ...e.record }] : []));

describe('an NLB with IP targets (4.2, 4.3)', () => {
  it('builds target group, NLB and listener, names them k8s-<ns>-<name>-<hash>, and publishes the DNS name in the Service status', () => {
    const d = web().runUntil(10);
    const calls = elbCalls(d);
    expect(calls.map((c) => c.eventName)).toEqual(['CreateTargetGroup', 'CreateLoadBalancer', 'CreateListener', 'DescribeTargetHealth', 'RegisterTargets']);
    for (const c of calls) expect(c.userAgent).toBe('elbv2.k8s.aws/v3.5.0');
    const lb = [...d.engine.elbv2!.loadBalancers.values()][0];
    expect(lb).toMatchObject({ type: 'network', scheme: 'internet-facing' });
    expect(lb.name).toMatch(/^k8s-default-web-[0-9a-f]{10}$/);
    expect(lb.dnsName).toMatch(/^k8s-default-web-[0-9a-f]{10}-[0-9a-f]{16}\.elb\.us-west-2\.amazonaws\.com$/);
    expect(lb.nodes.map((n) => n.zone)).toEqual(['us-west-2a', 'us-west-2b']);
    expect(tg(d)).toMatchObject({ targetType: 'ip', protocol: 'TCP', port: 8080, healthCheckPort: 'traffic-port', deregistrationDelaySeconds: 300, preserveClientIp: false });
    expect(tg(d).name).toMatch(/^k8s-default-web-[0-9a-f]{10}$/);
    expect(d.engine.services.services.get('default/web')!.loadBalancerHostname).toBe(lb.dnsName);
    expect(calls.find((c) => c.eventName === 'RegisterTargets')!.requestParameters.targets).toEqual(
      d.snapshot().pods.filter((p) => p.deployment === 'web').map((p) => ({ id: p.ip, port: 8080 })).toSorted((a, b) => (a.id! < b.id! ? -1 : 1)));
    expect(d.k8sEvents('SuccessfullyReconciled').map((e) => e.object)).toEqual(['service/default/web', `targetgroupbinding/default/${tg(d).name}`]);
  });

  it('targets go initial (Elb.RegistrationInProgress) → initial (Elb.InitialHealthChecking) → healthy once the NLB is active', () => {
    const d = web().runUntil(100);
    expect(states(tg(d).targets.values())).toEqual(['initial Elb.RegistrationInProgress', 'initial Elb.RegistrationInProgress']);
    const lb = [...d.engine.elbv2!.loadBalancers.values()][0];
    d.runUntil(lb.activeAtMs / 1000 + 41);
    expect(states(tg(d).targets.values())).toEqual(['initial Elb.InitialHealthChecking', 'initial Elb.InitialHealthChecking']);
    d.runUntil(lb.activeAtMs / 1000 + 40 + 20 + 10);
    expect(states(tg(d).targets.values())).toEqual(['healthy', 'healthy']);
  });

  it('scale-down: the removed pod\'s target drains for deregistration_delay.timeout_seconds, then is gone', () => {
    const d = web({ ...NLB_IP, 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'deregistration_delay.timeout_seconds=30' }).runUntil(300);
    expect(tg(d).deregistrationDelaySeconds).toBe(30);
    d.scale('web', 1).runUntil(310);
    const s = states(tg(d).targets.values());
    expect(s).toEqual(['draining Target.DeregistrationInProgress', 'healthy']);
    const draining = [...tg(d).targets.values()].find((t) => t.state === 'draining')!;
    expect(draining.description).toBe('Target deregistration is in progress');
    d.runUntil(350);
    expect(states(tg(d).targets.values())).toEqual(['healthy']);
    expect(elbCalls(d).some((c) => c.eventName === 'DeregisterTargets')).toBe(true);
  });

  it('a pod that stops answering goes unhealthy (Target.FailedHealthChecks) after 3 failed checks, while kube-proxy still sends it traffic (no readiness probe)', () => {
    const d = web().runUntil(300);
    const victim = d.snapshot().pods.filter((p) => p.deployment === 'web')[0];
    d.apply({ type: 'setPodHealth', healthy: false, pod: victim.name }).runUntil(340);
    const t = tg(d).targets.get(`${victim.ip}:8080`)!;
    expect(t).toMatchObject({ state: 'unhealthy', reason: 'Target.FailedHealthChecks', description: 'Health checks failed' });
    expect(d.engine.services.services.get('default/web')!.endpoints.get(`default/${victim.name}`)?.ready).toBe(true);
  });

  it('NLB and target group attributes follow the annotations (client IP preservation, health check settings)', () => {
    const d = web({
      ...NLB_IP,
      'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes': 'preserve_client_ip.enabled=true',
      'service.beta.kubernetes.io/aws-load-balancer-healthcheck-interval': '5',
      'service.beta.kubernetes.io/aws-load-balancer-healthcheck-healthy-threshold': '2',
    }).runUntil(10);
    expect(tg(d).preserveClientIp).toBe(true);
    expect(tg(d).healthCheck).toMatchObject({ intervalSeconds: 5, healthyThreshold: 2 });
    expect(elbCalls(d).map((c) => c.eventName)).toContain('ModifyTargetGroupAttributes');
  });
});

describe('readiness gates (4.6)', () => {
  it('in a labelled namespace, new pods wait for target health: Ready only once the target is healthy', () => {
    const d = web().namespace('default', { 'elbv2.k8s.aws/pod-readiness-gate-inject': 'enabled' }).runUntil(20);
    d.scale('web', 3).runUntil(30);
    const fresh = [...d.engine.cluster.pods.values()].find((p) => p.deployment === 'web' && p.readinessGates);
    expect(fresh).toBeDefined();
    const cond = Object.keys(fresh!.readinessGates!)[0];
    expect(cond).toBe(`target-health.elbv2.k8s.aws/${tg(d).name}`);
    // Containers ready but the gate is False: not an endpoint kube-proxy uses, yet registered (4.3).
    const svc = d.engine.services.services.get('default/web')!;
    expect(svc.endpoints.get(fresh!.key)?.ready).toBe(false);
    expect(fresh!.readinessGates![cond]).toMatchObject({ status: false, reason: 'Elb.RegistrationInProgress', message: 'Target registration is in progress' });
    expect(tg(d).targets.has(`${svc.endpoints.get(fresh!.key)!.ip}:8080`)).toBe(true);
    d.runUntil(260);
    expect(fresh!.readinessGates![cond].status).toBe(true);
    expect(svc.endpoints.get(fresh!.key)?.ready).toBe(true);
  });

  it('pods in a namespace without the label get no gate', () => {
    const d = web().runUntil(20);
    d.scale('web', 3).runUntil(30);
    expect([...d.engine.cluster.pods.values()].some((p) => p.readinessGates)).toBe(false);
  });
});

describe('instance targets (4.3, 4.4)', () => {
  it('every Ready node is a target at the NodePort, wherever the pods run; client IP preserved', () => {
    const d = twoAz().nodes('m5.large', 3).deploymentSpec({ name: 'web', replicas: 1 })
      .service({ name: 'web', type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }], annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' } })
      .runUntil(300);
    const nodePort = d.engine.services.services.get('default/web')!.ports[0].nodePort!;
    expect([...tg(d).targets.values()].map((t) => t.port)).toEqual([nodePort, nodePort, nodePort]);
    expect([...tg(d).targets.keys()].map((k) => k.split(':')[0]).toSorted()).toEqual(d.snapshot().nodes.map((n) => n.instanceId).toSorted());
    expect(tg(d)).toMatchObject({ targetType: 'instance', preserveClientIp: true });
    expect(states(tg(d).targets.values())).toEqual(['healthy', 'healthy', 'healthy']);
  });

  it('externalTrafficPolicy Local: HTTP /healthz on the healthCheckNodePort; nodes without a local endpoint are unhealthy', () => {
    const d = twoAz().nodes('m5.large', 3).deploymentSpec({ name: 'web', replicas: 1 })
      .service({ name: 'web', type: 'LoadBalancer', externalTrafficPolicy: 'Local', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }] })
      .runUntil(300);
    const svc = d.engine.services.services.get('default/web')!;
    expect(tg(d).healthCheck).toMatchObject({ protocol: 'HTTP', path: '/healthz', intervalSeconds: 10, timeoutSeconds: 6, healthyThreshold: 2, unhealthyThreshold: 2 });
    expect(tg(d).healthCheckPort).toBe(String(svc.healthCheckNodePort));
    expect(states(tg(d).targets.values())).toEqual(['healthy', 'unhealthy Target.FailedHealthChecks', 'unhealthy Target.FailedHealthChecks']);
  });
});

const alb = (annotations: Record<string, string>) => twoAz().nodes('m5.large', 2)
  .deploymentSpec({ name: 'web', replicas: 2, ports: [{ containerPort: 8080, protocol: 'TCP' }] })
  .service({ name: 'web', ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }] })
  .ingress({ name: 'web', namespace: 'default', ingressClassName: 'alb', annotations, paths: [{ path: '/', pathType: 'Prefix', service: 'web', port: 80 }] });

describe('an ALB for an Ingress (4.7)', () => {

  it('ip targets on an ALB: HTTP target group on the pod port, listener 80 with a path rule, ALB DNS name form', () => {
    const d = alb({ 'alb.ingress.kubernetes.io/target-type': 'ip', 'alb.ingress.kubernetes.io/scheme': 'internet-facing' }).runUntil(300);
    const lb = [...d.engine.elbv2!.loadBalancers.values()][0];
    expect(lb.type).toBe('application');
    expect(lb.dnsName).toMatch(/^k8s-default-web-[0-9a-f]{10}-\d{10}\.us-west-2\.elb\.amazonaws\.com$/);
    expect(tg(d)).toMatchObject({ protocol: 'HTTP', port: 8080, targetType: 'ip' });
    expect(tg(d).healthCheck).toMatchObject({ protocol: 'HTTP', path: '/', intervalSeconds: 15, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 2, matcher: '200' });
    expect(lb.listeners.map((l) => [l.port, l.rules.map((r) => r.pathPrefix)])).toEqual([[80, ['/']]]);
    expect(elbCalls(d).map((c) => c.eventName).slice(0, 4)).toEqual(['CreateTargetGroup', 'CreateLoadBalancer', 'CreateListener', 'CreateRule']);
    expect(states(tg(d).targets.values())).toEqual(['healthy', 'healthy']);
    expect(d.engine.lbc!.ingresses.get('default/web')!.hostname).toBe(lb.dnsName);
  });

  it('instance targets need a NodePort Service: FailedBuildModel on a ClusterIP one', () => {
    const d = alb({ 'alb.ingress.kubernetes.io/scheme': 'internet-facing' }).runUntil(30);
    expect(d.engine.elbv2!.loadBalancers.size).toBe(0);
    expect(d.k8sEvents('FailedBuildModel').map((e) => `${e.object}: ${e.message}`)).toEqual([
      "ingress/default/web: Failed build model due to TargetGroup port is empty. When using Instance targets, your service be must of type 'NodePort' or 'LoadBalancer'",
    ]);
  });

  it('an ALB needs subnets in two AZs', () => {
    const d = scenario().loadBalancerController().nodes('m5.large', 1)
      .service({ name: 'web', ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }] })
      .ingress({ name: 'web', namespace: 'default', ingressClassName: 'alb', annotations: { 'alb.ingress.kubernetes.io/target-type': 'ip', 'alb.ingress.kubernetes.io/scheme': 'internet-facing' }, paths: [{ path: '/', pathType: 'Prefix', service: 'web', port: 80 }] })
      .runUntil(30);
    expect(d.k8sEvents('FailedBuildModel').map((e) => e.message)).toEqual(["Failed build model due to couldn't auto-discover subnets: subnets count less than minimal required count: 1 < 2"]);
  });

  it('an internal ALB (the default scheme) in a VPC of untagged public subnets finds no private subnet', () => {
    const d = scenario().loadBalancerController().nodes('m5.large', 1)
      .service({ name: 'web', ports: [{ protocol: 'TCP', port: 80, targetPort: 8080 }] })
      .ingress({ name: 'web', namespace: 'default', ingressClassName: 'alb', annotations: { 'alb.ingress.kubernetes.io/target-type': 'ip' }, paths: [{ path: '/', pathType: 'Prefix', service: 'web', port: 80 }] })
      .runUntil(30);
    expect(d.k8sEvents('FailedBuildModel').map((e) => e.message)).toEqual(["Failed build model due to couldn't auto-discover subnets: unable to resolve at least one subnet. Evaluated 0 subnets: 0 are tagged for other clusters, and 0 have insufficient available IP addresses"]);
  });
});

describe('without the controller', () => {
  it('a LoadBalancer Service gets its NodePort but no load balancer', () => {
    const d = scenario().nodes('m5.large', 1).service({ name: 'web', type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }] }).runUntil(300);
    // No ELBv2 part at all (nothing else creates load balancers), and the views show none.
    expect(d.engine.elbv2).toBeUndefined();
    expect(d.engine.clusterObjects().loadBalancers).toEqual([]);
    expect(d.engine.services.services.get('default/web')!.loadBalancerHostname).toBeUndefined();
    expect(d.engine.services.services.get('default/web')!.ports[0].nodePort).toBeGreaterThan(30000);
  });

  it('with it, the controller\'s own pods and webhook Service run in kube-system', () => {
    const d = twoAz().nodes('m5.large', 1).runUntil(60);
    expect(d.snapshot().pods.filter((p) => p.deployment === 'aws-load-balancer-controller' && p.phase === 'Running')).toHaveLength(2);
    expect(d.engine.services.services.get('kube-system/aws-load-balancer-webhook-service')!.endpoints.size).toBe(2);
  });
});
