/**
 * CloudTrail records of the AWS Load Balancer Controller's ELBv2 calls. The controller runs
 * under its IRSA role (the workshop's AmazonEKSLoadBalancerControllerRole) and replaces the
 * SDK's User-Agent with `elbv2.k8s.aws/<version>` (LBC pkg/aws/aws_config.go). Request and
 * response members follow the ELBv2 API in CloudTrail's lower-camel form; Describe calls and
 * calls without a return value log `responseElements: null`.
 */
import type { CloudTrailRecord } from '../view.ts';

export const LBC_VERSION = 'v3.5.0';
export const LBC_USER_AGENT = `elbv2.k8s.aws/${LBC_VERSION}`;
export const LBC_IDENTITY = { roleName: 'AmazonEKSLoadBalancerControllerRole', roleId: 'AROAQXPZ6V4EXAMPLELBC' };

export interface Elbv2CallContext {
  epochIso: string;
  timeMs: number;
  region: string;
  accountId: string;
  sourceIp: string;
  requestId: string;
  eventId: string;
  /** The STS session name of the controller's web identity (its start time in UnixNano). */
  sessionName: string;
}

import { userIdentity } from '../aws/caller-identity.ts';

type Json = Record<string, unknown>;

/** Lower-cases the first letter of every key, recursively (ELBv2 members → CloudTrail members). */
export function lowerCamel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerCamel);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k[0].toLowerCase() + k.slice(1), lowerCamel(x)]));
}

export function elbv2Record(api: string, request: Json, response: Json | null, ctx: Elbv2CallContext): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    // The controller's session, with the key id and session context every assumed-role record carries.
    userIdentity: userIdentity(
      { roleName: LBC_IDENTITY.roleName, roleId: LBC_IDENTITY.roleId, via: 'assume-role', sessionName: ctx.sessionName },
      { epochIso: ctx.epochIso, timeMs: ctx.timeMs, accountId: ctx.accountId, region: ctx.region, instanceId: '' },
    ),
    eventTime: new Date(Date.parse(ctx.epochIso) + ctx.timeMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: 'elasticloadbalancing.amazonaws.com',
    eventName: api,
    awsRegion: ctx.region,
    sourceIPAddress: ctx.sourceIp,
    userAgent: LBC_USER_AGENT,
    requestParameters: lowerCamel(request) as Json,
    responseElements: response === null ? null : (lowerCamel(response) as Json),
    requestID: ctx.requestId,
    eventID: ctx.eventId,
    readOnly: api.startsWith('Describe'),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ctx.accountId,
  };
}
