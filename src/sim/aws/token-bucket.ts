/**
 * EC2's request token bucket (one per account, region and action category): each call
 * takes a token; tokens refill at a fixed rate up to the bucket's capacity; a call that
 * finds the bucket empty fails with RequestLimitExceeded.
 */
import type { TokenBucketSpec } from '../spec.ts';

export class TokenBucket {
  private tokens: number;
  private lastMs = 0;

  constructor(private readonly spec: TokenBucketSpec) {
    this.tokens = spec.capacity;
  }

  /** Takes one token at nowMs; false when the bucket is empty (the call is throttled). */
  take(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  level(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens;
  }

  private refill(nowMs: number): void {
    if (nowMs > this.lastMs) {
      this.tokens = Math.min(this.spec.capacity, this.tokens + ((nowMs - this.lastMs) / 1000) * this.spec.refillPerSecond);
      this.lastMs = nowMs;
    }
  }
}
