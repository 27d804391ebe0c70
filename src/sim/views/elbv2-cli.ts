/**
 * `aws elbv2 describe-load-balancers | describe-target-groups | describe-target-health` as AWS
 * CLI v2 prints them: JSON with a 4-space indent, members in the order of the botocore elbv2
 * shapes (LoadBalancer, AvailabilityZone, TargetGroup, TargetHealthDescription), timestamps in
 * Python's isoformat with +00:00 (fraction shown only when non-zero), and every target's
 * AdministrativeOverride, which DescribeTargetHealth returns since zonal shift (real outputs
 * show `no_override` for every target). An ip target inside the VPC carries its AZ.
 */
import { EPOCH_ISO } from '../clock/epoch.ts';
import type { ClusterObjects, LoadBalancerView, TargetGroupView } from '../view.ts';

/** Python datetime.isoformat() of a UTC instant: microseconds only when there are some. */
export function pythonIso(epochIso: string, ms: number): string {
  const d = new Date(Date.parse(epochIso) + ms);
  const base = d.toISOString().slice(0, 19);
  const frac = d.getUTCMilliseconds();
  return `${base}${frac ? `.${String(frac).padStart(3, '0')}000` : ''}+00:00`;
}

const json = (v: unknown) => JSON.stringify(v, null, 4);

function loadBalancerJson(lb: LoadBalancerView, epochIso: string): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.canonicalHostedZoneId,
    CreatedTime: pythonIso(epochIso, lb.createdAtMs),
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: lb.type,
    AvailabilityZones: lb.zones.map((z) => ({ ZoneName: z.zone, SubnetId: z.subnetId, LoadBalancerAddresses: [] })),
    SecurityGroups: [...lb.securityGroups],
    IpAddressType: 'ipv4',
  };
  // An NLB created with security groups evaluates them on PrivateLink traffic by default.
  if (lb.type === 'network' && lb.securityGroups.length) doc.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic = 'on';
  doc.EnablePrefixForIpv6SourceNat = 'off';
  return doc;
}

export interface Elbv2Filter {
  /** `--names`. */
  names?: string[];
  /** `--load-balancer-arn` (describe-target-groups). */
  loadBalancerArn?: string;
  /** `--target-group-arn`. */
  targetGroupArn?: string;
  epochIso?: string;
}

export function describeLoadBalancers(objs: ClusterObjects, f: Elbv2Filter = {}): string {
  const missing = f.names?.find((n) => !objs.loadBalancers.some((lb) => lb.name === n));
  if (missing) return `\nAn error occurred (LoadBalancerNotFound) when calling the DescribeLoadBalancers operation: Load balancers '[${missing}]' not found\n`;
  const lbs = objs.loadBalancers.filter((lb) => !f.names || f.names.includes(lb.name)).toSorted((a, b) => (a.name < b.name ? -1 : 1));
  return json({ LoadBalancers: lbs.map((lb) => loadBalancerJson(lb, f.epochIso ?? EPOCH_ISO)) });
}

function targetGroupJson(tg: TargetGroupView): Record<string, unknown> {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThreshold,
    UnhealthyThresholdCount: hc.unhealthyThreshold,
    ...(hc.path !== undefined ? { HealthCheckPath: hc.path } : {}),
    ...(hc.matcher !== undefined ? { Matcher: { HttpCode: hc.matcher } } : {}),
    LoadBalancerArns: [...tg.loadBalancerArns],
    TargetType: tg.targetType,
    ...(tg.protocol === 'HTTP' ? { ProtocolVersion: 'HTTP1' } : {}),
    IpAddressType: 'ipv4',
  };
}

export function describeTargetGroups(objs: ClusterObjects, f: Elbv2Filter = {}): string {
  if (f.loadBalancerArn && !objs.loadBalancers.some((lb) => lb.arn === f.loadBalancerArn)) {
    return `\nAn error occurred (LoadBalancerNotFound) when calling the DescribeTargetGroups operation: Load balancers '[${f.loadBalancerArn}]' not found\n`;
  }
  const missing = f.names?.find((n) => !objs.targetGroups.some((tg) => tg.name === n));
  if (missing) return '\nAn error occurred (TargetGroupNotFound) when calling the DescribeTargetGroups operation: One or more target groups not found\n';
  const tgs = objs.targetGroups
    .filter((tg) => (!f.loadBalancerArn || tg.loadBalancerArns.includes(f.loadBalancerArn)) && (!f.names || f.names.includes(tg.name)))
    .toSorted((a, b) => (a.name < b.name ? -1 : 1));
  return json({ TargetGroups: tgs.map(targetGroupJson) });
}

export function describeTargetHealth(objs: ClusterObjects, targetGroupArn: string): string {
  const tg = objs.targetGroups.find((x) => x.arn === targetGroupArn);
  if (!tg) return `\nAn error occurred (TargetGroupNotFound) when calling the DescribeTargetHealth operation: Target groups '${targetGroupArn}' not found\n`;
  return json({
    TargetHealthDescriptions: tg.targets.map((t) => ({
      Target: { Id: t.id, Port: t.port, ...(tg.targetType === 'ip' && t.zone ? { AvailabilityZone: t.zone } : {}) },
      HealthCheckPort: tg.healthCheck.port === 'traffic-port' ? String(t.port) : tg.healthCheck.port,
      TargetHealth: { State: t.state, ...(t.reason !== undefined ? { Reason: t.reason } : {}), ...(t.description !== undefined ? { Description: t.description } : {}) },
      AdministrativeOverride: { State: 'no_override', Reason: 'AdministrativeOverride.NoOverride', Description: 'No override is currently active on target' },
    })),
  });
}
