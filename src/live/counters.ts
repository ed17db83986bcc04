import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RedisClient } from '../hotstore/redisScripts.js';
import { succeedsWithin } from '../settle.js';

type Counts = Map<string, number>;

/** Where the nodes of a scaled deployment add up their counts. */
export interface SharedCounts {
  redis: RedisClient;
  prefix: string;
}

/** A node's counts for one session on their way to Redis, numbered so that a resend is added once. */
interface Batch {
  number: number;
  counts: Counts;
}

interface CountCommands {
  miaoshaAddCounts(counts: string, batches: string, node: string, batch: number, keepSeconds: number, ...fieldsAndDeltas: (string | number)[]): Promise<number>;
}

const addCounts = { numberOfKeys: 2, lua: readFileSync(new URL('./lua/add_counts.lua', import.meta.url), 'utf8') };

/** Counters live a week in Redis after their last change: long enough for any sale and its review. */
const keepSeconds = 7 * 24 * 3600;

function addInto(into: Counts, counts: Iterable<[string, number]>): void {
  for (const [field, by] of counts) into.set(field, (into.get(field) ?? 0) + by);
}

/**
 * Per-session counters for the live dashboard (buy attempts by outcome, page views). Counting is a
 * map update, never I/O: it runs on the hot path. In the scaled deployment each node adds what it
 * counted into one Redis hash per session once a second (add_counts.lua), and a read is that hash plus
 * the node's own counts not in it yet, so every node shows the sum over all nodes.
 *
 * A batch that fails, or whose reply is lost, is sent again as it was, with its number: the script
 * adds a number once, so counts are neither dropped nor added twice. Counts made meanwhile wait for
 * the next batch.
 */
export class LiveCounters {
  /** Embedded: every count. Scaled: counts not yet put in a batch. */
  private readonly pending = new Map<string, Counts>();
  /** Scaled: per session, the batch sent but not known to have landed. */
  private readonly unsent = new Map<string, Batch>();
  private readonly node = randomBytes(9).toString('base64url');
  private batches = 0;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly redis: (RedisClient & CountCommands) | null;

  constructor(
    private readonly shared: SharedCounts | null,
    private readonly flushMs = 1000,
  ) {
    shared?.redis.defineCommand('miaoshaAddCounts', addCounts);
    this.redis = shared ? (shared.redis as RedisClient & CountCommands) : null;
  }

  count(sessionId: string, field: string, by = 1): void {
    let counts = this.pending.get(sessionId);
    if (!counts) this.pending.set(sessionId, (counts = new Map()));
    counts.set(field, (counts.get(field) ?? 0) + by);
  }

  async read(sessionId: string): Promise<Record<string, number>> {
    const redis = this.redis;
    if (!redis) return Object.fromEntries(this.pending.get(sessionId) ?? []);
    // The hash and the number of this node's last batch in it, as of one moment (one slot, MULTI).
    const replies = await redis.multi().hgetall(this.keyOf(sessionId)).hget(this.batchesKeyOf(sessionId), this.node).exec();
    const [[hashError, stored], [numberError, landed]] = replies ?? [[new Error('no reply')], [null]];
    if (hashError || numberError) throw hashError ?? numberError;
    const total: Counts = new Map();
    addInto(total, Object.entries(stored as Record<string, string>).map(([field, value]) => [field, Number(value)]));
    // Ours not in the hash as of that moment: a batch on its way (a later number), and what is pending.
    const batch = this.unsent.get(sessionId);
    if (batch && batch.number > Number(landed ?? 0)) addInto(total, batch.counts);
    addInto(total, this.pending.get(sessionId) ?? []);
    return Object.fromEntries(total);
  }

  start(): void {
    if (!this.shared || this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  /** Adds this node's counts into Redis; a batch that does not surely land is sent again next time. */
  flush(): Promise<void> {
    const redis = this.redis;
    if (!redis || this.flushing) return this.flushing ?? Promise.resolve();
    // A session with a batch still unsent keeps its new counts pending: a resend must be the same batch.
    for (const [sessionId, counts] of this.pending) {
      if (this.unsent.has(sessionId)) continue;
      this.unsent.set(sessionId, { number: ++this.batches, counts });
      this.pending.delete(sessionId);
    }
    if (this.unsent.size === 0) return Promise.resolve();
    const sends = [...this.unsent].map(async ([sessionId, batch]) => {
      const fields = [...batch.counts].flat();
      await redis.miaoshaAddCounts(this.keyOf(sessionId), this.batchesKeyOf(sessionId), this.node, batch.number, keepSeconds, ...fields);
      this.unsent.delete(sessionId);
    });
    this.flushing = Promise.allSettled(sends).then(() => {
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

  private batchesKeyOf(sessionId: string): string {
    return `${this.keyOf(sessionId)}:batches`;
  }
}
