import { beforeEach, describe, expect, it } from 'vitest';
import type { ReservationRecord, ReserveOutcome } from '../../src/hotstore/hotstore.js';
import { MemoryHotStore, type ReservationLog } from '../../src/hotstore/memory.js';

/** A reservation log whose appends settle only when the test says so. */
class ControlledLog implements ReservationLog {
  readonly appended: ReservationRecord[] = [];
  private readonly settle = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();

  append(record: ReservationRecord): Promise<void> {
    this.appended.push(record);
    return new Promise((resolve, reject) => this.settle.set(record.orderId, { resolve, reject }));
  }

  durable(orderId: string): void {
    this.settle.get(orderId)!.resolve();
  }

  fail(orderId: string): void {
    this.settle.get(orderId)!.reject(new Error('disk full'));
  }
}

let nextOrder = 1;
function record(fields: Partial<ReservationRecord> = {}): ReservationRecord {
  return {
    orderId: String(nextOrder++),
    userId: 'u1',
    sessionId: 's1',
    itemId: 'i1',
    limitKey: 'item:i1',
    quantity: 1,
    unitPrice: 100,
    idempotencyKey: `key-${nextOrder}`,
    payBefore: 2_000,
    createdAt: 1_000,
    ...fields,
  };
}

function granted(outcome: ReserveOutcome) {
  if (!outcome.ok) throw new Error(`expected a reservation, got ${outcome.code}`);
  return outcome;
}

/** Lets every pending promise callback run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('MemoryHotStore', () => {
  let log: ControlledLog;
  let hot: MemoryHotStore;
  let changes: string[];

  beforeEach(() => {
    log = new ControlledLog();
    hot = new MemoryHotStore(log);
    changes = [];
    hot.onStockChange((itemId) => changes.push(itemId));
    hot.loadStock({ itemId: 'i1', remaining: 5 });
    changes.length = 0;
  });

  it('reserves: takes the units, appends the record and is acknowledged once the log is durable', async () => {
    const attempt = record({ quantity: 2 });
    const outcome = granted(hot.reserve({ record: attempt, perUserLimit: 3 }));
    expect(outcome.replay).toBe(false);
    expect(outcome.record).toEqual(attempt);
    expect(hot.remaining('i1')).toBe(3);
    expect(log.appended).toEqual([attempt]);
    expect(changes).toEqual(['i1']);

    let acknowledged = false;
    void outcome.durable.then(() => (acknowledged = true));
    await settled();
    expect(acknowledged).toBe(false); // not before the log says it is durable
    log.durable(attempt.orderId);
    await settled();
    expect(acknowledged).toBe(true);
  });

  it('refuses beyond the per-user limit without touching the stock', () => {
    granted(hot.reserve({ record: record({ quantity: 2 }), perUserLimit: 2 }));
    changes.length = 0;
    const refused = hot.reserve({ record: record({ quantity: 1 }), perUserLimit: 2 });
    expect(refused).toEqual({ ok: false, code: 'LIMIT_REACHED', remaining: 3 });
    expect(hot.remaining('i1')).toBe(3);
    expect(log.appended).toHaveLength(1);
    expect(changes).toEqual([]);
    // The limit is per shopper: someone else may still buy.
    granted(hot.reserve({ record: record({ userId: 'u2' }), perUserLimit: 2 }));
  });

  it('refuses a single attempt for more than the limit', () => {
    expect(hot.reserve({ record: record({ quantity: 3 }), perUserLimit: 2 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
  });

  it('shares the limit between items under one limit key (same sku in a campaign)', () => {
    hot.loadStock({ itemId: 'i2', remaining: 5 });
    granted(hot.reserve({ record: record({ itemId: 'i1', limitKey: 'c1:sku' }), perUserLimit: 1 }));
    const other = hot.reserve({ record: record({ itemId: 'i2', limitKey: 'c1:sku' }), perUserLimit: 1 });
    expect(other).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
    expect(hot.remaining('i2')).toBe(5);
  });

  it('never sells more than the stock', () => {
    const users = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const outcomes = users.map((userId) => hot.reserve({ record: record({ userId }), perUserLimit: 1 }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    expect(outcomes.slice(5)).toEqual([
      { ok: false, code: 'SOLD_OUT', remaining: 0 },
      { ok: false, code: 'SOLD_OUT', remaining: 0 },
    ]);
    expect(hot.remaining('i1')).toBe(0);
  });

  it('refuses a quantity above what is left and says how much is left', () => {
    granted(hot.reserve({ record: record({ userId: 'a', quantity: 4 }), perUserLimit: 5 }));
    expect(hot.reserve({ record: record({ userId: 'b', quantity: 2 }), perUserLimit: 5 })).toEqual({
      ok: false,
      code: 'SOLD_OUT',
      remaining: 1,
    });
    granted(hot.reserve({ record: record({ userId: 'b', quantity: 1 }), perUserLimit: 5 }));
  });

  it('treats an item it never loaded as sold out', () => {
    expect(hot.remaining('nope')).toBeUndefined();
    expect(hot.reserve({ record: record({ itemId: 'nope' }), perUserLimit: 1 })).toMatchObject({ ok: false, code: 'SOLD_OUT' });
  });

  it('answers a replayed idempotency key with the first order, taking the units once', async () => {
    const first = granted(hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    // The retry carries a fresh order id; the first one must win.
    const again = granted(hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    expect(again.replay).toBe(true);
    expect(again.record.orderId).toBe(first.record.orderId);
    expect(again.durable).toBe(first.durable);
    expect(hot.remaining('i1')).toBe(4);
    expect(log.appended).toHaveLength(1);
    log.durable(first.record.orderId);
    await expect(again.durable).resolves.toBeUndefined();
  });

  it('replays even when the item has since sold out or the limit is used up', () => {
    const first = granted(hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    granted(hot.reserve({ record: record({ userId: 'x', quantity: 4 }), perUserLimit: 4 }));
    expect(hot.remaining('i1')).toBe(0);
    const again = granted(hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    expect(again.record.orderId).toBe(first.record.orderId);
  });

  it('refuses the same key for another quantity or another item: IDEMPOTENCY_KEY_REUSED', () => {
    hot.loadStock({ itemId: 'i2', remaining: 5 });
    granted(hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 5 }));
    expect(hot.reserve({ record: record({ idempotencyKey: 'k', quantity: 2 }), perUserLimit: 5 })).toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(hot.reserve({ record: record({ idempotencyKey: 'k', itemId: 'i2', limitKey: 'item:i2' }), perUserLimit: 5 })).toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(hot.remaining('i1')).toBe(4);
    expect(hot.remaining('i2')).toBe(5);
  });

  it('keeps idempotency keys per shopper', () => {
    const a = granted(hot.reserve({ record: record({ userId: 'a', idempotencyKey: 'same' }), perUserLimit: 1 }));
    const b = granted(hot.reserve({ record: record({ userId: 'b', idempotencyKey: 'same' }), perUserLimit: 1 }));
    expect(b.replay).toBe(false);
    expect(b.record.orderId).not.toBe(a.record.orderId);
    expect(hot.remaining('i1')).toBe(3);
  });

  it('keeps the units and the key of a reservation whose append failed: its write may have landed', async () => {
    const attempt = record({ idempotencyKey: 'k', quantity: 2 });
    const outcome = granted(hot.reserve({ record: attempt, perUserLimit: 2 }));
    expect(hot.remaining('i1')).toBe(3);

    log.fail(attempt.orderId);
    await expect(outcome.durable).rejects.toThrow('disk full');
    await settled();
    // Giving the units back could sell them twice if the write did land: they stay taken.
    expect(hot.remaining('i1')).toBe(3);
    // The same key still names the same order, and says it is not confirmed yet.
    const replay = granted(hot.reserve({ record: record({ idempotencyKey: 'k', quantity: 2 }), perUserLimit: 2 }));
    expect(replay.replay).toBe(true);
    expect(replay.record.orderId).toBe(attempt.orderId);
    await expect(replay.durable).rejects.toThrow('disk full');
    // A new key is a new attempt, and the shopper's limit is taken by the order in doubt.
    expect(hot.reserve({ record: record({ idempotencyKey: 'k2' }), perUserLimit: 2 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
  });

  it('confirms a reservation in doubt once the log has written it: a replay then succeeds', async () => {
    const attempt = record({ idempotencyKey: 'k' });
    const first = granted(hot.reserve({ record: attempt, perUserLimit: 1 }));
    log.fail(attempt.orderId);
    await first.durable.catch(() => {});
    hot.confirm(attempt);
    const replay = granted(hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    expect(replay.record.orderId).toBe(attempt.orderId);
    await expect(replay.durable).resolves.toBeUndefined();
    expect(hot.remaining('i1')).toBe(4);
  });

  it('a replay that arrived while the append was pending learns that it failed', async () => {
    const first = granted(hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    const again = granted(hot.reserve({ record: record({ idempotencyKey: 'k' }), perUserLimit: 1 }));
    log.fail(first.record.orderId);
    await expect(again.durable).rejects.toThrow();
    await settled();
    expect(hot.remaining('i1')).toBe(4);
  });

  it('a failed append leaves other reservations alone', async () => {
    const kept = granted(hot.reserve({ record: record({ userId: 'a' }), perUserLimit: 1 }));
    const lost = granted(hot.reserve({ record: record({ userId: 'b' }), perUserLimit: 1 }));
    log.durable(kept.record.orderId);
    log.fail(lost.record.orderId);
    await lost.durable.catch(() => {});
    await settled();
    expect(hot.remaining('i1')).toBe(3);
    expect(hot.reserve({ record: record({ userId: 'a' }), perUserLimit: 1 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
  });

  it('release puts units back on sale and frees the shopper’s limit', async () => {
    const outcome = granted(hot.reserve({ record: record({ quantity: 2 }), perUserLimit: 2 }));
    log.durable(outcome.record.orderId);
    expect(hot.reserve({ record: record(), perUserLimit: 2 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
    changes.length = 0;

    hot.release({ itemId: 'i1', userId: 'u1', limitKey: 'item:i1', quantity: 2 });
    expect(hot.remaining('i1')).toBe(5);
    expect(changes).toEqual(['i1']);
    granted(hot.reserve({ record: record({ quantity: 2 }), perUserLimit: 2 }));
    expect(hot.remaining('i1')).toBe(3);
  });

  it('rebuilds from loaded holdings and answers', () => {
    hot.loadHolding('item:i1', 'u9', 1);
    expect(hot.reserve({ record: record({ userId: 'u9' }), perUserLimit: 1 })).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
    const old = record({ userId: 'u8', idempotencyKey: 'old' });
    hot.loadAnswer(old);
    const again = granted(hot.reserve({ record: record({ userId: 'u8', idempotencyKey: 'old' }), perUserLimit: 1 }));
    expect(again).toMatchObject({ replay: true, record: old });
    expect(hot.remaining('i1')).toBe(5);
  });
});
