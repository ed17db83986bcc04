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
  /** Attempts per batch before its reservations are refused (and undone). */
  attempts?: number;
  onBatch?: (size: number, ms: number) => void;
}

/**
 * Group commit: reservations wait a few milliseconds, then the whole batch becomes order rows in one
 * multi-row INSERT and one transaction. Only then are they acknowledged. One write per batch, not
 * per reservation, is what lets an in-process PostgreSQL keep up with the hot store.
 */
export class GroupCommitter implements ReservationLog {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private readonly intervalMs: number;
  private readonly maxBatch: number;
  private readonly attempts: number;

  constructor(
    private readonly db: Database,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 2;
    this.maxBatch = options.maxBatch ?? 5000;
    this.attempts = options.attempts ?? 3;
  }

  append(record: ReservationRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.schedule();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Write everything appended so far (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.writing) {
      if (this.writing) await this.writing;
      else await this.flush();
    }
  }

  private schedule(): void {
    if (this.timer || this.writing) return; // the running write reschedules when it ends
    this.timer = setTimeout(() => void this.flush(), this.intervalMs);
  }

  private flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.queue.length === 0) return this.writing ?? Promise.resolve();
    const batch = this.queue.splice(0, this.maxBatch);
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      if (this.queue.length > 0) this.schedule();
    });
    return this.writing;
  }

  private async write(batch: Waiting[]): Promise<void> {
    const started = performance.now();
    let lastError: Error | null = null;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        await insertReservations(this.db, batch.map((w) => w.record));
        this.options.onBatch?.(batch.length, performance.now() - started);
        for (const w of batch) w.resolve();
        return;
      } catch (error) {
        lastError = error as Error;
        await new Promise((r) => setTimeout(r, 20 * attempt));
      }
    }
    for (const w of batch) w.reject(lastError ?? new Error('group commit failed'));
  }
}

/** One statement for the whole batch: columns travel as arrays and are unnested server-side. */
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
     select id::bigint, user_id::bigint, session_id::bigint, item_id::bigint, limit_key, quantity, unit_price,
            'reserved', idempotency_key, to_timestamp(pay_before / 1000.0), to_timestamp(created_at / 1000.0)
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[],
                   $8::text[], $9::float8[], $10::float8[])
         as r(id, user_id, session_id, item_id, limit_key, quantity, unit_price, idempotency_key, pay_before, created_at)
     on conflict (id) do nothing`,
    [ids, users, sessionIds, itemIds, limitKeys, quantities, prices, keys, payBefore, createdAt],
  );
}
