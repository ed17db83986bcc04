/**
 * The hot store holds what a buy attempt needs in one atomic step: stock left, units each shopper
 * holds per limit key, and the answers already given per idempotency key.
 */

/** A reservation as the hot store appends it to the reservation log; it becomes the order row. */
export interface ReservationRecord {
  orderId: string;
  userId: string;
  sessionId: string;
  itemId: string;
  limitKey: string;
  quantity: number;
  unitPrice: number; // cents
  idempotencyKey: string;
  payBefore: number;
  createdAt: number;
}

export interface StockLoad {
  itemId: string;
  /** The item's limit key (`limitKeyOf`): where a store that shards by it keeps the item's stock. */
  limitKey?: string;
  remaining: number;
}

export type ReserveOutcome =
  | {
      ok: true;
      record: ReservationRecord;
      replay: boolean;
      /** Resolves once the record is durable; rejects if it could not be (the reservation was then undone). */
      durable: Promise<void>;
    }
  | { ok: false; code: 'SOLD_OUT' | 'LIMIT_REACHED' | 'IDEMPOTENCY_KEY_REUSED'; remaining: number };

export interface ReserveAttempt {
  /** The record to append if the attempt wins; its orderId is fresh. */
  record: ReservationRecord;
  perUserLimit: number;
}

/** The part of a released order the hot store needs to put units back. */
export interface Release {
  itemId: string;
  userId: string;
  limitKey: string;
  quantity: number;
}

export interface HotStore {
  /** Set an item's units on sale (before its session opens, or when rebuilding). */
  loadStock(load: StockLoad): void | Promise<void>;
  /** Set how many units a shopper holds under a limit key (rebuilding). */
  loadHolding(limitKey: string, userId: string, units: number): void | Promise<void>;
  /** Remember an answer already given (rebuilding), so a replayed key gets it again. */
  loadAnswer(record: ReservationRecord): void | Promise<void>;
  /**
   * The atomic step: replayed key → the first answer; else limit, stock, decrement, count the
   * shopper, append to the reservation log. A success is acknowledged only once `durable` resolves.
   */
  reserve(attempt: ReserveAttempt): ReserveOutcome | Promise<ReserveOutcome>;
  /** Put a cancelled order's units back on sale and free the shopper's limit. Called once per cancellation. */
  release(release: Release): void | Promise<void>;
  /** The answer already given to this shopper's key, if any: a retry gets it even after the sale closed. */
  recall(userId: string, idempotencyKey: string): ReservationRecord | undefined | Promise<ReservationRecord | undefined>;
  remaining(itemId: string): number | undefined;
  /**
   * False only if the shopper surely holds no units of this sold-out item (so has no answer to replay,
   * and a refusal needs no `recall`). Optional: a store whose `recall` costs nothing leaves it out.
   */
  mayHold?(itemId: string, limitKey: string, userId: string): boolean;
  /** Called (synchronously, coalesce yourself) whenever an item's stock changes. */
  onStockChange(listener: (itemId: string) => void): void;
}
