/**
 * Who signs an EC2 call, as CloudTrail's `userIdentity` shows it.
 *
 * aws-node runs with IRSA: the pod identity webhook gives it AWS_ROLE_ARN and a projected
 * service-account token, and the Go SDK's web-identity provider calls
 * AssumeRoleWithWebIdentity with a session name of `strconv.FormatInt(time.Now().UnixNano(), 10)`
 * (aws-sdk-go-v2 credentials/stscreds WebIdentityRoleProvider, no RoleSessionName set by
 * aws-node). STS's default duration is one hour and the SDK's credentials cache asks again
 * when that runs out, so a node's records change session every hour. CloudTrail shows such a
 * session with `sessionContext.webIdFederationData.federatedProvider` = the cluster's IAM OIDC
 * provider (CloudTrail User Guide, "CloudTrail userIdentity element"; the AWS Marketplace
 * seller guide's EKS IRSA `RegisterUsage` record has the same shape).
 *
 * The VPC resource controller assumes the cluster role with plain AssumeRole and the session
 * name `amazon-vpc-resource-controller-k8s` for 60 minutes (RC pkg/aws/ec2/api/wrapper.go,
 * `getClientUsingAssumedRole`: `o.RoleSessionName = AppName`, `o.Duration = time.Minute * 60`);
 * plain assumed-role sessions carry an empty `webIdFederationData: {}`.
 */
import type { CloudTrailUserIdentity } from '../view.ts';

/** One IAM role a caller's sessions come from. */
export interface CallerIdentity {
  roleName: string;
  /** The role's unique id (AROA…), the part of principalId before the colon. */
  roleId: string;
  /** `web-identity`: IRSA (AssumeRoleWithWebIdentity); `assume-role`: AssumeRole with `sessionName`. */
  via: 'web-identity' | 'assume-role';
  /** A fixed session name (AssumeRole callers that set RoleSessionName). */
  sessionName?: string;
}

/** Where and when the call was made, as far as the identity depends on it. */
export interface IdentityContext {
  /** ISO time of simulated t=0 and the call's simulated ms. */
  epochIso: string;
  timeMs: number;
  accountId: string;
  region: string;
  clusterName?: string;
  /** The node whose aws-node made the call (sessions are per pod, so per node). */
  instanceId: string;
}

/** STS sessions last an hour (the default for both callers here); a new one starts on the hour. */
const SESSION_MS = 3_600_000;

/** FNV-1a over `text`, as an unsigned 32-bit number. */
function fnv(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** `len` characters of `alphabet`, drawn deterministically from `key`. */
function drawn(key: string, len: number, alphabet: string): string {
  let out = '';
  let h = fnv(key);
  while (out.length < len) {
    h = fnv(String(out.length), h);
    out += alphabet[h % alphabet.length];
  }
  return out;
}

/**
 * The cluster's IAM OIDC provider ARN: EKS issuers are `oidc.eks.<region>.amazonaws.com/id/`
 * plus 32 upper-case hex digits (EKS User Guide, "Create an IAM OIDC provider for your cluster").
 */
export function oidcProviderArn(accountId: string, region: string, clusterName: string): string {
  const id = drawn(`oidc:${accountId}:${region}:${clusterName}`, 32, '0123456789ABCDEF');
  return `arn:aws:iam::${accountId}:oidc-provider/oidc.eks.${region}.amazonaws.com/id/${id}`;
}

/** The session a call falls in: its start and its name. */
export function sessionOf(identity: CallerIdentity, ctx: IdentityContext): { startMs: number; name: string } {
  const startMs = Math.floor(ctx.timeMs / SESSION_MS) * SESSION_MS;
  if (identity.sessionName !== undefined) return { startMs, name: identity.sessionName };
  // UnixNano of the moment the pod's SDK asked STS: the hour's start in ms, and nanoseconds that
  // differ from node to node (each aws-node pod asks on its own).
  const nanos = String(fnv(`session:${ctx.instanceId}:${startMs}`) % 1_000_000).padStart(6, '0');
  return { startMs, name: `${Date.parse(ctx.epochIso) + startMs}${nanos}` };
}

const iso = (epochIso: string, ms: number): string => new Date(Date.parse(epochIso) + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The `userIdentity` element of a record signed by `identity` at `ctx`. */
export function userIdentity(identity: CallerIdentity, ctx: IdentityContext): CloudTrailUserIdentity {
  const session = sessionOf(identity, ctx);
  const roleArn = `arn:aws:iam::${ctx.accountId}:role/${identity.roleName}`;
  const webIdFederationData: CloudTrailUserIdentity['sessionContext']['webIdFederationData'] =
    identity.via === 'web-identity' && ctx.clusterName !== undefined
      ? { federatedProvider: oidcProviderArn(ctx.accountId, ctx.region, ctx.clusterName), attributes: {} }
      : {};
  return {
    type: 'AssumedRole',
    principalId: `${identity.roleId}:${session.name}`,
    arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${identity.roleName}/${session.name}`,
    accountId: ctx.accountId,
    // Temporary credentials' key ids start with ASIA.
    accessKeyId: `ASIA${drawn(`key:${identity.roleId}:${session.name}`, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: identity.roleId, arn: roleArn, accountId: ctx.accountId, userName: identity.roleName },
      webIdFederationData,
      attributes: { creationDate: iso(ctx.epochIso, session.startMs), mfaAuthenticated: 'false' },
    },
  };
}
