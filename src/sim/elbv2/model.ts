/**
 * Elastic Load Balancing v2 as the simulator keeps it: load balancers with a node (an ENI) per
 * subnet, listeners, target groups and their targets, in the words of the ELBv2 API
 * (botocore elbv2 2015-12-01 shapes).
 */
import type { HealthCheckConfig } from '../lbc/annotations.ts';

export type LbType = 'network' | 'application';
export type Scheme = 'internal' | 'internet-facing';

/** One load balancer node: the ENI ELB puts in a subnet of an enabled AZ. */
export interface LbNode {
  zone: string;
  subnetId: string;
  /** Private address of the node's ENI (taken from the subnet). */
  privateIp: string;
  /** internet-facing: the public address the node answers on. */
  publicIp?: string;
  eniId: string;
}

export interface Listener {
  arn: string;
  port: number;
  protocol: 'TCP' | 'UDP' | 'HTTP';
  /** Default action: forward to this target group. */
  targetGroupArn?: string;
  /** ALB path rules in priority order (the default action comes last). */
  rules: { pathPrefix: string; exact: boolean; targetGroupArn: string }[];
}

export interface LoadBalancer {
  arn: string;
  name: string;
  dnsName: string;
  canonicalHostedZoneId: string;
  type: LbType;
  scheme: Scheme;
  vpcId: string;
  createdAtMs: number;
  /** When provisioning ends (State active). */
  activeAtMs: number;
  nodes: LbNode[];
  securityGroups: string[];
  listeners: Listener[];
  tags: Record<string, string>;
  /** `load_balancing.cross_zone.enabled` (NLB default off, ALB always on). */
  crossZone: boolean;
}

export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'unhealthy.draining' | 'draining' | 'unused' | 'unavailable';

export interface Target {
  /** Pod IP (ip targets) or instance id (instance targets). */
  id: string;
  port: number;
  /** The target's AZ (ip targets in the VPC). */
  zone?: string;
  registeredAtMs: number;
  state: TargetState;
  reason?: string;
  description?: string;
  /** Consecutive passed / failed checks. */
  passes: number;
  fails: number;
  /** draining: when the deregistration delay ends and the target is gone. */
  drainingUntilMs?: number;
}

export interface TargetGroup {
  arn: string;
  name: string;
  protocol: 'TCP' | 'UDP' | 'HTTP';
  port: number;
  targetType: 'ip' | 'instance';
  vpcId: string;
  healthCheck: HealthCheckConfig;
  /** `traffic-port` or a number as text (the API's HealthCheckPort). */
  healthCheckPort: string;
  deregistrationDelaySeconds: number;
  preserveClientIp: boolean;
  attributes: Record<string, string>;
  loadBalancerArns: string[];
  /** Targets by `id:port`. */
  targets: Map<string, Target>;
  tags: Record<string, string>;
  createdAtMs: number;
}

/** How a health check of one target went. */
export type CheckOutcome = { ok: true } | { ok: false; reason: 'Target.FailedHealthChecks' | 'Target.Timeout' | 'Target.ResponseCodeMismatch'; codes?: string };
