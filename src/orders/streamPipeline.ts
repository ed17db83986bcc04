import type { Database } from '../db/database.js';
import { succeedsWithin } from '../settle.js';
import type { ReservationRecord } from '../hotstore/hotstore.js';
import type { RedisClient } from '../hotstore/redisScripts.js';
import { insertReservations } from './groupCommit.js';
import { entriesOfClaim, entriesOfRead, isRowError, readReservation, redisErrorIs, type StreamEntry } from './reservationEntries.js';

export interface StreamPipelineOptions {
  /** The reservation streams to drain (`keys.limit(limitKey).reservations` of the items on sale). */
  streams: () => string[];
  /** Consumer group; default `orders`. The streams belong to it: written entries are deleted. */
  group?: string;
  /** Unique per process: entries delivered to it stay its own until acknowledged or claimed. */
  consumer: string;
  /** Entries read (and claimed) per stream per pass, written in one statement; default 500. */
  batch?: number;
  /**
   * How long an idle loop waits before looking again; default 50. (No XREADGROUP BLOCK: it would hold
   * a connection the hot store may share, and a cluster cannot block on streams in several slots.)
   */
  blockMs?: number;
  /** An entry pending this long at another consumer is taken over; default 30000. */
  claimIdleMs?: number;
  /** An entry whose insert still fails after this many deliveries is dead-lettered; default 5. */
  maxDeliveries?: number;
  /** Where a stream's poison entries go; default `${key}:dead`. Must keep the key's hash tag (one MULTI). */
  deadLetter?: (streamKey: string) => string;
  /** A poison entry was set aside: raise an alert. */
  onDeadLetter?: (entry: DeadLetter) => void;
  /** A stream's batch was written and acknowledged (metrics). */
  onBatch?: (streamKey: string, size: number, ms: number) => void;
  /** A pass failed on a stream (the loop goes on, backing off); the entries stay pending. */
  onError?: (error: unknown) => void;
}

export interface DeadLetter {
  stream: string;
  id: string;
  fields: string[];
  reason: string;
  /** Deliveries so far; null for an entry refused at first sight (it cannot be decoded). */
  deliveries: number | null;
  deadLetterStream: string;
}

/** The database is down, or the orders table unusable: nothing is the entries' fault. */
export class OrdersUnavailable extends Error {
  constructor(cause: unknown) {
    super(`orders cannot be written: ${(cause as Error)?.message ?? cause}`, { cause });
  }
}

interface Decoded {
  id: string;
  fields: string[];
  record: ReservationRecord;
}

/**
 * The scaled deployment's order pipeline: reservation records that reserve.lua appended to the
 * per-limit-key streams become order rows, a batch per stream in one idempotent INSERT (the order
 * id is the key, ON CONFLICT DO NOTHING), through a Redis consumer group so any node can consume.
 *
 * - An entry is acknowledged only after its row committed, and deleted in the same MULTI: the stream
 *   holds exactly the entries not yet written, whatever the number of consumers, and Redis frees a
 *   stream node once all its entries are gone. (Trimming by MINID instead would need the group's
 *   oldest pending id and last-delivered id, and one slow entry would hold back everything after it.)
 * - Entries a dead consumer left pending are taken over by XAUTOCLAIM; a second write is harmless.
 * - A batch whose insert fails is retried row by row, so one poison entry cannot hold back the rest.
 *   A row the database refuses while it is otherwise working goes, after `maxDeliveries` deliveries,
 *   to a dead-letter stream with an alert. When the database is down nothing is blamed on the rows:
 *   everything stays pending and is written once it is back.
 */
export class StreamPipeline {
  private readonly group: string;
  private readonly batch: number;
  private readonly idleMs: number;
  private readonly claimIdleMs: number;
  private readonly maxDeliveries: number;
  private readonly deadLetterOf: (streamKey: string) => string;
  private readonly grouped = new Set<string>(); // streams whose group exists
  private readonly clean = new Set<string>(); // streams where this consumer holds nothing pending
  private readonly claimCursor = new Map<string, string>();
  private readonly claimDue = new Map<string, number>();
  private turn: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly db: Database,
    private readonly options: StreamPipelineOptions,
  ) {
    if (!options.consumer) throw new Error('a stream pipeline needs a consumer name unique to its process');
    this.group = options.group ?? 'orders';
    this.batch = options.batch ?? 500;
    this.idleMs = options.blockMs ?? 50;
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
    this.maxDeliveries = options.maxDeliveries ?? 5;
    this.deadLetterOf = options.deadLetter ?? ((key) => `${key}:dead`);
  }

  /** Drains in a loop until `stop()`: at once while there is work, after a pause when idle, backing off on errors. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    // A pass stuck on a store that no longer answers must not hold up a shutdown: what it read stays
    // pending, and another consumer claims it.
    if (this.loop) await succeedsWithin(this.loop, 5_000);
    this.loop = null;
    this.stopping = false; // drainOnce still works after a stop
  }

  /** One pass over every stream; the entries written. Throws if a stream failed (its entries stay pending). */
  async drainOnce(): Promise<number> {
    const { written, errors } = await this.inTurn(() => this.pass());
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} reservation streams failed`);
    return written;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const { written, errors } = await this.inTurn(() => this.pass());
      for (const error of errors) this.options.onError?.(error);
      failures = errors.length > 0 && written === 0 ? failures + 1 : 0;
      if (this.stopping) continue; // stop() came during the pass
      if (written >= this.batch / 10) continue; // a good batch: more may be waiting
      // A trickle: let a few more reservations gather, so a batch is one INSERT for many, not for one.
      await this.pause(written > 0 ? 5 : failures > 0 ? Math.min(5_000, 100 * 2 ** failures) : this.idleMs);
    }
  }

  /** Passes never overlap: two at once would retry this consumer's pending entries twice. */
  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.turn.then(work);
    this.turn = next.catch(() => {});
    return next;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async pass(): Promise<{ written: number; errors: unknown[] }> {
    let written = 0;
    const errors: unknown[] = [];
    let streams: string[];
    try {
      streams = [...new Set(this.options.streams())];
    } catch (error) {
      return { written, errors: [error] };
    }
    for (const key of streams) {
      if (this.stopping) break;
      try {
        written += await this.drainStream(key);
      } catch (error) {
        // A read whose reply was lost (Redis died after running it) left entries pending at this very
        // consumer: look at its own pending entries again next pass rather than wait for a claim.
        this.clean.delete(key);
        if (redisErrorIs(error, 'NOGROUP')) this.grouped.delete(key); // the stream was deleted: recreate next pass
        errors.push(error);
        if (error instanceof OrdersUnavailable) break; // the database is shared: no point trying the others
      }
    }
    return { written, errors };
  }

  private async drainStream(key: string): Promise<number> {
    await this.ensureGroup(key);
    let written = 0;
    if (!this.clean.has(key)) written += await this.retryOwn(key);
    written += await this.claimIdle(key);
    const fresh = entriesOfRead(await this.redis.xreadgroup('GROUP', this.group, this.options.consumer, 'COUNT', this.batch, 'STREAMS', key, '>'));
    return written + (await this.deliver(key, fresh));
  }

  /** From 0: the group sees everything ever appended, including what came before the group. */
  private async ensureGroup(key: string): Promise<void> {
    if (this.grouped.has(key)) return;
    try {
      await this.redis.xgroup('CREATE', key, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!redisErrorIs(error, 'BUSYGROUP')) throw error;
    }
    this.grouped.add(key);
  }

  /** This consumer's own pending entries: a failed write earlier, or a restart under the same name. */
  private async retryOwn(key: string): Promise<number> {
    const own = entriesOfRead(await this.redis.xreadgroup('GROUP', this.group, this.options.consumer, 'COUNT', this.batch, 'STREAMS', key, '0'));
    if (own.length < this.batch) this.clean.add(key); // deliver() takes it back if anything is left
    return this.deliver(key, own);
  }

  /**
   * Takes over entries idle at other consumers (a dead process). The cursor walks the pending list
   * across passes; a full walk is repeated no sooner than half of claimIdleMs, since nothing can
   * become claimable faster.
   */
  private async claimIdle(key: string): Promise<number> {
    const now = Date.now();
    if (now < (this.claimDue.get(key) ?? 0)) return 0;
    const start = this.claimCursor.get(key) ?? '0-0';
    const reply = await this.redis.xautoclaim(key, this.group, this.options.consumer, this.claimIdleMs, start, 'COUNT', this.batch);
    const { cursor, entries } = entriesOfClaim(reply);
    if (cursor === '0-0') {
      this.claimCursor.delete(key);
      this.claimDue.set(key, now + this.claimIdleMs / 2);
    } else {
      this.claimCursor.set(key, cursor);
    }
    return this.deliver(key, entries);
  }

  /** Writes entries delivered to this consumer and acknowledges what was written; the rest stays pending. */
  private async deliver(key: string, entries: StreamEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    let settled = false;
    try {
      const started = performance.now();
      const decoded: Decoded[] = [];
      const gone: string[] = [];
      for (const { id, fields } of entries) {
        // Deleted while pending: only a written entry is deleted, so there is nothing to write.
        if (fields === null) gone.push(id);
        else {
          try {
            decoded.push({ id, fields, record: readReservation(fields) });
          } catch (error) {
            await this.bury(key, id, fields, `undecodable: ${(error as Error).message}`, null);
          }
        }
      }
      if (gone.length > 0) await this.acknowledge(key, gone);

      const { written, settledAll, down } = await this.write(key, decoded);
      if (written.length > 0) {
        await this.acknowledge(key, written);
        this.options.onBatch?.(key, written.length, performance.now() - started);
      }
      if (down) throw down;
      settled = settledAll;
      return written.length;
    } finally {
      if (!settled) this.clean.delete(key);
    }
  }

  /**
   * One statement for the batch. If it fails, row by row so the good rows land: a row that fails while
   * the database answers is to blame, and once delivered maxDeliveries times it is dead-lettered. If
   * the database does not answer, stop there: every entry not yet written stays pending.
   */
  private async write(key: string, decoded: Decoded[]): Promise<{ written: string[]; settledAll: boolean; down?: OrdersUnavailable }> {
    if (decoded.length === 0) return { written: [], settledAll: true };
    try {
      await insertReservations(this.db, decoded.map((d) => d.record));
      return { written: decoded.map((d) => d.id), settledAll: true };
    } catch {
      // Fall through: find the rows that can be written.
    }
    const written: string[] = [];
    const blamed: { entry: Decoded; error: unknown }[] = [];
    for (const entry of decoded) {
      try {
        await insertReservations(this.db, [entry.record]);
        written.push(entry.id);
      } catch (error) {
        if (isRowError(error) || (await this.ordersAnswer())) blamed.push({ entry, error });
        else return { written, settledAll: false, down: new OrdersUnavailable(error) };
      }
    }
    let buried = 0;
    for (const { entry, error } of blamed) {
      const deliveries = await this.deliveries(key, entry.id);
      if (deliveries < this.maxDeliveries) continue; // retried on a later pass
      await this.bury(key, entry.id, entry.fields, `insert failed ${deliveries} times: ${(error as Error)?.message ?? error}`, deliveries);
      buried++;
    }
    return { written, settledAll: written.length + buried === decoded.length };
  }

  /** Is the orders table there and answering? If not, a failed row is not the row's fault. */
  private async ordersAnswer(): Promise<boolean> {
    try {
      await this.db.query('select 1 from orders limit 0');
      return true;
    } catch {
      return false;
    }
  }

  /** How often the group has delivered the entry (XPENDING's extended form). */
  private async deliveries(key: string, id: string): Promise<number> {
    const [row] = (await this.redis.xpending(key, this.group, id, id, 1)) as [string, string, number, number][];
    return row ? Number(row[3]) : 0;
  }

  /** Acknowledged and deleted at once: an entry is never acknowledged yet left to take memory. */
  private async acknowledge(key: string, ids: string[]): Promise<void> {
    await this.redis.multi().xack(key, this.group, ...ids).xdel(key, ...ids).exec().then(failedIn);
  }

  /** A poison entry: copied to the dead letters, acknowledged and deleted in one MULTI, then reported. */
  private async bury(key: string, id: string, fields: string[], reason: string, deliveries: number | null): Promise<void> {
    const deadLetterStream = this.deadLetterOf(key);
    const letter = ['stream', key, 'id', id, 'reason', reason, 'deliveries', String(deliveries ?? ''), 'fields', JSON.stringify(fields)];
    await this.redis
      .multi()
      .xadd(deadLetterStream, '*', ...letter)
      .xack(key, this.group, id)
      .xdel(key, id)
      .exec()
      .then(failedIn);
    try {
      this.options.onDeadLetter?.({ stream: key, id, fields, reason, deliveries, deadLetterStream });
    } catch {
      // An alert that fails must not stop the orders.
    }
  }
}

/** EXEC answers each command's error in place instead of rejecting. */
function failedIn(results: [Error | null, unknown][] | null): void {
  if (results === null) throw new Error('MULTI was discarded');
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
}
