import type { Database } from '../db/database.js';
import type { ReservationRecord } from '../hotstore/hotstore.js';
import type { ReservationLog } from '../hotstore/memory.js';

interface Waiting {
  record: ReservationRecord;
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface GroupCommitOptions {
  /** How long the first reservation of a batch waits for company. */
  intervalMs?: number;
  maxBatch?: number;
  /** Batches written at once: the next batch need not wait for the previous one's answer. */
  maxInFlight?: number;
  /** Quick attempts per batch before its shoppers are told to retry (the batch is then in doubt). */
  attempts?: number;
  onBatch?: (size: number, ms: number) => void;
  /** Records in doubt that were written later, in the background. */
  onLate?: (records: ReservationRecord[]) => void;
}

/**
 * Group commit: reservations wait a few milliseconds, then the whole batch becomes order rows in one
 * multi-row INSERT (one statement, one transaction). Only then are they acknowledged. One write per
 * batch, not per reservation, is what lets PostgreSQL keep up with the hot store; a few batches in
 * flight at once keep the database busy while the answers of the previous batch travel back.
 */
export class GroupCommitter implements ReservationLog {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly writes = new Set<Promise<void>>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private closed = false;
  private readonly intervalMs: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly attempts: number;

  constructor(
    private readonly db: Database,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 2;
    this.maxBatch = options.maxBatch ?? 5000;
    this.maxInFlight = options.maxInFlight ?? 4;
    this.attempts = options.attempts ?? 3;
  }

  append(record: ReservationRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Write everything appended so far (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.writes.size > 0) {
      this.flush();
      await Promise.race(this.writes);
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0 && this.writes.size < this.maxInFlight) {
      const write = this.write(this.queue.splice(0, this.maxBatch)).finally(() => {
        this.writes.delete(write);
        // What arrived meanwhile has already waited: write it now.
        if (this.queue.length > 0) this.flush();
      });
      this.writes.add(write);
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    const started = performance.now();
    const records = batch.map((w) => w.record);
    let lastError: Error | null = null;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        await insertReservations(this.db, records);
        this.options.onBatch?.(batch.length, performance.now() - started);
        for (const w of batch) w.resolve();
        return;
      } catch (error) {
        lastError = error as Error;
        if (attempt < this.attempts) await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
    for (const w of batch) w.reject(lastError ?? new Error('group commit failed'));
    this.retryInBackground(records, 1);
  }

  /**
   * A batch in doubt: a failed write may still have committed, so its units stay taken and the
   * same insert (idempotent: ON CONFLICT DO NOTHING) is retried until the database takes it. A restart
   * settles it too, by rebuilding from what the database holds.
   */
  private retryInBackground(records: ReservationRecord[], attempt: number): void {
    if (this.closed) return;
    const timer = setTimeout(async () => {
      this.retries.delete(timer);
      try {
        await insertReservations(this.db, records);
        this.options.onLate?.(records);
      } catch {
        this.retryInBackground(records, attempt + 1);
      }
    }, Math.min(5000, 100 * 2 ** attempt));
    timer.unref();
    this.retries.add(timer);
  }

  /** Stops background retries (shutdown); what they held is settled by the rebuild on next start. */
  close(): void {
    this.closed = true;
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }
}

/** A PostgreSQL array literal of text values: {"a","b"}. */
function textArray(values: string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (i > 0 ? ',"' : '"') + (v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, '\\$&') : v) + '"';
  }
  return out + '}';
}

/** A PostgreSQL array literal of numbers (or digit strings, such as order ids): {1,2,3}. */
function numberArray(values: (number | string)[]): string {
  return '{' + values.join(',') + '}';
}

/**
 * One statement for the whole batch: each column travels as one array literal and is unnested by
 * PostgreSQL, so the parameters are ten strings however many rows the batch holds.
 */
export async function insertReservations(db: Database, records: ReservationRecord[]): Promise<void> {
  const n = records.length;
  const ids = new Array<string>(n);
  const users = new Array<string>(n);
  const sessionIds = new Array<string>(n);
  const itemIds = new Array<string>(n);
  const limitKeys = new Array<string>(n);
  const quantities = new Array<number>(n);
  const prices = new Array<number>(n);
  const keys = new Array<string>(n);
  const payBefore = new Array<number>(n);
  const createdAt = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const r = records[i];
    ids[i] = r.orderId;
    users[i] = r.userId;
    sessionIds[i] = r.sessionId;
    itemIds[i] = r.itemId;
    limitKeys[i] = r.limitKey;
    quantities[i] = r.quantity;
    prices[i] = r.unitPrice;
    keys[i] = r.idempotencyKey;
    payBefore[i] = r.payBefore;
    createdAt[i] = r.createdAt;
  }
  await db.query(
    `insert into orders (id, user_id, session_id, item_id, limit_key, quantity, unit_price, status,
                         idempotency_key, pay_before, created_at)
     select id, user_id, session_id, item_id, limit_key, quantity, unit_price,
            'reserved', idempotency_key, to_timestamp(pay_before / 1000.0), to_timestamp(created_at / 1000.0)
       from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::int[], $7::int[],
                   $8::text[], $9::float8[], $10::float8[])
         as r(id, user_id, session_id, item_id, limit_key, quantity, unit_price, idempotency_key, pay_before, created_at)
     on conflict (id) do nothing`,
    [
      numberArray(ids),
      numberArray(users),
      numberArray(sessionIds),
      numberArray(itemIds),
      textArray(limitKeys),
      numberArray(quantities),
      numberArray(prices),
      textArray(keys),
      numberArray(payBefore),
      numberArray(createdAt),
    ],
  );
}
