/**
 * The ELBv2 service for one account and VPC: the API calls the load balancer controller makes
 * (each logged as a CloudTrail record with its latency), the load balancers' nodes (an ENI with
 * a private address from each chosen subnet, a public address when internet-facing), and the
 * health checks that move targets between states as simulated time passes.
 *
 * Timings are ours where AWS publishes none: an NLB provisions in 150 s, an ALB in 120 s
 * (the console shows "provisioning" for a few minutes); calls answer in 80-240 ms.
 */
import type { EventQueue } from '../clock/event-queue.ts';
import type { Random } from '../clock/random.ts';
import type { Ec2State } from '../aws/ec2-state.ts';
import { formatIpv4 } from '../net/ipv4.ts';
import type { HealthCheckConfig } from '../lbc/annotations.ts';
import type { CloudTrailRecord } from '../view.ts';
import { elbv2Record } from './cloudtrail.ts';
import { applyCheck, deregistered, propagated, registered, REGISTRATION_MS } from './health.ts';
import type { CheckOutcome, LbNode, LbType, Listener, LoadBalancer, Scheme, Target, TargetGroup } from './model.ts';
import { canonicalHostedZoneId, dnsName, hexOf, listenerArn, loadBalancerArn, targetGroupArn } from './names.ts';

export const PROVISIONING_MS: Record<LbType, number> = { network: 150_000, application: 120_000 };

export interface Elbv2Deps {
  queue: EventQueue;
  random: Random;
  region: string;
  accountId: string;
  vpcId: string;
  epochIso: string;
  ec2: Ec2State;
  /** A subnet's address count changed (a load balancer node's ENI took or gave back an address). */
  subnetChanged?(id: string): void;
  /** Logs one call (the record is built when first read). */
  log(makeRecord: () => CloudTrailRecord, latencyMs: number, touches: string[]): void;
  /** One health check of one target, now. */
  check(tg: TargetGroup, t: Target): CheckOutcome;
  /** Targets of the group changed state. */
  healthChanged(tg: TargetGroup): void;
  /** The caller's address (the controller's leader pod). */
  sourceIp(): string;
  /** The caller's web-identity session name. */
  sessionName(): string;
}

export interface CreateLoadBalancerInput {
  name: string;
  type: LbType;
  scheme: Scheme;
  subnets: { id: string; zone: string }[];
  securityGroups: string[];
  tags: Record<string, string>;
  crossZone: boolean;
}

export interface CreateTargetGroupInput {
  name: string;
  protocol: TargetGroup['protocol'];
  port: number;
  targetType: 'ip' | 'instance';
  healthCheck: HealthCheckConfig;
  healthCheckPort: string;
  tags: Record<string, string>;
}

/**
 * Public addresses ELB gives internet-facing nodes: the documentation range 192.0.2.0/24 from
 * .10 up (nodes' public IPs use 198.51.100.0/24, the internet host 203.0.113.10).
 */
const PUBLIC_BASE = ((192 << 24) >>> 0) + (0 << 16) + (2 << 8) + 10;

export class Elbv2 {
  readonly loadBalancers = new Map<string, LoadBalancer>();
  readonly targetGroups = new Map<string, TargetGroup>();
  private publicNext = 0;
  private readonly releasedPublic: number[] = [];

  constructor(private readonly d: Elbv2Deps) {}

  private uuid(): string {
    const h = this.d.random.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }

  private call(api: string, request: Record<string, unknown>, response: () => Record<string, unknown> | null, touches: string[]): void {
    const latency = 80 + this.d.random.int(160);
    const ctx = {
      epochIso: this.d.epochIso, timeMs: this.d.queue.nowMs, region: this.d.region, accountId: this.d.accountId,
      sourceIp: this.d.sourceIp(), requestId: this.uuid(), eventId: this.uuid(), sessionName: this.d.sessionName(),
    };
    this.d.log(() => elbv2Record(api, request, response(), ctx), latency, touches);
  }

  createTargetGroup(i: CreateTargetGroupInput): TargetGroup {
    const arn = targetGroupArn(this.d.region, this.d.accountId, i.name);
    const tg: TargetGroup = {
      arn, name: i.name, protocol: i.protocol, port: i.port, targetType: i.targetType, vpcId: this.d.vpcId, healthCheck: i.healthCheck,
      healthCheckPort: i.healthCheckPort, deregistrationDelaySeconds: 300, preserveClientIp: i.targetType === 'instance', attributes: {},
      loadBalancerArns: [], targets: new Map(), tags: { ...i.tags }, createdAtMs: this.d.queue.nowMs,
    };
    this.targetGroups.set(arn, tg);
    const hc = i.healthCheck;
    this.call('CreateTargetGroup', {
      Name: i.name, Protocol: i.protocol, Port: i.port, VpcId: this.d.vpcId, HealthCheckProtocol: hc.protocol, HealthCheckPort: i.healthCheckPort,
      HealthCheckEnabled: true, ...(hc.path !== undefined ? { HealthCheckPath: hc.path } : {}), HealthCheckIntervalSeconds: hc.intervalSeconds,
      HealthCheckTimeoutSeconds: hc.timeoutSeconds, HealthyThresholdCount: hc.healthyThreshold, UnhealthyThresholdCount: hc.unhealthyThreshold,
      ...(hc.matcher !== undefined ? { Matcher: { HttpCode: hc.matcher } } : {}), TargetType: i.targetType, IpAddressType: 'ipv4',
      Tags: Object.entries(i.tags).map(([Key, Value]) => ({ Key, Value })),
    }, () => ({ TargetGroups: [{ TargetGroupArn: arn, TargetGroupName: i.name, Protocol: i.protocol, Port: i.port, VpcId: this.d.vpcId, TargetType: i.targetType }] }), [arn]);
    this.d.queue.after(hc.intervalSeconds * 1000, () => this.healthTick(arn));
    return tg;
  }

  modifyTargetGroupAttributes(tg: TargetGroup, attributes: Record<string, string>): void {
    Object.assign(tg.attributes, attributes);
    const delay = attributes['deregistration_delay.timeout_seconds'];
    if (delay !== undefined) tg.deregistrationDelaySeconds = Number(delay);
    const preserve = attributes['preserve_client_ip.enabled'];
    if (preserve !== undefined) tg.preserveClientIp = preserve === 'true';
    this.call('ModifyTargetGroupAttributes', { TargetGroupArn: tg.arn, Attributes: Object.entries(attributes).map(([Key, Value]) => ({ Key, Value })) },
      () => ({ Attributes: Object.entries(tg.attributes).map(([Key, Value]) => ({ Key, Value })) }), [tg.arn]);
  }

  /** CreateLoadBalancer; undefined when a subnet has no free address for the node's ENI. */
  createLoadBalancer(i: CreateLoadBalancerInput): LoadBalancer | undefined {
    const arn = loadBalancerArn(this.d.region, this.d.accountId, i.type, i.name);
    const nodes: LbNode[] = [];
    for (const s of i.subnets) {
      const ip = this.d.ec2.subnets.get(s.id)?.pool.allocateIps(1)?.[0];
      if (ip !== undefined) this.d.subnetChanged?.(s.id);
      if (ip === undefined) {
        for (const n of nodes) this.releaseNode(n);
        return undefined;
      }
      const node: LbNode = { zone: s.zone, subnetId: s.id, privateIp: formatIpv4(ip), eniId: `eni-0${hexOf(`lb-eni|${arn}|${s.id}`, 16)}` };
      if (i.scheme === 'internet-facing') node.publicIp = formatIpv4(this.releasedPublic.shift() ?? PUBLIC_BASE + this.publicNext++);
      nodes.push(node);
    }
    const now = this.d.queue.nowMs;
    const lb: LoadBalancer = {
      arn, name: i.name, dnsName: dnsName(this.d.region, i.type, i.name), canonicalHostedZoneId: canonicalHostedZoneId(this.d.region, i.type) ?? '',
      type: i.type, scheme: i.scheme, vpcId: this.d.vpcId, createdAtMs: now, activeAtMs: now + PROVISIONING_MS[i.type], nodes,
      securityGroups: [...i.securityGroups], listeners: [], tags: { ...i.tags }, crossZone: i.type === 'application' || i.crossZone,
    };
    this.loadBalancers.set(arn, lb);
    this.call('CreateLoadBalancer', {
      Name: i.name, Subnets: i.subnets.map((s) => s.id), SecurityGroups: i.securityGroups, Scheme: i.scheme,
      Tags: Object.entries(i.tags).map(([Key, Value]) => ({ Key, Value })), Type: i.type, IpAddressType: 'ipv4',
    }, () => ({ LoadBalancers: [{ LoadBalancerArn: arn, DNSName: lb.dnsName, CanonicalHostedZoneId: lb.canonicalHostedZoneId, LoadBalancerName: i.name, Scheme: i.scheme, VpcId: this.d.vpcId, State: { Code: 'provisioning' }, Type: i.type }] }), [arn]);
    // Targets registered before the load balancer is active start their propagation then.
    this.d.queue.at(lb.activeAtMs, () => {
      for (const tg of this.targetGroups.values()) if (tg.loadBalancerArns.includes(arn)) this.schedulePropagation(tg);
    });
    return lb;
  }

  private releaseNode(n: LbNode): void {
    const ip = n.privateIp.split('.').map(Number);
    const value = ((ip[0] << 24) | (ip[1] << 16) | (ip[2] << 8) | ip[3]) >>> 0;
    this.d.ec2.subnets.get(n.subnetId)?.pool.releaseIp(value as never);
    this.d.subnetChanged?.(n.subnetId);
    if (n.publicIp) {
      const p = n.publicIp.split('.').map(Number);
      this.releasedPublic.push(((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0);
    }
  }

  createListener(lb: LoadBalancer, port: number, protocol: Listener['protocol'], tg: TargetGroup): Listener {
    const l: Listener = { arn: listenerArn(lb.arn, port), port, protocol, targetGroupArn: tg.arn, rules: [] };
    lb.listeners.push(l);
    if (!tg.loadBalancerArns.includes(lb.arn)) tg.loadBalancerArns.push(lb.arn);
    this.call('CreateListener', { LoadBalancerArn: lb.arn, Protocol: protocol, Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.arn }] },
      () => ({ Listeners: [{ ListenerArn: l.arn, LoadBalancerArn: lb.arn, Port: port, Protocol: protocol, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.arn }] }] }), [lb.arn]);
    return l;
  }

  /** CreateRule: an ALB path rule forwarding to a target group. */
  createRule(lb: LoadBalancer, l: Listener, priority: number, pathPrefix: string, exact: boolean, tg: TargetGroup): void {
    l.rules.push({ pathPrefix, exact, targetGroupArn: tg.arn });
    if (!tg.loadBalancerArns.includes(lb.arn)) tg.loadBalancerArns.push(lb.arn);
    const values = exact || pathPrefix === '/' ? [pathPrefix === '/' && !exact ? '/*' : pathPrefix] : [pathPrefix, `${pathPrefix.replace(/\/$/, '')}/*`];
    this.call('CreateRule', { ListenerArn: l.arn, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: values } }], Priority: priority, Actions: [{ Type: 'forward', TargetGroupArn: tg.arn }] },
      () => ({ Rules: [{ Priority: String(priority), Conditions: [{ Field: 'path-pattern', Values: values }], Actions: [{ Type: 'forward', TargetGroupArn: tg.arn }], IsDefault: false }] }), [lb.arn]);
  }

  registerTargets(tg: TargetGroup, targets: { id: string; port: number; zone?: string }[]): void {
    if (!targets.length) return;
    const now = this.d.queue.nowMs;
    for (const t of targets) {
      const target: Target = { id: t.id, port: t.port, ...(t.zone ? { zone: t.zone } : {}), registeredAtMs: now, state: 'initial', passes: 0, fails: 0 };
      registered(target);
      tg.targets.set(`${t.id}:${t.port}`, target);
    }
    this.call('RegisterTargets', { TargetGroupArn: tg.arn, Targets: targets.map((t) => ({ Id: t.id, Port: t.port })) }, () => null, [tg.arn, ...targets.map((t) => t.id)]);
    this.schedulePropagation(tg);
    this.d.healthChanged(tg);
  }

  deregisterTargets(tg: TargetGroup, targets: Target[]): void {
    if (!targets.length) return;
    const now = this.d.queue.nowMs;
    for (const t of targets) {
      deregistered(t, now, tg);
      const key = `${t.id}:${t.port}`;
      this.d.queue.at(t.drainingUntilMs!, () => {
        if (tg.targets.get(key) === t && (t.state === 'draining' || t.state === 'unhealthy.draining')) {
          tg.targets.delete(key);
          this.d.healthChanged(tg);
        }
      });
    }
    this.call('DeregisterTargets', { TargetGroupArn: tg.arn, Targets: targets.map((t) => ({ Id: t.id, Port: t.port })) }, () => null, [tg.arn, ...targets.map((t) => t.id)]);
    this.d.healthChanged(tg);
  }

  /** DescribeTargetHealth as the controller calls it (logged; the state is read directly). */
  describeTargetHealth(tg: TargetGroup): Target[] {
    this.call('DescribeTargetHealth', { TargetGroupArn: tg.arn }, () => null, [tg.arn]);
    return [...tg.targets.values()];
  }

  deleteLoadBalancer(lb: LoadBalancer): void {
    this.loadBalancers.delete(lb.arn);
    for (const n of lb.nodes) this.releaseNode(n);
    for (const tg of this.targetGroups.values()) tg.loadBalancerArns = tg.loadBalancerArns.filter((a) => a !== lb.arn);
    this.call('DeleteLoadBalancer', { LoadBalancerArn: lb.arn }, () => null, [lb.arn]);
  }

  deleteTargetGroup(tg: TargetGroup): void {
    this.targetGroups.delete(tg.arn);
    this.call('DeleteTargetGroup', { TargetGroupArn: tg.arn }, () => null, [tg.arn]);
  }

  /** The load balancer the group is attached to (the first, as the controller attaches one). */
  loadBalancerOf(tg: TargetGroup): LoadBalancer | undefined {
    for (const arn of tg.loadBalancerArns) {
      const lb = this.loadBalancers.get(arn);
      if (lb) return lb;
    }
    return undefined;
  }

  /** When a target's registration has propagated (undefined while its group has no load balancer). */
  propagatedAtMs(tg: TargetGroup, t: Target): number | undefined {
    const lb = this.loadBalancerOf(tg);
    if (!lb) return undefined;
    return Math.max(t.registeredAtMs, lb.activeAtMs) + REGISTRATION_MS[lb.type];
  }

  private schedulePropagation(tg: TargetGroup): void {
    for (const t of tg.targets.values()) {
      const at = this.propagatedAtMs(tg, t);
      if (at === undefined || t.state !== 'initial' || t.reason !== 'Elb.RegistrationInProgress') continue;
      this.d.queue.at(Math.max(at, this.d.queue.nowMs), () => {
        if (tg.targets.get(`${t.id}:${t.port}`) !== t || t.reason !== 'Elb.RegistrationInProgress') return;
        propagated(t);
        // The first check comes right away; later ones on the group's interval.
        applyCheck(t, tg, this.d.check(tg, t));
        this.d.healthChanged(tg);
      });
    }
  }

  /** Every interval: one health check per propagated target. */
  private healthTick(arn: string): void {
    const tg = this.targetGroups.get(arn);
    if (!tg) return;
    let changed = false;
    for (const t of tg.targets.values()) {
      if (t.state === 'draining' || t.state === 'unhealthy.draining') continue;
      if (t.reason === 'Elb.RegistrationInProgress') continue;
      if (applyCheck(t, tg, this.d.check(tg, t))) changed = true;
    }
    if (changed) this.d.healthChanged(tg);
    this.d.queue.after(tg.healthCheck.intervalSeconds * 1000, () => this.healthTick(arn));
  }
}
