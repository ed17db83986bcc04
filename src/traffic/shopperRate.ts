import type { Clock } from '../clock.js';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per shopper for buy attempts: a shopper (or a script holding their token) gets
 * `perSecond` attempts a second with bursts of `burst`. Synchronous, so it cannot be raced.
 */
export class ShopperRateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.sweep = setInterval(() => this.forgetIdle(), 60_000);
    this.sweep.unref();
  }

  get enabled(): boolean {
    return this.perSecond > 0;
  }

  /** Seconds to wait before the next attempt, or 0 if this one may go ahead. */
  take(shopperId: string): number {
    if (this.perSecond <= 0) return 0;
    const now = this.clock.now();
    const bucket = this.buckets.get(shopperId) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(shopperId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  private forgetIdle(): void {
    const now = this.clock.now();
    for (const [id, bucket] of this.buckets) {
      if (now - bucket.at > (this.burst / this.perSecond) * 1000) this.buckets.delete(id);
    }
  }

  close(): void {
    clearInterval(this.sweep);
  }
}
