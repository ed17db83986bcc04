import type { Clock } from '../clock.js';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key: each key (a shopper's buy attempts, a client's sign-in code requests) gets
 * `perSecond` requests a second with bursts of `burst`; `perSecond` 0 turns it off. Per process, and
 * synchronous, so it cannot be raced.
 */
export class KeyedRateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private readonly sweep: NodeJS.Timeout;
  private readonly burst: number;

  constructor(
    private readonly perSecond: number,
    burst: number,
    private readonly clock: Clock,
  ) {
    // A burst under one would refuse every request for good.
    this.burst = Math.max(1, burst);
    this.sweep = setInterval(() => this.forgetIdle(), 60_000);
    this.sweep.unref();
  }

  get enabled(): boolean {
    return this.perSecond > 0;
  }

  /** Seconds to wait before the next request of this key, or 0 if this one may go ahead. */
  take(key: string): number {
    if (this.perSecond <= 0) return 0;
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  private forgetIdle(): void {
    const now = this.clock.now();
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at > (this.burst / this.perSecond) * 1000) this.buckets.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
