/**
 * The EC2 API as ipamd meets it: each call takes time, draws a token from the account's
 * request bucket for that API (EC2 evaluates each API individually; the bucket's size and
 * refill rate depend on whether the action mutates), is retried by the AWS SDK's standard retryer
 * when throttled (3 attempts, exponential back-off with jitter), and leaves a CloudTrail
 * record per attempt. Effects on EC2 state happen when the response arrives.
 */
import type { EventQueue } from '../clock/event-queue.ts';
import { Random } from '../clock/random.ts';
import type { Ec2Spec } from '../spec.ts';
import type { CloudTrailRecord, IpamdCounters } from '../view.ts';
import { toCloudTrailRecord, VPC_CNI_USER_AGENT, type CallerIdentity } from './cloudtrail.ts';
import type { Ec2Result } from './ec2-state.ts';
import type { Ec2ApiName, Ec2Call } from './ec2-types.ts';
import { TokenBucket } from './token-bucket.ts';

/** Typical response times (median, spread) in ms; AWS does not publish figures, these are field observations. */
const LATENCY_MS: Record<Ec2ApiName, [number, number]> = {
  CreateNetworkInterface: [420, 180],
  AttachNetworkInterface: [380, 140],
  ModifyNetworkInterfaceAttribute: [160, 60],
  AssignPrivateIpAddresses: [260, 110],
  UnassignPrivateIpAddresses: [210, 80],
  DetachNetworkInterface: [300, 100],
  DeleteNetworkInterface: [250, 90],
  DescribeNetworkInterfaces: [180, 70],
  DescribeInstances: [200, 80],
  DescribeSubnets: [180, 70],
  CreateTags: [140, 50],
  CreateNetworkInterfacePermission: [150, 50],
  AssociateTrunkInterface: [350, 120],
  DisassociateTrunkInterface: [300, 100],
};

const NON_MUTATING = new Set<Ec2ApiName>(['DescribeNetworkInterfaces', 'DescribeInstances', 'DescribeSubnets']);

/** The SDK's standard retryer: 3 attempts in all. */
const MAX_ATTEMPTS = 3;

export interface Ec2Caller {
  node: string;
  instanceId: string;
  sourceIp: string;
  counters: IpamdCounters;
  /** Who signs the calls; default aws-node's IRSA role (DEFAULT_IDENTITY). */
  identity?: CallerIdentity;
  /** The caller's userAgent; default ipamd's (VPC_CNI_USER_AGENT). */
  userAgent?: string;
}

export interface Ec2CallLog {
  /**
   * One attempt. The CloudTrail record is built on first read: at 1,000 nodes most
   * records are never looked at, and building them dominated the run.
   */
  (entry: { caller: Ec2Caller; makeRecord: () => CloudTrailRecord; latencyMs: number; touches: string[] }): void;
}

export type RequestOf<A extends Ec2ApiName> = Extract<Ec2Call, { api: A }>['request'];
export type ResponseOf<A extends Ec2ApiName> = NonNullable<Extract<Ec2Call, { api: A }>['response']>;

export class Ec2Api {
  /** One request bucket per API action, per account and region. */
  private readonly buckets = new Map<Ec2ApiName, TokenBucket>();
  calls = 0;
  throttled = 0;
  errors = 0;
  /** Simulated time of the most recent throttled attempt, per node. */
  readonly lastThrottleMs = new Map<string, number>();

  constructor(
    private readonly queue: EventQueue,
    private readonly random: Random,
    private readonly spec: Ec2Spec,
    private readonly context: { region: string; accountId: string; epochIso: string; clusterName?: string },
    private readonly log: Ec2CallLog,
    /** The caller's counters (or throttle time) changed: its node's view shows them. */
    private readonly touched: (caller: Ec2Caller) => void = () => {},
  ) {
  }

  private bucket(api: Ec2ApiName): TokenBucket {
    let b = this.buckets.get(api);
    if (!b) {
      b = new TokenBucket(NON_MUTATING.has(api) ? this.spec.nonMutating : this.spec.mutating);
      this.buckets.set(api, b);
    }
    return b;
  }

  /**
   * Sends one call. `execute` applies its effect at response time and returns the
   * response or an EC2 error; `done` gets the final outcome after any retries.
   */
  request<A extends Ec2ApiName>(
    caller: Ec2Caller,
    api: A,
    request: RequestOf<A>,
    execute: () => Ec2Result<ResponseOf<A>>,
    done: (result: Ec2Result<ResponseOf<A>>) => void,
    touches: string[] = [],
  ): void {
    const started = this.queue.nowMs;
    caller.counters.ec2ApiRequests[api] = (caller.counters.ec2ApiRequests[api] ?? 0) + 1;
    this.touched(caller);
    const attempt = (n: number) => {
      const allowed = this.bucket(api).take(this.queue.nowMs);
      const latency = allowed ? this.latency(api) : 40 + this.random.int(40);
      this.queue.after(latency, () => {
        this.calls++;
        // Every response moves the caller's counters; what `execute` and `done` change on the
        // node is reported by EC2 state and ipamd themselves.
        this.touched(caller);
        let result: Ec2Result<ResponseOf<A>>;
        if (!allowed) {
          this.throttled++;
          this.lastThrottleMs.set(caller.node, this.queue.nowMs);
          result = { ok: false, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' };
        } else {
          result = execute();
        }
        this.record(caller, api, request, result, latency, touches);
        if (!result.ok && result.code === 'RequestLimitExceeded' && n < MAX_ATTEMPTS) {
          // Exponential back-off with full jitter (base 1 s, cap 20 s), as the SDK's standard retryer.
          const backoff = this.random.float() * Math.min(20_000, 1000 * 2 ** (n - 1));
          this.queue.after(backoff, () => attempt(n + 1));
          return;
        }
        this.finish(caller, api, result, this.queue.nowMs - started);
        done(result);
      });
    };
    attempt(1);
  }

  private latency(api: Ec2ApiName): number {
    const [median, spread] = LATENCY_MS[api];
    const jitter = (this.random.float() + this.random.float() - 1) * spread;
    return Math.max(20, Math.round((median + jitter) * this.spec.latencyScale));
  }

  private finish<A extends Ec2ApiName>(caller: Ec2Caller, api: A, result: Ec2Result<unknown>, totalMs: number): void {
    const c = caller.counters;
    const key = `${api}|${result.ok ? 'false' : 'true'}|${result.ok ? 200 : 400}`;
    const lat = (c.awsApiLatency[key] ??= { count: 0, sumMs: 0, samples: [] });
    lat.count++;
    lat.sumMs += totalMs;
    if (lat.samples.length < 500) lat.samples.push(totalMs);
    if (!result.ok) {
      this.errors++;
      c.ec2ApiErrors[api] = (c.ec2ApiErrors[api] ?? 0) + 1;
      const ek = `${api}|${result.code}`;
      c.awsApiErrors[ek] = (c.awsApiErrors[ek] ?? 0) + 1;
    }
  }

  private record<A extends Ec2ApiName>(
    caller: Ec2Caller, api: A, request: RequestOf<A>, result: Ec2Result<ResponseOf<A>>, latencyMs: number, touches: string[],
  ): void {
    const call = { api, request, response: result.ok ? result.value : undefined } as Ec2Call;
    // Draw the ids' randomness now, so a run is the same whether or not records are read.
    const idSeed = this.random.nextU32();
    const timeMs = this.queue.nowMs;
    const makeRecord = (): CloudTrailRecord => {
      const ids = new Random(idSeed);
      const uuid = (v: string) => `${ids.hex(8)}-${ids.hex(4)}-4${ids.hex(3)}-${v}${ids.hex(3)}-${ids.hex(12)}`;
      return toCloudTrailRecord(call, {
        timeMs,
        epochIso: this.context.epochIso,
        region: this.context.region,
        accountId: this.context.accountId,
        instanceId: caller.instanceId,
        sourceIp: caller.sourceIp,
        requestId: uuid('a'),
        eventId: uuid('b'),
        userAgent: caller.userAgent ?? VPC_CNI_USER_AGENT,
        ...(this.context.clusterName !== undefined ? { clusterName: this.context.clusterName } : {}),
        errorCode: result.ok ? undefined : result.code,
        errorMessage: result.ok ? undefined : result.message,
      }, caller.identity);
    };
    this.log({ caller, makeRecord, latencyMs, touches });
  }
}
