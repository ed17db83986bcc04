import type { RedisClient } from '../hotstore/redisScripts.js';
import { succeedsWithin } from '../settle.js';

type Counts = Map<string, number>;

/** Where the nodes of a scaled deployment add up their counts. */
export interface SharedCounts {
  redis: RedisClient;
  prefix: string;
}

/** Counters live a week in Redis after their last change: long enough for any sale and its review. */
const keepSeconds = 7 * 24 * 3600;

/**
 * Per-session counters for the live dashboard (buy attempts by outcome, page views). Counting is a
 * map update, never I/O: it runs on the hot path. In the scaled deployment each node adds what it
 * counted into one Redis hash per session once a second (HINCRBY), and a read is that hash plus the
 * node's own counts not sent yet, so every node shows the sum over all nodes.
 */
export class LiveCounters {
  /** Embedded: every count. Scaled: the counts not yet added into Redis. */
  private pending = new Map<string, Counts>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly shared: SharedCounts | null,
    private readonly flushMs = 1000,
  ) {}

  count(sessionId: string, field: string, by = 1): void {
    let counts = this.pending.get(sessionId);
    if (!counts) this.pending.set(sessionId, (counts = new Map()));
    counts.set(field, (counts.get(field) ?? 0) + by);
  }

  async read(sessionId: string): Promise<Record<string, number>> {
    const shared = this.shared;
    if (!shared) return Object.fromEntries(this.pending.get(sessionId) ?? []);
    // Counts on their way to Redis are in neither place: wait for them to land. Then the hash is read
    // on the same connection as any later flush, so it never holds counts also taken from `pending`.
    while (this.flushing) await this.flushing;
    const local = new Map(this.pending.get(sessionId) ?? []);
    const stored = await shared.redis.hgetall(this.keyOf(sessionId));
    for (const [field, value] of Object.entries(stored)) local.set(field, (local.get(field) ?? 0) + Number(value));
    return Object.fromEntries(local);
  }

  start(): void {
    if (!this.shared || this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Adds this node's counts into Redis; counts that fail to land are kept for the next try. */
  flush(): Promise<void> {
    const shared = this.shared;
    if (!shared || this.flushing || this.pending.size === 0) return this.flushing ?? Promise.resolve();
    const batch = [...this.pending];
    this.pending = new Map();
    const sends = batch.map(async ([sessionId, counts]) => {
      const key = this.keyOf(sessionId);
      // One key a pipeline: on a Redis Cluster the commands of a pipeline must share a slot.
      const pipeline = shared.redis.pipeline();
      for (const [field, by] of counts) pipeline.hincrby(key, field, by);
      pipeline.expire(key, keepSeconds);
      const results = (await pipeline.exec()) ?? [];
      if (results.length === 0 || results.some(([error]) => error)) throw new Error('counters not added');
    });
    this.flushing = Promise.allSettled(sends).then((outcomes) => {
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'rejected') {
          const [sessionId, counts] = batch[i];
          for (const [field, by] of counts) this.count(sessionId, field, by);
        }
      });
      this.flushing = null;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Twice: the first may only wait for a flush already under way.
    await succeedsWithin(this.flush().then(() => this.flush()), 2_000);
  }

  private keyOf(sessionId: string): string {
    return `${this.shared!.prefix}live:{session:${sessionId}}`;
  }
}
