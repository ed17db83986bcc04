import type { HotStore, Release, ReservationRecord, ReserveAttempt, ReserveOutcome, StockLoad } from './hotstore.js';

/**
 * Where the in-memory hot store appends reservations. `append` resolves when the record is durable
 * and rejects when it could not be made durable in time; such a record is in doubt (its write may have
 * landed) and the log keeps writing it until it does, then reports it through `confirm`.
 */
export interface ReservationLog {
  append(record: ReservationRecord): Promise<void>;
}

interface Answer {
  record: ReservationRecord;
  durable: Promise<void>;
}

/**
 * The embedded hot store. Every method is synchronous, so a buy attempt is one uninterrupted step on
 * the event loop: nothing can run between the stock check and the decrement.
 */
export class MemoryHotStore implements HotStore {
  private readonly stock = new Map<string, number>();
  private readonly holdings = new Map<string, number>(); // limitKey \0 userId → units held
  private readonly answers = new Map<string, Answer>(); // userId \0 idempotencyKey → first answer
  private readonly listeners: ((itemId: string) => void)[] = [];

  constructor(private readonly log: ReservationLog) {}

  loadStock(load: StockLoad): void {
    this.stock.set(load.itemId, load.remaining);
    this.changed(load.itemId);
  }

  loadHolding(limitKey: string, userId: string, units: number): void {
    this.holdings.set(`${limitKey}\0${userId}`, units);
  }

  loadAnswer(record: ReservationRecord): void {
    const answer = { record, durable: Promise.resolve() };
    this.answers.set(`${record.userId}\0${record.idempotencyKey}`, answer);
  }

  reserve({ record, perUserLimit }: ReserveAttempt): ReserveOutcome {
    const answerKey = `${record.userId}\0${record.idempotencyKey}`;
    const previous = this.answers.get(answerKey);
    const left = this.stock.get(record.itemId) ?? 0;
    if (previous) {
      const same = previous.record.itemId === record.itemId && previous.record.quantity === record.quantity;
      if (!same) return { ok: false, code: 'IDEMPOTENCY_KEY_REUSED', remaining: left };
      return { ok: true, record: previous.record, replay: true, durable: previous.durable };
    }
    const holdingKey = `${record.limitKey}\0${record.userId}`;
    const held = this.holdings.get(holdingKey) ?? 0;
    if (held + record.quantity > perUserLimit) return { ok: false, code: 'LIMIT_REACHED', remaining: left };
    if (left < record.quantity) return { ok: false, code: 'SOLD_OUT', remaining: left };

    this.stock.set(record.itemId, left - record.quantity);
    this.holdings.set(holdingKey, held + record.quantity);
    const durable = this.log.append(record);
    // A reservation not durable in time keeps its units and its key: its write may have landed, and
    // giving the units back could sell them twice. The shopper is told to retry with the same key,
    // which succeeds once the log has written the record (confirm).
    durable.catch(() => {});
    this.answers.set(answerKey, { record, durable });
    this.changed(record.itemId);
    return { ok: true, record, replay: false, durable };
  }

  /** A reservation in doubt was written after all: a replay of its key now gets its answer. */
  confirm(record: ReservationRecord): void {
    const answer = this.answers.get(`${record.userId}\0${record.idempotencyKey}`);
    if (answer && answer.record.orderId === record.orderId) answer.durable = Promise.resolve();
  }

  release(release: Release): void {
    this.putBack(release);
  }

  private putBack({ itemId, userId, limitKey, quantity }: Release): void {
    this.stock.set(itemId, (this.stock.get(itemId) ?? 0) + quantity);
    const holdingKey = `${limitKey}\0${userId}`;
    const held = (this.holdings.get(holdingKey) ?? 0) - quantity;
    if (held > 0) this.holdings.set(holdingKey, held);
    else this.holdings.delete(holdingKey);
    this.changed(itemId);
  }

  recall(userId: string, idempotencyKey: string): ReservationRecord | undefined {
    return this.answers.get(`${userId}\0${idempotencyKey}`)?.record;
  }

  remaining(itemId: string): number | undefined {
    return this.stock.get(itemId);
  }

  onStockChange(listener: (itemId: string) => void): void {
    this.listeners.push(listener);
  }

  private changed(itemId: string): void {
    for (const listener of this.listeners) listener(itemId);
  }
}
